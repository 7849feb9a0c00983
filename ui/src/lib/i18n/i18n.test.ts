// The two dictionaries must stay complete and alike: this fails when a key is missing in either.
import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { en } from './en';
import { zhCN } from './zh-CN';
import { locale, t, translate } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has exactly the same keys in English and Chinese', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty string in either dictionary', () => {
    for (const value of [...Object.values(en), ...Object.values(zhCN)]) expect(value.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'syncDone', { added: 3, updated: 1 })).toBe('Synced: 3 new / 1 updated');
    expect(translate('zh-CN', 'syncDone', { added: 3, updated: 1 })).toBe('同步完成：新增 3 笔 / 更新 1 笔');
  });

  it('names the product Purse in English and Purse 钱包 in Chinese', () => {
    expect(translate('en', 'appTitle')).toBe('Purse');
    expect(translate('zh-CN', 'appTitle')).toBe('Purse 钱包');
  });

  it('switching the locale changes the text and the document language', () => {
    locale.set('en');
    expect(get(t)('navBills')).toBe('Bills');
    expect(document.documentElement.lang).toBe('en');
    locale.set('zh-CN');
    expect(get(t)('navBills')).toBe('账单');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
