// Importing a statement file from the bills screen's import tab, with the IPC mocked: the file goes to the
// backend as its bytes, the preview says what becomes of each row, nothing is written before "Import", a
// file the backend cannot read says why (and its line), and an import can be undone after asking.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { ipc } from '../test/ipcMock';
import {
  account,
  bill,
  categoryNodes,
  creditCard,
  importPreview,
  importRecord,
  overview,
  previewRow,
} from '../test/fixtures';
import { resetApp } from '../test/reset';
import { dataVersion, overview as overviewStore } from '../lib/wallet';
import type { ImportRecordDto } from '../lib/ipc';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Bills } = await import('./Bills.svelte');

const byId = (testid: string) => view.getByTestId(testid);
const text = (testid: string) => byId(testid).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const importButton = () => byId('import-commit') as HTMLButtonElement;

/** "交易,支付宝" in GBK, as Chinese banks write their exports: not UTF-8, so never read as text. */
const GBK_BYTES = new Uint8Array([0xbd, 0xbb, 0xd2, 0xd7, 0x2c, 0xd6, 0xa7, 0xb8, 0xb6, 0xb1, 0xa6]);
const GBK_BASE64 = 'vbvS1yzWp7i2saY=';

const statementFile = (name = 'alipay.csv', bytes = GBK_BYTES) =>
  new File([bytes], name, { type: 'text/csv' });

async function chooseFile(file = statementFile()) {
  await fireEvent.change(byId('import-file'), { target: { files: [file] } });
}

