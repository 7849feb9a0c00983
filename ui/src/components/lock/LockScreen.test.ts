// The app lock in the whole window, with the IPC mocked: a locked window shows only the lock screen, a
// wrong password keeps it locked, the right one (or the keyring, or a passphrase wallet's passphrase)
// brings the wallet back where it was, "Lock" and the idle minutes lock it, and 0 minutes never does.
// (A command refused as locked, through the real seam: src/lib/ipc/lock.test.ts.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { emit, ipc } from '../../test/ipcMock';
import { account, creditCard, lockStatus, overview, unusualLine } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { screen } from '../../lib/router';

vi.mock('../../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('../../App.svelte');

const wrongPassword = { code: 'wrongPassword', message: 'That is not the app password. Purse stays locked.' };
const text = (testid: string) => view.getByTestId(testid).textContent?.replace(/\s+/g, ' ').trim();

async function typeAndUnlock(secret: string) {
  await fireEvent.input(view.getByTestId('unlock-password'), { target: { value: secret } });
  await fireEvent.click(view.getByTestId('unlock-submit'));
}

describe('the app lock', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
    ipc.listCategories.mockResolvedValue([]);
  });
  afterEach(() => vi.useRealTimers());

  it('shows nothing of the wallet while locked: no balances, names or navigation, only the lock screen', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ locked: true }));
    render(App);

    await waitFor(() => expect(view.getByTestId('lock-screen')).toBeTruthy());
    expect(view.queryByTestId('app-title')).toBeNull();
    expect(view.queryByTestId('nav-home')).toBeNull();
    expect(view.queryByTestId('lock-now')).toBeNull();
    expect(view.queryAllByTestId('account-card')).toHaveLength(0);
    expect(document.body.textContent).not.toContain('Salary card');
    expect(document.body.textContent).not.toContain('31,234.56');
    expect(ipc.listAccounts).not.toHaveBeenCalled();
    expect(ipc.getSettings).not.toHaveBeenCalled();
    expect(text('unlock-hint')).toBe('Enter your app password to unlock.');
  });

  it('keeps the alerts that came while locked out of sight until unlocked', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ locked: true }));
    ipc.unlockApp.mockResolvedValue(lockStatus());
    render(App);
    await view.findByTestId('lock-screen');
    await waitFor(() => expect(ipc.onUnusualLine).toHaveBeenCalled());
    emit.unusualLine(unusualLine());
    await Promise.resolve();
    expect(view.queryByTestId('alert-notice')).toBeNull();
    expect(document.body.textContent).not.toContain('QUICKPAY');

    await typeAndUnlock('correct horse');
    await waitFor(() => expect(view.getAllByTestId('alert-notice')).toHaveLength(1));
  });

  it('stays locked and says so when the app password is wrong', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ locked: true }));
    ipc.unlockApp.mockRejectedValue(wrongPassword);
    render(App);
    await view.findByTestId('lock-screen');

    await typeAndUnlock('not my password');

    await waitFor(() =>
      expect(text('unlock-error')).toBe('That is not the app password. Purse stays locked.'),
    );
    expect(ipc.unlockApp).toHaveBeenCalledWith('not my password');
    expect(view.getByTestId('lock-screen')).toBeTruthy();
    expect(view.queryByTestId('nav-home')).toBeNull();
    expect((view.getByTestId('unlock-password') as HTMLInputElement).value).toBe('');
    expect(ipc.listAccounts).not.toHaveBeenCalled();
  });

  it('shows the wallet once unlocked with the right password', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ locked: true }));
    ipc.unlockApp.mockResolvedValue(lockStatus());
    render(App);
    await view.findByTestId('lock-screen');
    const unlock = view.getByTestId('unlock-submit') as HTMLButtonElement;
    expect(unlock.disabled).toBe(true);

    await typeAndUnlock('correct horse');

    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.unlockApp).toHaveBeenCalledWith('correct horse');
    expect(view.queryByTestId('lock-screen')).toBeNull();
    expect(text('home-total-assets')).toContain('¥31,234.56');
    expect(ipc.getSettings).toHaveBeenCalled();
  });

  it('locks with the top bar’s Lock and, unlocked, comes back to the screen it was on', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus());
    ipc.lockApp.mockResolvedValue(lockStatus({ locked: true }));
    ipc.unlockApp.mockResolvedValue(lockStatus());
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    await fireEvent.click(view.getByTestId('nav-bills'));
    await view.findByTestId('bills-list');

    await fireEvent.click(view.getByTestId('lock-now'));

    expect(view.getByTestId('lock-screen')).toBeTruthy();
    expect(view.queryByTestId('bills-list')).toBeNull();
    expect(ipc.lockApp).toHaveBeenCalledTimes(1);
    await typeAndUnlock('correct horse');
    await waitFor(() => expect(view.getByTestId('bills-list')).toBeTruthy());
    expect(get(screen)).toEqual({ name: 'bills' });
    expect(view.getByTestId('nav-bills').getAttribute('aria-current')).toBe('page');
  });

  it('unlocks through the system keyring with one button when no app password is set', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ locked: true, hasPassword: false }));
    ipc.unlockApp.mockResolvedValue(lockStatus({ hasPassword: false }));
    render(App);
    await view.findByTestId('lock-screen');
    expect(view.queryByTestId('unlock-password')).toBeNull();
    expect(text('unlock-hint')).toContain('system keyring');

    await fireEvent.click(view.getByTestId('unlock-submit'));

    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.unlockApp).toHaveBeenCalledWith(null);
  });

  it('asks for the wallet passphrase when the keyring does not unlock a passphrase wallet', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ locked: true, hasPassword: false }));
    ipc.unlockApp
      .mockRejectedValueOnce(wrongPassword)
      .mockRejectedValueOnce(wrongPassword)
      .mockResolvedValue(lockStatus({ hasPassword: false }));
    render(App);
    await view.findByTestId('lock-screen');
    await fireEvent.click(view.getByTestId('unlock-submit'));

    const field = await view.findByTestId('unlock-password');
    expect(field.closest('label')?.textContent).toContain('Wallet passphrase');
    expect(text('unlock-hint')).toContain('protected by a passphrase');
    expect(view.queryByTestId('unlock-error')).toBeNull();

    await typeAndUnlock('a wrong passphrase');
    await waitFor(() =>
      expect(text('unlock-error')).toBe('That is not the wallet passphrase. Purse stays locked.'),
    );
    await typeAndUnlock('the right passphrase');
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.unlockApp.mock.calls).toEqual([[null], ['a wrong passphrase'], ['the right passphrase']]);
  });

  it('locks after the chosen idle minutes without activity', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    ipc.lockStatus.mockResolvedValue(lockStatus({ idleMinutes: 1 }));
    ipc.lockApp.mockResolvedValue(lockStatus({ locked: true, idleMinutes: 1 }));
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));

    await vi.advanceTimersByTimeAsync(40_000);
    await fireEvent.keyDown(window, { key: 'Tab' });
    await vi.advanceTimersByTimeAsync(40_000);
    expect(view.queryByTestId('lock-screen')).toBeNull();
    await vi.advanceTimersByTimeAsync(20_000);

    await waitFor(() => expect(view.getByTestId('lock-screen')).toBeTruthy());
    expect(ipc.lockApp).toHaveBeenCalledTimes(1);
    expect(view.queryAllByTestId('account-card')).toHaveLength(0);
  });

  it('never locks by itself when auto-lock is set to never', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    ipc.lockStatus.mockResolvedValue(lockStatus({ idleMinutes: 0 }));
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));

    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);

    expect(view.queryByTestId('lock-screen')).toBeNull();
    expect(ipc.lockApp).not.toHaveBeenCalled();
  });

  it('does not start locked for a fresh wallet with no app password', async () => {
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(view.queryByTestId('lock-screen')).toBeNull();
    expect(view.getByTestId('nav-pay')).toBeTruthy();
  });
});
