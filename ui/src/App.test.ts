// The whole app against a mocked IPC seam: navigation, language, sync (button, events, start-up).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { emit, ipc, scrollToEnd } from './test/ipcMock';
import { account, bill, creditCard, emptyWallet, overview, progress } from './test/fixtures';
import { resetApp } from './test/reset';

vi.mock('./lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('./App.svelte');

const text = (testid: string) => screen.getByTestId(testid).textContent?.trim();

describe('the app', () => {
  beforeEach(() => {
    resetApp('zh-CN');
    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    ipc.getAccount.mockImplementation(async (id: string) => (id === 'c1' ? creditCard() : account()));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
  });
  afterEach(() => vi.useRealTimers());

  it('starts in the language from the settings', async () => {
    render(App);
    await waitFor(() => expect(text('app-title')).toBe('Purse'));
    expect(document.documentElement.lang).toBe('en');
    expect((screen.getByTestId('language-switch') as HTMLSelectElement).value).toBe('en');
  });

  it('shows the total and one card per account on the home screen', async () => {
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    expect(text('home-total-assets')).toContain('¥31,234.56');
  });

  it('opens the account detail with that account’s bills when a card is clicked', async () => {
    ipc.pageTransactions.mockImplementation(async (query: { accountId: string | null }) => ({
      items: [bill('t1', { accountId: query.accountId ?? 'a1', accountName: 'Platinum credit card' })],
      nextCursor: null,
    }));
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId('account-card')[1]);

    await waitFor(() => expect(screen.getByTestId('account-detail')).toBeTruthy());
    expect(ipc.getAccount).toHaveBeenCalledWith('c1');
    await waitFor(() => expect(screen.getAllByTestId('bill-row')).toHaveLength(1));
    expect(ipc.pageTransactions).toHaveBeenCalledWith(
      expect.objectContaining({ accountId: 'c1', cursor: null }),
    );
    expect(screen.queryByTestId('bills-filter-account')).toBeNull();
    expect(screen.getByTestId('account-detail').textContent).toContain('Platinum credit card');
  });

  it('switches between home and the bills screen from the navigation', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: 'next' });
    render(App);
    await fireEvent.click(screen.getByTestId('nav-bills'));
    await waitFor(() => expect(screen.getAllByTestId('bill-row')).toHaveLength(1));
    expect(screen.getByTestId('bills-list')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('bills-filter-account').querySelectorAll('option')).toHaveLength(3),
    );
    scrollToEnd();
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'next' })),
    );

    await fireEvent.click(screen.getByTestId('nav-home'));
    await waitFor(() => expect(screen.getByTestId('home-total-assets')).toBeTruthy());
  });

  it('opens the pay screen from the navigation and keeps the other screens reachable', async () => {
    ipc.listPayments.mockResolvedValue([]);
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    await fireEvent.click(screen.getByTestId('nav-pay'));
    await waitFor(() => expect(screen.getByTestId('pay-tab-scan')).toBeTruthy());
    expect(screen.getByTestId('nav-pay').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('qr-file')).toBeTruthy();
    expect(ipc.listPayments).toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('nav-home'));
    await waitFor(() => expect(screen.getByTestId('home-total-assets')).toBeTruthy());
  });

  it('names the pay screen 付款 in Chinese', async () => {
    ipc.getSettings.mockResolvedValue({ language: 'zh-CN' });
    render(App);
    await waitFor(() => expect(text('app-title')).toBe('Purse 钱包'));
    expect(text('nav-pay')).toBe('付款');
  });

  it('switches the language: saves it with update_settings and changes the visible text at once', async () => {
    ipc.updateSettings.mockResolvedValue({ language: 'zh-CN' });
    render(App);
    await waitFor(() => expect(text('app-title')).toBe('Purse'));
    expect(text('nav-bills')).toBe('Bills');

    await fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'zh-CN' } });
    expect(ipc.updateSettings).toHaveBeenCalledWith({ language: 'zh-CN' });
    await waitFor(() => expect(text('app-title')).toBe('Purse 钱包'));
    expect(text('nav-bills')).toBe('账单');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('goes back to the previous language when the setting cannot be saved', async () => {
    ipc.updateSettings.mockRejectedValue({ code: 'storage', message: 'The disk is full.' });
    render(App);
    await waitFor(() => expect(text('app-title')).toBe('Purse'));
    await fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'zh-CN' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The disk is full.'));
    expect(text('app-title')).toBe('Purse');
  });

  it('shows sync progress while it runs, then the result, and reloads the data', async () => {
    let finish: (report: unknown) => void = () => {};
    ipc.syncNow.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    const button = screen.getByTestId('sync-button') as HTMLButtonElement;
    expect(button.disabled).toBe(false);

    await fireEvent.click(button);
    expect(button.disabled).toBe(true);
    emit.progress(
      progress({ stage: 'transactions', accountIndex: 1, accountCount: 5, transactionsFetched: 120 }),
    );
    await waitFor(() => expect(text('sync-status')).toBe('Bills: Salary card (2/5) · 120 bills'));

    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard(), account({ id: 'a3' })]));
    finish({
      accounts: 3,
      transactionsAdded: 4,
      transactionsUpdated: 2,
      finishedAt: '2026-11-20T10:00:00Z',
      notices: [],
    });
    await waitFor(() => expect(text('sync-status')).toBe('Synced: 4 new / 2 updated'));
    expect(button.disabled).toBe(false);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(3));
  });

  it('shows the error message from the backend when a sync fails', async () => {
    ipc.syncNow.mockRejectedValue({ code: 'bankUnreachable', message: 'The bank cannot be reached.' });
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    await fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(() => expect(text('sync-status')).toBe('Sync failed: The bank cannot be reached.'));
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('waits for the running start-up sync when the backend answers busy', async () => {
    ipc.syncNow.mockRejectedValue({ code: 'busy', message: 'A sync is already running.' });
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    await fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(() => expect(ipc.syncNow).toHaveBeenCalled());
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(true);

    emit.finished({
      report: {
        accounts: 2,
        transactionsAdded: 7,
        transactionsUpdated: 0,
        notices: [],
        finishedAt: '2026-11-20T10:00:00Z',
      },
      error: null,
    });
    await waitFor(() => expect(text('sync-status')).toBe('Synced: 7 new / 0 updated'));
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('on first launch shows the demo bank syncing, then loads when sync-finished arrives', async () => {
    ipc.listAccounts.mockResolvedValue(emptyWallet());
    render(App);
    await waitFor(() => expect(screen.getByTestId('first-sync')).toBeTruthy());
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(true);

    emit.progress(progress({ stage: 'linking', accountIndex: 0, accountCount: 0, accountName: null }));
    await waitFor(() => expect(text('sync-status')).toBe('Connecting to the bank…'));

    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    emit.finished({
      report: {
        accounts: 2,
        transactionsAdded: 900,
        transactionsUpdated: 0,
        notices: [],
        finishedAt: '2026-11-20T10:00:00Z',
      },
      error: null,
    });
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(2));
    expect(text('sync-status')).toBe('Synced: 900 new / 0 updated');
  });

  it('shows the error when the first sync fails', async () => {
    ipc.listAccounts.mockResolvedValue(emptyWallet());
    render(App);
    await waitFor(() => expect(screen.getByTestId('first-sync')).toBeTruthy());
    emit.finished({ report: null, error: { code: 'bankError', message: 'The bank said no.' } });
    await waitFor(() => expect(text('sync-status')).toBe('Sync failed: The bank said no.'));
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('first-sync')).toBeNull();
  });

  it('finds the data by polling when the start-up sync finished before the window listened', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    ipc.listAccounts.mockResolvedValueOnce(emptyWallet()).mockResolvedValue(overview([account()]));
    render(App);
    await waitFor(() => expect(screen.getByTestId('first-sync')).toBeTruthy());
    await vi.advanceTimersByTimeAsync(2500);
    await waitFor(() => expect(screen.getAllByTestId('account-card')).toHaveLength(1));
    expect((screen.getByTestId('sync-button') as HTMLButtonElement).disabled).toBe(false);
  });
});
