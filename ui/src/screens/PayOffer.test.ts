// The bank's offer on the confirmation sheet: asked as the sheet opens, shown with what is charged, and
// sent with the payment so the bank charges exactly that; a transfer between own accounts asks for none.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { ipc } from '../test/ipcMock';
import { payment } from '../test/fixtures';
import { starbucksQuote } from '../test/rewardsFixtures';
import { mockPayWallet } from '../test/payWallet';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Pay } = await import('./Pay.svelte');

const byId = (testid: string) => screen.getByTestId(testid);

async function openSheetFor(amount: string) {
  await fireEvent.change(byId('qr-file'), {
    target: { files: [new File([new Uint8Array([0x89, 0x50])], 'code.png', { type: 'image/png' })] },
  });
  await waitFor(() => expect(byId('scanned-payee')).toBeTruthy());
  await fireEvent.input(byId('pay-amount'), { target: { value: amount } });
  await fireEvent.click(byId('pay-continue'));
  await waitFor(() => expect(byId('confirm-sheet')).toBeTruthy());
}

async function payWithPin() {
  const confirm = () => byId('confirm-pay') as HTMLButtonElement;
  await waitFor(() => expect(confirm().disabled).toBe(false));
  await fireEvent.click(confirm());
  await waitFor(() => expect(byId('pin-pad')).toBeTruthy());
  for (const digit of '902413') await fireEvent.click(byId(`pin-key-${digit}`));
}

describe('the offer on the confirmation sheet', () => {
  beforeEach(() => {
    mockPayWallet();
    ipc.submitPaymentWithOffer.mockResolvedValue(payment('pay1'));
  });

  it('shows the bank’s offer and what is charged, sends that offer with the payment, and shows what it took off', async () => {
    ipc.quoteOffer.mockResolvedValue(starbucksQuote());
    ipc.submitPaymentWithOffer.mockResolvedValue(
      payment('pay1', {
        status: 'completed',
        amount: { amount: '100.00', currency: 'CNY' },
        discount: {
          offerId: 'offer-starbucks-100-10',
          title: 'Starbucks: ¥10 off ¥100',
          discount: { amount: '10.00', currency: 'CNY' },
          fullPrice: { amount: '100.00', currency: 'CNY' },
          charged: { amount: '90.00', currency: 'CNY' },
        },
      }),
    );
    render(Pay);
    await openSheetFor('100');
    await waitFor(() => expect(byId('offer-to-pay').textContent).toContain('You pay ¥90.00'));
    expect(ipc.quoteOffer.mock.calls[0][0]).toMatchObject({ amount: '100' });
    await payWithPin();
    await waitFor(() => expect(ipc.submitPaymentWithOffer).toHaveBeenCalledOnce());
    const [request, offer] = ipc.submitPaymentWithOffer.mock.calls[0];
    expect(request).toMatchObject({ pin: '902413', amount: '100' });
    expect(offer).toEqual({
      offerId: 'offer-starbucks-100-10',
      title: 'Starbucks: ¥10 off ¥100',
      discount: '10.00',
      currency: 'CNY',
    });
    expect(ipc.submitPayment).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(byId('payment-status-discount').textContent).toContain(
        '¥10.00 off ¥100.00 · Starbucks: ¥10 off ¥100',
      ),
    );
    expect(byId('payment-status-amount').textContent).toContain('-¥90.00');
  });

  it('pays the full amount without an offer when the bank has none or cannot be asked', async () => {
    ipc.quoteOffer.mockRejectedValue({ code: 'bankUnreachable', message: 'The bank cannot be reached.' });
    render(Pay);
    await openSheetFor('38.00');
    expect(screen.queryByTestId('offer-notice')).toBeNull();
    await payWithPin();
    await waitFor(() => expect(ipc.submitPayment).toHaveBeenCalledOnce());
    expect(ipc.submitPaymentWithOffer).not.toHaveBeenCalled();
  });
});
