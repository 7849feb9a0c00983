// The home screen: totals, rates and one card per account.
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen as view, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { account, creditCard, emptyWallet, overview } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import Home from './Home.svelte';

describe('the home screen', () => {
  beforeEach(() => resetApp('en'));

  it('shows the total assets, liabilities and net worth in the home currency', () => {
    render(Home, { overview: overview([account()]) });
    expect(view.getByTestId('home-total-assets').textContent).toContain('¥31,234.56');
    expect(view.getByTestId('home-liabilities').textContent).toBe('¥1,200.00');
    expect(view.getByTestId('home-net-worth').textContent).toBe('¥30,034.56');
  });

  it('shows the exchange rates used with their date and source', () => {
    render(Home, { overview: overview([account()]) });
    const rates = view.getByTestId('home-rates').textContent ?? '';
    expect(rates).toContain('1 USD = 7.1823 CNY');
    expect(rates).toContain('as of 2026-02-19 · Purse Sandbox Bank card conversion');
  });

  it('shows what is held in each currency, with its value in the home currency', () => {
    render(Home, {
      overview: overview([account()], {
        byCurrency: [
          { net: { amount: '30034.56', currency: 'CNY' }, inHome: { amount: '30034.56', currency: 'CNY' } },
          { net: { amount: '1000.00', currency: 'USD' }, inHome: { amount: '7182.30', currency: 'CNY' } },
        ],
      }),
    });
    const held = view.getByTestId('home-by-currency').textContent?.replace(/\s+/g, ' ') ?? '';
    expect(held).toContain('CNY ¥30,034.56');
    expect(held).toContain('USD $1,000.00 ≈ ¥7,182.30');
  });

  it('shows no currency breakdown when everything is in the home currency', () => {
    render(Home, { overview: overview([account()]) });
    expect(view.queryByTestId('home-by-currency')).toBeNull();
  });

  it('shows one card per account with its kind, masked number and balance', () => {
    const usd = account({
      id: 'u1',
      kind: 'savings',
      name: 'Dollar savings',
      currency: 'USD',
      maskedNumber: '•••• 1234',
      balance: { amount: '1000.00', currency: 'USD' },
      balanceInHome: { amount: '7182.30', currency: 'CNY' },
    });
    render(Home, { overview: overview([account(), creditCard(), usd]) });
    const cards = view.getAllByTestId('account-card');
    expect(cards.map((c) => c.dataset.accountId)).toEqual(['a1', 'c1', 'u1']);

    expect(within(cards[0]).getByText('Debit card')).toBeTruthy();
    expect(within(cards[0]).getByText('•••• 7890')).toBeTruthy();
    expect(within(cards[0]).getByTestId('account-balance').textContent?.trim()).toBe('¥25,000.00');

    expect(within(cards[2]).getByText('Savings')).toBeTruthy();
    expect(within(cards[2]).getByTestId('account-balance').textContent?.trim()).toBe('$1,000.00');
    expect(within(cards[2]).getByText('≈ ¥7,182.30')).toBeTruthy();
  });

  it('shows what is owed on a credit card with its limit and what is available', () => {
    render(Home, { overview: overview([creditCard()]) });
    const card = view.getByTestId('account-card');
    expect(within(card).getByText('Credit card')).toBeTruthy();
    expect(within(card).getByText('Amount owed')).toBeTruthy();
    expect(within(card).getByTestId('account-balance').textContent?.trim()).toBe('¥1,200.00');
    expect(card.textContent).toContain('Credit limit ¥50,000.00');
    expect(card.textContent).toContain('Available ¥48,800.00');
  });

  it('opens the account detail when a card is clicked', async () => {
    render(Home, { overview: overview([account({ id: 'a9' })]) });
    await fireEvent.click(view.getByTestId('account-card'));
    expect(get(screen)).toEqual({ name: 'account', accountId: 'a9' });
  });

  it('tells a first-time user that the demo bank is syncing', () => {
    render(Home, { overview: emptyWallet(), syncing: true });
    expect(view.getByText('Syncing your demo bank…')).toBeTruthy();
    expect(view.queryByTestId('home-total-assets')).toBeNull();
  });

  it('shows what queued and sent payments are taking out of an account', () => {
    render(Home, {
      overview: overview([account({ pendingOutflow: { amount: '300.00', currency: 'CNY' } }), creditCard()]),
    });
    const cards = view.getAllByTestId('account-card');
    expect(within(cards[0]).getByTestId('account-pending-outflow').textContent?.trim()).toBe(
      'Pending out -¥300.00',
    );
    expect(within(cards[1]).queryByTestId('account-pending-outflow')).toBeNull();
  });
});
