// The Pay screen's Send abroad tab against a mocked IPC seam: the recipient checked as one types, the
// bank's quote with its countdown, an expired quote quoted again (on request, and at once when Pay meets an
// expired quote), and paying with the PIN and the authenticator code (a lock shown as at home).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { ipc } from '../test/ipcMock';
import { account, overview as overviewOf, payment, pinSet, quote, recipientOk } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { overview } from '../lib/wallet';
import { locale } from '../lib/i18n';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Pay } = await import('./Pay.svelte');

const byId = (testid: string) => screen.getByTestId(testid);
const text = (testid: string) => byId(testid).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const type = (testid: string, value: string) => fireEvent.input(byId(testid), { target: { value } });

const START = new Date('2026-11-20T10:00:00Z');

async function openAbroad() {
  render(Pay);
  await fireEvent.click(byId('pay-tab-abroad'));
  await waitFor(() => expect(byId('abroad-form')).toBeTruthy());
}

async function fillAnna() {
  await type('abroad-name', 'Anna Schmidt');
  await type('abroad-country', 'DE');
  await type('abroad-account', 'DE89 3704 0044 0532 0130 00');
  await type('abroad-bic', 'COBADEFFXXX');
  await type('abroad-amount', '1000');
}

/** Fills the form, waits for the recipient check and asks for the quote. */
async function quoted() {
  await openAbroad();
  await fillAnna();
  await waitFor(() => expect(ipc.checkRecipientAbroad).toHaveBeenCalled());
  await fireEvent.click(byId('abroad-quote'));
  await waitFor(() => expect(byId('quote-card')).toBeTruthy());
}