async function previewShown() {
  await waitFor(() => expect(view.getAllByTestId('import-row').length).toBeGreaterThan(0));
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Chooses a file the backend cannot read (line 18 is broken) and waits for its error. */
async function importBrokenFile() {
  ipc.previewImport.mockRejectedValue({
    code: 'invalidInput',
    message: 'broken.csv: line 18: the amount "12,3x" is not a number. Nothing was imported.',
  });
  render(Bills, { tab: 'import' });
  await chooseFile(statementFile('broken.csv'));
  return view.findByTestId('import-error');
}

describe('importing a statement file', () => {
  beforeEach(() => {
    resetApp('en');
    overviewStore.set(overview([account(), creditCard()]));
    ipc.listAccounts.mockResolvedValue(overview([account(), creditCard()]));
    ipc.listImports.mockResolvedValue([]);
    ipc.previewImport.mockResolvedValue(importPreview());
    ipc.commitImport.mockResolvedValue(importRecord(7, { added: 1, linked: 1, duplicates: 1 }));
  });

  it('opens on the bills and switches to the import tab', async () => {
    ipc.listCategories.mockResolvedValue(categoryNodes());
    ipc.pageTransactions.mockResolvedValue({ items: [bill('t1')], nextCursor: null });
    render(Bills);
    await waitFor(() => expect(view.getAllByTestId('bill-row')).toHaveLength(1));
    expect(view.queryByTestId('import-panel')).toBeNull();
    expect(text('bills-tab-import')).toBe('Import bills');
    await fireEvent.click(byId('bills-tab-import'));
    expect(byId('bills-tab-import').getAttribute('aria-selected')).toBe('true');
    expect(byId('import-panel')).toBeTruthy();
    expect(view.queryByTestId('bill-row')).toBeNull();
    await waitFor(() => expect(byId('import-history-empty')).toBeTruthy());
  });

  it('sends the chosen file’s bytes as base64 and shows the preview with its counts and row statuses', async () => {
    render(Bills, { tab: 'import' });
    await chooseFile();
    await previewShown();
    expect(ipc.previewImport).toHaveBeenCalledWith({
      fileName: 'alipay.csv',
      contentBase64: GBK_BASE64,
      accountId: null,
      dateOrder: null,
    });
    expect(text('import-format')).toBe('Alipay');
    expect((byId('import-account') as HTMLSelectElement).value).toBe('a1');
    expect(text('import-count-new')).toBe('1');
    expect(text('import-count-duplicates')).toBe('1');
    expect(text('import-count-linked')).toBe('1');
    expect(text('import-count-skipped')).toBe('1');
    const rows = view.getAllByTestId('import-row');
    expect(rows.map((row) => row.dataset.status)).toEqual(['new', 'duplicate', 'linked']);
    expect(view.getAllByTestId('import-row-status').map((badge) => badge.textContent?.trim())).toEqual([
      'New',
      'Already imported',
      'Matches a bank line',
    ]);
    expect(within(rows[0]).getByText('-¥38.00')).toBeTruthy();
    expect(text('import-skipped-row')).toBe('Line 28: a closed order: no money moved');
    expect(text('import-commit')).toBe('Import 1 bills');
    expect(importButton().disabled).toBe(false);
    expect(ipc.commitImport).not.toHaveBeenCalled();
  });

  it('previews the file again for the account chosen', async () => {
    render(Bills, { tab: 'import' });
    await chooseFile();
    await previewShown();
    ipc.previewImport.mockResolvedValue(
      importPreview({ accountId: 'c1', newRows: 3, duplicates: 0, linked: 0, rows: [previewRow(25)] }),
    );
    await fireEvent.change(byId('import-account'), { target: { value: 'c1' } });
    await waitFor(() => expect(text('import-count-new')).toBe('3'));
    expect(ipc.previewImport).toHaveBeenCalledTimes(2);
    expect(ipc.previewImport).toHaveBeenLastCalledWith({
      fileName: 'alipay.csv',
      contentBase64: GBK_BASE64,
      accountId: 'c1',
      dateOrder: null,
    });
    expect(text('import-commit')).toBe('Import 3 bills');
  });

  it('keeps the import button disabled without an account or without new bills', async () => {
    ipc.previewImport.mockResolvedValue(importPreview({ accountId: null }));
    render(Bills, { tab: 'import' });
    await chooseFile();
    await previewShown();
    expect((byId('import-account') as HTMLSelectElement).value).toBe('');
    expect(importButton().disabled).toBe(true);
    ipc.previewImport.mockResolvedValue(importPreview({ newRows: 0, duplicates: 3, linked: 0 }));
    await fireEvent.change(byId('import-account'), { target: { value: 'a1' } });
    await waitFor(() => expect(text('import-count-new')).toBe('0'));
    expect(importButton().disabled).toBe(true);
  });

  it('asks how a QIF file writes its dates and reads it again with the order chosen', async () => {
    ipc.previewImport.mockRejectedValueOnce({
      code: 'dateOrderNeeded',
      message:
        'money.qif: QIF does not say how its dates are written: choose day/month/year, month/day/year or year/month/day. Nothing was imported.',
    });
    ipc.previewImport.mockResolvedValueOnce(importPreview({ format: 'qif', fileName: 'money.qif' }));
    render(Bills, { tab: 'import' });
    await chooseFile(statementFile('money.qif', new TextEncoder().encode('!Type:Bank\nD12/31/2026\n')));
    await waitFor(() => expect(byId('import-date-order-ask')).toBeTruthy());
    expect(view.queryByTestId('import-error')).toBeNull();
    expect(view.queryByTestId('import-commit')).toBeNull();
    await fireEvent.change(byId('import-date-order'), { target: { value: 'monthDayYear' } });
    await previewShown();
    expect(ipc.previewImport).toHaveBeenLastCalledWith({
      fileName: 'money.qif',
      contentBase64: btoa('!Type:Bank\nD12/31/2026\n'),
      accountId: null,
      dateOrder: 'monthDayYear',
    });
    expect(text('import-format')).toBe('QIF');
    expect(view.queryByTestId('import-date-order-ask')).toBeNull();
    await fireEvent.click(importButton());
    await waitFor(() => expect(ipc.commitImport).toHaveBeenCalled());
    expect(ipc.commitImport.mock.lastCall?.[0]).toMatchObject({ accountId: 'a1', dateOrder: 'monthDayYear' });
  });

  it('imports into the chosen account, busy meanwhile, then says what was added, linked and already there', async () => {
    const answer = deferred<ImportRecordDto>();
    ipc.commitImport.mockReturnValue(answer.promise);
    render(Bills, { tab: 'import' });
    await chooseFile();
    await previewShown();
    const before = get(dataVersion);
    await fireEvent.click(importButton());
    expect(ipc.commitImport).toHaveBeenCalledWith({
      fileName: 'alipay.csv',
      contentBase64: GBK_BASE64,
      accountId: 'a1',
      dateOrder: null,
    });
    await waitFor(() => expect(text('import-commit')).toBe('Importing…'));
    expect(importButton().disabled).toBe(true);
    expect(byId('import-panel').getAttribute('aria-busy')).toBe('true');
    ipc.listImports.mockResolvedValue([importRecord(7, { added: 1, linked: 1, duplicates: 1 })]);
    answer.resolve(importRecord(7, { added: 1, linked: 1, duplicates: 1 }));
    const result = await view.findByTestId('import-result');
    expect(result.getAttribute('role')).toBe('status');
    expect(result.textContent?.trim()).toBe(
      'Imported 1 bills into Salary card: 1 matched bank lines, 1 were already there.',
    );
    expect(view.queryByTestId('import-commit')).toBeNull();
    expect(get(dataVersion)).toBe(before + 1);
    expect(ipc.listAccounts).toHaveBeenCalled();
    await waitFor(() => expect(view.getAllByTestId('import-history-row')).toHaveLength(1));
  });

  it('shows the backend’s message naming the line of a broken file, and imports nothing', async () => {
    const error = await importBrokenFile();
    expect(error.getAttribute('role')).toBe('alert');
    expect(text('import-error-message')).toBe('broken.csv: line 18: the amount "12,3x" is not a number.');
    expect(error.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'broken.csv: line 18: the amount "12,3x" is not a number. Nothing was imported.',
    );
    expect(view.queryByTestId('import-commit')).toBeNull();
    expect(view.queryByTestId('import-date-order')).toBeNull();
    expect(ipc.commitImport).not.toHaveBeenCalled();
  });

  it('says so when the import itself is refused, and nothing was imported', async () => {
    ipc.commitImport.mockRejectedValue({
      code: 'invalidInput',
      message: 'Line 25: the file’s money is in USD, and Salary card holds CNY. Choose an account in USD.',
    });
    render(Bills, { tab: 'import' });
    await chooseFile();
    await previewShown();
    await fireEvent.click(importButton());
    const error = await view.findByTestId('import-error');
    expect(error.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Line 25: the file’s money is in USD, and Salary card holds CNY. Choose an account in USD. Nothing was imported.',
    );
    expect(view.queryByTestId('import-result')).toBeNull();
    expect(importButton().disabled).toBe(false);
  });

  it('lists the imports and undoes one only after asking', async () => {
    ipc.listImports.mockResolvedValue([
      importRecord(2, { fileName: 'wechat.csv', format: 'weChatCsv', added: 5, linked: 2, duplicates: 1 }),
      importRecord(1, { undoneAt: '2026-11-21T08:00:00Z' }),
    ]);
    const after = [
      importRecord(2, { fileName: 'wechat.csv', format: 'weChatCsv', undoneAt: '2026-11-22T09:00:00Z' }),
      importRecord(1, { undoneAt: '2026-11-21T08:00:00Z' }),
    ];
    ipc.undoImport.mockImplementation(async () => {
      ipc.listImports.mockResolvedValue(after);
      return after;
    });
    render(Bills, { tab: 'import' });
    await waitFor(() => expect(view.getAllByTestId('import-history-row')).toHaveLength(2));
    const [latest, older] = view.getAllByTestId('import-history-row');
    expect(within(latest).getByTestId('import-history-file').textContent).toBe('wechat.csv');
    expect(latest.textContent).toContain('WeChat Pay (CSV) · Salary card');
    expect(within(latest).getByTestId('import-history-counts').textContent?.trim()).toBe(
      '5 added · 2 linked · 1 already there',
    );
    expect(within(older).getByTestId('import-undone').textContent).toMatch(/^Undone /);
    expect(within(older).queryByTestId('import-undo')).toBeNull();

    const before = get(dataVersion);
    await fireEvent.click(within(latest).getByTestId('import-undo'));
    expect(ipc.undoImport).not.toHaveBeenCalled();
    expect(within(latest).getByTestId('import-undo-ask').textContent).toBe(
      'Remove the 5 bills this import added?',
    );
    await fireEvent.click(within(latest).getByTestId('import-undo-cancel'));
    expect(ipc.undoImport).not.toHaveBeenCalled();
    await fireEvent.click(within(latest).getByTestId('import-undo'));
    await fireEvent.click(within(latest).getByTestId('import-undo-confirm'));
    expect(ipc.undoImport).toHaveBeenCalledWith(2);
    await waitFor(() => expect(view.getAllByTestId('import-undone')).toHaveLength(2));
    expect(view.queryByTestId('import-undo')).toBeNull();
    expect(get(dataVersion)).toBe(before + 1);
  });

  it('shows what the reader read around, such as a masked balance column, before the rows', async () => {
    ipc.previewImport.mockResolvedValue(
      importPreview({
        format: 'icbcDebit',
        warnings: [
          'line 4: 余额: "xx,yyyy.zz" is not an amount (and on 2 more rows); 余额 is not needed to place a transaction, so it was left out',
        ],
      }),
    );
    render(Bills, { tab: 'import' });
    await chooseFile();
    await previewShown();
    expect(text('import-warnings')).toContain('Read with care');
    expect(text('import-warning')).toContain('"xx,yyyy.zz"');
    expect(importButton().disabled).toBe(false);
  });

  it('says it in Chinese', async () => {
    resetApp('zh-CN');
    overviewStore.set(overview([account(), creditCard()]));
    ipc.listImports.mockResolvedValue([importRecord(3, { format: 'icbcCredit', added: 4, linked: 0 })]);
    ipc.previewImport.mockResolvedValue(importPreview({ format: 'weChatCsv' }));
    ipc.commitImport.mockResolvedValue(importRecord(4, { added: 1, linked: 1, duplicates: 1 }));
    render(Bills, { tab: 'import' });
    expect(text('bills-tab-import')).toBe('导入账单');
    await waitFor(() => expect(text('import-history-counts')).toBe('新增 4 笔 · 匹配 0 笔 · 已存在 0 笔'));
    expect(byId('import-history').textContent).toContain('工商银行 信用卡');
    await chooseFile();
    await previewShown();
    expect(text('import-format')).toBe('微信支付（CSV）');
    expect(view.getAllByTestId('import-row-status').map((badge) => badge.textContent?.trim())).toEqual([
      '新增',
      '已导入过',
      '与银行流水匹配',
    ]);
    expect(text('import-skipped-row')).toBe('第 28 行：a closed order: no money moved');
    expect(text('import-commit')).toBe('导入 1 笔账单');
    await fireEvent.click(importButton());
    await waitFor(() =>
      expect(text('import-result')).toBe(
        '已导入 1 笔账单到「Salary card」：1 笔与银行流水匹配，1 笔此前已导入。',
      ),
    );
    await fireEvent.click(view.getAllByTestId('import-undo')[0]);
    expect(view.getAllByTestId('import-undo-ask')[0].textContent).toBe('删除此次导入新增的 4 笔账单？');
  });

  it('says in Chinese that nothing was imported', async () => {
    resetApp('zh-CN');
    ipc.listImports.mockResolvedValue([]);
    const error = await importBrokenFile();
    expect(error.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'broken.csv: line 18: the amount "12,3x" is not a number. 未导入任何账单。',
    );
  });
});
