// Formats exact decimal strings from the backend for display. Amounts never become JS numbers:
// grouping and signs are done on the digits themselves, so 12345678901234.56 shows exactly.
import type { Money } from './ipc/bindings';

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', JPY: 'JP¥', EUR: '€', GBP: '£', HKD: 'HK$' };

export function groupDigits(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "-1234.5" → "-¥1,234.50" (the backend already gives the currency's minor units). */
export function formatMoney(money: Money, options: { signed?: boolean } = {}): string {
  const text = money.amount.trim();
  const negative = text.startsWith('-');
  const digits = negative || text.startsWith('+') ? text.slice(1) : text;
  const [whole, fraction] = digits.split('.');
  const body = groupDigits(whole || '0') + (fraction ? `.${fraction}` : '');
  const symbol = SYMBOLS[money.currency] ?? `${money.currency} `;
  const isZero = /^[0.]*$/.test(digits);
  const sign = negative && !isZero ? '-' : options.signed && !isZero ? '+' : '';
  return `${sign}${symbol}${body}`;
}

export function isNegative(money: Money): boolean {
  return money.amount.trim().startsWith('-') && !/^-[0.]*$/.test(money.amount.trim());
}

/** The same amount with its sign flipped, still as text. */
export function negate(money: Money): Money {
  const a = money.amount.trim();
  return { ...money, amount: a.startsWith('-') ? a.slice(1) : `-${a}` };
}
