// Tauri's `invoke`, as every command calls it (the generated ./commands.ts and the desktop's own in
// ./index.ts): a command refused because Purse is locked is told to the app lock first, wherever in the
// window it was sent from.
import { invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core';
import { isApiError } from './errors';

/** Stops listening (to an event, or to locked refusals). */
export type Unlisten = () => void;

const lockedListeners = new Set<() => void>();

/**
 * Calls `cb` whenever any command is refused with `locked` (Purse locked itself after the idle minutes, or
 * was locked elsewhere), so one place can bring up the lock screen instead of every screen. Returns the stop.
 */
export function onLockedRefusal(cb: () => void): Unlisten {
  lockedListeners.add(cb);
  return () => void lockedListeners.delete(cb);
}

/** Tauri's `invoke`, passing a `locked` refusal on to the lock before the caller sees it. */
export async function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await tauriInvoke<T>(command, args);
  } catch (error) {
    if (isApiError(error) && error.code === 'locked') for (const cb of [...lockedListeners]) cb();
    throw error;
  }
}
