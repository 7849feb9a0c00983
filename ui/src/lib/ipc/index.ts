// The one seam between the UI and the Rust backend: typed wrappers over Tauri's `invoke` and events.
// Nothing else in the UI imports @tauri-apps/api, so tests mock this module (or mockIPC) and nothing else.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  Account,
  AccountsOverview,
  ApiError,
  ErrorCode,
  Settings,
  SettingsPatch,
  SyncOutcome,
  SyncProgress,
  SyncReport,
  TransactionPage,
  TransactionQuery,
} from './bindings';

export type * from './bindings';

/** Stops listening to an event. */
export type Unlisten = () => void;

export const listAccounts = (): Promise<AccountsOverview> => invoke<AccountsOverview>('list_accounts');

export const getAccount = (accountId: string): Promise<Account> =>
  invoke<Account>('get_account', { accountId });

export const pageTransactions = (query: TransactionQuery): Promise<TransactionPage> =>
  invoke<TransactionPage>('page_transactions', { query });

export const syncNow = (): Promise<SyncReport> => invoke<SyncReport>('sync_now');

export const getSettings = (): Promise<Settings> => invoke<Settings>('get_settings');

export const updateSettings = (patch: SettingsPatch): Promise<Settings> =>
  invoke<Settings>('update_settings', { patch });

/** `sync-progress`: emitted while any sync runs (the start-up one and `sync_now`). */
export const onSyncProgress = (cb: (progress: SyncProgress) => void): Promise<Unlisten> =>
  listen<SyncProgress>('sync-progress', (event) => cb(event.payload));

/** `sync-finished`: emitted once when the start-up sync ends, well or badly. */
export const onSyncFinished = (cb: (outcome: SyncOutcome) => void): Promise<Unlisten> =>
  listen<SyncOutcome>('sync-finished', (event) => cb(event.payload));

const ERROR_CODES: readonly ErrorCode[] = [
  'invalidInput',
  'notFound',
  'bankUnreachable',
  'bankRelinkNeeded',
  'bankError',
  'busy',
  'storage',
  'internal',
];

/** What every command rejects with: branch on `code`, show `message`. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && ERROR_CODES.includes(code as ErrorCode);
}

/** A message for the user from whatever a command rejected with. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
