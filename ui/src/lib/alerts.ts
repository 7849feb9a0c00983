// What the backend tells the window after a sync besides the data: a budget passing 80 % or 100 %, a
// credit card coming due (or overdue), and a card line that looks unusual ("Don't recognise this?"). Each
// arrives once as an event and stays on screen as a notice until the user dismisses it; the words are
// chosen when shown, so they follow the language switch.
import { writable } from 'svelte/store';
import {
  onBudgetAlert,
  onCardReminder,
  onUnusualLine,
  windowListening,
  type BudgetAlert,
  type CardReminder,
  type UnusualLineAlert,
} from './ipc';

export type Notice =
  | { id: number; kind: 'budget'; alert: BudgetAlert }
  | { id: number; kind: 'card'; reminder: CardReminder }
  | { id: number; kind: 'unusual'; line: UnusualLineAlert };

/** Oldest first, as they arrived. */
export const notices = writable<Notice[]>([]);

let nextId = 1;

export function dismissNotice(id: number): void {
  notices.update((list) => list.filter((notice) => notice.id !== id));
}

/**
 * A card's newer reminder replaces its older one (due soon, then due today, then overdue): the user needs
 * only where the card stands now.
 */
function addCard(reminder: CardReminder) {
  notices.update((list) => [
    ...list.filter((n) => n.kind !== 'card' || n.reminder.card.accountId !== reminder.card.accountId),
    { id: nextId++, kind: 'card', reminder },
  ]);
}

/** A budget's 100 % alert replaces its 80 % one of the same month. */
function addBudget(alert: BudgetAlert) {
  notices.update((list) => [
    ...list.filter(
      (n) =>
        n.kind !== 'budget' || n.alert.category.id !== alert.category.id || n.alert.month !== alert.month,
    ),
    { id: nextId++, kind: 'budget', alert },
  ]);
}

/** An unusual line is told once by the backend; the same line again (a repeated event) is not a second notice. */
function addUnusual(line: UnusualLineAlert) {
  notices.update((list) => [
    ...list.filter((n) => n.kind !== 'unusual' || n.line.transactionId !== line.transactionId),
    { id: nextId++, kind: 'unusual', line },
  ]);
}

/**
 * Listens to `budget-alert`, `card-reminder` and `unusual-line` for as long as the window is open (also
 * while it is locked: the notices wait, unseen, for the unlock); returns the stop.
 */
export function startAlertEvents(): () => void {
  const unlisteners = [onBudgetAlert(addBudget), onCardReminder(addCard), onUnusualLine(addUnusual)];
  // The start-up sync holds its alerts back until the window can hear them.
  void Promise.all(unlisteners).then(() => windowListening());
  return () => {
    for (const unlisten of unlisteners) void unlisten.then((stop) => stop());
  };
}
