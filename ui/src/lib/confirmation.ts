// What the one confirmation sheet (components/pay/PaySheet.svelte) is asked to confirm: a payment at home
// (a checked draft) or abroad (an accepted quote). The kind decides the sheet's title and test ids, what it
// shows beside the amount, whether the risk checks are asked as it opens or came with the quote, whether a
// Confirm button comes before the PIN, and how the payment is made; the steps are the same.

import {
  assessPayment,
  type InternationalQuoteDto,
  type OfferChoice,
  type Payment,
  type RiskAssessment,
} from './ipc';
import { payAbroad } from './abroad';
import { checkedDraft, pay, paymentRequest, savesPayee, type PaymentDraft } from './payments';
import type { MessageKey } from './i18n';
import { typedAmount } from './money';

export type ToConfirm =
  { kind: 'domestic'; draft: PaymentDraft } | { kind: 'abroad'; quote: InternationalQuoteDto };

/**
 * The sheet's words and names for the kind: its title, the test ids the e2e suite knows, and the label of
 * the Confirm button that comes before the PIN, or null: a payment at home is looked over and confirmed
 * first, a quote abroad was looked over on its card.
 */
export function sheetNames(payment: ToConfirm): {
  title: MessageKey;
  titleId: string;
  testid: string;
  closeTestid: string;
  amountTestid: string;
  confirmLabel: MessageKey | null;
} {
  return payment.kind === 'domestic'
    ? {
        title: `confirm_${payment.draft.kind}` as MessageKey,
        titleId: 'confirm-title',
        testid: 'confirm-sheet',
        closeTestid: 'confirm-close',
        amountTestid: 'confirm-amount',
        confirmLabel: `confirmButton_${payment.draft.kind}` as MessageKey,
      }
    : {
        title: 'abroadConfirmTitle',
        titleId: 'abroad-pay-title',
        testid: 'abroad-sheet',
        closeTestid: 'abroad-sheet-close',
        amountTestid: 'abroad-sheet-amount',
        confirmLabel: null,
      };
}

/** The sheet's big amount: what is paid at home, what the paying account is debited abroad. */
export function amountOf(payment: ToConfirm): { amount: string; currency: string } {
  if (payment.kind === 'abroad') return payment.quote.debited;
  const { draft } = payment;
  return { amount: typedAmount(draft.amount) ?? draft.amount, currency: draft.from.currency };
}

/** What the risk checks make of the payment: asked now at home, given with the quote abroad. */
export async function assess(payment: ToConfirm): Promise<RiskAssessment> {
  return payment.kind === 'domestic' ? assessPayment(checkedDraft(payment.draft)) : payment.quote.risk;
}

/** Saving a new payee asks for the second factor when one is set up (payments at home only). */
export function savesNewPayee(payment: ToConfirm): boolean {
  return payment.kind === 'domestic' && savesPayee(payment.draft);
}

/** Makes the payment with the PIN and, when asked for, the second factor's code. */
export async function makePayment(
  payment: ToConfirm,
  pin: string,
  code: string | null,
  offer: OfferChoice | null,
): Promise<Payment> {
  return payment.kind === 'domestic'
    ? pay(paymentRequest(payment.draft, pin, code), offer)
    : payAbroad(payment.quote.id, pin, code);
}
