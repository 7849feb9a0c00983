// Tests of the seam itself, against Tauri's own IPC mock: the command names and argument names must be
// exactly what the Rust side registers. (The seam's folder is the only place that touches @tauri-apps/api.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import * as ipc from './index';

describe('the IPC seam', () => {
  afterEach(() => clearMocks());

  it('calls each command by its Rust name with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'get_settings' ? { language: 'en' } : {};
    });
    const query = { accountId: 'a1', month: '2026-10', text: 'coffee', cursor: 'c9', limit: null };
    await ipc.listAccounts();
    await ipc.getAccount('a1');
    await ipc.pageTransactions(query);
    await ipc.syncNow();
    expect(await ipc.getSettings()).toEqual({ language: 'en' });
    await ipc.updateSettings({ language: 'zh-CN' });
    expect(calls.map(([cmd]) => cmd)).toEqual([
      'list_accounts',
      'get_account',
      'page_transactions',
      'sync_now',
      'get_settings',
      'update_settings',
    ]);
    expect(calls[1][1]).toEqual({ accountId: 'a1' });
    expect(calls[2][1]).toEqual({ query });
    expect(calls[5][1]).toEqual({ patch: { language: 'zh-CN' } });
  });

  it('calls the payment commands by their Rust names with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'list_payees' || cmd === 'list_payments' ? [] : {};
    });
    const request = {
      fromAccountId: 'a1',
      to: { kind: 'qr' as const, payload: '000201…' },
      amount: '88.80',
      currency: 'CNY',
      note: null,
      pin: '902413',
      secondFactor: '287082',
    };
    const payee = {
      name: 'Li Lei',
      accountNumber: '6222021234567890128',
      bankName: null,
      pin: '902413',
      secondFactor: null,
    };
    await ipc.pinStatus();
    await ipc.setPaymentPin('902413');
    expect(await ipc.listPayees()).toEqual([]);
    await ipc.addPayee(payee);
    await ipc.removePayee('p1');
    await ipc.submitPayment(request);
    expect(await ipc.listPayments()).toEqual([]);
    await ipc.getPayment('pay1');
    await ipc.readQrCode('000201…');
    await ipc.decodeQrImage('iVBORw0KGgo=');
    await ipc.receiveCode('a1', '12.00');
    await ipc.receiveCode('a1', null);
    expect(calls).toEqual([
      ['pin_status', {}],
      ['set_payment_pin', { pin: '902413' }],
      ['list_payees', {}],
      ['add_payee', { payee }],
      ['remove_payee', { payeeId: 'p1' }],
      ['submit_payment', { request }],
      ['list_payments', {}],
      ['get_payment', { paymentId: 'pay1' }],
      ['read_qr_code', { payload: '000201…' }],
      ['decode_qr_image', { imageBase64: 'iVBORw0KGgo=' }],
      ['receive_code', { accountId: 'a1', amount: '12.00' }],
      ['receive_code', { accountId: 'a1', amount: null }],
    ]);
  });

  it('calls the risk, limit, second-factor and closing commands by their Rust names', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return {};
    });
    const draft = {
      fromAccountId: 'a1',
      to: { kind: 'payee' as const, payeeId: 'p1' },
      amount: '9000',
      currency: 'CNY',
      note: null,
    };
    const limits = { perPayment: '5000', daily: '20,000.00', pin: '902413', secondFactor: '287082' };
    await ipc.assessPayment(draft);
    await ipc.paymentLimits();
    await ipc.setPaymentLimits(limits);
    await ipc.secondFactorStatus();
    await ipc.beginSecondFactor({ pin: '902413' });
    await ipc.confirmSecondFactor({ code: '287082', pin: '902413' });
    await ipc.removeSecondFactor({ code: 'K7QM-4XRD-9TNP', pin: '902413' });
    await ipc.closeAccount('902413', '287082');
    await ipc.closeAccount('902413', null);
    expect(calls).toEqual([
      ['assess_payment', { draft }],
      ['payment_limits', {}],
      ['set_payment_limits', { request: limits }],
      ['second_factor_status', {}],
      ['begin_second_factor', { request: { pin: '902413' } }],
      ['confirm_second_factor', { request: { code: '287082', pin: '902413' } }],
      ['remove_second_factor', { request: { code: 'K7QM-4XRD-9TNP', pin: '902413' } }],
      ['close_account', { pin: '902413', secondFactor: '287082' }],
      ['close_account', { pin: '902413', secondFactor: null }],
    ]);
  });

  it('calls the send-abroad commands by their Rust names', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return {};
    });
    const draft = { name: 'Anna Schmidt', account: 'DE89370400440532013000', bic: 'COBADEFF', country: 'DE' };
    const request = {
      fromAccountId: 'a1',
      recipient: draft,
      currency: 'EUR',
      amount: '100',
      chargeBearer: 'shared' as const,
      note: null,
    };
    await ipc.checkRecipientAbroad(draft);
    await ipc.quoteInternational(request);
    await ipc.payInternational({ quoteId: 'q1', pin: '902413', secondFactor: '287082' });
    expect(calls).toEqual([
      ['check_recipient_abroad', { draft }],
      ['quote_international', { request }],
      ['pay_international', { request: { quoteId: 'q1', pin: '902413', secondFactor: '287082' } }],
    ]);
    expect(ipc.isApiError({ code: 'quoteExpired', message: 'x' })).toBe(true);
  });

  it('recognises the second-factor and risk refusals as ApiErrors', () => {
    for (const code of ['secondFactorRequired', 'secondFactorNotSet', 'wrongSecondFactor', 'riskBlocked'])
      expect(ipc.isApiError({ code, message: 'x' }), code).toBe(true);
  });

  it('passes a rejected ApiError through so callers can branch on its code', async () => {
    mockIPC(() => {
      throw { code: 'busy', message: 'A sync is already running.' };
    });
    const error = await ipc.syncNow().catch((e: unknown) => e);
    expect(ipc.isApiError(error)).toBe(true);
    expect(ipc.errorMessage(error)).toBe('A sync is already running.');
  });

  it('recognises only well-formed ApiErrors', () => {
    expect(ipc.isApiError({ code: 'notFound', message: 'No such account.' })).toBe(true);
    expect(ipc.isApiError({ code: 'wrongPin', message: 'Wrong payment PIN: 4 tries left.' })).toBe(true);
    expect(ipc.isApiError({ code: 'toString', message: 'x' })).toBe(false);
    expect(ipc.isApiError({ code: 'whatever', message: 'x' })).toBe(false);
    expect(ipc.isApiError({ code: 'busy' })).toBe(false);
    expect(ipc.isApiError('busy')).toBe(false);
    expect(ipc.errorMessage(new Error('boom'))).toBe('boom');
  });

  it('delivers the payload of sync events to the callback', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const progress = vi.fn();
    const finished = vi.fn();
    const stopProgress = await ipc.onSyncProgress(progress);
    await ipc.onSyncFinished(finished);
    const payload = {
      stage: 'balances',
      accountIndex: 0,
      accountCount: 5,
      accountName: 'Salary',
      transactionsFetched: 0,
    };
    await emit('sync-progress', payload);
    await emit('sync-finished', { report: null, error: { code: 'bankUnreachable', message: 'down' } });
    expect(progress).toHaveBeenCalledWith(payload);
    expect(finished).toHaveBeenCalledWith({
      report: null,
      error: { code: 'bankUnreachable', message: 'down' },
    });
    stopProgress();
    await emit('sync-progress', payload);
    expect(progress).toHaveBeenCalledTimes(1);
  });

  it('delivers the payment of payment-status events to the callback', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const changed = vi.fn();
    const stop = await ipc.onPaymentStatus(changed);
    await emit('payment-status', { id: 'pay1', status: 'sent' });
    expect(changed).toHaveBeenCalledWith({ id: 'pay1', status: 'sent' });
    stop();
    await emit('payment-status', { id: 'pay1', status: 'completed' });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('calls the app lock and passphrase commands by their Rust names with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'open_with_passphrase' ? null : { locked: false, hasPassword: true, idleMinutes: 5 };
    });
    const password = { password: 'battery staple', current: 'correct horse', pin: '902413' };
    expect(await ipc.lockStatus()).toEqual({ locked: false, hasPassword: true, idleMinutes: 5 });
    await ipc.lockApp();
    await ipc.unlockApp('correct horse');
    await ipc.unlockApp(null);
    await ipc.setAppPassword(password);
    await ipc.setAppPassword({ password: null, current: 'battery staple', pin: '902413' });
    await ipc.setAutoLock({ minutes: 15 });
    expect(await ipc.openWithPassphrase('long enough phrase')).toBeNull();
    expect(calls).toEqual([
      ['lock_status', {}],
      ['lock_app', {}],
      ['unlock_app', { password: 'correct horse' }],
      ['unlock_app', { password: null }],
      ['set_app_password', { request: password }],
      ['set_app_password', { request: { password: null, current: 'battery staple', pin: '902413' } }],
      ['set_auto_lock', { request: { minutes: 15 } }],
      ['open_with_passphrase', { passphrase: 'long enough phrase' }],
    ]);
  });

  it('tells the lock whenever any command is refused as locked, and still rejects to the caller', async () => {
    let refuse = 'locked';
    mockIPC(() => {
      throw { code: refuse, message: 'Purse is locked. Unlock it to go on.' };
    });
    const locked = vi.fn();
    const stop = ipc.onLockedRefusal(locked);

    await expect(ipc.listAccounts()).rejects.toEqual(expect.objectContaining({ code: 'locked' }));
    await expect(
      ipc.pageTransactions({ accountId: null, month: null, text: null, cursor: null, limit: null }),
    ).rejects.toBeTruthy();
    expect(locked).toHaveBeenCalledTimes(2);

    refuse = 'wrongPin';
    await expect(ipc.syncNow()).rejects.toEqual(expect.objectContaining({ code: 'wrongPin' }));
    expect(locked).toHaveBeenCalledTimes(2);

    stop();
    refuse = 'locked';
    await expect(ipc.getSettings()).rejects.toBeTruthy();
    expect(locked).toHaveBeenCalledTimes(2);
  });

  it('delivers unusual-line events to the callback', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const unusual = vi.fn();
    const stop = await ipc.onUnusualLine(unusual);
    const alert = {
      transactionId: 't9',
      bookedAt: '2026-11-19T10:00:00Z',
      accountName: 'Platinum credit card',
      payee: 'QUICKPAY*HK DIGITAL',
      amount: { amount: '-4560.00', currency: 'CNY' },
      reasons: [{ kind: 'nightTime', hour: 3 }],
    };
    await emit('unusual-line', alert);
    expect(unusual).toHaveBeenCalledWith(alert);
    stop();
  });
});
