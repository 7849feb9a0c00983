// The plan screen with the IPC mocked: this month's budgets (progress, over budget, gauge), setting one
// (category picker, amount checked as a decimal, the backend's refusal) and removing one; and the
// subscriptions and regular bills with their monthly total, each leading to its category's bills.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen as view, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { ipc } from '../test/ipcMock';
import {
  account,
  budget,
  categoryLabel,
  categoryNodes,
  food,
  overview,
  recurringOverview,
  transport,
} from '../test/fixtures';
import { fakeChartLayout } from '../test/chartDom';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import { overview as overviewStore } from '../lib/wallet';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Plan } = await import('./Plan.svelte');
const { default: App } = await import('../App.svelte');

const text = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cards = () => view.getAllByTestId('budget-card');
const card = (categoryId: string) => cards().find((c) => c.dataset.categoryId === categoryId)!;

/** Food nearly used up, transport over. */
const twoBudgets = () => [
  budget(food, '3000.00', '2459.00', '541.00', '82.0', 'warning'),
  budget(transport, '500.00', '612.30', '-112.30', '122.5', 'over'),
];

/** The budget picker's categories: the fixture tree plus income, which cannot have a budget. */
const pickerCategories = () => [
  { category: categoryLabel('income', 'Income', '收入'), parentId: null },
  { category: categoryLabel('income.salary', 'Salary', '工资'), parentId: 'income' },
  ...categoryNodes(),
  { category: categoryLabel('transfers', 'Transfers', '转账'), parentId: null },
  { category: categoryLabel('transfers.repayment', 'Card repayments', '信用卡还款'), parentId: 'transfers' },
];

