// Which screen is showing. A handful of screens and no deep links in a desktop window: a store is the router.
// The bills screen can open with a filter already set (from the analysis: a month and a category); the pay
// screen can open on a transfer already filled in (a credit card's repayment); the bills screen can also open
// on its import tab (importing a statement file). The banks screen lists the bank links (link, unlink).
import { writable } from 'svelte/store';

/** A filter the bills screen opens with: shown, and removable, like one the user chose. */
export type BillsFilter = { accountId?: string | null; month?: string; categoryId?: string };

/** A transfer between own accounts the pay screen opens with, every field still changeable. */
export type TransferPreset = { toAccountId: string; amount: string; note: string | null };

/** The bills screen's two tabs: the bills, and importing a statement file. */
export type BillsTab = 'list' | 'import';

/** The plan screen's two halves. */
export type PlanTab = 'budgets' | 'subscriptions';

export type Screen =
  | { name: 'home' }
  | { name: 'pay'; transfer?: TransferPreset }
  | { name: 'bills'; filter?: BillsFilter; tab?: BillsTab }
  | { name: 'analysis'; month?: string; accountId?: string | null }
  | { name: 'plan'; tab?: PlanTab }
  | { name: 'account'; accountId: string }
  | { name: 'rewards' }
  | { name: 'security' }
  | { name: 'banks' };

export const screen = writable<Screen>({ name: 'home' });

export const goHome = () => screen.set({ name: 'home' });
export const goPay = (transfer?: TransferPreset) =>
  screen.set(transfer ? { name: 'pay', transfer } : { name: 'pay' });
export const goBills = (filter?: BillsFilter) =>
  screen.set(filter ? { name: 'bills', filter } : { name: 'bills' });
export const goAnalysis = (month?: string, accountId?: string | null) =>
  screen.set({ name: 'analysis', month, accountId });
export const goPlan = (tab?: PlanTab) => screen.set(tab ? { name: 'plan', tab } : { name: 'plan' });
export const goSecurity = () => screen.set({ name: 'security' });
export const goBanks = () => screen.set({ name: 'banks' });
export const goRewards = () => screen.set({ name: 'rewards' });
export const openAccount = (accountId: string) => screen.set({ name: 'account', accountId });
