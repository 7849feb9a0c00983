// The offers with their conditions: a fixed discount or a capped percentage, the merchant, the uses left
// this month, and a used-up offer marked so.
import { describe, expect, it } from 'vitest';
import { render, screen as view } from '@testing-library/svelte';
import OfferList from './OfferList.svelte';
import { locale } from '../../lib/i18n';
import { diningOffer, starbucksOffer } from '../../test/rewardsFixtures';

describe('the offers list', () => {
  it('shows each offer’s terms and what is left of it', () => {
    locale.set('en');
    render(OfferList, { offers: [starbucksOffer(), diningOffer()] });
    const [starbucks, dining] = view.getAllByTestId('offer');
    expect(starbucks.textContent).toContain('¥10.00 off a payment of ¥100.00 or more');
    expect(starbucks.textContent).toContain('at 星巴克 Starbucks');
    expect(starbucks.textContent).toContain('1 of 1 left this month');
    expect(dining.textContent).toContain('5% off (at most ¥20.00)');
  });

  it('lists the offers that can still be used before ended ones', () => {
    render(OfferList, { offers: [starbucksOffer({ id: 'ended', status: 'expired' }), diningOffer()] });
    expect(view.getAllByTestId('offer').map((o) => o.dataset.offerId)).toEqual([
      'offer-dining-5pct',
      'ended',
    ]);
  });

  it('marks an offer used up this month', () => {
    render(OfferList, { offers: [starbucksOffer({ status: 'usedUp', leftForYou: 0, usedByYou: 1 })] });
    expect(view.getByTestId('offer-status').textContent).toBe('Used up');
    expect(view.getByTestId('offer-left').textContent).toContain('0 of 1 left this month');
  });
});
