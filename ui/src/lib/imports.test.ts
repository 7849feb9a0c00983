// What the import screen makes of the backend's formats and refusals.
import { describe, expect, it } from 'vitest';
import { asksForDateOrder, formatKey, withoutNothingImported } from './imports';

describe('imports', () => {
  it('names every format the backend reads, and leaves an unknown one to be shown as it is', () => {
    for (const format of [
      'alipayCurrent',
      'alipay2021',
      'alipayLegacy',
      'weChatCsv',
      'weChatXlsx',
      'jdPay',
      'meituan',
      'icbcDebit',
      'icbcCredit',
      'cmbDebit',
      'cmbCredit',
      'bocDebit',
      'ofx',
      'camt053',
      'mt940',
      'qif',
    ]) {
      expect(formatKey(format), format).toBe(`importFormat_${format}`);
    }
    expect(formatKey('toString')).toBeNull();
    expect(formatKey('someNewBank')).toBeNull();
  });

  it('tells a QIF file waiting for its date order from a broken file', () => {
    const qif =
      'a.qif: QIF does not say how its dates are written: choose day/month/year. Nothing was imported.';
    expect(asksForDateOrder({ code: 'dateOrderNeeded', message: qif })).toBe(true);
    expect(
      asksForDateOrder({ code: 'invalidInput', message: 'a.qif: line 4: no date. Nothing was imported.' }),
    ).toBe(false);
    expect(asksForDateOrder(new Error(qif))).toBe(false);
  });

  it('drops the backend’s closing sentence, which the screen says in the user’s language', () => {
    expect(withoutNothingImported('b.csv: line 18: not a number. Nothing was imported.')).toBe(
      'b.csv: line 18: not a number.',
    );
    expect(withoutNothingImported('Choose an account in USD.')).toBe('Choose an account in USD.');
  });
});
