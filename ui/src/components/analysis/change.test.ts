// The month-on-month change is exact: BigInt minor units and a percent rounded half away from zero.
import { describe, expect, it } from 'vitest';
import { change } from './change';

const cny = (amount: string) => ({ amount, currency: 'CNY' });

describe('the change of a figure', () => {
  it('is the exact difference, at the finer of the two scales', () => {
    expect(change(cny('1234.56'), cny('1000'))?.amount).toEqual(cny('234.56'));
    expect(change(cny('0.1'), cny('0.30'))?.amount).toEqual(cny('-0.20'));
    expect(change(cny('12345678901234.56'), cny('0.01'))?.amount).toEqual(cny('12345678901234.55'));
  });

  it('has a percent of the earlier figure with one decimal and a sign', () => {
    expect(change(cny('110.00'), cny('100.00'))?.percent).toBe('+10.0');
    expect(change(cny('90.00'), cny('100.00'))?.percent).toBe('-10.0');
    expect(change(cny('100.00'), cny('300.00'))?.percent).toBe('-66.7');
    expect(change(cny('100.05'), cny('100.00'))?.percent).toBe('+0.1');
    expect(change(cny('100.00'), cny('100.00'))?.percent).toBe('+0.0');
  });

  it('measures against the size of a negative earlier figure', () => {
    expect(change(cny('-50.00'), cny('-100.00'))?.percent).toBe('+50.0');
  });

  it('has no percent against zero, and nothing across currencies', () => {
    expect(change(cny('10.00'), cny('0.00'))).toEqual({ amount: cny('10.00'), percent: null });
    expect(change(cny('10.00'), { amount: '1.00', currency: 'USD' })).toBeNull();
  });
});
