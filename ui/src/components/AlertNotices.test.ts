// The backend's budget-alert, card-reminder and unusual-line events, heard by the whole app with the IPC
// mocked: a notice in the current language that stays until dismissed and leads to the budgets, the
// repayment or the bills.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { emit, ipc } from '../test/ipcMock';
import { account, budgetAlert, cardStatus, creditCard, overview, unusualLine } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: App } = await import('../App.svelte');

const notices = () => view.queryAllByTestId('alert-notice');
const message = (notice: HTMLElement) => notice.querySelector('[data-testid=alert-message]')?.textContent;

async function renderApp() {
  render(App);
  await waitFor(() => expect(ipc.onBudgetAlert).toHaveBeenCalled());
  await waitFor(() => expect(ipc.onCardReminder).toHaveBeenCalled());
  await waitFor(() => expect(ipc.onUnusualLine).toHaveBeenCalled());
  await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(2));
}

describe('the alerts in the window', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
    ipc.budgetProgress.mockResolvedValue([]);
    ipc.listCategories.mockResolvedValue([]);
    ipc.listPayments.mockResolvedValue([]);
  });

  it('tell the backend once they listen, so the start-up sync’s alerts are not lost', async () => {
    let listening = false;
    ipc.windowListening.mockImplementation(async () => {
      listening = ipc.onBudgetAlert.mock.calls.length > 0 && ipc.onCardReminder.mock.calls.length > 0;
      return null;
    });
    await renderApp();
    await waitFor(() => expect(ipc.windowListening).toHaveBeenCalledTimes(1));
    expect(listening).toBe(true);
  });

  it('show a notice when a budget passes 80 %', async () => {
    await renderApp();
    expect(notices()).toHaveLength(0);
    emit.budgetAlert(budgetAlert());
    await waitFor(() => expect(notices()).toHaveLength(1));
    const [notice] = notices();
    expect(notice.getAttribute('role')).toBe('status');
    expect(message(notice)).toBe('Food & drink: 80% of this month’s budget used (¥2,459.00 of ¥3,000.00)');
  });

  it('replace a budget’s 80 % notice with its 100 % one', async () => {
    await renderApp();
    emit.budgetAlert(budgetAlert());
    emit.budgetAlert(budgetAlert({ level: 100, spent: { amount: '3010.00', currency: 'CNY' } }));
    await waitFor(() => expect(notices()).toHaveLength(1));
    expect(message(notices()[0])).toBe(
      'Food & drink is over this month’s budget: ¥3,010.00 spent of ¥3,000.00',
    );
  });

  it('show a card reminder in Chinese when the window is in Chinese, and follow the language switch', async () => {
    ipc.getSettings.mockResolvedValue({ language: 'zh-CN' });
    await renderApp();
    await waitFor(() => expect(get(locale)).toBe('zh-CN'));
    emit.cardReminder({ card: cardStatus({ status: 'dueSoon', daysToDue: 2 }) });
    await waitFor(() => expect(notices()).toHaveLength(1));
    expect(message(notices()[0])).toBe(
      '信用卡还款提醒：Platinum credit card 应还 ¥1,200.00，最低还款 ¥120.00，到期日 2026年11月25日',
    );
    locale.set('en');
    await waitFor(() =>
      expect(message(notices()[0])).toBe(
        'Platinum credit card: repay ¥1,200.00 by 25 Nov 2026 (minimum ¥120.00)',
      ),
    );
  });

  it('say an overdue card is overdue', async () => {
    await renderApp();
    emit.cardReminder({ card: cardStatus({ status: 'overdue', daysToDue: -1 }) });
    await waitFor(() => expect(notices()).toHaveLength(1));
    expect(message(notices()[0])).toBe(
      'Platinum credit card: ¥1,200.00 was due on 25 Nov 2026 (minimum ¥120.00)',
    );
  });

  it('go away when dismissed', async () => {
    await renderApp();
    emit.budgetAlert(budgetAlert());
    emit.cardReminder({ card: cardStatus({ status: 'dueToday', daysToDue: 0 }) });
    await waitFor(() => expect(notices()).toHaveLength(2));
    await fireEvent.click(view.getAllByTestId('alert-dismiss')[0]);
    expect(notices()).toHaveLength(1);
    expect(notices()[0].dataset.kind).toBe('card');
  });

  it('lead from a budget notice to the budgets', async () => {
    await renderApp();
    emit.budgetAlert(budgetAlert());
    await waitFor(() => expect(notices()).toHaveLength(1));
    await fireEvent.click(view.getByTestId('alert-action'));
    expect(get(screen)).toEqual({ name: 'plan', tab: 'budgets' });
    expect(notices()).toHaveLength(0);
  });

  it('lead from a card reminder to its repayment, filled in', async () => {
    await renderApp();
    emit.cardReminder({ card: cardStatus({ status: 'dueSoon' }) });
    await waitFor(() => expect(notices()).toHaveLength(1));
    await fireEvent.click(view.getByTestId('alert-action'));
    expect(get(screen)).toEqual({
      name: 'pay',
      transfer: { toAccountId: 'c1', amount: '1200.00', note: 'Card repayment' },
    });
    await waitFor(() => expect((view.getByTestId('pay-amount') as HTMLInputElement).value).toBe('1200.00'));
  });

  it('ask “Don’t recognise this?” about an unusual card line, with its payee, amount, account and reasons', async () => {
    await renderApp();
    emit.unusualLine(unusualLine());
    await waitFor(() => expect(notices()).toHaveLength(1));
    const [notice] = notices();
    expect(notice.dataset.kind).toBe('unusual');
    expect(notice.classList.contains('urgent')).toBe(true);
    expect(notice.querySelector('[data-testid=alert-title]')?.textContent).toBe('Don’t recognise this?');
    expect(message(notice)).toBe('QUICKPAY*HK DIGITAL: ¥4,560.00 from Platinum credit card, 19 Nov 2026');
    expect([...notice.querySelectorAll('[data-testid=alert-reason]')].map((li) => li.textContent)).toEqual([
      'It is 12 times what you usually pay this payee (¥38.00).',
      'It is the middle of the night (03:00).',
    ]);
    expect(notice.textContent).toContain('call your bank to block the card');
  });

  it('ask about an unusual line in Chinese when the window is in Chinese', async () => {
    ipc.getSettings.mockResolvedValue({ language: 'zh-CN' });
    await renderApp();
    await waitFor(() => expect(get(locale)).toBe('zh-CN'));
    emit.unusualLine(unusualLine());
    await waitFor(() => expect(notices()).toHaveLength(1));
    const [notice] = notices();
    expect(notice.querySelector('[data-testid=alert-title]')?.textContent).toBe('这笔交易是您本人的吗？');
    expect(message(notice)).toBe(
      'Platinum credit card 于 2026年11月19日 向 QUICKPAY*HK DIGITAL 支出 ¥4,560.00',
    );
    expect(notice.querySelectorAll('[data-testid=alert-reason]')[0].textContent).toBe(
      '金额是您平时付给该收款人的 12 倍（平时约 ¥38.00）。',
    );
  });

  it('lead from an unusual line to the bills of its account in its month', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
    await renderApp();
    emit.unusualLine(unusualLine());
    await waitFor(() => expect(notices()).toHaveLength(1));
    await fireEvent.click(view.getByTestId('alert-action'));
    expect(get(screen)).toEqual({ name: 'bills', filter: { accountId: 'c1', month: '2026-11' } });
    expect(notices()).toHaveLength(0);
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenCalledWith(
        expect.objectContaining({ accountId: 'c1', month: '2026-11' }),
      ),
    );
  });

  it('show the same unusual line once, and dismiss it', async () => {
    await renderApp();
    emit.unusualLine(unusualLine());
    emit.unusualLine(unusualLine());
    await waitFor(() => expect(notices()).toHaveLength(1));
    await fireEvent.click(view.getByTestId('alert-dismiss'));
    expect(notices()).toHaveLength(0);
  });
});
