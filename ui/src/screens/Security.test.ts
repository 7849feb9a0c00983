// The security screen with the IPC mocked: the log newest first with each kind worded in the UI's
// language and its detail, older events on request, and the backend's failure shown; the second factor,
// the payment limits, the app lock (password with PIN, auto-lock minutes) and closing the account.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { ipc } from '../test/ipcMock';
import {
  account,
  limits,
  lockStatus,
  overview,
  recoveryCodes,
  secondFactorOff,
  secondFactorOn,
  secondFactorSetup,
} from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import { appLock } from '../lib/lock';
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
  ipc.secondFactorStatus.mockResolvedValue(secondFactorOff());
  ipc.paymentLimits.mockResolvedValue(limits());
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
    expect(ipc.closeAccount).toHaveBeenCalledWith('258036', null);
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

describe('the security log’s newer kinds', () => {
  it('words a payment stopped by the risk checks, with its payee and amount', async () => {
    ipc.securityLog.mockResolvedValue([event(7, 'riskBlocked', 'Li Lei 80000.00 CNY')]);
    render(Security);

    const [row] = await view.findAllByTestId('security-event');
    expect(row.dataset.kind).toBe('riskBlocked');
    expect(text(row)).toContain('Payment stopped by the risk checks: Li Lei ¥80,000.00');
    expect(row.classList.contains('warning')).toBe(true);
  });

  it('words the second factor, recovery codes and limits events, in English and in Chinese', async () => {
    const rows = [
      event(9, 'limitsChanged', '5000.00 / 20000.00 CNY'),
      event(8, 'recoveryCodeUsed', '9'),
      event(7, 'secondFactorWrong'),
      event(6, 'secondFactorRemoved'),
      event(5, 'secondFactorEnrolled'),
    ];
    ipc.securityLog.mockResolvedValue(rows);
    const { unmount } = render(Security);
    await waitFor(() => expect(view.getAllByTestId('security-event')).toHaveLength(5));
    expect(view.getAllByTestId('security-event').map(text)).toEqual([
      expect.stringContaining('Payment limits changed (per payment / per day: ¥5,000.00 / ¥20,000.00)'),
      expect.stringContaining('Recovery code used (9 left)'),
      expect.stringContaining('A wrong or already used second-factor code was entered'),
      expect.stringContaining('Second factor removed'),
      expect.stringContaining('Second factor set up'),
    ]);
    unmount();

    locale.set('zh-CN');
    render(Security);
    await waitFor(() => expect(view.getAllByTestId('security-event')).toHaveLength(5));
    expect(view.getAllByTestId('security-event').map(text)).toEqual([
      expect.stringContaining('已修改支付限额（单笔 / 每日：¥5,000.00 / ¥20,000.00）'),
      expect.stringContaining('使用了一个恢复码（剩余 9 个）'),
      expect.stringContaining('输入了错误或已使用过的双重验证码'),
      expect.stringContaining('已关闭双重验证'),
      expect.stringContaining('已开启双重验证'),
    ]);
  });
});

