// Sending money abroad, as the Pay screen's 境外汇款 tab needs it: the currencies the bank sends, what the
// form hands to the backend, how long a quote still holds, and paying an accepted quote.
import {
  payInternational,
  type AccountDto,
  type ChargeBearer,
  type InternationalQuoteRequest,
  type Payment,
} from './ipc';
import { submitTracked } from './payments';

/** The currencies the bank quotes (its reference rates), in the order the picker shows them. */
export const ABROAD_CURRENCIES = ['EUR', 'USD', 'GBP', 'HKD', 'JPY', 'AUD', 'CAD', 'CHF', 'SGD'] as const;

/** Countries people from China most often send money to, for the country field's suggestions. */
export const COMMON_COUNTRIES = [
  'DE',
  'FR',
  'GB',
  'US',
  'HK',
  'JP',
  'SG',
  'AU',
  'CA',
  'CH',
  'NL',
  'IT',
  'ES',
] as const;

export const CHARGE_BEARERS: ChargeBearer[] = ['shared', 'borneByDebtor', 'borneByCreditor'];

/** Accounts that can pay abroad: CNY and USD ones (the bank converts from those). */
export const canPayAbroad = (account: AccountDto): boolean =>
  account.currency === 'CNY' || account.currency === 'USD';

/** The fields of the form, as typed. */
export type AbroadFields = {
  fromAccountId: string;
  name: string;
  account: string;
  bic: string;
  country: string;
  currency: string;
  amount: string;
  chargeBearer: ChargeBearer;
  note: string;
};

export const quoteRequest = (fields: AbroadFields): InternationalQuoteRequest => ({
  fromAccountId: fields.fromAccountId,
  recipient: {
    name: fields.name.trim(),
    account: fields.account,
    bic: fields.bic,
    country: fields.country.trim().toUpperCase(),
  },
  currency: fields.currency,
  amount: fields.amount.trim(),
  chargeBearer: fields.chargeBearer,
  note: fields.note.trim() || null,
});

/** Whole seconds until `expiresAt` (RFC 3339), never below zero. */
export function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

/** 125 → "2:05". */
export function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Pays an accepted quote; rejects with the backend's ApiError (`quoteExpired`, `wrongPin`…). */
export const payAbroad = (quoteId: string, pin: string, secondFactor: string | null): Promise<Payment> =>
  submitTracked(() => payInternational({ quoteId, pin, secondFactor }));
