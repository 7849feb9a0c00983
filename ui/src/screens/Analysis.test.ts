// The analysis screen with the IPC mocked: the month's figures from a statement, its categories opening
// their bills, the 12/24-month trend, and re-categorising a bill from the bills it leads to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen as view, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { ipc } from '../test/ipcMock';
import {
  account,
  bill,
  categoryLabel,
  categoryNodes,
  categoryShare,
  creditCard,
  food,
  overview,
  statement,
  transport,
  trend,
} from '../test/fixtures';
import { fakeChartLayout } from '../test/chartDom';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import { overview as overviewStore } from '../lib/wallet';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Analysis } = await import('./Analysis.svelte');
const { default: Bills } = await import('./Bills.svelte');
const { default: App } = await import('../App.svelte');

const pad = (n: number) => String(n).padStart(2, '0');
const thisMonth = () => `${new Date().getFullYear()}-${pad(new Date().getMonth() + 1)}`;

describe('the analysis screen', () => {
  beforeEach(() => {
    resetApp('en');
    fakeChartLayout();
    ipc.monthlyStatement.mockResolvedValue(statement());
    ipc.spendingTrend.mockResolvedValue(trend());
  });
  afterEach(() => {
    // Unmount while the fake layout is still there: a chart whose ECharts is still loading then never draws.
    cleanup();
    vi.restoreAllMocks();
  });

  it('asks for this month of the whole wallet, and the 12-month trend, when it opens', async () => {
    render(Analysis);
    await waitFor(() => expect(ipc.monthlyStatement).toHaveBeenCalled());
    expect(ipc.monthlyStatement).toHaveBeenLastCalledWith({ month: thisMonth(), accountId: null });
    expect((view.getByTestId('analysis-month') as HTMLInputElement).value).toBe(thisMonth());
    expect(ipc.spendingTrend).toHaveBeenCalledWith({ months: 12, accountId: null });
  });

  it('shows the balances, income, spending and net with their changes', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getByTestId('statement-figures')).toBeTruthy());
    expect(view.getByTestId('statement-opening').textContent?.trim()).toBe('¥41,701.80');
    expect(view.getByTestId('statement-closing').textContent?.trim()).toBe('¥55,709.40');
    expect(view.getByTestId('statement-income').textContent?.trim()).toBe('¥18,500.50');
    expect(view.getByTestId('statement-spending').textContent?.trim()).toBe('¥2,459.00');
    expect(view.getByTestId('statement-net').textContent?.trim()).toBe('+¥16,041.50');
    // 2459.00 against 3992.40 last month, and against 2000.00 a year before.
    expect(view.getByTestId('statement-spending-vs-previous').textContent?.trim()).toBe(
      'vs last month: -¥1,533.40 (-38.4%)',
    );
    expect(view.getByTestId('statement-spending-vs-last-year').textContent?.trim()).toBe(
      'vs a year ago: +¥459.00 (+23.0%)',
    );
  });

  it('lists the categories with their exact amounts and percents, in the chosen language', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getAllByTestId('category-share')).toHaveLength(3));
    const [food] = view.getAllByTestId('category-share');
    expect(food.dataset.categoryId).toBe('food');
    expect(within(food).getByText('Food & drink')).toBeTruthy();
    expect(within(food).getByTestId('category-share-amount').textContent).toBe('¥1,234.56');
    expect(within(food).getByTestId('category-share-percent').textContent).toBe('50.2%');
    locale.set('zh-CN');
    await waitFor(() => expect(within(food).getByText('餐饮')).toBeTruthy());
  });

  it('shows the top payees', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getAllByTestId('top-payee')).toHaveLength(2));
    expect(view.getAllByTestId('top-payee')[0].textContent).toContain('星巴克 Starbucks');
  });

  it('draws the donut, the bars and the cash flow from the options the backend made', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getByTestId('category-chart').querySelector('svg')).not.toBeNull());
    await waitFor(() => expect(view.getByTestId('spending-chart').querySelector('svg')).not.toBeNull());
    expect(view.getByTestId('cash-flow-chart').querySelector('svg')).not.toBeNull();
  });

  it('asks again for the month and the account chosen', async () => {
    overviewStore.set(overview([account(), creditCard()]));
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(ipc.monthlyStatement).toHaveBeenCalledTimes(1));
    await fireEvent.input(view.getByTestId('analysis-month'), { target: { value: '2026-10' } });
    await waitFor(() =>
      expect(ipc.monthlyStatement).toHaveBeenLastCalledWith({ month: '2026-10', accountId: null }),
    );
    await fireEvent.change(view.getByTestId('analysis-account'), { target: { value: 'c1' } });
    await waitFor(() =>
      expect(ipc.monthlyStatement).toHaveBeenLastCalledWith({ month: '2026-10', accountId: 'c1' }),
    );
    expect(ipc.spendingTrend).toHaveBeenLastCalledWith({ months: 12, accountId: 'c1' });
  });

  it('asks again when the language changes, as the backend writes the charts in the saved language', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(ipc.monthlyStatement).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(ipc.spendingTrend).toHaveBeenCalledTimes(1));
    locale.set('zh-CN');
    await waitFor(() => expect(ipc.monthlyStatement).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(ipc.spendingTrend).toHaveBeenCalledTimes(2));
  });

  it('opens the bills of the month and category when a category row is clicked', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getAllByTestId('category-share')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('category-share')[1]);
    expect(get(screen)).toEqual({
      name: 'bills',
      filter: { month: '2026-11', categoryId: 'shopping', accountId: null },
    });
  });

  it('opens the bills of the category when a donut slice is clicked', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getByTestId('category-chart').dataset.clickable).toBe('true'));
    view.getByTestId('category-chart').dispatchEvent(
      new CustomEvent('chart-click', {
        detail: { componentType: 'series', seriesType: 'pie', data: { categoryId: 'transport' } },
      }),
    );
    expect(get(screen)).toEqual({
      name: 'bills',
      filter: { month: '2026-11', categoryId: 'transport', accountId: null },
    });
  });

  it('opens the bills of a bar’s month and category', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getByTestId('spending-chart')).toBeTruthy());
    view.getByTestId('spending-chart').dispatchEvent(
      new CustomEvent('chart-click', {
        detail: { componentType: 'series', seriesType: 'bar', seriesId: 'food', name: '2026-09' },
      }),
    );
    expect(get(screen)).toEqual({
      name: 'bills',
      filter: { month: '2026-09', categoryId: 'food', accountId: null },
    });
  });

  it('switches the trend between 12 and 24 months', async () => {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(ipc.spendingTrend).toHaveBeenCalledTimes(1));
    expect(view.getByTestId('trend-12').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(view.getByTestId('trend-24'));
    await waitFor(() => expect(ipc.spendingTrend).toHaveBeenLastCalledWith({ months: 24, accountId: null }));
    expect(view.getByTestId('trend-24').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(view.getByTestId('trend-12'));
    await waitFor(() => expect(ipc.spendingTrend).toHaveBeenLastCalledWith({ months: 12, accountId: null }));
    expect(ipc.spendingTrend).toHaveBeenCalledTimes(3);
  });

  it('shows the backend’s message when the statement fails', async () => {
    ipc.monthlyStatement.mockRejectedValue({ code: 'invalidInput', message: 'bad month' });
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getAllByRole('alert')[0].textContent).toContain('bad month'));
  });

  it('is reached from the top bar', async () => {
    ipc.listAccounts.mockResolvedValue(overview([account()]));
    ipc.getSettings.mockResolvedValue({ language: 'en' });
    ipc.pageTransactions.mockResolvedValue({ items: [], nextCursor: null });
    ipc.listCategories.mockResolvedValue(categoryNodes());
    render(App);
    await fireEvent.click(view.getByTestId('nav-analysis'));
    expect(get(screen).name).toBe('analysis');
    expect(view.getByTestId('nav-analysis').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(view.getAllByTestId('category-share')).toHaveLength(3));
    await fireEvent.click(view.getAllByTestId('category-share')[0]);
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenLastCalledWith(
        expect.objectContaining({ month: '2026-11', categoryId: 'food', cursor: null }),
      ),
    );
    await waitFor(() =>
      expect(view.getByTestId('bills-filter-category').textContent).toContain('Category: Food & drink'),
    );
  });
});