describe('sending money abroad', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(START);
    resetApp('en');
    const accounts = [account(), account({ id: 'usd', currency: 'USD', name: 'USD account' })];
    overview.set(overviewOf(accounts));
    ipc.listAccounts.mockResolvedValue(overviewOf(accounts));
    ipc.listPayments.mockResolvedValue([]);
    ipc.pinStatus.mockResolvedValue(pinSet());
    ipc.checkRecipientAbroad.mockResolvedValue(recipientOk());
    ipc.quoteInternational.mockResolvedValue(quote());
  });
  afterEach(() => vi.useRealTimers());

  it('shows what is wrong with the IBAN and the BIC as they are typed', async () => {
    ipc.checkRecipientAbroad.mockResolvedValue(
      recipientOk({
        valid: false,
        account: null,
        accountError: 'The IBAN’s check digits do not match: a character is mistyped.',
        bicError: 'A BIC is 8 or 11 characters.',
      }),
    );
    await openAbroad();
    await type('abroad-country', 'DE');
    await type('abroad-account', 'DE88 3704 0044 0532 0130 00');
    await waitFor(() => expect(text('abroad-account-error')).toContain('check digits'));
    // The BIC has not been typed yet: no message for it.
    expect(screen.queryByTestId('abroad-bic-error')).toBeNull();
    await type('abroad-bic', 'COBADEF');
    await waitFor(() => expect(text('abroad-bic-error')).toContain('8 or 11'));
    await waitFor(() =>
      expect(ipc.checkRecipientAbroad).toHaveBeenLastCalledWith({
        name: '',
        account: 'DE88 3704 0044 0532 0130 00',
        bic: 'COBADEF',
        country: 'DE',
      }),
    );
    // Get quote with a wrong recipient asks the bank nothing.
    await fireEvent.click(byId('abroad-quote'));
    expect(ipc.quoteInternational).not.toHaveBeenCalled();
  });

  it('shows the quote: rate, fee, what leaves the account, what arrives, and a countdown', async () => {
    await quoted();
    expect(ipc.quoteInternational).toHaveBeenCalledWith({
      fromAccountId: 'a1',
      recipient: {
        name: 'Anna Schmidt',
        account: 'DE89 3704 0044 0532 0130 00',
        bic: 'COBADEFFXXX',
        country: 'DE',
      },
      currency: 'EUR',
      amount: '1000',
      chargeBearer: 'shared',
      note: null,
    });
    expect(text('quote-rate')).toBe('1 EUR = 7.8123 CNY');
    expect(text('quote-fee')).toBe('¥50.00');
    expect(text('quote-debited')).toBe('¥7,862.30');
    expect(text('quote-delivered')).toBe('€987.19');
    expect(text('quote-countdown')).toBe('Valid for 2:00');
    await vi.advanceTimersByTimeAsync(45_000);
    await waitFor(() => expect(text('quote-countdown')).toBe('Valid for 1:15'));
  });

  it('says when the quote has expired and replaces it with a new one on request', async () => {
    await quoted();
    await vi.advanceTimersByTimeAsync(121_000);
    await waitFor(() => expect(byId('quote-expired')).toBeTruthy());
    expect(screen.queryByTestId('quote-pay')).toBeNull();
    ipc.quoteInternational.mockResolvedValue(
      quote({ id: 'q2', rate: '7.8200', expiresAt: '2026-11-20T10:04:01+00:00' }),
    );
    await fireEvent.click(byId('quote-requote'));
    await waitFor(() => expect(text('quote-rate')).toBe('1 EUR = 7.8200 CNY'));
    expect(text('quote-countdown')).toBe('Valid for 2:00');
    expect(ipc.quoteInternational).toHaveBeenCalledTimes(2);
  });

  it('quotes again at once when the quote expires on the way to paying, and pays nothing', async () => {
    await quoted();
    await fireEvent.click(byId('quote-pay'));
    await waitFor(() => expect(byId('pin-pad')).toBeTruthy());
    ipc.payInternational.mockRejectedValue({ code: 'quoteExpired', message: 'The rate quoted expired.' });
    ipc.quoteInternational.mockResolvedValue(quote({ id: 'q2', rate: '7.8300' }));
    await type('second-factor-code', '123456');
    for (const digit of '902413') await fireEvent.click(byId(`pin-key-${digit}`));
    await waitFor(() => expect(text('quote-rate')).toBe('1 EUR = 7.8300 CNY'));
    expect(text('quote-notice')).toContain('nothing was paid');
    expect(screen.queryByTestId('abroad-sheet')).toBeNull();
    expect(ipc.payInternational).toHaveBeenCalledTimes(1);
  });

  it('pays an accepted quote with the PIN and the authenticator code, and follows it', async () => {
    ipc.payInternational.mockResolvedValue(
      payment('p1', {
        kind: 'personTransfer',
        payeeName: 'Anna Schmidt',
        payeeMaskedNumber: '•••• 3000',
        amount: { amount: '7862.30', currency: 'CNY' },
        status: 'sent',
      }),
    );
    await quoted();
    await fireEvent.click(byId('quote-pay'));
    await waitFor(() => expect(byId('pin-pad')).toBeTruthy());
    expect(text('abroad-sheet-amount')).toBe('¥7,862.30');
    await type('second-factor-code', '123456');
    for (const digit of '902413') await fireEvent.click(byId(`pin-key-${digit}`));
    await waitFor(() => expect(byId('payment-status')).toBeTruthy());
    expect(ipc.payInternational).toHaveBeenCalledWith({
      quoteId: 'q1',
      pin: '902413',
      secondFactor: '123456',
    });
    expect(byId('payment-status').dataset.status).toBe('sent');
  });

  it('shows a lock on the pad abroad as at home, and lets the user only close the sheet', async () => {
    ipc.payInternational.mockRejectedValue({
      code: 'pinLocked',
      message: 'Too many wrong PINs: payments are locked until 2026-11-20 10:15 UTC.',
    });
    await quoted();
    await fireEvent.click(byId('quote-pay'));
    await waitFor(() => expect(byId('pin-pad')).toBeTruthy());
    await type('second-factor-code', '123456');
    for (const digit of '111112') await fireEvent.click(byId(`pin-key-${digit}`));
    await waitFor(() => expect(text('pin-error')).toContain('locked until 2026-11-20 10:15 UTC'));
    expect((byId('pin-key-1') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(byId('pin-close'));
    expect(screen.queryByTestId('abroad-sheet')).toBeNull();
    expect(byId('quote-card')).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    locale.set('zh-CN');
    await openAbroad();
    expect(byId('pay-tab-abroad').textContent).toContain('境外汇款');
    await fillAnna();
    await waitFor(() => expect(ipc.checkRecipientAbroad).toHaveBeenCalled());
    await fireEvent.click(byId('abroad-quote'));
    await waitFor(() => expect(text('quote-countdown')).toBe('报价有效 2:00'));
  });
});
