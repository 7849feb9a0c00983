// A credit card's page with the IPC mocked: its statement (balance, minimum, due date) in each state the
// backend reports, and Repay, which opens the pay screen on a transfer into the card, filled in, that goes
// through the confirmation and the PIN as any transfer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { ipc } from '../test/ipcMock';
import {
  account,
  assessment,
  cardStatus,
  creditCard,
  eWallet,
  overview,
  payment,
  pinSet,
} from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import { overview as overviewStore } from '../lib/wallet';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: AccountDetail } = await import('./AccountDetail.svelte');
const { default: App } = await import('../App.svelte');

const text = (testid: string) => view.getByTestId(testid).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const value = (testid: string) => (view.getByTestId(testid) as HTMLInputElement | HTMLSelectElement).value;

describe('a credit card’s page', () => {
  beforeEach(() => {
    resetApp('en');
    const accounts = [account(), creditCard(), eWallet()];
    overviewStore.set(overview(accounts));
    ipc.listAccounts.mockResolvedValue(overview(accounts));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.getAccount.mockImplementation(async (id: string) => accounts.find((a) => a.id === id));
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
    ipc.cardStatus.mockResolvedValue(cardStatus());
    ipc.listPayments.mockResolvedValue([]);
  });

  it('shows the statement balance, the minimum payment and the due date', async () => {
    render(AccountDetail, { accountId: 'c1' });
    await waitFor(() => expect(view.getByTestId('card-statement-balance')).toBeTruthy());
    expect(ipc.cardStatus).toHaveBeenCalledWith('c1');
    expect(text('card-statement-balance')).toBe('¥1,200.00');
    expect(text('card-minimum')).toBe('¥120.00');
    expect(text('card-due-date')).toBe('25 Nov 2026 Days left: 5');
    expect(text('card-still-due')).toBe('¥1,200.00');
    expect(text('card-status-label')).toBe('Not due yet');
  });

  it.each([
    ['paid', { status: 'paid', paidSince: cny('1200.00'), stillDue: cny('0.00') }, 'Paid', null],
    ['due soon', { status: 'dueSoon', daysToDue: 2 }, 'Due soon', 'Days left: 2'],
    ['due today', { status: 'dueToday', daysToDue: 0 }, 'Due today', null],
    [
      'minimum paid',
      { status: 'minimumPaid', paidSince: cny('120.00'), stillDue: cny('1080.00') },
      'Minimum paid',
      'Days left: 5',
    ],
    ['overdue', { status: 'overdue', daysToDue: -3 }, 'Overdue', 'Days overdue: 3'],
  ] as const)('says when the card is %s', async (_case, overrides, label, days) => {
    ipc.cardStatus.mockResolvedValue(cardStatus(overrides));
    render(AccountDetail, { accountId: 'c1' });
    await waitFor(() => expect(view.getByTestId('card-status-label')).toBeTruthy());
    expect(text('card-status-label')).toBe(label);
    expect(view.getByTestId('card-status').dataset.status).toBe(overrides.status);
    if (days) expect(text('card-days')).toBe(days);
    else expect(view.queryByTestId('card-days')).toBeNull();
  });

  it('says the states in Chinese', async () => {
    locale.set('zh-CN');
    ipc.cardStatus.mockResolvedValue(cardStatus({ status: 'overdue', daysToDue: -3 }));
    render(AccountDetail, { accountId: 'c1' });
    await waitFor(() => expect(text('card-status-label')).toBe('已逾期'));
    expect(text('card-days')).toBe('已逾期 3 天');
    expect(text('card-due-date')).toContain('2026年11月25日');
  });

  it('shows what was repaid since the statement and what is still to pay', async () => {
    ipc.cardStatus.mockResolvedValue(
      cardStatus({ status: 'minimumPaid', paidSince: cny('500.00'), stillDue: cny('700.00') }),
    );
    render(AccountDetail, { accountId: 'c1' });
    await waitFor(() => expect(view.getByTestId('card-paid-since')).toBeTruthy());
    expect(text('card-paid-since')).toBe('¥500.00');
    expect(text('card-still-due')).toBe('¥700.00');
    // The statement's minimum no longer means anything once part is repaid.
    expect(view.queryByTestId('card-repay-minimum')).toBeNull();
  });

  it('says so, without an error, when the bank has not issued a statement yet', async () => {
    ipc.cardStatus.mockRejectedValue({
      code: 'notFound',
      message: 'The bank has not issued a statement for this card yet.',
    });
    render(AccountDetail, { accountId: 'c1' });
    await waitFor(() =>
      expect(text('card-status-missing')).toBe('The bank has not issued a statement for this card yet.'),
    );
    expect(view.queryByRole('alert')).toBeNull();
    expect(view.queryByTestId('card-repay')).toBeNull();
  });

  it('shows no statement on a debit card', async () => {
    render(AccountDetail, { accountId: 'a1' });
    await waitFor(() => expect(view.getByTestId('account-detail').textContent).toContain('Salary card'));
    expect(view.queryByTestId('card-status')).toBeNull();
    expect(ipc.cardStatus).not.toHaveBeenCalled();
  });

  it('Repay opens a transfer from a debit card into the card, filled in with the statement balance', async () => {
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('account-card')[1]);
    await fireEvent.click(await view.findByTestId('card-repay'));

    expect(get(screen)).toEqual({
      name: 'pay',
      transfer: { toAccountId: 'c1', amount: '1200.00', note: 'Card repayment' },
    });
    await waitFor(() => expect(view.getByTestId('transfer-to')).toBeTruthy());
    expect(view.getByTestId('pay-tab-transfer').getAttribute('aria-selected')).toBe('true');
    expect(value('pay-from')).toBe('a1');
    expect(value('transfer-to')).toBe('c1');
    expect(value('pay-amount')).toBe('1200.00');
    expect(value('pay-note')).toBe('Card repayment');
    expect(text('transfer-kind')).toBe('Credit card repayment');
  });

  it('Repay after the statement is all repaid fills in what the card owes now', async () => {
    ipc.cardStatus.mockResolvedValue(
      cardStatus({ status: 'paid', paidSince: cny('1200.00'), stillDue: cny('0.00') }),
    );
    const spentSince = creditCard({ balance: cny('-345.60') });
    ipc.getAccount.mockImplementation(async (id: string) => (id === 'c1' ? spentSince : account()));
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('account-card')[1]);
    await waitFor(() => expect(text('card-status-label')).toBe('Paid'));
    expect(view.queryByTestId('card-repay-minimum')).toBeNull();
    await fireEvent.click(view.getByTestId('card-repay'));
    await waitFor(() => expect(view.getByTestId('transfer-to')).toBeTruthy());
    expect(value('transfer-to')).toBe('c1');
    // The card's balance is -345.60: that much is owed, spent since the statement.
    expect(value('pay-amount')).toBe('345.60');
  });

  it('Pay the minimum fills the transfer in with the minimum payment', async () => {
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('account-card')[1]);
    await fireEvent.click(await view.findByTestId('card-repay-minimum'));
    await waitFor(() => expect(view.getByTestId('transfer-to')).toBeTruthy());
    expect(value('transfer-to')).toBe('c1');
    expect(value('pay-amount')).toBe('120.00');
  });

  it('a repayment goes through the confirmation and the PIN as a transfer into the card', async () => {
    ipc.pinStatus.mockResolvedValue(pinSet());
    ipc.assessPayment.mockResolvedValue(assessment());
    ipc.submitPayment.mockResolvedValue(
      payment('pay1', { kind: 'ownTransfer', payeeName: 'Platinum credit card', amount: cny('1200.00') }),
    );
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('account-card')[1]);
    await fireEvent.click(await view.findByTestId('card-repay'));
    await fireEvent.click(await view.findByTestId('pay-continue'));
    const sheet = await view.findByTestId('confirm-sheet');
    expect(within(sheet).getByTestId('confirm-amount').textContent).toBe('¥1,200.00');
    expect(within(sheet).getByTestId('confirm-to').textContent).toContain('Platinum credit card');
    await waitFor(() => expect((view.getByTestId('confirm-pay') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(view.getByTestId('confirm-pay'));
    await waitFor(() => expect(view.getByTestId('pin-pad')).toBeTruthy());
    for (const digit of '258036') await fireEvent.click(view.getByTestId(`pin-key-${digit}`));
    await waitFor(() =>
      expect(ipc.submitPayment).toHaveBeenCalledWith({
        fromAccountId: 'a1',
        to: { kind: 'ownAccount', accountId: 'c1' },
        amount: '1200.00',
        currency: 'CNY',
        note: 'Card repayment',
        pin: '258036',
        secondFactor: null,
      }),
    );
  });
});

function cny(amount: string) {
  return { amount, currency: 'CNY' };
}
