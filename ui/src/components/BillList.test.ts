// The bills list: keyset paging through the sentinel, filters restarting it, badges and amounts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { ipc, liveObservers, scrollToEnd } from '../test/ipcMock';
import { account, bill, creditCard } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { locale } from '../lib/i18n';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: BillList } = await import('./BillList.svelte');

const rows = () => screen.queryAllByTestId('bill-row');
const lastQuery = () => ipc.pageTransactions.mock.lastCall?.[0];

describe('the bills list', () => {
  beforeEach(() => resetApp('en'));

  it('loads the first page, then the next keyset page with the cursor when the sentinel comes into view', async () => {
    ipc.pageTransactions
      .mockResolvedValueOnce({ items: [bill('t1'), bill('t2')], nextCursor: 'c2' })
      .mockResolvedValueOnce({ items: [bill('t3')], nextCursor: null });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lastQuery()).toEqual({ accountId: null, month: null, text: null, cursor: null, limit: null });

    scrollToEnd();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(lastQuery()).toEqual(expect.objectContaining({ cursor: 'c2' }));
    expect(screen.getByText('That is everything.')).toBeTruthy();
  });

  it('says which payment a refund gives money back for, when an imported statement tied them', async () => {
    ipc.pageTransactions.mockResolvedValueOnce({
      items: [
        bill('t1', {
          amount: { amount: '99.00', currency: 'CNY' },
          merchant: '优衣库官方旗舰店',
          refundOf: { transactionId: 't2', payee: '优衣库官方旗舰店' },
        }),
        bill('t2', { amount: { amount: '-99.00', currency: 'CNY' }, merchant: '优衣库官方旗舰店' }),
      ],
      nextCursor: null,
    });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const ties = screen.getAllByTestId('bill-refund-of');
    expect(ties).toHaveLength(1);
    expect(ties[0].textContent).toBe('Refund of a payment to 优衣库官方旗舰店');
    expect(within(rows()[0]).getByTestId('bill-refund-of')).toBeTruthy();
  });

  it('does not ask for more once the last page has come', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(rows()).toHaveLength(1));
    scrollToEnd();
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.pageTransactions).toHaveBeenCalledTimes(1);
    expect(liveObservers()).toBe(0);
  });

  it('restarts from the first page with the month when the month changes', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: 'c2' });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(rows()).toHaveLength(1));
    await fireEvent.input(screen.getByTestId('bills-filter-month'), { target: { value: '2026-10' } });
    await waitFor(() =>
      expect(lastQuery()).toEqual({
        accountId: null,
        month: '2026-10',
        text: null,
        cursor: null,
        limit: null,
      }),
    );
  });

  it('ignores a half-typed month where the browser shows a plain text field', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(1));
    const input = screen.getByTestId('bills-filter-month') as HTMLInputElement;
    input.type = 'text';
    await fireEvent.input(input, { target: { value: '2026-1' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.pageTransactions).toHaveBeenCalledTimes(1);
    await fireEvent.input(input, { target: { value: '2026-11' } });
    await waitFor(() =>
      expect(lastQuery()).toEqual(expect.objectContaining({ month: '2026-11', cursor: null })),
    );
  });

  it('restarts from the first page for the account chosen in the filter', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: 'c2' });
    render(BillList, { accounts: [account(), creditCard()] });
    const select = screen.getByTestId('bills-filter-account') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'a1', 'c1']);
    await waitFor(() => expect(rows()).toHaveLength(1));
    scrollToEnd();
    await waitFor(() => expect(lastQuery()?.cursor).toBe('c2'));

    await fireEvent.change(select, { target: { value: 'c1' } });
    await waitFor(() =>
      expect(lastQuery()).toEqual(expect.objectContaining({ accountId: 'c1', cursor: null })),
    );
  });

  it('searches only after typing pauses, and restarts paging with the text', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(1));
    const search = screen.getByTestId('bills-search');
    await fireEvent.input(search, { target: { value: 'star' } });
    await fireEvent.input(search, { target: { value: 'starbucks ' } });
    expect(ipc.pageTransactions).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(2));
    expect(lastQuery()).toEqual(expect.objectContaining({ text: 'starbucks', cursor: null }));
  });

  it('drops a page that answers after the filters changed', async () => {
    let answerOld: (page: unknown) => void = () => {};
    ipc.pageTransactions
      .mockReturnValueOnce(new Promise((resolve) => (answerOld = resolve)))
      .mockResolvedValueOnce({ items: [bill('new')], nextCursor: null });
    render(BillList, { accounts: [] });
    await fireEvent.input(screen.getByTestId('bills-filter-month'), { target: { value: '2026-10' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    answerOld({ items: [bill('old1'), bill('old2')], nextCursor: 'x' });
    await new Promise((r) => setTimeout(r, 20));
    expect(rows()).toHaveLength(1);
    expect(screen.getByText('Starbucks new')).toBeTruthy();
  });

  it('marks pending and rejected bills and shows the original foreign amount', async () => {
    ipc.pageTransactions.mockResolvedValue({
      items: [
        bill('p', { status: 'pending' }),
        bill('r', { status: 'rejected' }),
        bill('fx', {
          originalAmount: { amount: '-12.00', currency: 'USD' },
          amount: { amount: '-86.19', currency: 'CNY' },
        }),
        bill('in', {
          amount: { amount: '8000.00', currency: 'CNY' },
          merchant: null,
          counterparty: 'Employer Ltd',
        }),
      ],
      nextCursor: null,
    });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(rows()).toHaveLength(4));
    const [pending, rejected, fx, income] = rows();
    expect(within(pending).getByText('Pending')).toBeTruthy();
    expect(within(rejected).getByText('Rejected')).toBeTruthy();
    expect(rejected.classList.contains('rejected')).toBe(true);
    expect(within(fx).getByTestId('bill-original').textContent).toContain('USD 12.00');
    expect(within(fx).getByTestId('bill-amount').textContent?.trim()).toBe('-¥86.19');
    expect(within(income).getByText('Employer Ltd')).toBeTruthy();
    expect(within(income).getByTestId('bill-amount').textContent?.trim()).toBe('+¥8,000.00');
    expect(within(income).getByTestId('bill-amount').classList.contains('income')).toBe(true);
  });

  it('groups bills under a heading for each day', async () => {
    ipc.pageTransactions.mockResolvedValue({
      items: [
        bill('a', { bookedAt: '2026-11-19T04:00:00Z' }),
        bill('b', { bookedAt: '2026-11-19T03:00:00Z' }),
        bill('c', { bookedAt: '2026-11-10T04:00:00Z' }),
      ],
      nextCursor: null,
    });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(2);
  });

  it('shows the category in the chosen language', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(screen.getByText('Takeaway & fast food')).toBeTruthy());
    locale.set('zh-CN');
    await waitFor(() => expect(screen.getByText('外卖快餐')).toBeTruthy());
  });

  it('shows the backend error message when a page fails', async () => {
    ipc.pageTransactions.mockRejectedValue({ code: 'invalidInput', message: 'bad month' });
    render(BillList, { accounts: [] });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Something went wrong: bad month'),
    );
  });
});
