// What every command rejects with, and how the UI reads it: the backend's error codes and messages.
import type { ApiError, ErrorCode } from './bindings';

/** Every code the backend sends; a Record so that a code added to the bindings fails `npm run check` here. */
const ERROR_CODES: Record<ErrorCode, true> = {
  invalidInput: true,
  notFound: true,
  bankUnreachable: true,
  bankRelinkNeeded: true,
  bankError: true,
  busy: true,
  pinNotSet: true,
  wrongPin: true,
  pinLocked: true,
  storage: true,
  keyringUnavailable: true,
  wrongKey: true,
  paymentsPending: true,
  secondFactorRequired: true,
  secondFactorNotSet: true,
  wrongSecondFactor: true,
  riskBlocked: true,
  tooManyTries: true,
  locked: true,
  wrongPassword: true,
  passphraseNeeded: true,
  dateOrderNeeded: true,
  quoteExpired: true,
  walletInUse: true,
  walletMissing: true,
  walletForeign: true,
  internal: true,
};

/** What every command rejects with: branch on `code`, show `message`. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** A message for the user from whatever a command rejected with. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
