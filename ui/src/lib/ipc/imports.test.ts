// The statement-import commands through the seam, against Tauri's own IPC mock: their Rust names and the
// argument names the Rust side registers.
import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import * as ipc from './index';

describe('the import commands of the IPC seam', () => {
  afterEach(() => clearMocks());

  it('are called by their Rust names with camelCase arguments', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'list_imports' || cmd === 'undo_import' ? [] : {};
    });
    const request = {
      fileName: 'alipay.csv',
      contentBase64: 'vbvS1w==',
      accountId: 'a1',
      dateOrder: null,
    };
    await ipc.previewImport(request);
    await ipc.commitImport(request);
    expect(await ipc.listImports()).toEqual([]);
    expect(await ipc.undoImport(7)).toEqual([]);
    expect(calls).toEqual([
      ['preview_import', { request }],
      ['commit_import', { request }],
      ['list_imports', {}],
      ['undo_import', { importId: 7 }],
    ]);
  });
});
