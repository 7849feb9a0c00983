// Importing statement files: a readable name per format the backend finds, and what its refusals mean for the
// import screen (a QIF file waiting for its date order; the backend's own "Nothing was imported." ending,
// which the screen says itself, in the user's language).
import { isApiError, type DateOrderDto } from './ipc';
import { en, type MessageKey } from './i18n/en';

export const DATE_ORDERS: readonly DateOrderDto[] = ['dayMonthYear', 'monthDayYear', 'yearMonthDay'];

/** The i18n key naming a format ("weChatCsv" → importFormat_weChatCsv), or null for one this UI does not know. */
export function formatKey(format: string): MessageKey | null {
  const key = `importFormat_${format}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

/** The backend refused a QIF file because it does not say how its dates are written. */
export function asksForDateOrder(error: unknown): boolean {
  return isApiError(error) && error.code === 'dateOrderNeeded';
}

/** The backend's message without its closing "Nothing was imported.", which the screen adds in either language. */
export const withoutNothingImported = (message: string): string =>
  message.replace(/\s*Nothing was imported\.?\s*$/, '').trim();
