// The security screen with the IPC mocked: the log newest first with each kind worded in the UI's
// language and its detail, older events on request, and the backend's failure shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { ipc } from '../test/ipcMock';
import { account, overview } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import type { SecurityEventDto } from '../lib/ipc/bindings';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Security } = await import('./Security.svelte');
const { default: App } = await import('../App.svelte');

const text = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function event(id: number, kind: SecurityEventDto['kind'], detail: string | null = null): SecurityEventDto {
  return { id, at: `2026-11-20T0${id % 10}:00:00Z`, kind, detail };
}

const recent = (): SecurityEventDto[] => [
  event(6, 'pinLocked', '2026-11-20T10:15:00Z'),
  event(5, 'pinWrong', '1'),
  event(4, 'payeeAdded', '王芳 Wang Fang'),
  event(3, 'pinSet'),
  event(2, 'walletOpened'),
];

beforeEach(() => {
  resetApp('en');
  ipc.listAccounts.mockResolvedValue(overview([account()]));
  ipc.getSettings.mockResolvedValue({ language: 'en' });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the security log', () => {
  it('lists what happened newest first, each in words with its detail', async () => {
    ipc.securityLog.mockResolvedValue(recent());
    render(Security);

    const rows = await view.findAllByTestId('security-event');
    expect(rows.map((row) => row.dataset.kind)).toEqual([
      'pinLocked',
      'pinWrong',
      'payeeAdded',
      'pinSet',
      'walletOpened',
    ]);
    expect(text(rows[1])).toContain('Wrong payment PIN (1 tries left)');
    expect(text(rows[2])).toContain('Payee added: 王芳 Wang Fang');
    expect(text(rows[0])).toContain('payments locked until');
    expect(ipc.securityLog).toHaveBeenCalledWith({ limit: 50, before: null });
    expect(view.queryByTestId('security-older')).toBeNull();
  });

  it('speaks Chinese when the UI does', async () => {
    locale.set('zh-CN');
    ipc.securityLog.mockResolvedValue(recent());
    render(Security);

    const rows = await view.findAllByTestId('security-event');
    expect(text(rows[1])).toContain('支付密码错误（还可尝试 1 次）');
    expect(text(rows[3])).toContain('已设置支付密码');
  });

  it('loads older events after the last one shown when there may be more', async () => {
    const page = Array.from({ length: 50 }, (_, i) => event(200 - i, 'walletOpened'));
    ipc.securityLog.mockResolvedValueOnce(page).mockResolvedValueOnce([event(100, 'pinSet')]);
    render(Security);

    await fireEvent.click(await view.findByTestId('security-older'));

    await waitFor(() => expect(view.getAllByTestId('security-event')).toHaveLength(51));
    expect(ipc.securityLog).toHaveBeenLastCalledWith({ limit: 50, before: 151 });
    expect(view.queryByTestId('security-older')).toBeNull();
  });

  it('says so when the log cannot be read', async () => {
    ipc.securityLog.mockRejectedValue({ code: 'storage', message: 'disk full' });
    render(Security);

    await waitFor(() => expect(view.getByRole('alert').textContent).toContain('disk full'));
  });

  it('is reached from the top bar', async () => {
    ipc.securityLog.mockResolvedValue([]);
    render(App);

    await fireEvent.click(view.getByTestId('nav-security'));

    expect(get(screen)).toEqual({ name: 'security' });
    expect(view.getByTestId('nav-security').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(view.getByText('Nothing recorded yet.')).toBeTruthy());
  });
});

describe('closing the account', () => {
  beforeEach(() => ipc.securityLog.mockResolvedValue([]));

  it('needs six digits and the box ticked, then closes with the PIN and says goodbye', async () => {
    ipc.closeAccount.mockResolvedValue(null);
    render(Security);
    const submit = view.getByTestId('close-account-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    await fireEvent.input(view.getByTestId('close-account-pin'), { target: { value: '258036' } });
    expect(submit.disabled).toBe(true);
    await fireEvent.click(view.getByTestId('close-account-understood'));
    expect(submit.disabled).toBe(false);
    await fireEvent.click(submit);

    await waitFor(() => expect(view.getByTestId('account-closed')).toBeTruthy());
    expect(ipc.closeAccount).toHaveBeenCalledWith('258036');
    expect(view.queryByTestId('close-account-pin')).toBeNull();
  });

  it('shows why the backend refused, and stays open for another try', async () => {
    ipc.closeAccount.mockRejectedValue({
      code: 'paymentsPending',
      message: 'A payment is still on its way.',
    });
    render(Security);
    await fireEvent.input(view.getByTestId('close-account-pin'), { target: { value: '258036' } });
    await fireEvent.click(view.getByTestId('close-account-understood'));
    await fireEvent.click(view.getByTestId('close-account-submit'));

    await waitFor(() =>
      expect(view.getByRole('alert').textContent).toContain('A payment is still on its way.'),
    );
    expect(view.queryByTestId('account-closed')).toBeNull();
    expect((view.getByTestId('close-account-pin') as HTMLInputElement).value).toBe('');
  });
});
