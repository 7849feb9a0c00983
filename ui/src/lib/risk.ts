// The risk checks' reasons as sentences in the UI's language. The backend sends each reason as a kind with
// its numbers (a limit, how many times the usual amount, the hour…); the words are the window's.
import type { Language, RiskReasonDto } from './ipc';
import { translate } from './i18n';
import { formatMoney } from './money';

/** One reason as a sentence, e.g. "It is over your per-payment limit of ¥50,000.00." */
export function riskReasonText(reason: RiskReasonDto, language: Language): string {
  const money = (value: { amount: string; currency: string }) => formatMoney(value, { language });
  switch (reason.kind) {
    case 'overPaymentLimit':
      return translate(language, 'risk_overPaymentLimit', { limit: money(reason.limit) });
    case 'overDailyLimit':
      return translate(language, 'risk_overDailyLimit', {
        limit: money(reason.limit),
        spent: money(reason.spentToday),
      });
    case 'farAboveUsual':
      return translate(
        language,
        reason.comparedWith === 'payee' ? 'risk_farAboveUsualPayee' : 'risk_farAboveUsualCategory',
        { times: reason.times, usual: money(reason.usual) },
      );
    case 'newPayee':
      return translate(language, 'risk_newPayee');
    case 'manyPaymentsInShortTime':
      return translate(language, 'risk_manyPaymentsInShortTime', {
        count: reason.count,
        minutes: reason.minutes,
      });
    case 'nightTime':
      return translate(language, 'risk_nightTime', { time: `${String(reason.hour).padStart(2, '0')}:00` });
    case 'foreignCurrency':
      return translate(language, 'risk_foreignCurrency', { currency: reason.currency });
    case 'foreignCountry':
      return translate(language, 'risk_foreignCountry');
    case 'closeToDailyLimit':
      return translate(language, 'risk_closeToDailyLimit', {
        limit: money(reason.limit),
        left: money(reason.leftAfter),
      });
  }
}
