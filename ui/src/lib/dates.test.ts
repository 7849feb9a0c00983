// Timestamps: UTC from the backend, local day and clock on screen.
import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDateTime, formatDay, formatMonth, localDay } from './dates';

describe('dates', () => {
  it('puts a UTC timestamp on the local day and clock', () => {
    const iso = '2026-11-19T23:30:00Z';
    const local = new Date(iso);
    const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
    expect(localDay(iso)).toBe(day);
    expect(formatClock(iso)).toBe(
      `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`,
    );
  });

  it('formats a day heading per language', () => {
    expect(formatDay('2026-11-19', 'zh-CN')).toContain('2026年11月19日');
    expect(formatDay('2026-11-19', 'en')).toContain('19 November 2026');
  });

  it('formats a calendar day and a month per language', () => {
    expect(formatDate('2026-11-25', 'zh-CN')).toBe('2026年11月25日');
    expect(formatDate('2026-11-25', 'en')).toBe('25 Nov 2026');
    expect(formatMonth('2026-11', 'zh-CN')).toBe('2026年11月');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
    expect(formatDate('soon', 'en')).toBe('soon');
  });

  it('leaves text that is not a timestamp alone', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatClock('not a date')).toBe('');
  });
});
