// i18n: one typed dictionary per language and a store holding the current one. Two languages with plain
// {placeholder} strings need no ICU runtime; typed keys catch a missing string at compile time
// (see ui/README.md for why this over svelte-i18n). Also keeps <html lang> in step with the language.
import { derived, writable } from 'svelte/store';
import type { Language } from '../ipc/bindings';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type Values = Record<string, string | number>;

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const dictionaries: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The UI language; the app sets it from `get_settings` at start and from the language switch. */
export const locale = writable<Language>('zh-CN');

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function translate(language: Language, key: MessageKey, values: Values = {}): string {
  const template = dictionaries[language][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** `$t('key', { name })` in components: re-renders when the language changes. */
export const t = derived(
  locale,
  ($locale) => (key: MessageKey, values?: Values) => translate($locale, key, values),
);

locale.subscribe((language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});
