// The points balance and history: the balance with what was earned and redeemed, each entry signed.
import { describe, expect, it } from 'vitest';
import { render, screen as view } from '@testing-library/svelte';
import PointsPanel from './PointsPanel.svelte';
import { locale } from '../../lib/i18n';
import { pointsOverview } from '../../test/rewardsFixtures';

describe('the points panel', () => {
  it('shows the balance and each history entry with its sign', () => {
    locale.set('en');
    render(PointsPanel, { overview: pointsOverview() });
    expect(view.getByTestId('points-balance').textContent).toBe('12,345');
    const entries = view.getAllByTestId('points-entry').map((e) => e.textContent ?? '');
    expect(entries[0]).toContain('+176');
    expect(entries[0]).toContain('Earned');
    expect(entries[1]).toContain('-500');
  });

  it('says there is nothing yet before the first sync', () => {
    render(PointsPanel, { overview: pointsOverview({ history: [], balance: 0 }) });
    expect(view.getByTestId('points-history-empty')).toBeTruthy();
  });
});
