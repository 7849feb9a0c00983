// Redeeming points: checked before the PIN (too few, more than the balance), then sent with the PIN and a
// request id; a wrong PIN stays on the pad; the bank's refusal is shown; a credit is confirmed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { ipc } from '../../test/ipcMock';
import { resetApp } from '../../test/reset';
import { pointsOverview } from '../../test/rewardsFixtures';

vi.mock('../../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: RedeemForm } = await import('./RedeemForm.svelte');

async function typePin(pin: string) {
  for (const digit of pin) await fireEvent.keyDown(window, { key: digit });
}

describe('redeeming points', () => {
  beforeEach(() => resetApp('en'));

  it('refuses more points than the balance before asking for the PIN', async () => {
    render(RedeemForm, { overview: pointsOverview(), onredeemed: vi.fn() });
    await fireEvent.input(view.getByTestId('redeem-points'), { target: { value: '20000' } });
    await fireEvent.click(view.getByTestId('redeem-next'));
    expect(view.getByTestId('redeem-error').textContent).toContain('You have 12345 points');
    expect(ipc.redeemPoints).not.toHaveBeenCalled();
  });

  it('sends a bill credit with the PIN and shows what was credited', async () => {
    const onredeemed = vi.fn();
    ipc.redeemPoints.mockResolvedValue({
      kind: 'billCredit',
      points: 2000,
      balanceAfter: 10345,
      credit: { amount: '20.00', currency: 'CNY' },
      voucherTitle: null,
      voucherCode: null,
    });
    render(RedeemForm, { overview: pointsOverview(), onredeemed });
    await fireEvent.input(view.getByTestId('redeem-points'), { target: { value: '2000' } });
    expect(view.getByTestId('redeem-credit-preview').textContent).toContain('¥20.00');
    await fireEvent.click(view.getByTestId('redeem-next'));
    await typePin('258036');
    await waitFor(() => expect(view.getByTestId('redeem-done').textContent).toContain('¥20.00 credited'));
    const sent = ipc.redeemPoints.mock.calls[0][0];
    expect(sent).toMatchObject({ kind: 'billCredit', points: 2000, voucherId: null, pin: '258036' });
    expect(sent.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(onredeemed).toHaveBeenCalledOnce();
  });

  it('keeps the pad on a wrong PIN', async () => {
    ipc.redeemPoints.mockRejectedValue({ code: 'wrongPin', message: 'Wrong PIN: 4 tries left.' });
    render(RedeemForm, { overview: pointsOverview(), onredeemed: vi.fn() });
    await fireEvent.input(view.getByTestId('redeem-points'), { target: { value: '500' } });
    await fireEvent.click(view.getByTestId('redeem-next'));
    await typePin('111222');
    await waitFor(() => expect(view.getByText('Wrong PIN: 4 tries left.')).toBeTruthy());
    expect(view.queryByTestId('redeem-next')).toBeNull();
  });

  it('shows the bank’s refusal and goes back to the form', async () => {
    ipc.redeemPoints.mockRejectedValue({ code: 'bankError', message: 'Not enough points: 100 available.' });
    render(RedeemForm, { overview: pointsOverview(), onredeemed: vi.fn() });
    await fireEvent.input(view.getByTestId('redeem-points'), { target: { value: '500' } });
    await fireEvent.click(view.getByTestId('redeem-next'));
    await typePin('258036');
    await waitFor(() => expect(view.getByTestId('redeem-error').textContent).toContain('Not enough points'));
  });
});
