// Payments every screen shares: the recent payments, kept current by the backend's `payment-status` events;
// `pay`, which submits one and then refreshes the wallet; and the draft a pay form hands to the
// confirmation sheet.
import { get, writable } from 'svelte/store';
import {
  errorMessage,
  listPayments,
  onPaymentStatus,
  submitPayment,
  submitPaymentWithOffer,
  type AccountDto,
  type OfferChoice,
  type Payment,
  type PaymentKindDto,
  type PaymentRequest,
  type PaymentStatusDto,
  type PaymentTarget,
  type PaymentDraft as CheckedDraft,
} from './ipc';
import { dataChanged } from './wallet';

/** The newest first, as `list_payments` sends them, with every event since applied. */
export const payments = writable<Payment[]>([]);
export const paymentsError = writable<string | null>(null);

/** What every pay form asks besides the payee (see PayFields). */
export type PayFieldValues = { from: AccountDto; amount: string; note: string | null };

/** What a pay form hands to the confirmation sheet: everything but the PIN. */
export type PaymentDraft = {
  from: AccountDto;
  to: PaymentTarget;
  /** What the payment will be, for the labels (the backend decides the same way). */
  kind: PaymentKindDto;
  payeeName: string;
  /** Masked number, bank or city: whatever tells the payee apart. */
  payeeDetail: string;
  /** As typed (or fixed by the code). */
  amount: string;
  note: string | null;
};

/** The draft as the risk checks (`assess_payment`) see it: the payment without PIN or code. */
export const checkedDraft = (draft: PaymentDraft): CheckedDraft => ({
  fromAccountId: draft.from.id,
  to: draft.to,
  amount: draft.amount,
  currency: draft.from.currency,
  note: draft.note,
});

/** `secondFactor`: an authenticator or recovery code, when the payment or saving its payee needs one. */
export const paymentRequest = (
  draft: PaymentDraft,
  pin: string,
  secondFactor: string | null = null,
): PaymentRequest => ({ ...checkedDraft(draft), pin, secondFactor });

/** Whether the draft asks to keep a new person as a payee (which needs the second factor when set up). */
export const savesPayee = (draft: PaymentDraft): boolean => draft.to.kind === 'person' && draft.to.save;

const STAGE: Record<PaymentStatusDto, number> = { queued: 0, sent: 1, completed: 2, rejected: 2, failed: 2 };

/** Completed, rejected or failed: nothing more will happen to it. */
export const isFinal = (status: PaymentStatusDto) => STAGE[status] === 2;

/**
 * Whether `incoming` is news about `known`. Events and the submit answer travel separately and may arrive
 * out of order, so a payment never goes back to an earlier stage; within a stage the later update wins.
 */
export function isNewer(incoming: Payment, known: Payment): boolean {
  if (STAGE[incoming.status] !== STAGE[known.status]) return STAGE[incoming.status] > STAGE[known.status];
  return !(Date.parse(incoming.updatedAt) < Date.parse(known.updatedAt));
}

const newestFirst = (a: Payment, b: Payment) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** Adds or updates one payment; returns the payment as the list now holds it. */
export function applyPayment(payment: Payment): Payment {
  let kept = payment;
  payments.update((list) => {
    const index = list.findIndex((p) => p.id === payment.id);
    if (index === -1) return [payment, ...list].sort(newestFirst);
    if (!isNewer(payment, list[index])) {
      kept = list[index];
      return list;
    }
    const next = list.slice();
    next[index] = payment;
    return next;
  });
  return kept;
}

let generation = 0;

/** Reads the list again, keeping whatever an event brought in the meantime. */
export async function reloadPayments(): Promise<void> {
  const mine = ++generation;
  try {
    const fresh = await listPayments();
    if (mine !== generation) return;
    const known = new Map(get(payments).map((p) => [p.id, p]));
    const merged = fresh.map((p) => {
      const seen = known.get(p.id);
      known.delete(p.id);
      return seen && !isNewer(p, seen) ? seen : p;
    });
    payments.set([...merged, ...known.values()].sort(newestFirst));
    paymentsError.set(null);
  } catch (error) {
    if (mine === generation) paymentsError.set(errorMessage(error));
  }
}

/** How many submits are waiting for their answer: their events need no refresh of their own. */
let submitting = 0;

/**
 * Submits a payment; rejects with the backend's ApiError (`wrongPin`, `pinLocked`…). On success the
 * overview and the open screens reload, so balances, pending outflows and bills show it.
 */
export const pay = (request: PaymentRequest, offer: OfferChoice | null = null): Promise<Payment> =>
  submitTracked(() => (offer ? submitPaymentWithOffer(request, offer) : submitPayment(request)));

/** Runs one submit (a payment here or abroad) as `pay` does: the list and the wallet take its answer. */
export async function submitTracked(submit: () => Promise<Payment>): Promise<Payment> {
  submitting += 1;
  let answer: Payment;
  try {
    answer = await submit();
  } finally {
    submitting -= 1;
  }
  const shown = applyPayment(answer);
  void dataChanged();
  return shown;
}

/**
 * Follows `payment-status` for as long as the window is open. A payment that changes outside a submit
 * (resumed at start-up, completed later) changes balances and bills, so the wallet reloads.
 */
export function startPaymentEvents(): () => void {
  const unlisten = onPaymentStatus((payment) => {
    const before = get(payments).find((p) => p.id === payment.id);
    const shown = applyPayment(payment);
    if (submitting === 0 && shown === payment && before?.status !== payment.status) void dataChanged();
  });
  return () => void unlisten.then((stop) => stop());
}

/** The account a payment comes from unless the user picks another: the first debit card, else the first. */
export const defaultFrom = (accounts: AccountDto[]): AccountDto | undefined =>
  accounts.find((a) => a.kind === 'debitCard') ?? accounts[0];

/** "6222 0212 3456 7890 128" → "•••• 0128": a number the user typed, shown as the backend masks them. */
export function maskTyped(number: string): string {
  const compact = number.replace(/[\s-]/g, '');
  return compact.length > 4 ? `•••• ${compact.slice(-4)}` : compact;
}
