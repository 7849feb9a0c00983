// The analysis commands through the seam, against Tauri's own IPC mock: their Rust names and the argument
// names the Rust side registers (`query`, `request`).
import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import * as ipc from './index';

describe('the analysis commands of the IPC seam', () => {
  afterEach(() => clearMocks());

  it('are called by their Rust names with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'list_categories' ? [] : {};
    });
    await ipc.monthlyStatement({ month: '2026-11', accountId: null });
    await ipc.spendingTrend({ months: 24, accountId: 'a1' });
    expect(await ipc.listCategories()).toEqual([]);
    await ipc.recategorise({ transactionId: 't1', categoryId: 'food.dining', forWholePayee: true });
    expect(calls).toEqual([
      ['monthly_statement', { query: { month: '2026-11', accountId: null } }],
      ['spending_trend', { query: { months: 24, accountId: 'a1' } }],
      ['list_categories', {}],
      ['recategorise', { request: { transactionId: 't1', categoryId: 'food.dining', forWholePayee: true } }],
    ]);
  });
});
