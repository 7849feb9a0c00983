// Which screen is showing. Four screens and no deep links in a desktop window: a store is the router.
import { writable } from 'svelte/store';

export type Screen =
  { name: 'home' } | { name: 'pay' } | { name: 'bills' } | { name: 'account'; accountId: string };

export const screen = writable<Screen>({ name: 'home' });

export const goHome = () => screen.set({ name: 'home' });
export const goPay = () => screen.set({ name: 'pay' });
export const goBills = () => screen.set({ name: 'bills' });
export const openAccount = (accountId: string) => screen.set({ name: 'account', accountId });
