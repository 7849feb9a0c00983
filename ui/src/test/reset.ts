// Puts every app-wide store back to its start, so each component test begins on a fresh app.
import { vi } from 'vitest';
import { locale } from '../lib/i18n';
import { screen } from '../lib/router';
import { settingsError } from '../lib/settings';
import { idle, syncState } from '../lib/sync';
import { dataVersion, overview, overviewError } from '../lib/wallet';
import { payments, paymentsError } from '../lib/payments';
import { notices } from '../lib/alerts';
import { appLock, gate } from '../lib/lock';
import { installIntersectionObserver, ipc, resetListeners, unlockedStatus } from './ipcMock';

export function resetApp(language: 'en' | 'zh-CN' = 'en') {
  vi.clearAllMocks();
  resetListeners();
  installIntersectionObserver();
  locale.set(language);
  screen.set({ name: 'home' });
  syncState.set(idle);
  overview.set(null);
  overviewError.set(null);
  settingsError.set(null);
  dataVersion.set(0);
  payments.set([]);
  paymentsError.set(null);
  notices.set([]);
  gate.set({ kind: 'starting' });
  appLock.set(null);
  ipc.lockStatus.mockImplementation(async () => unlockedStatus());
  ipc.lockApp.mockImplementation(async () => ({ ...unlockedStatus(), locked: true }));
  ipc.stillHere.mockImplementation(async () => undefined);
}
