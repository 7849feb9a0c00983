import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { ipc, installIntersectionObserver } from './test/ipcMock';
import { account, overview } from './test/fixtures';

vi.mock('./lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('./App.svelte');

describe('the app shell', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    installIntersectionObserver();
    ipc.listAccounts.mockResolvedValue(overview([account()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
  });

  it('starts in the saved language and switches when the user picks another', async () => {
    ipc.updateSettings.mockResolvedValue({ language: 'zh-CN' });
    render(App);
    await waitFor(() => expect(screen.getByTestId('app-title').textContent).toBe('Purse'));
    await fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'zh-CN' } });
    expect(ipc.updateSettings).toHaveBeenCalledWith({ language: 'zh-CN' });
    await waitFor(() => expect(screen.getByTestId('app-title').textContent).toBe('Purse 钱包'));
    expect(screen.getByTestId('nav-bills').textContent).toContain('账单');
  });

  it('syncs on request and reports what changed', async () => {
    ipc.syncNow.mockResolvedValue({
      accounts: 5,
      transactionsAdded: 4,
      transactionsUpdated: 2,
      finishedAt: '',
    });
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(1));
    await fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toBe('Synced: 4 new, 2 updated'),
    );
    expect(ipc.listAccounts).toHaveBeenCalledTimes(2);
  });

  it('shows the bank error when a sync fails', async () => {
    ipc.syncNow.mockRejectedValue({ code: 'bankUnreachable', message: 'The bank cannot be reached.' });
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(1));
    await fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toBe('Sync failed: The bank cannot be reached.'),
    );
  });

  it('opens the bills screen from the navigation', async () => {
    render(App);
    await fireEvent.click(screen.getByTestId('nav-bills'));
    await waitFor(() => expect(screen.getByTestId('bills-list')).toBeTruthy());
  });
});
