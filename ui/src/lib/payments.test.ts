// The shared payments list: events and answers that arrive out of order, list reloads racing events, and
// the wallet refresh when a payment changes outside a submit.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import { emit, ipc } from '../test/ipcMock';
import { account, overview, payment } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { dataVersion } from './wallet';

vi.mock('./ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { applyPayment, isNewer, maskTyped, pay, payments, reloadPayments, startPaymentEvents } =
  await import('./payments');

const statuses = () => get(payments).map((p) => `${p.id}:${p.status}`);

describe('the payments list', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listAccounts.mockResolvedValue(overview([account()]));
  });

  it('never moves a payment back to an earlier status, and takes the later update within one', () => {
    const queued = payment('p1', { status: 'queued', updatedAt: '2026-11-20T10:00:00+00:00' });
    const retried = payment('p1', { status: 'queued', updatedAt: '2026-11-20T10:00:05+00:00' });
    const sent = payment('p1', { status: 'sent', updatedAt: '2026-11-20T10:00:01+00:00' });
    expect(isNewer(sent, queued)).toBe(true);
    expect(isNewer(retried, sent)).toBe(false);
    expect(isNewer(retried, queued)).toBe(true);
    expect(isNewer(queued, retried)).toBe(false);
    expect(isNewer(payment('p1', { status: 'completed' }), sent)).toBe(true);
  });

  it('keeps the list newest first as payments come in', () => {
    applyPayment(payment('old', { createdAt: '2026-11-19T10:00:00+00:00' }));
    applyPayment(payment('new', { createdAt: '2026-11-20T10:00:00+00:00' }));
    applyPayment(payment('older', { createdAt: '2026-11-18T10:00:00+00:00' }));
    expect(get(payments).map((p) => p.id)).toEqual(['new', 'old', 'older']);
  });

  it('keeps what an event brought while an older list was on its way', async () => {
    let answer: (list: unknown) => void = () => {};
    ipc.listPayments.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const loading = reloadPayments();
    applyPayment(payment('p2', { status: 'sent', createdAt: '2026-11-21T10:00:00+00:00' }));
    applyPayment(payment('p1', { status: 'completed', updatedAt: '2026-11-20T10:05:00+00:00' }));
    answer([payment('p1', { status: 'sent' }), payment('p0', { createdAt: '2026-11-01T10:00:00+00:00' })]);
    await loading;
    expect(statuses()).toEqual(['p2:sent', 'p1:completed', 'p0:completed']);
  });

  it('reloads the wallet when a payment changes outside a submit, e.g. resumed at start-up', async () => {
    const stop = startPaymentEvents();
    emit.payment(payment('p1', { status: 'completed' }));
    expect(statuses()).toEqual(['p1:completed']);
    expect(get(dataVersion)).toBe(1);
    emit.payment(payment('p1', { status: 'completed' }));
    expect(get(dataVersion)).toBe(1);
    stop();
    await Promise.resolve();
    emit.payment(payment('p2', { status: 'queued' }));
    expect(statuses()).toEqual(['p1:completed']);
  });

  it('reloads the wallet once per submit, not for the events on the way', async () => {
    const stop = startPaymentEvents();
    let answer: (p: unknown) => void = () => {};
    ipc.submitPayment.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const paying = pay({
      fromAccountId: 'a1',
      to: { kind: 'payee', payeeId: 'x' },
      amount: '1',
      currency: 'CNY',
      note: null,
      pin: '902413',
      secondFactor: null,
    });
    emit.payment(payment('p1', { status: 'queued' }));
    emit.payment(payment('p1', { status: 'sent' }));
    expect(get(dataVersion)).toBe(0);
    answer(payment('p1', { status: 'sent' }));
    expect((await paying).status).toBe('sent');
    expect(get(dataVersion)).toBe(1);
    stop();
  });

  it('masks a typed card number like the backend does', () => {
    expect(maskTyped('6222 0212 3456 7890 128')).toBe('•••• 0128');
    expect(maskTyped('12')).toBe('12');
  });
});
