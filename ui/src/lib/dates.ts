// Turns the backend's RFC 3339 UTC timestamps into the user's local time, per UI language.
import type { Language } from './ipc/bindings';

const intlLocale = (language: Language) => (language === 'zh-CN' ? 'zh-CN' : 'en-GB');

function valid(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Full local date and time, e.g. "2026/11/19 12:00" or "19/11/2026, 12:00". */
export function formatDateTime(iso: string, language: Language): string {
  const date = valid(iso);
  if (!date) return iso;
  return date.toLocaleString(intlLocale(language), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Local time of day, "HH:mm". */
export function formatClock(iso: string): string {
  const date = valid(iso);
  return date ? `${pad(date.getHours())}:${pad(date.getMinutes())}` : '';
}

/** The local calendar day a timestamp falls on, "YYYY-MM-DD": bills are grouped by it. */
export function localDay(iso: string): string {
  const date = valid(iso);
  if (!date) return iso.slice(0, 10);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A day heading, e.g. "2026年11月19日 星期四" or "Thursday 19 November 2026". */
export function formatDay(day: string, language: Language): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(y, m - 1, d).toLocaleDateString(intlLocale(language), {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

/** A calendar day "YYYY-MM-DD" as a short date, e.g. "2026年11月25日" or "25 Nov 2026". */
export function formatDate(day: string, language: Language): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(y, m - 1, d).toLocaleDateString(intlLocale(language), {
    year: 'numeric',
    month: language === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
  });
}

/** A month "YYYY-MM" as words, e.g. "2026年11月" or "November 2026". */
export function formatMonth(month: string, language: Language): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Date(y, m - 1, 1).toLocaleDateString(intlLocale(language), { year: 'numeric', month: 'long' });
}
