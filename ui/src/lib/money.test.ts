// Money formatting: exact text in, exact text out, never through a float.
import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatWithCode,
  isNegative,
  isZero,
  parseAmount,
  typedAmount,
  typedAmountIn,
  zero,
} from './money';

const cny = (amount: string) => ({ amount, currency: 'CNY' });

describe('money formatting', () => {
  it('groups thousands and keeps every digit of a huge amount exactly', () => {
    expect(formatMoney(cny('12345678901234.56'))).toBe('¥12,345,678,901,234.56');
  });

  it('keeps digits that a float would lose', () => {
    expect(formatMoney(cny('90071992547409931.99'))).toBe('¥90,071,992,547,409,931.99');
    expect(formatMoney(cny('0.30'))).toBe('¥0.30');
  });

  it('puts the minus sign before the currency symbol', () => {
    expect(formatMoney(cny('-1234.50'))).toBe('-¥1,234.50');
  });

  it('shows yen without decimals, as the backend sends them', () => {
    expect(formatMoney({ amount: '1000', currency: 'JPY' })).toBe('JP¥1,000');
    expect(formatMoney({ amount: '-18000', currency: 'JPY' })).toBe('-JP¥18,000');
  });

  it('uses the symbols for dollars and euros and the code for other currencies', () => {
    expect(formatMoney({ amount: '12.00', currency: 'USD' })).toBe('$12.00');
    expect(formatMoney({ amount: '9.99', currency: 'EUR' })).toBe('€9.99');
    expect(formatMoney({ amount: '1.234', currency: 'KWD' })).toBe('KWD 1.234');
  });

  it('groups the same way in Chinese and in English', () => {
    expect(formatMoney(cny('1234567.89'), { language: 'zh-CN' })).toBe('¥1,234,567.89');
    expect(formatMoney(cny('1234567.89'), { language: 'en' })).toBe('¥1,234,567.89');
  });

  it('marks income with a plus when asked and never signs zero', () => {
    expect(formatMoney({ amount: '0.10', currency: 'USD' }, { signed: true })).toBe('+$0.10');
    expect(formatMoney({ amount: '-0.00', currency: 'USD' }, { signed: true })).toBe('$0.00');
    expect(formatMoney({ amount: '0', currency: 'JPY' }, { signed: true })).toBe('JP¥0');
  });

  it('drops the sign for an absolute amount such as what is owed', () => {
    expect(formatMoney(cny('-3200.00'), { absolute: true })).toBe('¥3,200.00');
  });

  it('shows an original amount with its currency code and no sign', () => {
    expect(formatWithCode({ amount: '-12.00', currency: 'USD' })).toBe('USD 12.00');
    expect(formatWithCode({ amount: '-18000', currency: 'JPY' })).toBe('JPY 18,000');
  });

  it('shows text that is not a decimal as it came rather than guessing', () => {
    expect(formatMoney(cny('abc'))).toBe('CNY abc');
    expect(parseAmount('1e5')).toBeNull();
  });

  it('reads the sign from the text, not from a number', () => {
    expect(isNegative(cny('-0.01'))).toBe(true);
    expect(isNegative(cny('-0.00'))).toBe(false);
    expect(isZero(cny('000.000'))).toBe(true);
    expect(parseAmount('+0042.10')).toEqual({ negative: false, whole: '42', fraction: '10' });
  });

  it('reads a typed amount as a decimal string, without ever making it a number', () => {
    expect(typedAmount(' 1,200.50 ')).toBe('1200.50');
    expect(typedAmount('90071992547409931.99')).toBe('90071992547409931.99');
    expect(typedAmount('0.00')).toBeNull();
    expect(typedAmount('-5')).toBeNull();
    expect(typedAmount('12abc')).toBeNull();
    expect(typedAmount('')).toBeNull();
  });

  it('writes a zero fee in the currency’s minor units', () => {
    expect(formatMoney(zero('CNY'))).toBe('¥0.00');
    expect(formatMoney(zero('JPY'))).toBe('JP¥0');
  });

  it('refuses a typed amount with more decimals than its currency has', () => {
    expect(typedAmountIn('2,500.50', 'CNY')).toBe('2500.50');
    expect(typedAmountIn('3000', 'CNY')).toBe('3000');
    expect(typedAmountIn('12.345', 'CNY')).toBeNull();
    expect(typedAmountIn('1000', 'JPY')).toBe('1000');
    expect(typedAmountIn('100.5', 'JPY')).toBeNull();
    expect(typedAmountIn('abc', 'CNY')).toBeNull();
  });
});
