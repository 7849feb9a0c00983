// The one seam between the UI and the Rust backend: typed wrappers over Tauri's invoke and events.
// Nothing else in the UI imports @tauri-apps/api.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  Account,
  AccountsOverview,
  ApiError,
  Settings,
  SettingsPatch,
  SyncOutcome,
  SyncProgress,
  SyncReport,
  TransactionPage,
  TransactionQuery,
} from './bindings';

export type * from './bindings';

export const listAccounts = () => invoke<AccountsOverview>('list_accounts');
export const getAccount = (accountId: string) => invoke<Account>('get_account', { accountId });
export const pageTransactions = (query: TransactionQuery) =>
  invoke<TransactionPage>('page_transactions', { query });
export const syncNow = () => invoke<SyncReport>('sync_now');
export const getSettings = () => invoke<Settings>('get_settings');
export const updateSettings = (patch: SettingsPatch) => invoke<Settings>('update_settings', { patch });

export const onSyncProgress = (cb: (p: SyncProgress) => void): Promise<UnlistenFn> =>
  listen<SyncProgress>('sync-progress', (e) => cb(e.payload));
export const onSyncFinished = (cb: (o: SyncOutcome) => void): Promise<UnlistenFn> =>
  listen<SyncOutcome>('sync-finished', (e) => cb(e.payload));

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** A message for the user from whatever a command rejected with. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return String(error);
}
