// Which screen is showing. Three screens need no URL router: a store is enough.
import { writable } from 'svelte/store';

export type Screen = { name: 'home' } | { name: 'bills' } | { name: 'account'; accountId: string };

export const screen = writable<Screen>({ name: 'home' });

/** Bumped whenever wallet data changed (a sync finished), so screens reload. */
export const dataVersion = writable(0);
