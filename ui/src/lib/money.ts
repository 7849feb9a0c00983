// Formats the backend's exact decimal strings for display. Amounts never become JS numbers: grouping,
// signs and symbols are applied to the digits as text, so "12345678901234.56" shows every digit exactly.
import type { Language, MoneyDto } from './ipc/bindings';

/** Separators per UI language (both group by thousands today; kept per locale so a new one is one line). */
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  'zh-CN': { group: ',', decimal: '.' },
};

const SYMBOLS: Record<string, string> = {
  CNY: '¥',
  USD: '$',
  JPY: 'JP¥',
  EUR: '€',
  GBP: '£',
  HKD: 'HK$',
};

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

type Parts = { negative: boolean; whole: string; fraction: string };

/** Splits "-001234.50" into sign, whole digits ("1234") and fraction ("50"); null when not a decimal. */
export function parseAmount(amount: string): Parts | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return null;
  const whole = match[2].replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  const zero = /^0*$/.test(whole + fraction);
  return { negative: match[1] === '-' && !zero, whole, fraction };
}

/** "1234567" → "1,234,567" (with the locale's separator). */
export function groupDigits(whole: string, separator = ','): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function body(parts: Parts, language: Language): string {
  const { group, decimal } = SEPARATORS[language];
  return groupDigits(parts.whole, group) + (parts.fraction ? decimal + parts.fraction : '');
}

export type FormatOptions = {
  language?: Language;
  /** Prefix positive amounts with "+" (bill lines: income vs spending). */
  signed?: boolean;
  /** Drop the sign (e.g. what is owed on a credit card). */
  absolute?: boolean;
};

/** "¥" for CNY, "$" for USD…; the ISO code itself where there is no symbol. */
export const currencySymbol = (currency: string): string => SYMBOLS[currency] ?? currency;

/** `{ "-1234.5", CNY }` → "-¥1,234.5"; the backend already sends the currency's minor units. */
export function formatMoney(money: MoneyDto, options: FormatOptions = {}): string {
  const parts = parseAmount(money.amount);
  if (!parts) return `${money.currency} ${money.amount}`;
  const symbol = SYMBOLS[money.currency] ?? `${money.currency} `;
  const sign = options.absolute ? '' : parts.negative ? '-' : options.signed && !isZero(money) ? '+' : '';
  return `${sign}${symbol}${body(parts, options.language ?? 'en')}`;
}

/** `{ "-12.00", USD }` → "USD 12.00": the bank's original amount, shown with its code. */
export function formatWithCode(money: MoneyDto, language: Language = 'en'): string {
  const parts = parseAmount(money.amount);
  if (!parts) return `${money.currency} ${money.amount}`;
  return `${money.currency} ${body(parts, language)}`;
}

export function isNegative(money: MoneyDto): boolean {
  return parseAmount(money.amount)?.negative ?? false;
}

export function isZero(money: MoneyDto): boolean {
  const parts = parseAmount(money.amount);
  return parts !== null && /^0*$/.test(parts.whole + parts.fraction);
}

/** Currencies with no minor unit; every other one shown here has two. */
const NO_MINOR_UNITS = new Set(['JPY', 'KRW']);

/** Zero in a currency's minor units: "0.00", or "0" for yen (the fee line of a payment). */
export function zero(currency: string): MoneyDto {
  return { amount: NO_MINOR_UNITS.has(currency) ? '0' : '0.00', currency };
}

/**
 * An amount as the user typed it ("1,200", " 88.8 ") as a decimal string ("1200", "88.8"), or null when it
 * is not a positive decimal. Only a light check before the confirmation: the backend decides (e.g. too
 * many decimals for the currency) and says why.
 */
export function typedAmount(text: string): string | null {
  const cleaned = text.trim().replaceAll(',', '');
  const parts = parseAmount(cleaned);
  if (!parts || cleaned.startsWith('-') || cleaned.startsWith('+')) return null;
  if (/^0*$/.test(parts.whole + parts.fraction)) return null;
  return cleaned;
}

/** How many digits an amount in `currency` may have after the point: 0 for yen, else 2. */
export const minorDigits = (currency: string): number => (NO_MINOR_UNITS.has(currency) ? 0 : 2);

/**
 * `typedAmount` for a known currency: also null when the amount has more decimals than the currency
 * ("12.345" in CNY, "100.5" in JPY), so a form can say so before the backend refuses it.
 */
export function typedAmountIn(text: string, currency: string): string | null {
  const amount = typedAmount(text);
  if (amount === null) return null;
  const fraction = amount.split('.')[1] ?? '';
  return fraction.length <= minorDigits(currency) ? amount : null;
}
