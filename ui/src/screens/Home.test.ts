import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { account, overview } from '../test/fixtures';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import Home from './Home.svelte';

describe('the home screen', () => {
  it('shows the total assets and one card per account, a credit card with what is owed', () => {
    locale.set('en');
    const accounts = [
      account(),
      account({
        id: 'c1',
        kind: 'creditCard',
        name: 'Credit card',
        balance: { amount: '-1200.00', currency: 'CNY' },
        creditLimit: { amount: '50000.00', currency: 'CNY' },
      }),
    ];
    render(Home, { overview: overview(accounts) });
    expect(view.getByTestId('home-total-assets').textContent).toContain('¥31,234.56');
    expect(view.getAllByTestId('account-card')).toHaveLength(2);
    expect(view.getByText('Owed')).toBeTruthy();
    expect(view.getAllByText('¥1,200.00', { exact: false }).length).toBeGreaterThan(0);
    expect(view.getByText(/1 USD = 7.1823 CNY/)).toBeTruthy();
  });

  it('opens the account detail when a card is clicked', async () => {
    render(Home, { overview: overview([account({ id: 'a9' })]) });
    await fireEvent.click(view.getByTestId('account-card'));
    expect(get(screen)).toEqual({ name: 'account', accountId: 'a9' });
  });

  it('tells a first-time user the demo bank is being brought in', () => {
    locale.set('en');
    render(Home, { overview: overview([]), syncing: true });
    expect(view.getByText(/Bringing in your demo bank/)).toBeTruthy();
    vi.restoreAllMocks();
  });
});
