// The app lock as the window sees it: whether the wallet may be shown at all. Until `lock_status` answers
// nothing of the wallet is loaded; while locked only the lock screen shows; when no wallet could be opened
// (no keyring, a wallet protected by a passphrase, its file missing or not its own, or open in another
// Purse) only the start screen that opens it, starts it over or tries again. Any command
// refused with `locked`, from any screen, locks the window too (the seam tells `startLockWatch`).
import { get, writable } from 'svelte/store';
import {
  errorMessage,
  isApiError,
  lockApp,
  lockStatus,
  onLockedRefusal,
  unlockApp,
  type LockStatus,
} from './ipc';
import { reloadOverview } from './wallet';

/** Why no wallet could be opened at start: each has its own start screen. */
export type NoWalletReason =
  'keyringUnavailable' | 'passphraseNeeded' | 'walletMissing' | 'walletForeign' | 'walletInUse';

const NO_WALLET_REASONS: Record<NoWalletReason, true> = {
  keyringUnavailable: true,
  passphraseNeeded: true,
  walletMissing: true,
  walletForeign: true,
  walletInUse: true,
};

const isNoWalletReason = (code: string): code is NoWalletReason => Object.hasOwn(NO_WALLET_REASONS, code);

/** `detail`: the backend's own words on why (which file, which folder), for the screens that show them. */
export type Gate =
  | { kind: 'starting' }
  | { kind: 'open' }
  | { kind: 'locked' }
  | { kind: 'noWallet'; reason: NoWalletReason; detail: string };

export const gate = writable<Gate>({ kind: 'starting' });

/** What the backend last said of the lock (app password set, auto-lock minutes); null until it answered. */
export const appLock = writable<LockStatus | null>(null);

function show(status: LockStatus) {
  appLock.set(status);
  gate.set(status.locked ? { kind: 'locked' } : { kind: 'open' });
}

const noWalletReason = (error: unknown): NoWalletReason | null =>
  isApiError(error) && isNoWalletReason(error.code) ? error.code : null;

/**
 * Asks the backend where the lock stands (at start, and after the wallet was opened with its passphrase,
 * started over or tried again).
 * Any other failure opens the window as before: the wallet's own screens say what went wrong.
 */
export async function checkLock(): Promise<void> {
  try {
    show(await lockStatus());
  } catch (error) {
    const reason = noWalletReason(error);
    gate.set(reason ? { kind: 'noWallet', reason, detail: errorMessage(error) } : { kind: 'open' });
  }
}

/** Reads the lock status again (the security screen's panel), without moving the window. */
export async function refreshLock(): Promise<LockStatus> {
  const status = await lockStatus();
  appLock.set(status);
  return status;
}

/** A setting changed (app password, auto-lock): the panel and the idle timer follow it. */
export const lockChanged = (status: LockStatus) => appLock.set(status);

/** The window hides the wallet at once, then tells the backend (the user's button, or the idle timer). */
export async function lockNow(): Promise<void> {
  locked();
  try {
    appLock.set(await lockApp());
  } catch {
    // Unlocking asks the password (or the keyring) all the same: staying on the lock screen is safe.
  }
}

/**
 * Unlocks with the app password or passphrase (null: the system keyring); rejects like `unlock_app`
 * (`wrongPassword`), staying locked. The overview is read again: whatever came while locked was refused.
 */
export async function unlock(password: string | null): Promise<void> {
  show(await unlockApp(password));
  void reloadOverview();
}

function locked() {
  appLock.update((status) => status && { ...status, locked: true });
  gate.set({ kind: 'locked' });
  // The lock screen needs to know whether an app password is set.
  if (!get(appLock)) void refreshLock().catch(() => undefined);
}

/** Brings up the lock screen whenever a command is refused as `locked`; returns the stop. */
export function startLockWatch(): () => void {
  return onLockedRefusal(() => {
    if (get(gate).kind !== 'locked') locked();
  });
}

/** Resolves the first time the wallet may be shown (so its data is loaded only then). */
export async function whenOpen(): Promise<void> {
  if (get(gate).kind === 'open') return;
  await new Promise<void>((resolve) => {
    // Not open now, so the first (synchronous) call does nothing before `stop` exists.
    const stop = gate.subscribe((current) => {
      if (current.kind !== 'open') return;
      stop();
      resolve();
    });
  });
}
