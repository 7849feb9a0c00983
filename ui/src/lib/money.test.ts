import { describe, expect, it } from 'vitest';
import { formatMoney, negate } from './money';

describe('money formatting', () => {
  it('groups thousands and keeps every digit of a huge amount exactly', () => {
    expect(formatMoney({ amount: '12345678901234.56', currency: 'CNY' })).toBe('¥12,345,678,901,234.56');
  });
  it('puts the minus before the symbol', () => {
    expect(formatMoney({ amount: '-1234.50', currency: 'CNY' })).toBe('-¥1,234.50');
  });
  it('shows yen without decimals as the backend sends them', () => {
    expect(formatMoney({ amount: '18000', currency: 'JPY' })).toBe('JP¥18,000');
  });
  it('marks income with a plus when asked and never signs zero', () => {
    expect(formatMoney({ amount: '0.10', currency: 'USD' }, { signed: true })).toBe('+$0.10');
    expect(formatMoney({ amount: '-0.00', currency: 'USD' }, { signed: true })).toBe('$0.00');
  });
  it('falls back to the code for an unusual currency', () => {
    expect(formatMoney({ amount: '1.234', currency: 'KWD' })).toBe('KWD 1.234');
  });
  it('flips a sign without arithmetic', () => {
    expect(negate({ amount: '-0.30', currency: 'CNY' }).amount).toBe('0.30');
  });
});
