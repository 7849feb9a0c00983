import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { ipc, installIntersectionObserver, scrollToEnd } from '../test/ipcMock';
import { bill } from '../test/fixtures';
import { locale } from '../lib/i18n';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: BillList } = await import('./BillList.svelte');

describe('the bills list', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    installIntersectionObserver();
    locale.set('en');
  });

  it('loads the next keyset page with the cursor when the end comes into view', async () => {
    ipc.pageTransactions
      .mockResolvedValueOnce({ items: [bill('t1'), bill('t2')], nextCursor: 'c2' })
      .mockResolvedValueOnce({ items: [bill('t3')], nextCursor: null });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(screen.getAllByTestId('bill-row')).toHaveLength(2));
    expect(ipc.pageTransactions).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: null }));

    scrollToEnd();
    await waitFor(() => expect(screen.getAllByTestId('bill-row')).toHaveLength(3));
    expect(ipc.pageTransactions).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c2' }));
    expect(screen.getByText('That is everything.')).toBeTruthy();
  });

  it('restarts from the first page when the month changes', async () => {
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: 'c2' });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(ipc.pageTransactions).toHaveBeenCalledTimes(1));
    await fireEvent.input(screen.getByTestId('bills-filter-month'), { target: { value: '2026-10' } });
    await waitFor(() =>
      expect(ipc.pageTransactions).toHaveBeenLastCalledWith(
        expect.objectContaining({ month: '2026-10', cursor: null }),
      ),
    );
  });

  it('marks pending and rejected bills and shows the original foreign amount', async () => {
    ipc.pageTransactions.mockResolvedValue({
      items: [
        bill('p', { status: 'pending' }),
        bill('r', { status: 'rejected' }),
        bill('fx', {
          originalAmount: { amount: '-18000', currency: 'JPY' },
          amount: { amount: '-866.52', currency: 'CNY' },
        }),
      ],
      nextCursor: null,
    });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(screen.getAllByTestId('bill-row')).toHaveLength(3));
    expect(screen.getByText('Pending')).toBeTruthy();
    expect(screen.getByText('Rejected')).toBeTruthy();
    expect(screen.getByText('JPY 18000')).toBeTruthy();
    expect(screen.getByText('-¥866.52')).toBeTruthy();
  });

  it('shows the backend error message when a page fails', async () => {
    ipc.pageTransactions.mockRejectedValue({ code: 'invalidInput', message: 'bad month' });
    render(BillList, { accounts: [] });
    await waitFor(() => expect(screen.getByText('Something went wrong: bad month')).toBeTruthy());
  });
});
