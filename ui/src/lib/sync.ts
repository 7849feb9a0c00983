// The sync state machine behind the top bar's button: a sync the user asked for (`sync_now`), the one the
// backend runs by itself at start-up (seen only through events), and what the user is told afterwards:
// the counts, and what each bank said or why it could not be synced (the report's notices, shown below the
// top bar by SyncNotices until dismissed or the next sync starts).
import { get, writable } from 'svelte/store';
import {
  errorMessage,
  isApiError,
  onSyncFinished,
  onSyncProgress,
  syncNow,
  type SyncOutcome,
  type SyncProgress,
  type SyncReport,
} from './ipc';
import { dataChanged, isEmptyWallet, reloadOverview } from './wallet';

export type SyncResult =
  | {
      kind: 'done';
      added: number;
      updated: number;
      /** One line per bank that said something or could not be synced ("Bank: words"), as plain text. */
      notices: string[];
    }
  | { kind: 'error'; message: string };

export type SyncState = {
  running: boolean;
  /** The latest `sync-progress` of the running sync, if any arrived yet. */
  progress: SyncProgress | null;
  /** How the last sync ended, until the next one starts. */
  result: SyncResult | null;
};

export const idle: SyncState = { running: false, progress: null, result: null };
export const syncState = writable<SyncState>(idle);

/** While an empty wallet waits for the start-up sync with no events seen, the overview is polled this often… */
export const FIRST_SYNC_POLL_MS = 2000;
/** …and given up on after this long (its events may have been sent before the window listened). */
export const FIRST_SYNC_GIVE_UP_MS = 20_000;

function succeeded(report: SyncReport) {
  syncState.set({
    running: false,
    progress: null,
    result: {
      kind: 'done',
      added: report.transactionsAdded,
      updated: report.transactionsUpdated,
      notices: report.notices,
    },
  });
  void dataChanged();
}

function failed(message: string) {
  syncState.set({ running: false, progress: null, result: { kind: 'error', message } });
}

function progressed(progress: SyncProgress) {
  syncState.update((s) => ({ ...s, running: true, progress, result: null }));
}

function finished(outcome: SyncOutcome) {
  if (outcome.report) succeeded(outcome.report);
  else failed(outcome.error?.message ?? '');
}

/** The user has read the banks' notices of the last sync: the counts stay, the notices go. */
export function dismissSyncNotices(): void {
  syncState.update((s) => (s.result?.kind === 'done' ? { ...s, result: { ...s.result, notices: [] } } : s));
}

/** The user pressed Sync. */
export async function startSync(): Promise<void> {
  if (get(syncState).running) return;
  syncState.set({ running: true, progress: null, result: null });
  try {
    succeeded(await syncNow());
  } catch (error) {
    // `busy`: the start-up sync is still running; stay "running" and let its `sync-finished` end it.
    if (isApiError(error) && error.code === 'busy') return;
    failed(errorMessage(error));
  }
}

/**
 * Listens to the backend's sync events and, once `ready` (the wallet may be shown: see lib/lock.ts), loads
 * the overview. An empty wallet means the start-up sync is bringing in the demo bank: show it as running,
 * and poll until data arrives in case its events were missed. Returns a function that stops everything.
 */
export function startSyncEvents(ready: Promise<unknown> = Promise.resolve()): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unlisteners = [onSyncProgress(progressed), onSyncFinished(finished)];
  let startedAt = Date.now();

  // Only needed while no event has arrived: once one has, `sync-finished` will end the sync.
  const waiting = () => !stopped && get(syncState).running && get(syncState).progress === null;
  const poll = async () => {
    if (!waiting()) return;
    const fresh = await reloadOverview();
    if (!waiting()) return;
    if ((fresh && !isEmptyWallet(fresh)) || Date.now() - startedAt > FIRST_SYNC_GIVE_UP_MS) {
      syncState.set(idle);
      return;
    }
    timer = setTimeout(() => void poll(), FIRST_SYNC_POLL_MS);
  };

  void ready.then(async () => {
    if (stopped) return;
    startedAt = Date.now();
    const first = await reloadOverview();
    if (stopped || !first || !isEmptyWallet(first)) return;
    if (!get(syncState).running) syncState.set({ running: true, progress: null, result: null });
    timer = setTimeout(() => void poll(), FIRST_SYNC_POLL_MS);
  });

  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const unlisten of unlisteners) void unlisten.then((stop) => stop());
  };
}
