// A credit card's repayment as the pay screen should open it: a transfer between own accounts into the
// card, for what is still due on the statement (or its minimum, or once repaid what the card owes now);
// the backend files it as a card repayment. And the card's days to its due date, as shown.
import type { AccountDto, CardStatus, MoneyDto } from './ipc';
import { isNegative, isZero } from './money';
import type { TransferPreset } from './router';

/** Which amount a repayment is filled in with. */
export type RepayAmount = 'full' | 'minimum';

/** What is owed on a credit card now (its balance is negative when something is owed), or null. */
export function owedOn(account: AccountDto): MoneyDto | null {
  if (account.kind !== 'creditCard' || !isNegative(account.balance)) return null;
  return { amount: account.balance.amount.trim().replace(/^-/, ''), currency: account.balance.currency };
}

/**
 * The transfer that repays `card`. In full, it is what is still due on the statement (the statement balance
 * until something is repaid); once the statement is all repaid, what the card owes now (`owed`, spent since
 * the statement), if anything, else no amount for the user to type. The minimum is the statement's.
 */
export function repayment(
  card: CardStatus,
  note: string,
  which: RepayAmount = 'full',
  owed: MoneyDto | null = null,
): TransferPreset {
  const due = which === 'minimum' ? card.minimumPayment : card.stillDue;
  const amount = !isZero(due) ? due : which === 'full' && owed && !isZero(owed) ? owed : null;
  return { toAccountId: card.accountId, amount: amount?.amount ?? '', note };
}

/** Whether "pay the minimum" still means the statement's minimum: nothing repaid yet, something due. */
export const canPayMinimum = (card: CardStatus): boolean =>
  isZero(card.paidSince) && !isZero(card.stillDue) && !isZero(card.minimumPayment);

/** Whether the due date is still ahead (the backend's count is positive). */
export const dueAhead = (card: CardStatus): boolean => /^[1-9]\d*$/.test(String(card.daysToDue));

/** Days to the due date as shown: "5" ahead, or "3" overdue (the backend's count is signed). */
export const dayCount = (card: CardStatus): string => String(card.daysToDue).replace('-', '');
