// The backend's refusals around the second factor and the risk checks, worded in the UI's language: the
// backend's own message is English, and these are the ones a person must act on (type a code, set one up,
// try another code). Any other refusal keeps the backend's message.
import type { ErrorCode, Language } from './ipc';
import { errorMessage, isApiError } from './ipc';
import { translate, type MessageKey } from './i18n';

const WORDED: Partial<Record<ErrorCode, MessageKey>> = {
  secondFactorRequired: 'refusal_secondFactorRequired',
  secondFactorNotSet: 'refusal_secondFactorNotSet',
  wrongSecondFactor: 'refusal_wrongSecondFactor',
  riskBlocked: 'refusal_riskBlocked',
};

/** The refusal's code, or null when the error is not an ApiError. */
export const refusalCode = (error: unknown): ErrorCode | null => (isApiError(error) ? error.code : null);

/** What to tell the user about a refused command. */
export function refusalMessage(error: unknown, language: Language): string {
  const key = isApiError(error) ? WORDED[error.code] : undefined;
  return key ? translate(language, key) : errorMessage(error);
}
