// i18n: a typed dictionary per language and a store for the current one. Two languages with plain
// {placeholder} strings don't need an ICU library; typed keys catch a missing string at compile time.
import { derived, writable } from 'svelte/store';
import type { Language } from '../ipc/bindings';
import { en } from './en';
import { zhCN } from './zh-CN';

export type MessageKey = keyof typeof en;
export const dictionaries: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export const locale = writable<Language>('zh-CN');

export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}) {
  const template = dictionaries[language][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export const t = derived(
  locale,
  ($locale) => (key: MessageKey, values?: Record<string, string | number>) => translate($locale, key, values),
);

locale.subscribe((language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

/** A date-time from the backend (RFC 3339, UTC) in the user's local time. */
export function formatTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