describe('the bills opened from the analysis', () => {
  beforeEach(() => {
    resetApp('en');
    ipc.listCategories.mockResolvedValue(categoryNodes());
  });

  it('apply the month and category, show the category, and drop it when removed', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(Bills, { filter: { month: '2026-11', categoryId: 'food', accountId: null } });
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenLastCalledWith({
        accountId: null,
        month: '2026-11',
        text: null,
        cursor: null,
        limit: null,
        categoryId: 'food',
      }),
    );
    expect((view.getByTestId('bills-filter-month') as HTMLInputElement).value).toBe('2026-11');
    await waitFor(() =>
      expect(view.getByTestId('bills-filter-category').textContent).toContain('Category: Food & drink'),
    );
    await fireEvent.click(view.getByTestId('bills-filter-category-clear'));
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenLastCalledWith({
        accountId: null,
        month: '2026-11',
        text: null,
        cursor: null,
        limit: null,
      }),
    );
    expect(view.queryByTestId('bills-filter-category')).toBeNull();
  });

  it('show only the uncategorised bills with the quick filter, and all again when it is pressed again', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(Bills);
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(1));
    const quick = view.getByTestId('filter-uncategorised');
    await fireEvent.click(quick);
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenLastCalledWith(
        expect.objectContaining({ categoryId: 'uncategorised', cursor: null }),
      ),
    );
    expect(quick.getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(quick);
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(3));
    expect(ipc.pageTransactions.mock.lastCall?.[0]).not.toHaveProperty('categoryId');
  });

  it.each([
    ['only this bill', 'recategorise-one', false, 'Category changed on bills: 1'],
    [
      'every bill of the payee, with a rule',
      'recategorise-rule',
      true,
      'Category changed on bills: 7. New bills from Starbucks t1 will get it too.',
    ],
  ])('re-categorise %s, then reload the list', async (_case, choice, forWholePayee, message) => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    ipc.recategorise.mockResolvedValue(
      forWholePayee ? { changed: 7, rulePayee: 'Starbucks t1' } : { changed: 1, rulePayee: null },
    );
    render(Bills);
    await waitFor(() => expect(view.getAllByTestId('bill-row')).toHaveLength(1));
    await fireEvent.click(view.getByTestId('bill-category-edit'));
    const picker = (await view.findByTestId('bill-category')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(5));
    expect([...picker.options].map((o) => o.textContent)).toContain('Food & drink · Dining out');
    expect(picker.value).toBe('food.fast');
    expect(view.getByTestId('recategorise-rule').parentElement?.textContent).toContain(
      'Every bill from Starbucks t1 (make a rule)',
    );
    await fireEvent.change(picker, { target: { value: 'food.dining' } });
    await fireEvent.click(view.getByTestId(choice));
    await fireEvent.click(view.getByTestId('recategorise-save'));
    await waitFor(() =>
      expect(ipc.recategorise).toHaveBeenCalledWith({
        transactionId: 't1',
        categoryId: 'food.dining',
        forWholePayee,
      }),
    );
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(2));
    expect(view.getByTestId('recategorise-result').textContent).toBe(message);
    expect(view.queryByTestId('recategorise-form')).toBeNull();
  });

  it('keep the form open with the backend’s message when re-categorising fails', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    ipc.recategorise.mockRejectedValue({ code: 'notFound', message: 'no such bill' });
    render(Bills);
    await waitFor(() => expect(view.getAllByTestId('bill-row')).toHaveLength(1));
    await fireEvent.click(view.getByTestId('bill-category-edit'));
    const picker = (await view.findByTestId('bill-category')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(5));
    await fireEvent.change(picker, { target: { value: 'transport' } });
    await fireEvent.click(view.getByTestId('recategorise-save'));
    await waitFor(() => expect(view.getByRole('alert').textContent).toContain('no such bill'));
    expect(view.getByTestId('recategorise-form')).toBeTruthy();
    expect(ipc.pageTransactions).toHaveBeenCalledTimes(1);
  });
});

