// What the banks said during a sync, heard by the whole app with the IPC mocked: after the Sync button or
// the start-up sync, each bank's line below the top bar as plain text, until dismissed; nothing when the
// banks had nothing to say; the way to the banks screen.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { emit, ipc } from '../test/ipcMock';
import { account, bankLink, emptyWallet, overview } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import type { SyncReport } from '../lib/ipc/bindings';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('../App.svelte');

const report = (notices: string[]): SyncReport => ({
  accounts: 2,
  transactionsAdded: 3,
  transactionsUpdated: 1,
  finishedAt: '2026-11-20T10:00:00Z',
  notices,
});

const lines = () => view.queryAllByTestId('sync-notice').map((line) => line.textContent);

async function renderApp() {
  render(App);
  await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(1));
}

describe('the banks’ notices after a sync', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listAccounts.mockResolvedValue(overview([account()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
  });

  it('show what each bank said after a sync, as plain text, until dismissed', async () => {
    ipc.syncNow.mockResolvedValue(
      report([
        'SimpleFIN Bridge: Please wait 4 hours before syncing again',
        'Nordea: <b>consent expired</b>, sign in again',
      ]),
    );
    await renderApp();
    expect(view.queryByTestId('sync-notices')).toBeNull();

    await fireEvent.click(view.getByTestId('sync-button'));

    await waitFor(() => expect(lines()).toHaveLength(2));
    expect(lines()).toEqual([
      'SimpleFIN Bridge: Please wait 4 hours before syncing again',
      'Nordea: <b>consent expired</b>, sign in again',
    ]);
    expect(view.getByTestId('sync-notices').querySelector('b')).toBeNull();
    expect(view.getByTestId('sync-notices').textContent).toContain('What your banks said during the sync');
    expect(view.getByTestId('sync-status').textContent).toBe('Synced: 3 new / 1 updated');

    await fireEvent.click(view.getByTestId('sync-notices-dismiss'));
    expect(view.queryByTestId('sync-notices')).toBeNull();
    expect(view.getByTestId('sync-status').textContent).toBe('Synced: 3 new / 1 updated');
  });

  it('show nothing when the banks had nothing to say', async () => {
    ipc.syncNow.mockResolvedValue(report([]));
    await renderApp();

    await fireEvent.click(view.getByTestId('sync-button'));

    await waitFor(() =>
      expect(view.getByTestId('sync-status').textContent).toBe('Synced: 3 new / 1 updated'),
    );
    expect(view.queryByTestId('sync-notices')).toBeNull();
  });

  it('show what the banks said during the start-up sync too', async () => {
    ipc.listAccounts.mockResolvedValue(emptyWallet());
    render(App);
    await waitFor(() => expect(view.getByTestId('first-sync')).toBeTruthy());

    ipc.listAccounts.mockResolvedValue(overview([account()]));
    emit.finished({ report: report(['Chase: could not be reached']), error: null });

    await waitFor(() => expect(lines()).toEqual(['Chase: could not be reached']));
  });

  it('lead to the banks screen', async () => {
    ipc.syncNow.mockResolvedValue(report(['Chase: could not be reached']));
    ipc.listLinks.mockResolvedValue([bankLink('l1', { state: 'failing' })]);
    await renderApp();
    await fireEvent.click(view.getByTestId('sync-button'));

    await fireEvent.click(await view.findByTestId('sync-notices-banks'));

    expect(get(screen)).toEqual({ name: 'banks' });
    await waitFor(() => expect(view.getAllByTestId('bank-link')).toHaveLength(1));
  });

  it('go when the next sync starts', async () => {
    let finish: (value: SyncReport) => void = () => {};
    ipc.syncNow
      .mockResolvedValueOnce(report(['Chase: could not be reached']))
      .mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    await renderApp();
    await fireEvent.click(view.getByTestId('sync-button'));
    await waitFor(() => expect(lines()).toHaveLength(1));

    await fireEvent.click(view.getByTestId('sync-button'));
    expect(view.queryByTestId('sync-notices')).toBeNull();
    finish(report([]));
    await waitFor(() => expect(view.getByTestId('sync-button')).toHaveProperty('disabled', false));
  });
});
