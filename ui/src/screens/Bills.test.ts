// Exporting bills as CSV from the bills screen, with the IPC mocked: the export asks for exactly the bills
// the filters show, and says where the file was written, or why it was not.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { ipc } from '../test/ipcMock';
import { account, bill, categoryNodes, creditCard, overview } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { overview as overviewStore } from '../lib/wallet';
import { locale } from '../lib/i18n';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Bills } = await import('./Bills.svelte');

describe('exporting bills', () => {
  beforeEach(() => {
    resetApp('en');
    overviewStore.set(overview([account(), creditCard()]));
    ipc.listCategories.mockResolvedValue(categoryNodes());
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: 'next' });
    ipc.exportBillsCsv.mockResolvedValue({ path: '/home/li/Downloads/purse-bills-2026-11.csv', lines: 37 });
  });

  it('writes the bills of the chosen filters and says where the file is', async () => {
    render(Bills, { filter: { month: '2026-11', categoryId: 'food', accountId: null } });
    await waitFor(() => expect(view.getAllByTestId('bill-row')).toHaveLength(1));
    await fireEvent.change(view.getByTestId('bills-filter-account'), { target: { value: 'c1' } });
    await fireEvent.click(view.getByTestId('bills-export'));
    await waitFor(() =>
      expect(ipc.exportBillsCsv).toHaveBeenCalledWith({
        accountId: 'c1',
        month: '2026-11',
        text: null,
        cursor: null,
        limit: null,
        categoryId: 'food',
      }),
    );
    const result = await view.findByTestId('bills-export-result');
    expect(result.getAttribute('role')).toBe('status');
    expect(result.textContent?.trim()).toBe(
      'Bills exported: 37. Saved to /home/li/Downloads/purse-bills-2026-11.csv',
    );
  });

  it('exports everything when no filter is set', async () => {
    render(Bills);
    await waitFor(() => expect(view.getAllByTestId('bill-row')).toHaveLength(1));
    await fireEvent.click(view.getByTestId('bills-export'));
    await waitFor(() =>
      expect(ipc.exportBillsCsv).toHaveBeenCalledWith({
        accountId: null,
        month: null,
        text: null,
        cursor: null,
        limit: null,
      }),
    );
  });

  it('shows the backend’s reason when the file cannot be written', async () => {
    ipc.exportBillsCsv.mockRejectedValue({
      code: 'storage',
      message: 'The export could not be written to /home/li/Downloads: Permission denied',
    });
    render(Bills);
    await fireEvent.click(view.getByTestId('bills-export'));
    const error = await view.findByTestId('bills-export-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent?.trim()).toBe(
      'Export failed: The export could not be written to /home/li/Downloads: Permission denied',
    );
    expect(view.queryByTestId('bills-export-result')).toBeNull();
  });

  it('says it in Chinese', async () => {
    locale.set('zh-CN');
    render(Bills);
    expect(view.getByTestId('bills-export').textContent).toBe('导出 CSV');
    await fireEvent.click(view.getByTestId('bills-export'));
    await waitFor(() =>
      expect(view.getByTestId('bills-export-result').textContent?.trim()).toBe(
        '已导出 37 笔账单，保存在 /home/li/Downloads/purse-bills-2026-11.csv',
      ),
    );
  });
});
