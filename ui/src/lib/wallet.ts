// The wallet data every screen shares: the accounts overview, and a version bumped whenever a sync
// changed the data so that open screens (bills, account detail) reload themselves.
import { writable } from 'svelte/store';
import { errorMessage, listAccounts, type AccountsOverview } from './ipc';

export const overview = writable<AccountsOverview | null>(null);
export const overviewError = writable<string | null>(null);
export const dataVersion = writable(0);

/** Reads the overview again; returns it, or null when the backend refused (the error is in overviewError). */
export async function reloadOverview(): Promise<AccountsOverview | null> {
  try {
    const fresh = await listAccounts();
    overview.set(fresh);
    overviewError.set(null);
    return fresh;
  } catch (error) {
    overviewError.set(errorMessage(error));
    return null;
  }
}

/** After a sync: reload the overview and tell the other screens. */
export async function dataChanged(): Promise<void> {
  dataVersion.update((v) => v + 1);
  await reloadOverview();
}

/** A wallet that has never synced: no accounts and no sync time (first launch, start-up sync running). */
export const isEmptyWallet = (o: AccountsOverview) => o.accounts.length === 0 && o.lastSyncedAt === null;
