// The security log's rows in words: each event kind in the UI's language, with the backend's detail where
// the kind has one (tries left, a time, a payee, the new limits, the stopped payment, the unusual bill). The detail is the
// backend's plain text; amounts in it are shown like every other amount when they can be read.
import type { Language, SecurityEventDto } from './ipc';
import { translate, type MessageKey } from './i18n';
import { formatDateTime } from './dates';
import { formatMoney } from './money';

/** "Li Lei 80000.00 CNY" → "Li Lei ¥80,000.00" (the backend writes payee, amount and currency). */
function payeeAndAmount(detail: string, language: Language): string {
  const match = /^(.*) (-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(detail);
  if (!match) return detail;
  return `${match[1]} ${formatMoney({ amount: match[2], currency: match[3] }, { language })}`;
}

/** "5000.00 / 20000.00 CNY" → "¥5,000.00 / ¥20,000.00" (per payment / per day, in the home currency). */
function limits(detail: string, language: Language): string {
  const match = /^(\d+(?:\.\d+)?) \/ (\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(detail);
  if (!match) return detail;
  const money = (amount: string) => formatMoney({ amount, currency: match[3] }, { language });
  return `${money(match[1])} / ${money(match[2])}`;
}

/** What the event says, with its detail where the kind has one. */
export function describeSecurityEvent(event: SecurityEventDto, language: Language): string {
  const detail = event.detail ?? '';
  const say = (key: MessageKey, values?: Record<string, string>) => translate(language, key, values);
  switch (event.kind) {
    case 'pinWrong':
      return say('security_pinWrong', { left: detail });
    case 'pinLocked':
      return say('security_pinLocked', { time: formatDateTime(detail, language) });
    case 'payeeAdded':
      return say('security_payeeAdded', { payee: detail });
    case 'recoveryCodeUsed':
      return say('security_recoveryCodeUsed', { left: detail });
    case 'limitsChanged':
      return say('security_limitsChanged', { limits: limits(detail, language) });
    case 'riskBlocked':
      return say('security_riskBlocked', { payment: payeeAndAmount(detail, language) });
    case 'unusualLine':
      return say('security_unusualLine', { line: payeeAndAmount(detail, language) });
    case 'bankLinked':
      return say('security_bankLinked', { bank: detail });
    case 'bankUnlinked':
      return say('security_bankUnlinked', { bank: detail });
    case 'appLocked':
      return say(detail === 'idle' ? 'security_appLockedIdle' : 'security_appLocked');
    default:
      return say(`security_${event.kind}`);
  }
}

/** Kinds shown as a warning: something was refused or locked. */
export const isWarning = (event: SecurityEventDto): boolean =>
  event.kind === 'pinLocked' ||
  event.kind === 'riskBlocked' ||
  event.kind === 'secondFactorWrong' ||
  event.kind === 'unusualLine';
