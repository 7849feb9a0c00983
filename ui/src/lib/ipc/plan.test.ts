// The budget, subscription, card and export commands and the alert events through the seam, against
// Tauri's own IPC mock: their Rust names and the argument names the Rust side registers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import * as ipc from './index';

describe('the plan, card and export commands of the IPC seam', () => {
  afterEach(() => clearMocks());

  it('are called by their Rust names with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd.includes('budget') ? [] : {};
    });
    const query = { accountId: null, month: '2026-11', text: null, cursor: null, limit: null };
    expect(await ipc.budgetProgress()).toEqual([]);
    await ipc.setBudget({ categoryId: 'food', amount: '3000' });
    await ipc.removeBudget('food');
    await ipc.recurringPayments();
    await ipc.cardStatus('c1');
    await ipc.exportBillsCsv(query);
    expect(calls).toEqual([
      ['budget_progress', {}],
      ['set_budget', { request: { categoryId: 'food', amount: '3000' } }],
      ['remove_budget', { categoryId: 'food' }],
      ['recurring_payments', {}],
      ['card_status', { accountId: 'c1' }],
      ['export_bills_csv', { query }],
    ]);
  });

  it('deliver the payloads of budget-alert and card-reminder events to their callbacks', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const budget = vi.fn();
    const card = vi.fn();
    const stopBudget = await ipc.onBudgetAlert(budget);
    await ipc.onCardReminder(card);
    await emit('budget-alert', { level: 80 });
    await emit('card-reminder', { card: { status: 'dueSoon' } });
    expect(budget).toHaveBeenCalledWith({ level: 80 });
    expect(card).toHaveBeenCalledWith({ card: { status: 'dueSoon' } });
    stopBudget();
    await emit('budget-alert', { level: 100 });
    expect(budget).toHaveBeenCalledTimes(1);
  });
});