describe('the budgets', () => {
  beforeEach(() => {
    resetApp('en');
    fakeChartLayout();
    overviewStore.set(overview([account()]));
    ipc.budgetProgress.mockResolvedValue(twoBudgets());
    ipc.listCategories.mockResolvedValue(pickerCategories());
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('list each category’s budget with what was spent and what is left', async () => {
    render(Plan);
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(view.getByRole('heading', { name: 'Budgets for November 2026' })).toBeTruthy();
    const foodCard = card('food');
    expect(within(foodCard).getByRole('heading').textContent).toBe('Food & drink');
    expect(text(within(foodCard).getByTestId('budget-spent'))).toBe('Spent ¥2,459.00 of ¥3,000.00');
    expect(text(within(foodCard).getByTestId('budget-remaining'))).toBe('Left: ¥541.00');
    expect(text(within(foodCard).getByTestId('budget-state'))).toBe('Nearly used up');
  });

  it('show a budget that is over as over, by how much, without a minus sign', async () => {
    render(Plan);
    await waitFor(() => expect(cards()).toHaveLength(2));
    const transportCard = card('transport');
    expect(transportCard.dataset.state).toBe('over');
    expect(text(within(transportCard).getByTestId('budget-state'))).toBe('Over budget');
    expect(text(within(transportCard).getByTestId('budget-remaining'))).toBe('Over by ¥112.30');
    expect(within(transportCard).getByTestId('budget-remaining').classList.contains('over')).toBe(true);
  });

  it('draw each budget’s gauge from the option the backend made, labelled for screen readers', async () => {
    render(Plan);
    await waitFor(() => expect(cards()).toHaveLength(2));
    const gauge = within(card('food')).getByTestId('budget-gauge');
    expect(gauge.getAttribute('aria-label')).toBe('Food & drink: 82.0% of the budget spent');
    // ECharts is loaded on first use: the first chart of a test file takes a moment.
    await waitFor(() => expect(gauge.querySelector('svg')).not.toBeNull(), { timeout: 5000 });
  });

  it('are shown in Chinese when the language is Chinese', async () => {
    locale.set('zh-CN');
    render(Plan);
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(view.getByRole('heading', { name: '2026年11月预算' })).toBeTruthy();
    expect(within(card('food')).getByRole('heading').textContent).toBe('餐饮');
    expect(text(within(card('food')).getByTestId('budget-spent'))).toBe('已用 ¥2,459.00 / 预算 ¥3,000.00');
    expect(text(within(card('transport')).getByTestId('budget-remaining'))).toBe('超支 ¥112.30');
  });

  it('can be set for a spending category, and the new list and a confirmation are shown', async () => {
    const dining = categoryLabel('food.dining', 'Dining out', '餐厅');
    const withDining = [...twoBudgets(), budget(dining, '800.00', '0.00', '800.00', '0.0', 'ok')];
    ipc.setBudget.mockResolvedValue(withDining);
    render(Plan);
    const picker = (await view.findByTestId('budget-category')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBeGreaterThan(1));
    const offered = [...picker.options].map((o) => o.value);
    // Spending categories only: no income, no uncategorised queue, no card repayments.
    expect(offered).toEqual(['', 'food', 'food.dining', 'food.fast', 'transport', 'transfers']);
    expect([...picker.options].map((o) => o.textContent)).toContain('Food & drink · Dining out');

    await fireEvent.change(picker, { target: { value: 'food.dining' } });
    await fireEvent.input(view.getByTestId('budget-amount'), { target: { value: '800' } });
    await fireEvent.click(view.getByTestId('budget-save'));
    await waitFor(() =>
      expect(ipc.setBudget).toHaveBeenCalledWith({ categoryId: 'food.dining', amount: '800' }),
    );
    await waitFor(() => expect(cards()).toHaveLength(3));
    expect(view.getByTestId('budgets-done').textContent).toBe('Budget for Dining out: ¥800.00 a month');
    expect((view.getByTestId('budget-amount') as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['letters', 'abc'],
    ['zero', '0'],
    ['a negative amount', '-300'],
    ['more decimals than yuan have', '12.345'],
  ])('refuse %s as an amount before asking the backend', async (_case, typed) => {
    render(Plan);
    const picker = (await view.findByTestId('budget-category')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBeGreaterThan(1));
    await fireEvent.change(picker, { target: { value: 'food' } });
    await fireEvent.input(view.getByTestId('budget-amount'), { target: { value: typed } });
    await fireEvent.click(view.getByTestId('budget-save'));
    expect(view.getByTestId('budget-form-error').textContent).toBe(
      'Enter a monthly amount greater than zero, with at most 2 decimal places.',
    );
    expect(ipc.setBudget).not.toHaveBeenCalled();
  });

  it('ask for a category before saving', async () => {
    render(Plan);
    await fireEvent.input(await view.findByTestId('budget-amount'), { target: { value: '3000' } });
    await fireEvent.click(view.getByTestId('budget-save'));
    expect(view.getByTestId('budget-form-error').textContent).toBe('Choose a category.');
    expect(ipc.setBudget).not.toHaveBeenCalled();
  });

  it('accept an amount typed with thousands separators, sent as a plain decimal', async () => {
    ipc.setBudget.mockResolvedValue(twoBudgets());
    render(Plan);
    const picker = (await view.findByTestId('budget-category')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBeGreaterThan(1));
    await fireEvent.change(picker, { target: { value: 'food' } });
    await fireEvent.input(view.getByTestId('budget-amount'), { target: { value: ' 3,500.50 ' } });
    await fireEvent.click(view.getByTestId('budget-save'));
    await waitFor(() =>
      expect(ipc.setBudget).toHaveBeenCalledWith({ categoryId: 'food', amount: '3500.50' }),
    );
  });

  it('keep the form with the backend’s reason when it refuses the budget', async () => {
    ipc.setBudget.mockRejectedValue({ code: 'invalidInput', message: 'The amount is too large.' });
    render(Plan);
    const picker = (await view.findByTestId('budget-category')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBeGreaterThan(1));
    await fireEvent.change(picker, { target: { value: 'food' } });
    await fireEvent.input(view.getByTestId('budget-amount'), { target: { value: '99999999999999' } });
    await fireEvent.click(view.getByTestId('budget-save'));
    await waitFor(() =>
      expect(view.getByTestId('budget-form-error').textContent).toBe('The amount is too large.'),
    );
    expect((view.getByTestId('budget-amount') as HTMLInputElement).value).toBe('99999999999999');
  });

  it('fill the form with a budget when Change is pressed on it', async () => {
    render(Plan);
    await waitFor(() => expect(cards()).toHaveLength(2));
    await waitFor(() =>
      expect((view.getByTestId('budget-category') as HTMLSelectElement).options.length).toBeGreaterThan(1),
    );
    await fireEvent.click(within(card('transport')).getByTestId('budget-edit'));
    expect((view.getByTestId('budget-category') as HTMLSelectElement).value).toBe('transport');
    expect((view.getByTestId('budget-amount') as HTMLInputElement).value).toBe('500.00');
  });

  it('can be removed after confirming, and the list left is shown', async () => {
    ipc.removeBudget.mockResolvedValue([twoBudgets()[0]]);
    render(Plan);
    await waitFor(() => expect(cards()).toHaveLength(2));
    await fireEvent.click(within(card('transport')).getByTestId('budget-remove'));
    expect(text(card('transport'))).toContain('Remove the Transport budget?');
    expect(ipc.removeBudget).not.toHaveBeenCalled();
    await fireEvent.click(within(card('transport')).getByTestId('budget-remove-confirm'));
    await waitFor(() => expect(ipc.removeBudget).toHaveBeenCalledWith('transport'));
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(cards()[0].dataset.categoryId).toBe('food');
    expect(view.getByTestId('budgets-done').textContent).toBe('Budget for Transport removed');
  });

  it('say how to start when there is none', async () => {
    ipc.budgetProgress.mockResolvedValue([]);
    render(Plan);
    await waitFor(() =>
      expect(view.getByTestId('budgets-empty').textContent).toBe(
        'No budgets yet. Set a monthly budget for a category below.',
      ),
    );
  });

  it('are asked for again when the language changes, as the gauges’ words come from the backend', async () => {
    render(Plan);
    await waitFor(() => expect(ipc.budgetProgress).toHaveBeenCalledTimes(1));
    locale.set('zh-CN');
    await waitFor(() => expect(ipc.budgetProgress).toHaveBeenCalledTimes(2));
  });
});

describe('the subscriptions and regular bills', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.budgetProgress.mockResolvedValue([]);
    ipc.listCategories.mockResolvedValue(categoryNodes());
    ipc.recurringPayments.mockResolvedValue(recurringOverview());
  });

  it('are listed with their cadence, amount, next date and monthly cost, under the monthly total', async () => {
    render(Plan, { tab: 'subscriptions' });
    await waitFor(() => expect(view.getAllByTestId('subscription-row')).toHaveLength(3));
    expect(view.getByTestId('subscriptions-total').textContent).toBe('¥180.00');
    const [grid, netflix] = view.getAllByTestId('subscription-row');
    expect(text(within(netflix).getByTestId('subscription-payee'))).toBe('Netflix');
    expect(text(netflix)).toContain('Subscriptions · Monthly · ¥30.00');
    expect(text(within(netflix).getByTestId('subscription-next'))).toBe('Next: 3 Dec 2026');
    expect(text(within(netflix).getByTestId('subscription-monthly'))).toBe('¥30.00 a month');
    // A bill that varies shows its range; a quarterly one costs a third of it a month.
    expect(text(grid)).toContain('Utilities · Quarterly · ¥380.00 – ¥520.00');
    expect(text(within(grid).getByTestId('subscription-monthly'))).toBe('¥150.00 a month');
  });

  it('mark one that stopped, with when it was last seen', async () => {
    render(Plan, { tab: 'subscriptions' });
    await waitFor(() => expect(view.getAllByTestId('subscription-row')).toHaveLength(3));
    const gym = view.getAllByTestId('subscription-row')[2];
    expect(gym.dataset.active).toBe('false');
    expect(text(gym)).toContain('Stopped');
    expect(text(within(gym).getByTestId('subscription-next'))).toBe('Last: 1 Jun 2026');
  });

  it('are shown in Chinese', async () => {
    locale.set('zh-CN');
    render(Plan, { tab: 'subscriptions' });
    await waitFor(() => expect(view.getAllByTestId('subscription-row')).toHaveLength(3));
    const netflix = view.getAllByTestId('subscription-row')[1];
    expect(text(netflix)).toContain('会员订阅 · 每月 · ¥30.00');
    expect(text(within(netflix).getByTestId('subscription-next'))).toBe('下次扣款 2026年12月3日');
    expect(text(within(netflix).getByTestId('subscription-monthly'))).toBe('每月 ¥30.00');
  });

  it('open the bills of a subscription’s category when one is clicked', async () => {
    render(Plan, { tab: 'subscriptions' });
    await waitFor(() => expect(view.getAllByTestId('subscription-row')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('subscription-row')[1]);
    expect(get(screen)).toEqual({ name: 'bills', filter: { categoryId: 'entertainment.subscriptions' } });
  });

  it('say so when none were found', async () => {
    ipc.recurringPayments.mockResolvedValue({ series: [], monthlyTotal: [] });
    render(Plan, { tab: 'subscriptions' });
    await waitFor(() => expect(view.getByTestId('subscriptions-empty')).toBeTruthy());
    expect(view.queryByTestId('subscriptions-total')).toBeNull();
  });

  it('show the backend’s message when they cannot be read', async () => {
    ipc.recurringPayments.mockRejectedValue({ code: 'storage', message: 'disk full' });
    render(Plan, { tab: 'subscriptions' });
    await waitFor(() => expect(view.getByRole('alert').textContent).toContain('disk full'));
  });
});

describe('the plan screen', () => {
  beforeEach(() => {
    resetApp('en');
    fakeChartLayout();
    ipc.listAccounts.mockResolvedValue(overview([account()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.budgetProgress.mockResolvedValue(twoBudgets());
    ipc.listCategories.mockResolvedValue(categoryNodes());
    ipc.recurringPayments.mockResolvedValue(recurringOverview());
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('is reached from the top bar, on the budgets, with the subscriptions one tab away', async () => {
    render(App);
    await fireEvent.click(view.getByTestId('nav-plan'));
    expect(get(screen).name).toBe('plan');
    expect(view.getByTestId('nav-plan').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(view.getByTestId('plan-tab-budgets').getAttribute('aria-selected')).toBe('true');
    await fireEvent.click(view.getByTestId('plan-tab-subscriptions'));
    await waitFor(() => expect(view.getAllByTestId('subscription-row')).toHaveLength(3));
    expect(view.queryByTestId('budget-card')).toBeNull();
  });
});