describe('the second factor', () => {
  beforeEach(() => ipc.securityLog.mockResolvedValue([]));

  it('the second-factor setup shows the QR and then the recovery codes', async () => {
    ipc.beginSecondFactor.mockResolvedValue(secondFactorSetup());
    ipc.confirmSecondFactor.mockResolvedValue({ codes: recoveryCodes() });
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('second-factor-state'))).toBe('Not set up'));

    await fireEvent.click(view.getByTestId('second-factor-start'));
    expect(ipc.beginSecondFactor).not.toHaveBeenCalled();
    await fireEvent.input(await view.findByTestId('second-factor-start-pin'), {
      target: { value: '902413' },
    });
    await fireEvent.click(view.getByTestId('second-factor-begin'));
    const qr = await view.findByTestId('second-factor-qr');
    expect(ipc.beginSecondFactor).toHaveBeenCalledWith({ pin: '902413' });
    expect(qr.tagName).toBe('IMG');
    const src = qr.getAttribute('src') ?? '';
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(src.split(',')[1]), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(secondFactorSetup().qrSvg);
    expect(text(view.getByTestId('second-factor-key'))).toBe('JBSW Y3DP EHPK 3PXP');

    const turnOn = view.getByTestId('second-factor-confirm') as HTMLButtonElement;
    expect(turnOn.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('second-factor-first-code'), { target: { value: '287082' } });
    await fireEvent.input(view.getByTestId('second-factor-pin'), { target: { value: '902413' } });
    expect(turnOn.disabled).toBe(false);
    await fireEvent.click(turnOn);

    const codes = await view.findByTestId('recovery-codes');
    expect(ipc.confirmSecondFactor).toHaveBeenCalledWith({ code: '287082', pin: '902413' });
    expect(view.getAllByTestId('recovery-code').map(text)).toEqual(recoveryCodes());
    expect(text(codes)).toContain('Write these codes down');
    expect(text(codes)).toContain('They are shown only now.');
    expect(view.queryByTestId('second-factor-qr')).toBeNull();
    expect(text(view.getByTestId('second-factor-state'))).toBe('On');
    await waitFor(() => expect(ipc.securityLog).toHaveBeenCalledTimes(2));

    await fireEvent.click(view.getByTestId('recovery-codes-done'));
    expect(view.queryByTestId('recovery-codes')).toBeNull();
    expect(text(view.getByTestId('second-factor-codes-left'))).toBe('Recovery codes left: 10');
    expect(view.getByTestId('close-account-code')).toBeTruthy();
  });

  it('keeps the QR on the screen and says why when the first code is not accepted', async () => {
    ipc.beginSecondFactor.mockResolvedValue(secondFactorSetup());
    ipc.confirmSecondFactor.mockRejectedValue({
      code: 'wrongSecondFactor',
      message: 'The code was not accepted: wrong code. Nothing was changed.',
    });
    render(Security);
    await fireEvent.click(await view.findByTestId('second-factor-start'));
    await fireEvent.input(await view.findByTestId('second-factor-start-pin'), {
      target: { value: '902413' },
    });
    await fireEvent.click(view.getByTestId('second-factor-begin'));
    await fireEvent.input(await view.findByTestId('second-factor-first-code'), {
      target: { value: '111111' },
    });
    await fireEvent.input(view.getByTestId('second-factor-pin'), { target: { value: '902413' } });
    await fireEvent.click(view.getByTestId('second-factor-confirm'));

    await waitFor(() =>
      expect(text(view.getByTestId('second-factor-enrol'))).toContain('The code was not accepted'),
    );
    expect(view.getByTestId('second-factor-qr')).toBeTruthy();
    expect(view.queryByTestId('recovery-codes')).toBeNull();
    expect((view.getByTestId('second-factor-first-code') as HTMLInputElement).value).toBe('');
    expect((view.getByTestId('second-factor-pin') as HTMLInputElement).value).toBe('');
  });

  it('asks the payment PIN before it starts a key, and a wrong one starts nothing', async () => {
    ipc.beginSecondFactor.mockRejectedValue({
      code: 'wrongPin',
      message: 'Wrong payment PIN: 4 tries left.',
    });
    render(Security);
    await fireEvent.click(await view.findByTestId('second-factor-start'));
    const begin = view.getByTestId('second-factor-begin') as HTMLButtonElement;
    expect(begin.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('second-factor-start-pin'), { target: { value: '111111' } });
    await fireEvent.click(begin);

    await waitFor(() => expect(text(view.getByTestId('second-factor-error'))).toContain('Wrong payment PIN'));
    expect(ipc.beginSecondFactor).toHaveBeenCalledWith({ pin: '111111' });
    expect(view.queryByTestId('second-factor-qr')).toBeNull();
    expect((view.getByTestId('second-factor-start-pin') as HTMLInputElement).value).toBe('');
  });

  it('is removed with the PIN and a recovery code, and then shows as not set up', async () => {
    ipc.secondFactorStatus.mockResolvedValue(secondFactorOn(2));
    ipc.removeSecondFactor.mockResolvedValue(secondFactorOff());
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('second-factor-state'))).toBe('On'));
    expect(text(view.getByTestId('second-factor'))).toContain('Few recovery codes are left');

    await fireEvent.click(view.getByTestId('second-factor-remove'));
    const remove = view.getByTestId('second-factor-remove-confirm') as HTMLButtonElement;
    await fireEvent.input(view.getByTestId('second-factor-remove-pin'), { target: { value: '902413' } });
    expect(remove.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('second-factor-remove-code'), {
      target: { value: 'K7QM-4XRD-9TNP' },
    });
    await fireEvent.click(remove);

    await waitFor(() => expect(text(view.getByTestId('second-factor-state'))).toBe('Not set up'));
    expect(ipc.removeSecondFactor).toHaveBeenCalledWith({ code: 'K7QM-4XRD-9TNP', pin: '902413' });
    expect(text(view.getByTestId('second-factor'))).toContain('The second factor was removed.');
    expect(view.queryByTestId('close-account-code')).toBeNull();
  });

  it('speaks Chinese on the panel', async () => {
    locale.set('zh-CN');
    ipc.secondFactorStatus.mockResolvedValue(secondFactorOn(10));
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('second-factor-state'))).toBe('已开启'));
    expect(text(view.getByTestId('second-factor'))).toContain('双重验证');
    expect(text(view.getByTestId('second-factor-codes-left'))).toBe('剩余恢复码：10 个');
    expect(text(view.getByTestId('payment-limits'))).toContain('支付限额');
    expect(text(view.getByTestId('payment-limits'))).toContain('单笔限额');
  });
});

