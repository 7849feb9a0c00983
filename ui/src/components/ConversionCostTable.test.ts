// A payment abroad taken apart: the bank's rate and fee against the day's reference rate.
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { ConversionCostDto } from '../lib/ipc';
import { bill } from '../test/fixtures';
import { resetApp } from '../test/reset';
import ConversionCostTable from './ConversionCostTable.svelte';
import BillRow from './BillRow.svelte';

const dinner = (overrides: Partial<ConversionCostDto> = {}): ConversionCostDto => ({
  original: { amount: '85.40', currency: 'USD' },
  booked: { amount: '613.60', currency: 'CNY' },
  fee: { amount: '9.20', currency: 'CNY' },
  total: { amount: '622.80', currency: 'CNY' },
  cardRate: '7.185',
  effectiveRate: '7.2927',
  reference: { rate: '7.15', day: '2026-02-15', source: 'Purse Sandbox Bank reference rate' },
  atReference: { amount: '610.61', currency: 'CNY' },
  aboveReference: { amount: '12.19', currency: 'CNY' },
  aboveReferencePercent: '2.00',
  ...overrides,
});

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, ' ').trim();

describe('the true cost of a payment abroad', () => {
  beforeEach(() => resetApp('en'));

  it('shows the bank rate, its fee, the rate really paid and how far above the reference rate it came', () => {
    render(ConversionCostTable, { cost: dinner() });
    expect(text('fx-original')).toBe('USD 85.40');
    expect(text('fx-booked')).toBe('¥613.60');
    expect(text('fx-fee')).toBe('¥9.20');
    expect(text('fx-total')).toBe('¥622.80');
    expect(screen.getByText('You paid (1 USD = 7.2927 CNY)')).toBeTruthy();
    expect(text('fx-at-reference')).toBe('¥610.61');
    expect(text('fx-above-reference')).toBe('+¥12.19 (2.00%)');
    expect(screen.getByText(/as of 2026-02-15 · Purse Sandbox Bank reference rate/)).toBeTruthy();
  });

  it('says so when no reference rate is known for the day, and still shows the fee', () => {
    render(ConversionCostTable, {
      cost: dinner({ reference: null, atReference: null, aboveReference: null, aboveReferencePercent: null }),
    });
    expect(text('fx-fee')).toBe('¥9.20');
    expect(screen.getByTestId('fx-no-reference').textContent).toBe(
      'No reference rate is known for that day yet.',
    );
  });

  it('reads in Chinese', () => {
    resetApp('zh-CN');
    render(ConversionCostTable, { cost: dinner() });
    expect(screen.getByText('货币转换费')).toBeTruthy();
    expect(screen.getByText('实际支付（1 USD = 7.2927 CNY）')).toBeTruthy();
  });

  it('opens from the bill row of a converted line, and a line in its own currency offers nothing', async () => {
    render(BillRow, {
      line: bill('t1', { originalAmount: { amount: '-85.40', currency: 'USD' }, conversion: dinner() }),
    });
    expect(screen.queryByTestId('fx-cost')).toBeNull();
    await fireEvent.click(screen.getByTestId('bill-fx-toggle'));
    expect(screen.getByTestId('fx-cost')).toBeTruthy();
  });

  it('offers no cost on a line the bank did not convert', () => {
    render(BillRow, { line: bill('t2') });
    expect(screen.queryByTestId('bill-fx-toggle')).toBeNull();
  });
});
