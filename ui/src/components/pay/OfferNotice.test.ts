// The offer on the confirmation sheet: the discount with the offer's name and what is charged, in both
// languages; nothing at all when no offer applies.
import { describe, expect, it } from 'vitest';
import { render, screen as view } from '@testing-library/svelte';
import OfferNotice from './OfferNotice.svelte';
import { locale } from '../../lib/i18n';
import { starbucksQuote } from '../../test/rewardsFixtures';

describe('the offer on the confirmation sheet', () => {
  it('shows the discount with the offer and what the account is charged', () => {
    locale.set('en');
    render(OfferNotice, { quote: starbucksQuote() });
    expect(view.getByTestId('offer-discount').textContent).toContain(
      '¥10.00 off with Starbucks: ¥10 off ¥100',
    );
    expect(view.getByTestId('offer-to-pay').textContent).toContain('You pay ¥90.00');
  });

  it('says it in Chinese', () => {
    locale.set('zh-CN');
    render(OfferNotice, { quote: starbucksQuote() });
    expect(view.getByTestId('offer-to-pay').textContent).toContain('实付 ¥90.00');
    locale.set('en');
  });

  it('shows nothing when no offer applies', () => {
    render(OfferNotice, { quote: { ...starbucksQuote(), offer: null } });
    expect(view.queryByTestId('offer-notice')).toBeNull();
  });
});
