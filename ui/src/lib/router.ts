// Which screen is showing. A handful of screens and no deep links in a desktop window: a store is the router.
// The bills screen can open with a filter already set (from the analysis: a month and a category).
import { writable } from 'svelte/store';

/** A filter the bills screen opens with: shown, and removable, like one the user chose. */
export type BillsFilter = { accountId?: string | null; month?: string; categoryId?: string };

export type Screen =
  | { name: 'home' }
  | { name: 'pay' }
  | { name: 'bills'; filter?: BillsFilter }
  | { name: 'analysis'; month?: string; accountId?: string | null }
  | { name: 'account'; accountId: string };

export const screen = writable<Screen>({ name: 'home' });

export const goHome = () => screen.set({ name: 'home' });
export const goPay = () => screen.set({ name: 'pay' });
export const goBills = (filter?: BillsFilter) =>
  screen.set(filter ? { name: 'bills', filter } : { name: 'bills' });
export const goAnalysis = (month?: string, accountId?: string | null) =>
  screen.set({ name: 'analysis', month, accountId });
export const openAccount = (accountId: string) => screen.set({ name: 'account', accountId });