describe('the printable statement', () => {
  beforeEach(() => {
    resetApp('en');
    fakeChartLayout();
    ipc.monthlyStatement.mockResolvedValue(
      statement({
        accountName: 'Salary card',
        spendingByCategory: [
          {
            ...categoryShare(food, '1234.56', '50.2', 21),
            children: [
              categoryShare(categoryLabel('food.dining', 'Dining out', '餐厅'), '800.00', '32.5', 9),
            ],
          },
          categoryShare(transport, '236.79', '9.6', 12),
        ],
        incomeByCategory: [
          categoryShare(categoryLabel('income.salary', 'Salary', '工资'), '18500.50', '100.0', 1),
        ],
      }),
    );
    ipc.spendingTrend.mockResolvedValue(trend());
    vi.spyOn(window, 'print').mockImplementation(() => {});
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  async function openPrint() {
    render(Analysis, { month: '2026-11' });
    await waitFor(() => expect(view.getByTestId('analysis-print').hasAttribute('disabled')).toBe(false));
    await fireEvent.click(view.getByTestId('analysis-print'));
    return view.findByTestId('statement-print');
  }

  /** A table row's cells, one space apart. */
  const cells = (row: HTMLElement) => [...row.children].map((c) => c.textContent?.trim()).join(' ');
  const cell = (testid: string) => view.getByTestId(testid).textContent?.replace(/\s+/g, ' ').trim();

  it('lays out the month’s balances, income, spending and net with last month and last year, and prints', async () => {
    const sheet = await openPrint();
    await waitFor(() => expect(window.print).toHaveBeenCalledTimes(1));
    expect(sheet.textContent).toContain('Monthly statement');
    expect(cell('print-account')).toBe('Salary card');
    expect(cell('print-month')).toBe('November 2026');
    expect(cell('print-opening')).toBe('¥41,701.80');
    expect(cell('print-closing')).toBe('¥55,709.40');
    expect(cell('print-income-now')).toBe('¥18,500.50');
    expect(cell('print-spending-now')).toBe('¥2,459.00');
    expect(cell('print-net-now')).toBe('+¥16,041.50');
    expect(cell('print-spending-vs-previous')).toBe('-¥1,533.40 (-38.4%)');
    expect(cell('print-spending-vs-last-year')).toBe('+¥459.00 (+23.0%)');
    expect(cell('print-spending')).toContain('¥3,992.40');
    expect(cell('print-spending')).toContain('¥2,000.00');
    // The analysis itself (its charts and controls) is not on the page being printed.
    expect(view.queryByTestId('analysis')).toBeNull();
  });

  it('lists spending by category with sub-categories, income by category and the top payees', async () => {
    await openPrint();
    const spending = view.getAllByTestId('print-spending-category').map(cells);
    expect(spending).toEqual([
      'Food & drink 21 ¥1,234.56 50.2%',
      'Dining out 9 ¥800.00 32.5%',
      'Transport 12 ¥236.79 9.6%',
    ]);
    expect(view.getAllByTestId('print-income-category')[0].textContent).toContain('¥18,500.50');
    const payees = view.getAllByTestId('print-payee').map(cells);
    expect(payees).toEqual(['星巴克 Starbucks 12 ¥420.00', 'Metro 12 ¥236.79']);
  });

  it('keeps its Print and Close out of the printout, and Close goes back to the analysis', async () => {
    await openPrint();
    expect(view.getByTestId('statement-print-again').parentElement?.classList.contains('app-chrome')).toBe(
      true,
    );
    await fireEvent.click(view.getByTestId('statement-print-again'));
    expect(window.print).toHaveBeenCalledTimes(2);
    await fireEvent.click(view.getByTestId('statement-print-close'));
    await waitFor(() => expect(view.getByTestId('analysis')).toBeTruthy());
    expect(view.queryByTestId('statement-print')).toBeNull();
  });

  it('is printed in Chinese when the window is in Chinese', async () => {
    locale.set('zh-CN');
    await openPrint();
    expect(view.getByTestId('statement-print').textContent).toContain('月度对账单');
    expect(cell('print-month')).toBe('2026年11月');
    expect(cell('print-spending-vs-previous')).toBe('-¥1,533.40（-38.4%）');
  });
});