describe('the payment limits', () => {
  beforeEach(() => ipc.securityLog.mockResolvedValue([]));

  async function openLimitsForm(perPayment: string, daily: string) {
    await fireEvent.click(await view.findByTestId('limits-change'));
    await fireEvent.input(view.getByTestId('limits-per-payment'), { target: { value: perPayment } });
    await fireEvent.input(view.getByTestId('limits-daily'), { target: { value: daily } });
    await fireEvent.input(view.getByTestId('limits-pin'), { target: { value: '902413' } });
  }

  it('shows the per-payment and daily limits and what was paid today', async () => {
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('limit-per-payment'))).toBe('¥50,000.00'));
    expect(text(view.getByTestId('limit-daily'))).toBe('¥100,000.00');
    expect(text(view.getByTestId('limit-spent-today'))).toBe('¥1,234.50');
  });

  it('limits change sends PIN and code, then shows the new limits', async () => {
    ipc.secondFactorStatus.mockResolvedValue(secondFactorOn());
    ipc.setPaymentLimits.mockResolvedValue(
      limits({
        perPayment: { amount: '80000.00', currency: 'CNY' },
        daily: { amount: '150000.00', currency: 'CNY' },
      }),
    );
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('second-factor-state'))).toBe('On'));
    await openLimitsForm('80,000', '150000');
    const save = view.getByTestId('limits-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('limits-code'), { target: { value: '287082' } });
    await fireEvent.click(save);

    await waitFor(() => expect(view.getByTestId('limits-saved')).toBeTruthy());
    expect(ipc.setPaymentLimits).toHaveBeenCalledWith({
      perPayment: '80000',
      daily: '150000',
      pin: '902413',
      secondFactor: '287082',
    });
    expect(text(view.getByTestId('limit-per-payment'))).toBe('¥80,000.00');
    expect(text(view.getByTestId('limit-daily'))).toBe('¥150,000.00');
    expect(view.queryByTestId('limits-form')).toBeNull();
    await waitFor(() => expect(ipc.securityLog).toHaveBeenCalledTimes(2));
  });

  it('lowers the limits with the PIN alone when no second factor is set up', async () => {
    ipc.setPaymentLimits.mockResolvedValue(limits({ perPayment: { amount: '2000.00', currency: 'CNY' } }));
    render(Security);
    await openLimitsForm('2000', '100000.00');
    expect(view.queryByTestId('limits-code')).toBeNull();
    await fireEvent.click(view.getByTestId('limits-save'));
    await waitFor(() => expect(text(view.getByTestId('limit-per-payment'))).toBe('¥2,000.00'));
    expect(ipc.setPaymentLimits).toHaveBeenCalledWith({
      perPayment: '2000',
      daily: '100000.00',
      pin: '902413',
      secondFactor: null,
    });
  });

  it('says a second factor must be set up first when raising a limit without one', async () => {
    ipc.setPaymentLimits.mockRejectedValue({
      code: 'secondFactorNotSet',
      message: 'This needs a second factor, and none is set up.',
    });
    render(Security);
    await openLimitsForm('90000', '200000');
    await fireEvent.click(view.getByTestId('limits-save'));
    await waitFor(() =>
      expect(text(view.getByTestId('limits-error'))).toBe(
        'Raising a limit needs a second factor: set one up above first. Nothing was changed.',
      ),
    );
    expect(text(view.getByTestId('limit-per-payment'))).toBe('¥50,000.00');
    expect((view.getByTestId('limits-pin') as HTMLInputElement).value).toBe('');
  });

  it('says what is wrong with a limit before sending it', async () => {
    render(Security);
    await openLimitsForm('12.345', '100000');
    await fireEvent.click(view.getByTestId('limits-save'));
    expect(text(view.getByTestId('limits-error'))).toBe(
      'Enter each limit as an amount greater than zero, with at most 2 decimal places.',
    );
    expect(ipc.setPaymentLimits).not.toHaveBeenCalled();
  });
});

