// The start screens when no wallet could be opened, in the whole window with the IPC mocked: with no
// system keyring, a new passphrase (typed twice, long enough) protects and opens the wallet; a passphrase
// wallet opens with its own; then the app loads as on a normal start. Never an unencrypted way.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { ipc } from '../../test/ipcMock';
import { account, creditCard, lockStatus, overview } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

vi.mock('../../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('../../App.svelte');

const keyringUnavailable = {
  code: 'keyringUnavailable',
  message: 'No system keyring is available to keep the wallet key.',
};
const passphraseNeeded = { code: 'passphraseNeeded', message: 'This wallet is opened with its passphrase.' };
const text = (testid: string) => view.getByTestId(testid).textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function type(testid: string, value: string) {
  await fireEvent.input(view.getByTestId(testid), { target: { value } });
}

describe('the start screen with no wallet open', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.openWithPassphrase.mockResolvedValue(null);
  });

  it('explains the missing keyring and opens the wallet protected by a new passphrase', async () => {
    ipc.lockStatus
      .mockRejectedValueOnce(keyringUnavailable)
      .mockResolvedValue(lockStatus({ hasPassword: false }));
    render(App);

    const start = await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('system keyring');
    expect(text('passphrase-warning')).toContain('Nobody can recover a forgotten passphrase');
    expect(view.queryByTestId('nav-home')).toBeNull();
    expect(ipc.listAccounts).not.toHaveBeenCalled();
    // One way forward, and it is a passphrase.
    expect(start.querySelectorAll('button[type=submit]')).toHaveLength(1);

    await type('passphrase', 'long enough phrase');
    await type('passphrase-repeat', 'long enough phrase');
    await fireEvent.click(view.getByTestId('passphrase-open'));

    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.openWithPassphrase).toHaveBeenCalledWith('long enough phrase');
    expect(view.queryByTestId('no-wallet')).toBeNull();
    expect(ipc.getSettings).toHaveBeenCalled();
  });

  it('refuses a short or mismatched passphrase before sending it', async () => {
    ipc.lockStatus.mockRejectedValue(keyringUnavailable);
    render(App);
    await view.findByTestId('no-wallet');

    await type('passphrase', 'too short');
    await type('passphrase-repeat', 'too short');
    await fireEvent.click(view.getByTestId('passphrase-open'));
    expect(text('passphrase-error')).toBe('The passphrase needs at least 10 characters.');

    await type('passphrase', 'long enough phrase');
    await type('passphrase-repeat', 'long enough phrasE');
    await fireEvent.click(view.getByTestId('passphrase-open'));
    expect(text('passphrase-error')).toBe('The two passphrases differ.');

    expect(ipc.openWithPassphrase).not.toHaveBeenCalled();
    expect(view.getByTestId('no-wallet')).toBeTruthy();
  });

  it('asks a passphrase wallet for its passphrase, says when it is wrong, and opens with the right one', async () => {
    ipc.lockStatus
      .mockRejectedValueOnce(passphraseNeeded)
      .mockResolvedValue(lockStatus({ hasPassword: false }));
    ipc.openWithPassphrase
      .mockRejectedValueOnce({
        code: 'wrongPassword',
        message: 'That passphrase does not open this wallet. Nothing was changed.',
      })
      .mockResolvedValue(null);
    render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('Enter your wallet passphrase');
    expect(view.queryByTestId('passphrase-repeat')).toBeNull();
    expect(view.queryByTestId('passphrase-warning')).toBeNull();

    await type('passphrase', 'not the one');
    await fireEvent.click(view.getByTestId('passphrase-open'));
    await waitFor(() =>
      expect(text('passphrase-error')).toBe('That passphrase does not open this wallet. Try again.'),
    );
    expect((view.getByTestId('passphrase') as HTMLInputElement).value).toBe('');

    await type('passphrase', 'my wallet passphrase');
    await fireEvent.click(view.getByTestId('passphrase-open'));
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.openWithPassphrase).toHaveBeenLastCalledWith('my wallet passphrase');
  });

  it('goes on to the lock screen when the opened wallet has an app password', async () => {
    ipc.lockStatus.mockRejectedValueOnce(passphraseNeeded).mockResolvedValue(lockStatus({ locked: true }));
    render(App);
    await view.findByTestId('no-wallet');
    await type('passphrase', 'my wallet passphrase');
    await fireEvent.click(view.getByTestId('passphrase-open'));

    await waitFor(() => expect(view.getByTestId('lock-screen')).toBeTruthy());
    expect(ipc.listAccounts).not.toHaveBeenCalled();
  });

  it('speaks Chinese: 系统钥匙串 and 钱包口令', async () => {
    resetApp('zh-CN');
    ipc.lockStatus.mockRejectedValue(keyringUnavailable);
    render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('没有可用的系统钥匙串');
    expect(text('no-wallet')).toContain('设置钱包口令');
    expect(text('passphrase-warning')).toContain('无法打开钱包');
  });
});
