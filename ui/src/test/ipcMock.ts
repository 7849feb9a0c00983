// A hand-driven stand-in for the IPC seam, so component tests control every backend answer.
import { vi } from 'vitest';

export const ipc = {
  listAccounts: vi.fn(),
  getAccount: vi.fn(),
  pageTransactions: vi.fn(),
  syncNow: vi.fn(),
  getSettings: vi.fn(),
  updateSettings: vi.fn(),
  onSyncProgress: vi.fn(async () => () => {}),
  onSyncFinished: vi.fn(async () => () => {}),
};

/** Captures IntersectionObserver callbacks so a test can "scroll" the sentinel into view. */
export const observers: Array<(entries: Array<{ isIntersecting: boolean }>) => void> = [];
export function installIntersectionObserver() {
  observers.length = 0;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(cb: (entries: Array<{ isIntersecting: boolean }>) => void) {
        observers.push(cb);
      }
      observe() {}
      disconnect() {}
    },
  );
}
export function scrollToEnd() {
  for (const cb of observers) cb([{ isIntersecting: true }]);
}
