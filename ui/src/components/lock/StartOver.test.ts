// The start screens when the wallet's folder was refused, in the whole window with the IPC mocked: a wallet
// file missing or not the wallet's own says what was found and that putting it back opens the wallet as
// before; starting over runs only after a confirmation that it deletes the wallet's keys and files for good
// and the bank must be linked again. A wallet open in another Purse is tried again, not started over.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { ipc } from '../../test/ipcMock';
import { account, creditCard, lockStatus, overview } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

vi.mock('../../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('../../App.svelte');

const walletMissing = {
  code: 'walletMissing',
  message:
    'wallet.db is missing from the wallet folder /home/li/.local/share/purse while the rest of the wallet is there.',
};
const walletForeign = {
  code: 'walletForeign',
  message: 'wallet.db in the wallet folder /home/li/.local/share/purse is not this wallet’s.',
};
const walletInUse = {
  code: 'walletInUse',
  message:
    'The wallet is open in another Purse (the app or another `purse` command). Close it and try again.',
};
const text = (testid: string) => view.getByTestId(testid).textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the start screen of a refused wallet folder', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.startOver.mockResolvedValue(null);
    ipc.retryOpen.mockResolvedValue(null);
  });

  it('says the wallet file is missing, that nothing was changed and how to get it back', async () => {
    ipc.lockStatus.mockRejectedValue(walletMissing);
    render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('Your wallet file is missing');
    expect(text('wallet-refused-text')).toContain('Nothing was changed');
    expect(text('wallet-refused-text')).toContain('put it back and start Purse again');
    expect(text('wallet-refused-detail')).toContain('/home/li/.local/share/purse');
    expect(view.queryByTestId('nav-home')).toBeNull();
    expect(view.queryByTestId('passphrase')).toBeNull();
    expect(ipc.listAccounts).not.toHaveBeenCalled();
  });

  it('starts over only once the person has read and ticked that the keys and files go and the bank is linked again', async () => {
    ipc.lockStatus.mockRejectedValueOnce(walletMissing).mockResolvedValue(lockStatus({ hasPassword: false }));
    render(App);
    await view.findByTestId('no-wallet');

    await fireEvent.click(view.getByTestId('start-over'));
    expect(text('start-over-warning')).toContain('deletes this wallet’s keys and files');
    expect(text('start-over-warning')).toContain('cannot be undone');
    expect(text('start-over-warning')).toContain('bank must be linked again');
    const submit = view.getByTestId('start-over-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.submit(view.getByTestId('start-over-confirm'));
    expect(ipc.startOver).not.toHaveBeenCalled();

    // Cancelling forgets the tick: the next try asks again.
    await fireEvent.click(view.getByTestId('start-over-understood'));
    await fireEvent.click(view.getByTestId('start-over-cancel'));
    expect(view.queryByTestId('start-over-confirm')).toBeNull();
    await fireEvent.click(view.getByTestId('start-over'));
    expect((view.getByTestId('start-over-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(ipc.startOver).not.toHaveBeenCalled();

    await fireEvent.click(view.getByTestId('start-over-understood'));
    await fireEvent.click(view.getByTestId('start-over-submit'));

    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.startOver).toHaveBeenCalledTimes(1);
    expect(view.queryByTestId('no-wallet')).toBeNull();
  });

  it('says a wallet file that is not the wallet’s own is not, and shows why starting over failed', async () => {
    ipc.lockStatus.mockRejectedValue(walletForeign);
    ipc.startOver.mockRejectedValue({
      code: 'keyringUnavailable',
      message: 'The keyring refused: nothing was deleted.',
    });
    render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('This is not your wallet’s file');
    expect(text('wallet-refused-text')).toContain('another wallet’s file, or a new file put in its place');

    await fireEvent.click(view.getByTestId('start-over'));
    await fireEvent.click(view.getByTestId('start-over-understood'));
    await fireEvent.click(view.getByTestId('start-over-submit'));
    await waitFor(() => expect(text('start-over-error')).toBe('The keyring refused: nothing was deleted.'));
    expect(view.getByTestId('no-wallet')).toBeTruthy();
  });

  it('goes to the start-over screen when the passphrase finds the wallet file missing', async () => {
    ipc.lockStatus
      .mockRejectedValueOnce({
        code: 'passphraseNeeded',
        message: 'This wallet is opened with its passphrase.',
      })
      .mockRejectedValue(walletMissing);
    ipc.openWithPassphrase.mockRejectedValue(walletMissing);
    render(App);
    await view.findByTestId('passphrase');
    await fireEvent.input(view.getByTestId('passphrase'), { target: { value: 'my wallet passphrase' } });
    await fireEvent.click(view.getByTestId('passphrase-open'));

    await waitFor(() => expect(view.getByTestId('start-over')).toBeTruthy());
    expect(text('no-wallet')).toContain('Your wallet file is missing');
  });

  it('asks to close the other Purse and tries again, saying when it is still open', async () => {
    ipc.lockStatus.mockRejectedValueOnce(walletInUse).mockResolvedValue(lockStatus({ hasPassword: false }));
    ipc.retryOpen.mockRejectedValueOnce(walletInUse).mockResolvedValue(null);
    render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('The wallet is open in another Purse');
    expect(text('wallet-in-use-text')).toContain('a `purse` command');
    expect(view.queryByTestId('start-over')).toBeNull();

    await fireEvent.click(view.getByTestId('retry-open'));
    await waitFor(() =>
      expect(text('wallet-in-use-error')).toBe(
        'It is still open in another Purse. Close it, then try again.',
      ),
    );
    expect(ipc.listAccounts).not.toHaveBeenCalled();

    await fireEvent.click(view.getByTestId('retry-open'));
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
    expect(ipc.retryOpen).toHaveBeenCalledTimes(2);
    expect(ipc.startOver).not.toHaveBeenCalled();
  });

  it('speaks Chinese: 钱包文件不见了, 重新开始 and 重试', async () => {
    resetApp('zh-CN');
    ipc.lockStatus.mockRejectedValueOnce(walletMissing).mockRejectedValue(walletInUse);
    const { unmount } = render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('钱包文件不见了');
    await fireEvent.click(view.getByTestId('start-over'));
    expect(text('start-over-warning')).toContain('无法撤销');
    expect(text('start-over-warning')).toContain('重新关联您的银行');
    unmount();

    resetApp('zh-CN');
    ipc.lockStatus.mockRejectedValue(walletInUse);
    render(App);
    await view.findByTestId('no-wallet');
    expect(text('no-wallet')).toContain('钱包已在另一个 Purse 中打开');
    expect(text('retry-open')).toBe('重试');
  });
});
