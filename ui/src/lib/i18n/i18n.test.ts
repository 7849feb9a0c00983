import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { en } from './en';
import { zhCN } from './zh-CN';
import { locale, t, translate } from './index';

describe('i18n', () => {
  it('has the same keys in English and Chinese, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(zhCN)]) expect(value.trim()).not.toBe('');
  });
  it('fills placeholders', () => {
    expect(translate('en', 'syncDone', { added: 3, updated: 1 })).toBe('Synced: 3 new, 1 updated');
    expect(translate('zh-CN', 'syncDone', { added: 3, updated: 1 })).toBe('同步完成：新增 3 笔，更新 1 笔');
  });
  it('switching the locale changes the text and the document language', () => {
    locale.set('en');
    expect(get(t)('appTitle')).toBe('Purse');
    expect(document.documentElement.lang).toBe('en');
    locale.set('zh-CN');
    expect(get(t)('appTitle')).toBe('Purse 钱包');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
