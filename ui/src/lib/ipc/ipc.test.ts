// Tests of the seam itself, against Tauri's own IPC mock: the command names and argument names must be
// exactly what the Rust side registers. (The seam's folder is the only place that touches @tauri-apps/api.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import * as ipc from './index';

describe('the IPC seam', () => {
  afterEach(() => clearMocks());

  it('calls each command by its Rust name with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'get_settings' ? { language: 'en' } : {};
    });
    const query = { accountId: 'a1', month: '2026-10', text: 'coffee', cursor: 'c9', limit: null };
    await ipc.listAccounts();
    await ipc.getAccount('a1');
    await ipc.pageTransactions(query);
    await ipc.syncNow();
    expect(await ipc.getSettings()).toEqual({ language: 'en' });
    await ipc.updateSettings({ language: 'zh-CN' });
    expect(calls.map(([cmd]) => cmd)).toEqual([
      'list_accounts',
      'get_account',
      'page_transactions',
      'sync_now',
      'get_settings',
      'update_settings',
    ]);
    expect(calls[1][1]).toEqual({ accountId: 'a1' });
    expect(calls[2][1]).toEqual({ query });
    expect(calls[5][1]).toEqual({ patch: { language: 'zh-CN' } });
  });

  it('passes a rejected ApiError through so callers can branch on its code', async () => {
    mockIPC(() => {
      throw { code: 'busy', message: 'A sync is already running.' };
    });
    const error = await ipc.syncNow().catch((e: unknown) => e);
    expect(ipc.isApiError(error)).toBe(true);
    expect(ipc.errorMessage(error)).toBe('A sync is already running.');
  });

  it('recognises only well-formed ApiErrors', () => {
    expect(ipc.isApiError({ code: 'notFound', message: 'No such account.' })).toBe(true);
    expect(ipc.isApiError({ code: 'whatever', message: 'x' })).toBe(false);
    expect(ipc.isApiError({ code: 'busy' })).toBe(false);
    expect(ipc.isApiError('busy')).toBe(false);
    expect(ipc.errorMessage(new Error('boom'))).toBe('boom');
  });

  it('delivers the payload of sync events to the callback', async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const progress = vi.fn();
    const finished = vi.fn();
    const stopProgress = await ipc.onSyncProgress(progress);
    await ipc.onSyncFinished(finished);
    const payload = {
      stage: 'balances',
      accountIndex: 0,
      accountCount: 5,
      accountName: 'Salary',
      transactionsFetched: 0,
    };
    await emit('sync-progress', payload);
    await emit('sync-finished', { report: null, error: { code: 'bankUnreachable', message: 'down' } });
    expect(progress).toHaveBeenCalledWith(payload);
    expect(finished).toHaveBeenCalledWith({
      report: null,
      error: { code: 'bankUnreachable', message: 'down' },
    });
    stopProgress();
    await emit('sync-progress', payload);
    expect(progress).toHaveBeenCalledTimes(1);
  });
});