describe('closing the account with a second factor set up', () => {
  beforeEach(() => ipc.securityLog.mockResolvedValue([]));

  it('asks for the code too and sends it with the PIN', async () => {
    ipc.secondFactorStatus.mockResolvedValue(secondFactorOn());
    ipc.closeAccount.mockResolvedValue(null);
    render(Security);
    const code = await view.findByTestId('close-account-code');
    await fireEvent.input(view.getByTestId('close-account-pin'), { target: { value: '258036' } });
    await fireEvent.click(view.getByTestId('close-account-understood'));
    const submit = view.getByTestId('close-account-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.input(code, { target: { value: '287082' } });
    await fireEvent.click(submit);

    await waitFor(() => expect(view.getByTestId('account-closed')).toBeTruthy());
    expect(ipc.closeAccount).toHaveBeenCalledWith('258036', '287082');
  });

  it('shows the code field when the backend asks for one, in the UI’s words', async () => {
    ipc.closeAccount.mockRejectedValueOnce({
      code: 'secondFactorRequired',
      message: 'This needs a code from your authenticator app (or a recovery code) as well as the PIN.',
    });
    render(Security);
    await fireEvent.input(view.getByTestId('close-account-pin'), { target: { value: '258036' } });
    await fireEvent.click(view.getByTestId('close-account-understood'));
    await fireEvent.click(view.getByTestId('close-account-submit'));

    await waitFor(() => expect(view.getByTestId('close-account-code')).toBeTruthy());
    expect(view.getByRole('alert').textContent).toContain('as well as your PIN');
  });
});

describe('the app lock panel', () => {
  beforeEach(() => ipc.securityLog.mockResolvedValue([]));

  async function openForm(button: string) {
    await fireEvent.click(await view.findByTestId(button));
    await fireEvent.input(view.getByTestId('app-password-pin'), { target: { value: '902413' } });
  }

  it('sets an app password with the PIN, and the window knows one is set', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ hasPassword: false }));
    ipc.setAppPassword.mockResolvedValue(lockStatus());
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('app-password-state'))).toBe('No password'));
    expect(view.queryByTestId('app-password-remove')).toBeNull();

    await openForm('app-password-set');
    expect(view.queryByTestId('app-password-current')).toBeNull();
    await fireEvent.input(view.getByTestId('app-password-new'), { target: { value: 'correct horse' } });
    await fireEvent.input(view.getByTestId('app-password-repeat'), { target: { value: 'correct horse' } });
    await fireEvent.click(view.getByTestId('app-password-save'));

    await waitFor(() => expect(text(view.getByTestId('app-password-saved'))).toBe('App password saved.'));
    expect(ipc.setAppPassword).toHaveBeenCalledWith({
      password: 'correct horse',
      current: null,
      pin: '902413',
    });
    expect(text(view.getByTestId('app-password-state'))).toBe('Password set');
    expect(get(appLock)?.hasPassword).toBe(true);
    expect(view.queryByTestId('app-password-form')).toBeNull();
    await waitFor(() => expect(ipc.securityLog).toHaveBeenCalledTimes(2));
  });

  it('changes the app password with the current one and the PIN', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus());
    ipc.setAppPassword.mockResolvedValue(lockStatus());
    render(Security);
    await openForm('app-password-set');
    await fireEvent.input(view.getByTestId('app-password-current'), { target: { value: 'correct horse' } });
    await fireEvent.input(view.getByTestId('app-password-new'), { target: { value: 'battery staple' } });
    await fireEvent.input(view.getByTestId('app-password-repeat'), { target: { value: 'battery staple' } });
    await fireEvent.click(view.getByTestId('app-password-save'));

    await waitFor(() => expect(view.getByTestId('app-password-saved')).toBeTruthy());
    expect(ipc.setAppPassword).toHaveBeenCalledWith({
      password: 'battery staple',
      current: 'correct horse',
      pin: '902413',
    });
  });

  it('removes the app password with the current one and the PIN', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus());
    ipc.setAppPassword.mockResolvedValue(lockStatus({ hasPassword: false }));
    render(Security);
    await openForm('app-password-remove');
    expect(view.queryByTestId('app-password-new')).toBeNull();
    const remove = view.getByTestId('app-password-save') as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('app-password-current'), { target: { value: 'correct horse' } });
    await fireEvent.click(remove);

    await waitFor(() => expect(text(view.getByTestId('app-password-state'))).toBe('No password'));
    expect(ipc.setAppPassword).toHaveBeenCalledWith({
      password: null,
      current: 'correct horse',
      pin: '902413',
    });
    expect(text(view.getByTestId('app-password-saved'))).toBe('App password removed.');
  });

  it('says the current password is wrong, and changes nothing', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus());
    ipc.setAppPassword.mockRejectedValue({
      code: 'wrongPassword',
      message: 'The current app password is wrong. Nothing was changed.',
    });
    render(Security);
    await openForm('app-password-set');
    await fireEvent.input(view.getByTestId('app-password-current'), { target: { value: 'guess' } });
    await fireEvent.input(view.getByTestId('app-password-new'), { target: { value: 'battery staple' } });
    await fireEvent.input(view.getByTestId('app-password-repeat'), { target: { value: 'battery staple' } });
    await fireEvent.click(view.getByTestId('app-password-save'));

    await waitFor(() =>
      expect(text(view.getByTestId('app-password-error'))).toBe(
        'The current app password is wrong. Nothing was changed.',
      ),
    );
    expect((view.getByTestId('app-password-current') as HTMLInputElement).value).toBe('');
    expect((view.getByTestId('app-password-pin') as HTMLInputElement).value).toBe('');
    expect(text(view.getByTestId('app-password-state'))).toBe('Password set');
  });

  it('refuses a short or mismatched new password before sending it', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ hasPassword: false }));
    render(Security);
    await openForm('app-password-set');
    await fireEvent.input(view.getByTestId('app-password-new'), { target: { value: 'short' } });
    await fireEvent.input(view.getByTestId('app-password-repeat'), { target: { value: 'short' } });
    await fireEvent.click(view.getByTestId('app-password-save'));
    expect(text(view.getByTestId('app-password-error'))).toBe('An app password needs at least 8 characters.');

    await fireEvent.input(view.getByTestId('app-password-new'), { target: { value: 'correct horse' } });
    await fireEvent.input(view.getByTestId('app-password-repeat'), { target: { value: 'correct house' } });
    await fireEvent.click(view.getByTestId('app-password-save'));
    expect(text(view.getByTestId('app-password-error'))).toBe('The two passwords differ.');
    expect(ipc.setAppPassword).not.toHaveBeenCalled();
  });

  it('chooses the auto-lock minutes, never included', async () => {
    ipc.lockStatus.mockResolvedValue(lockStatus({ idleMinutes: 5 }));
    ipc.setAutoLock.mockResolvedValue(lockStatus({ idleMinutes: 15 }));
    render(Security);
    const select = (await view.findByTestId('auto-lock-minutes')) as HTMLSelectElement;
    expect(select.value).toBe('5');
    expect([...select.options].map((o) => o.value)).toEqual(['0', '1', '5', '15', '30', '60']);
    expect(select.options[0].textContent).toBe('Never');

    await fireEvent.change(select, { target: { value: '15' } });

    await waitFor(() => expect(view.getByTestId('auto-lock-saved')).toBeTruthy());
    expect(ipc.setAutoLock).toHaveBeenCalledWith({ minutes: 15 });
    expect(get(appLock)?.idleMinutes).toBe(15);
  });

  it('speaks Chinese on the panel', async () => {
    locale.set('zh-CN');
    ipc.lockStatus.mockResolvedValue(lockStatus({ idleMinutes: 0 }));
    render(Security);
    await waitFor(() => expect(text(view.getByTestId('app-password-state'))).toBe('已设置密码'));
    expect(text(view.getByTestId('app-lock'))).toContain('应用锁');
    expect(text(view.getByTestId('app-lock'))).toContain('自动锁定');
    expect((view.getByTestId('auto-lock-minutes') as HTMLSelectElement).selectedOptions[0].textContent).toBe(
      '从不',
    );
  });
});
