// Every reason the risk checks can give, as the sentence the confirmation sheet shows, in both languages.
import { describe, expect, it } from 'vitest';
import { riskReasonText } from './risk';
import type { RiskReasonDto } from './ipc';

const cny = (amount: string) => ({ amount, currency: 'CNY' });

const every: RiskReasonDto[] = [
  { kind: 'overPaymentLimit', limit: cny('50000.00') },
  { kind: 'overDailyLimit', limit: cny('100000.00'), spentToday: cny('95000.00') },
  { kind: 'farAboveUsual', usual: cny('38.00'), times: 12, comparedWith: 'payee' },
  { kind: 'farAboveUsual', usual: cny('200.00'), times: 5, comparedWith: 'category' },
  { kind: 'newPayee' },
  { kind: 'manyPaymentsInShortTime', count: 3, minutes: 10 },
  { kind: 'nightTime', hour: 2 },
  { kind: 'foreignCurrency', currency: 'USD' },
  { kind: 'foreignCountry' },
  { kind: 'closeToDailyLimit', limit: cny('100000.00'), leftAfter: cny('8000.00') },
];

describe('risk reasons', () => {
  it('reads every reason as an English sentence with its amounts formatted', () => {
    expect(every.map((reason) => riskReasonText(reason, 'en'))).toEqual([
      'It is over your per-payment limit of ¥50,000.00.',
      'It would take today’s payments over your daily limit of ¥100,000.00 (¥95,000.00 paid today).',
      'It is 12 times what you usually pay this payee (¥38.00).',
      'It is 5 times what you usually spend on this kind of payment (¥200.00).',
      'You have never paid this payee before.',
      'You have made 3 payments in the last 10 minutes.',
      'It is the middle of the night (02:00).',
      'It is in a foreign currency (USD).',
      'The payee is in another country.',
      'After it, only ¥8,000.00 of your daily limit of ¥100,000.00 is left.',
    ]);
  });

  it('reads every reason as a Chinese sentence', () => {
    expect(every.map((reason) => riskReasonText(reason, 'zh-CN'))).toEqual([
      '超出您的单笔限额 ¥50,000.00。',
      '将使今日付款超出每日限额 ¥100,000.00（今日已付 ¥95,000.00）。',
      '金额是您平时付给该收款人的 12 倍（平时约 ¥38.00）。',
      '金额是您同类消费平时的 5 倍（平时约 ¥200.00）。',
      '您从未向该收款人付过款。',
      '您在最近 10 分钟内已付款 3 笔。',
      '当前为深夜时段（02:00）。',
      '这是一笔外币付款（USD）。',
      '收款方位于境外。',
      '本笔付款后，每日限额 ¥100,000.00 仅剩 ¥8,000.00。',
    ]);
  });
});
