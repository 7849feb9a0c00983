// The Pay screen against a mocked IPC seam: scanning, transfers and top-ups, paying a person, receiving,
// the confirmation sheet, the PIN (set, entered, wrong, locked) and the live status of a payment.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { emit, ipc } from '../test/ipcMock';
import {
  account,
  assessment,
  blocked,
  flagged,
  overview as overviewOf,
  payee,
  payment,
  pinSet,
  receiveCode,
  scanned,
} from '../test/fixtures';
import { mockPayWallet } from '../test/payWallet';
import { dataVersion, overview } from '../lib/wallet';
import { locale } from '../lib/i18n';
import { screen as currentScreen } from '../lib/router';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Pay } = await import('./Pay.svelte');
const { startPaymentEvents } = await import('../lib/payments');

const byId = (testid: string) => screen.getByTestId(testid);
const text = (testid: string) => byId(testid).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const lastRequest = () => ipc.submitPayment.mock.lastCall?.[0];

const picture = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'code.png', { type: 'image/png' });

async function choosePicture(file = picture()) {
  await fireEvent.change(byId('qr-file'), { target: { files: [file] } });
}

/** Chooses a picture and waits for the payee its code names. */
async function scanPicture() {
  await choosePicture();
  await waitFor(() => expect(byId('scanned-payee')).toBeTruthy());
}

/** Types the amount and presses Continue. */
async function continueWith(amount: string) {
  await fireEvent.input(byId('pay-amount'), { target: { value: amount } });
  await fireEvent.click(byId('pay-continue'));
}

async function scanAndContinue(amount = '38.00') {
  await scanPicture();
  await continueWith(amount);
  await waitFor(() => expect(byId('confirm-sheet')).toBeTruthy());
}

/** On the person tab, types a new person's name and account number. */
async function typeNewPerson(name: string, accountNumber: string) {
  await fireEvent.input(byId('person-name'), { target: { value: name } });
  await fireEvent.input(byId('person-account'), { target: { value: accountNumber } });
}

async function openPersonTab() {
  await fireEvent.click(byId('pay-tab-person'));
  await waitFor(() => expect(ipc.listPayees).toHaveBeenCalled());
}

const confirmButton = () => byId('confirm-pay') as HTMLButtonElement;

/** Presses Pay once the risk checks have answered. */
async function pressConfirm() {
  await waitFor(() => expect(confirmButton().disabled).toBe(false));
  await fireEvent.click(confirmButton());
}

async function openPinPad() {
  await pressConfirm();
  await waitFor(() => expect(byId('pin-pad')).toBeTruthy());
}

async function enterPin(pin: string) {
  for (const digit of pin) await fireEvent.click(byId(`pin-key-${digit}`));
}

/** Opens the pad and types the test PIN, which submits the payment. */
async function payWithPin() {
  await openPinPad();
  await enterPin('902413');
}

/** What the IPC seam rejects with when the backend refuses. */
const refusal = (code: string, message: string) => ({ code, message });

/** The accounts, payees, PIN and risk checks every test starts from. */
describe('the pay screen', () => {
  let stopEvents: () => void = () => {};

  beforeEach(() => {
    mockPayWallet();
    stopEvents = startPaymentEvents();
  });
  afterEach(() => stopEvents());

  it('reads a chosen picture as base64 and shows who the code pays', async () => {
    render(Pay);
    await scanPicture();
    expect(ipc.decodeQrImage).toHaveBeenCalledWith('iVBORw==');
    const payee = text('scanned-payee');
    expect(payee).toContain('星巴克 Starbucks');
    expect(payee).toContain('SHANGHAI');
    expect(payee).toContain('•••• 5566');
    expect(payee).toContain('Merchant');
    expect((byId('pay-amount') as HTMLInputElement).disabled).toBe(false);
  });

  it('shows the backend’s message for a picture with no code, and opens no confirmation', async () => {
    ipc.decodeQrImage.mockRejectedValue(
      refusal('invalidInput', 'No payment code could be read: no QR code found in the picture.'),
    );
    render(Pay);
    await choosePicture();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('No payment code could be read'),
    );
    expect(screen.queryByTestId('scanned-payee')).toBeNull();
    expect(screen.queryByTestId('pay-continue')).toBeNull();
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
    expect(ipc.submitPayment).not.toHaveBeenCalled();
  });

  it('reads a dropped picture, and a code’s text pasted on the tab', async () => {
    render(Pay);
    await fireEvent.drop(byId('qr-drop'), { dataTransfer: { files: [picture()], getData: () => '' } });
    await waitFor(() => expect(ipc.decodeQrImage).toHaveBeenCalledWith('iVBORw=='));
    await waitFor(() => expect(byId('scanned-payee')).toBeTruthy());

    await fireEvent.click(byId('scan-again'));
    ipc.readQrCode.mockResolvedValue(scanned({ payeeName: 'Han Meimei', isMerchant: false, mcc: '0000' }));
    await fireEvent.paste(window, { clipboardData: { files: [], getData: () => ' 000201PASTED ' } });
    await waitFor(() => expect(ipc.readQrCode).toHaveBeenCalledWith('000201PASTED'));
    await waitFor(() => expect(text('scanned-payee')).toContain('Han Meimei'));
    expect(text('scanned-payee')).toContain('Person');
  });

  it('locks the amount input to what a fixed-amount code asks, and pays exactly that', async () => {
    ipc.decodeQrImage.mockResolvedValue(scanned({ amount: { amount: '88.80', currency: 'CNY' } }));
    render(Pay);
    await scanPicture();
    expect(text('scanned-amount')).toBe('Amount set by the code: ¥88.80');
    const input = byId('pay-amount') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(input.value).toBe('88.80');

    await fireEvent.click(byId('pay-continue'));
    await waitFor(() => expect(byId('confirm-sheet')).toBeTruthy());
    expect(text('confirm-amount')).toBe('¥88.80');
    expect(text('confirm-fee')).toBe('¥0.00');
    await payWithPin();
    await waitFor(() => expect(ipc.submitPayment).toHaveBeenCalledTimes(1));
    expect(lastRequest()).toEqual({
      fromAccountId: 'a1',
      to: { kind: 'qr', payload: '00020101021226…6304ABCD' },
      amount: '88.80',
      currency: 'CNY',
      note: null,
      pin: '902413',
      secondFactor: null,
    });
  });

  it('asks for an amount before opening the confirmation', async () => {
    render(Pay);
    await scanPicture();
    await continueWith('0');
    expect(text('pay-form-error')).toBe('Enter an amount greater than zero.');
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
  });

  it('shows from, to, amount and a zero fee on the confirmation sheet', async () => {
    render(Pay);
    await scanAndContinue('1,200.50');
    const sheet = within(byId('confirm-sheet'));
    expect(sheet.getByText('Confirm payment')).toBeTruthy();
    expect(text('confirm-amount')).toBe('¥1,200.50');
    expect(text('confirm-from')).toBe('Salary card •••• 7890');
    expect(text('confirm-to')).toContain('星巴克 Starbucks');
    expect(text('confirm-fee')).toBe('¥0.00');
    expect(ipc.pinStatus).not.toHaveBeenCalled();
  });

  it('submits after the sixth PIN digit and shows a wrong PIN with the tries left, then lets the user retry', async () => {
    ipc.submitPayment.mockRejectedValueOnce(refusal('wrongPin', 'Wrong payment PIN: 4 tries left.'));
    render(Pay);
    await scanAndContinue();
    await openPinPad();

    await enterPin('11111');
    expect(ipc.submitPayment).not.toHaveBeenCalled();
    await enterPin('2');
    await waitFor(() => expect(text('pin-error')).toBe('Wrong payment PIN: 4 tries left.'));
    expect(lastRequest()).toEqual(expect.objectContaining({ pin: '111112', amount: '38.00' }));
    expect(byId('pin-dots').getAttribute('aria-label')).toBe('0 of 6 digits entered');
    expect(screen.queryByTestId('payment-status')).toBeNull();

    await enterPin('902413');
    await waitFor(() => expect(byId('payment-status')).toBeTruthy());
    expect(lastRequest()).toEqual(expect.objectContaining({ pin: '902413' }));
    expect(ipc.submitPayment).toHaveBeenCalledTimes(2);
  });

  it('takes the PIN from the keyboard digits too, and Backspace deletes one', async () => {
    render(Pay);
    await scanAndContinue();
    await openPinPad();
    for (const key of ['9', '0', '7', 'Backspace', '2', '4', '1', '3'])
      await fireEvent.keyDown(window, { key });
    await waitFor(() => expect(ipc.submitPayment).toHaveBeenCalledTimes(1));
    expect(lastRequest()?.pin).toBe('902413');
  });

  it('shows a lock on the pad and lets the user only close it', async () => {
    ipc.submitPayment.mockRejectedValue(
      refusal('pinLocked', 'Too many wrong PINs: payments are locked until 2026-11-20 10:15 UTC.'),
    );
    render(Pay);
    await scanAndContinue();
    await openPinPad();
    await enterPin('111112');
    await waitFor(() => expect(text('pin-error')).toContain('locked until 2026-11-20 10:15 UTC'));
    expect((byId('pin-key-1') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(byId('pin-close'));
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
  });

  it('shows the lock at once when payments are already locked', async () => {
    ipc.pinStatus.mockResolvedValue(pinSet({ lockedUntil: '2026-11-20T10:15:00+00:00', triesLeft: 0 }));
    render(Pay);
    await scanAndContinue();
    await openPinPad();
    expect(text('pin-error')).toContain('payments are locked until');
    expect((byId('pin-key-0') as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks to set a PIN, twice and matching, before the first payment', async () => {
    ipc.pinStatus.mockResolvedValue({ isSet: false, lockedUntil: null, triesLeft: 5 });
    ipc.setPaymentPin.mockResolvedValue(pinSet());
    render(Pay);
    await scanAndContinue();
    await pressConfirm();
    await waitFor(() => expect(byId('pin-setup')).toBeTruthy());
    expect(within(byId('pin-setup')).getByText('Set a 6-digit payment PIN')).toBeTruthy();

    await enterPin('246810');
    expect(within(byId('pin-setup')).getByText('Enter the same PIN again')).toBeTruthy();
    await enterPin('135792');
    expect(text('pin-error')).toBe('The two PINs differ. Start again.');
    expect(ipc.setPaymentPin).not.toHaveBeenCalled();
    expect(byId('pin-setup').dataset.step).toBe('first');

    await enterPin('246810');
    await enterPin('246810');
    await waitFor(() => expect(ipc.setPaymentPin).toHaveBeenCalledWith('246810'));
    await waitFor(() => expect(ipc.submitPayment).toHaveBeenCalledTimes(1));
    expect(lastRequest()?.pin).toBe('246810');
    await waitFor(() => expect(byId('payment-status')).toBeTruthy());
  });

  it('shows why the backend refuses a new PIN and asks again', async () => {
    ipc.pinStatus.mockResolvedValue({ isSet: false, lockedUntil: null, triesLeft: 5 });
    ipc.setPaymentPin.mockRejectedValue(
      refusal('invalidInput', 'Choose a PIN that is not one digit repeated or a run like 123456.'),
    );
    render(Pay);
    await scanAndContinue();
    await pressConfirm();
    await waitFor(() => expect(byId('pin-setup')).toBeTruthy());
    await enterPin('123456');
    await enterPin('123456');
    await waitFor(() => expect(text('pin-error')).toContain('a run like 123456'));
    expect(byId('pin-setup').dataset.step).toBe('first');
    expect(ipc.submitPayment).not.toHaveBeenCalled();
  });

  it('shows the bank’s reason when it rejects the payment', async () => {
    ipc.submitPayment.mockResolvedValue(
      payment('pay1', { status: 'rejected', statusReason: 'Insufficient funds: 3,515.38 CNY available.' }),
    );
    render(Pay);
    await scanAndContinue();
    await payWithPin();
    await waitFor(() => expect(byId('payment-status').dataset.status).toBe('rejected'));
    expect(text('payment-status-title')).toBe('The bank rejected the payment');
    expect(screen.getByRole('alert').textContent).toContain('Insufficient funds: 3,515.38 CNY available.');
    const row = screen.getAllByTestId('payment-row')[0];
    expect(within(row).getByTestId('payment-badge').textContent).toBe('Rejected');
    expect(within(row).getByTestId('payment-reason').textContent).toContain('Insufficient funds');
  });

  it('moves the status from sent to completed on payment-status events, never back', async () => {
    const sent = payment('pay1', { status: 'sent', updatedAt: '2026-11-20T10:00:02+00:00' });
    ipc.submitPayment.mockResolvedValue(sent);
    render(Pay);
    await scanAndContinue();
    await payWithPin();
    await waitFor(() => expect(byId('payment-status').dataset.status).toBe('sent'));
    expect(text('payment-status-title')).toBe('Accepted by your bank');

    emit.payment(payment('pay1', { status: 'queued', updatedAt: '2026-11-20T10:00:00+00:00' }));
    emit.payment(payment('other', { status: 'completed' }));
    await new Promise((r) => setTimeout(r, 10));
    expect(byId('payment-status').dataset.status).toBe('sent');

    emit.payment(payment('pay1', { status: 'completed', updatedAt: '2026-11-20T10:02:00+00:00' }));
    await waitFor(() => expect(byId('payment-status').dataset.status).toBe('completed'));
    expect(text('payment-status-title')).toBe('Payment completed');

    await fireEvent.click(byId('payment-done'));
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
    expect(screen.queryByTestId('scanned-payee')).toBeNull();
  });

  it('reloads the accounts and bills after a payment', async () => {
    render(Pay);
    await scanAndContinue();
    await openPinPad();
    const before = get(dataVersion);
    await enterPin('902413');
    await waitFor(() => expect(get(dataVersion)).toBe(before + 1));
    await waitFor(() => expect(ipc.listAccounts).toHaveBeenCalled());
  });

  it('goes back to the form with the backend’s message when it refuses the payment', async () => {
    ipc.submitPayment.mockRejectedValue(refusal('invalidInput', 'This code fixes the amount at 88.80 CNY.'));
    render(Pay);
    await scanAndContinue();
    await payWithPin();
    await waitFor(() => expect(text('pay-error')).toBe('This code fixes the amount at 88.80 CNY.'));
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
    expect((byId('pay-amount') as HTMLInputElement).value).toBe('38.00');
  });

  it('labels a transfer from a debit card to the e-wallet as a top-up, and one into the card as a repayment', async () => {
    render(Pay);
    await fireEvent.click(byId('pay-tab-transfer'));
    const to = byId('transfer-to') as HTMLSelectElement;
    expect([...to.options].map((o) => o.value)).toEqual(['c1', 'w1']);
    expect(to.value).toBe('w1');
    expect(text('transfer-kind')).toBe('Top up');

    await fireEvent.change(to, { target: { value: 'c1' } });
    expect(text('transfer-kind')).toBe('Credit card repayment');
    await fireEvent.change(to, { target: { value: 'w1' } });
    expect(text('transfer-kind')).toBe('Top up');
    await continueWith('200');
    await waitFor(() => expect(byId('confirm-sheet')).toBeTruthy());
    expect(within(byId('confirm-sheet')).getByText('Confirm top-up')).toBeTruthy();
    expect(text('confirm-kind')).toBe('Top up');
    expect(text('confirm-to')).toContain('Purse Pay');

    await payWithPin();
    await waitFor(() =>
      expect(lastRequest()).toEqual(
        expect.objectContaining({ to: { kind: 'ownAccount', accountId: 'w1' }, amount: '200' }),
      ),
    );
  });

  it('offers only own accounts in the same currency to transfer to', async () => {
    overview.set(
      overviewOf([
        account(),
        account({ id: 'u1', name: 'Dollar savings', kind: 'savings', currency: 'USD' }),
      ]),
    );
    render(Pay);
    await fireEvent.click(byId('pay-tab-transfer'));
    expect(screen.queryByTestId('transfer-to')).toBeNull();
    expect(screen.getByText('You have no other account in CNY.')).toBeTruthy();
  });

  it('pays a new person, saving them as a payee when asked', async () => {
    render(Pay);
    await openPersonTab();
    await continueWith('300');
    expect(text('pay-form-error')).toBe('Enter the payee’s name and card or account number.');
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();

    await typeNewPerson(' Li Lei ', '6222 0212 3456 7890 128');
    await fireEvent.click(byId('person-save'));
    await fireEvent.input(byId('pay-note'), { target: { value: 'Dinner' } });
    await fireEvent.click(byId('pay-continue'));
    await waitFor(() => expect(byId('confirm-sheet')).toBeTruthy());
    expect(text('confirm-to')).toContain('Li Lei •••• 0128');

    await payWithPin();
    await waitFor(() =>
      expect(lastRequest()).toEqual({
        fromAccountId: 'a1',
        to: {
          kind: 'person',
          name: 'Li Lei',
          accountNumber: '6222 0212 3456 7890 128',
          bankName: null,
          save: true,
        },
        amount: '300',
        currency: 'CNY',
        note: 'Dinner',
        pin: '902413',
        secondFactor: null,
      }),
    );
  });

  it('pays a saved payee, and removes one only after confirming', async () => {
    ipc.listPayees.mockResolvedValue([payee('p1'), payee('p2', { name: 'Han Meimei', bankName: null })]);
    ipc.removePayee.mockResolvedValue(null);
    render(Pay);
    await fireEvent.click(byId('pay-tab-person'));
    await waitFor(() => expect(screen.getAllByTestId('payee-row')).toHaveLength(2));

    const second = screen.getAllByTestId('payee-row')[1];
    await fireEvent.click(within(second).getByTestId('payee-remove'));
    expect(ipc.removePayee).not.toHaveBeenCalled();
    ipc.listPayees.mockResolvedValue([payee('p1')]);
    await fireEvent.click(within(second).getByTestId('payee-remove-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('payee-row')).toHaveLength(1));
    expect(ipc.removePayee).toHaveBeenCalledWith('p2');

    await fireEvent.click(byId('payee-choose'));
    await continueWith('66.60');
    await waitFor(() => expect(byId('confirm-sheet')).toBeTruthy());
    await payWithPin();
    await waitFor(() =>
      expect(lastRequest()).toEqual(expect.objectContaining({ to: { kind: 'payee', payeeId: 'p1' } })),
    );
  });

  it('shows my receive code as an image with its text, for the amount asked', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>收款</title></svg>';
    ipc.receiveCode.mockResolvedValue(receiveCode({ svg, amount: { amount: '50.00', currency: 'CNY' } }));
    render(Pay);
    await fireEvent.click(byId('pay-tab-receive'));
    await fireEvent.input(byId('receive-amount'), { target: { value: '50' } });
    await fireEvent.click(byId('receive-generate'));
    await waitFor(() => expect(byId('receive-qr')).toBeTruthy());
    expect(ipc.receiveCode).toHaveBeenCalledWith('a1', '50');

    const src = byId('receive-qr').getAttribute('src') ?? '';
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(src.split(',')[1]), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
    expect(byId('receive-qr').tagName).toBe('IMG');
    expect(text('receive-payload')).toBe('00020101021129…6304BEEF');
    expect(text('receive-fixed')).toBe('¥50.00');
  });

  it('asks for a code for any amount when none is typed', async () => {
    ipc.receiveCode.mockResolvedValue(receiveCode());
    render(Pay);
    await fireEvent.click(byId('pay-tab-receive'));
    await fireEvent.change(byId('receive-account'), { target: { value: 'w1' } });
    await fireEvent.click(byId('receive-generate'));
    await waitFor(() => expect(ipc.receiveCode).toHaveBeenCalledWith('w1', null));
  });

  it('speaks like a Chinese bank app on the sheet, the pad and the status', async () => {
    locale.set('zh-CN');
    ipc.submitPayment.mockResolvedValue(payment('pay1', { status: 'completed' }));
    render(Pay);
    expect(text('pay-tab-scan')).toBe('扫码付款');
    expect(text('pay-tab-receive')).toBe('收款码');
    await scanAndContinue();
    expect(within(byId('confirm-sheet')).getByText('确认付款', { selector: 'h2' })).toBeTruthy();
    expect(within(byId('confirm-sheet')).getByText('手续费')).toBeTruthy();
    expect(text('confirm-fee')).toBe('¥0.00');
    await openPinPad();
    expect(within(byId('pin-pad')).getByText('请输入支付密码')).toBeTruthy();
    await enterPin('902413');
    await waitFor(() => expect(text('payment-status-title')).toBe('付款成功'));
    expect(text('payment-done')).toBe('完成');
  });

  it('lists recent payments with their status and the reason when there is one', async () => {
    ipc.listPayments.mockResolvedValue([
      payment('p3', { status: 'queued', statusReason: 'The bank cannot be reached.' }),
      payment('p2', { status: 'sent', kind: 'personTransfer', payeeName: 'Li Lei' }),
      payment('p1', { status: 'failed', statusReason: 'The consent was refused.' }),
    ]);
    render(Pay);
    await waitFor(() => expect(screen.getAllByTestId('payment-row')).toHaveLength(3));
    const rows = screen.getAllByTestId('payment-row');
    expect(rows.map((r) => within(r).getByTestId('payment-badge').textContent)).toEqual([
      'Processing',
      'Accepted',
      'Failed',
    ]);
    expect(within(rows[0]).getByTestId('payment-reason').textContent).toContain(
      'The bank cannot be reached.',
    );
    expect(within(rows[1]).queryByTestId('payment-reason')).toBeNull();
    expect(within(rows[1]).getByTestId('payment-amount').textContent?.trim()).toBe('-¥38.00');
    expect(within(byId('payments-list')).getByText('Li Lei')).toBeTruthy();
  });
});

describe('the risk checks on the confirmation sheet', () => {
  beforeEach(mockPayWallet);

  const reasons = () => screen.getAllByTestId('risk-reason').map((li) => li.textContent?.trim());

  async function typeCode(code: string) {
    await fireEvent.input(byId('second-factor-code'), { target: { value: code } });
  }

  it('asks the checks about the payment as the sheet opens, without its PIN', async () => {
    render(Pay);
    await scanAndContinue('88.80');
    await waitFor(() => expect(ipc.assessPayment).toHaveBeenCalledTimes(1));
    expect(ipc.assessPayment).toHaveBeenCalledWith({
      fromAccountId: 'a1',
      to: { kind: 'qr', payload: '00020101021226…6304ABCD' },
      amount: '88.80',
      currency: 'CNY',
      note: null,
    });
    await waitFor(() => expect(confirmButton().disabled).toBe(false));
    expect(screen.queryByTestId('risk-notice')).toBeNull();
    expect(screen.queryByTestId('second-factor-code')).toBeNull();
  });

  it('a blocked payment shows its reasons and cannot be confirmed', async () => {
    ipc.assessPayment.mockResolvedValue(blocked());
    render(Pay);
    await scanAndContinue('60000');

    await waitFor(() => expect(byId('risk-notice').dataset.verdict).toBe('block'));
    expect(text('risk-notice')).toContain('This payment is stopped');
    expect(text('risk-notice')).toContain('nothing will be sent');
    expect(reasons()).toEqual([
      'It is over your per-payment limit of ¥50,000.00.',
      'You have never paid this payee before.',
    ]);
    expect(confirmButton().disabled).toBe(true);
    await fireEvent.click(confirmButton());
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId('pin-pad')).toBeNull();
    expect(ipc.pinStatus).not.toHaveBeenCalled();
    expect(ipc.submitPayment).not.toHaveBeenCalled();
  });

  it('a flagged payment asks for the code and sends it with the PIN', async () => {
    ipc.assessPayment.mockResolvedValue(flagged());
    render(Pay);
    await scanAndContinue('456.00');

    await waitFor(() => expect(byId('risk-notice').dataset.verdict).toBe('secondFactor'));
    expect(text('risk-notice')).toContain('This payment needs your second factor');
    expect(reasons()).toEqual([
      'It is 12 times what you usually pay this payee (¥38.00).',
      'It is the middle of the night (03:00).',
    ]);
    expect(confirmButton().disabled).toBe(true);

    await typeCode(' 287082 ');
    await openPinPad();
    expect(byId('second-factor-code')).toBeTruthy();
    await enterPin('902413');

    await waitFor(() => expect(ipc.submitPayment).toHaveBeenCalledTimes(1));
    expect(lastRequest()).toEqual(expect.objectContaining({ pin: '902413', secondFactor: '287082' }));
    await waitFor(() => expect(byId('payment-status')).toBeTruthy());
  });

  it('a flagged payment without a second factor set up says to set one up under Security, and cannot be confirmed', async () => {
    ipc.assessPayment.mockResolvedValue(flagged(undefined, false));
    render(Pay);
    await scanAndContinue('456.00');

    await waitFor(() => expect(byId('risk-not-enrolled')).toBeTruthy());
    expect(text('risk-not-enrolled')).toContain('Set one up under Security first');
    expect(screen.queryByTestId('second-factor-code')).toBeNull();
    expect(confirmButton().disabled).toBe(true);

    await fireEvent.click(byId('risk-go-security'));
    expect(get(currentScreen)).toEqual({ name: 'security' });
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
  });

  it('saving a new person as a payee asks for the code when a second factor is set up', async () => {
    ipc.assessPayment.mockResolvedValue(assessment({ secondFactorEnrolled: true }));
    render(Pay);
    await openPersonTab();
    await typeNewPerson('Li Lei', '6222021234567890128');
    await fireEvent.click(byId('person-save'));
    await continueWith('300');

    await waitFor(() => expect(byId('second-factor-code')).toBeTruthy());
    expect(text('second-factor')).toContain('Saving a new payee needs a code');
    expect(confirmButton().disabled).toBe(true);
    await typeCode('K7QM-4XRD-9TNP');
    await payWithPin();
    await waitFor(() =>
      expect(lastRequest()).toEqual(
        expect.objectContaining({ pin: '902413', secondFactor: 'K7QM-4XRD-9TNP' }),
      ),
    );
  });

  it('paying a new person without saving them asks no code', async () => {
    ipc.assessPayment.mockResolvedValue(assessment({ secondFactorEnrolled: true }));
    render(Pay);
    await openPersonTab();
    await typeNewPerson('Li Lei', '6222021234567890128');
    await continueWith('300');
    await openPinPad();
    expect(screen.queryByTestId('second-factor-code')).toBeNull();
    await enterPin('902413');
    await waitFor(() => expect(lastRequest()).toEqual(expect.objectContaining({ secondFactor: null })));
  });

  it('brings the code field back when the backend asks for a code the checks did not foresee', async () => {
    ipc.submitPayment.mockRejectedValueOnce(
      refusal(
        'secondFactorRequired',
        'This needs a code from your authenticator app (or a recovery code) as well as the PIN.',
      ),
    );
    render(Pay);
    await scanAndContinue();
    await payWithPin();

    await waitFor(() => expect(byId('second-factor-code')).toBeTruthy());
    expect(text('pin-error')).toBe(
      'This needs a code from your authenticator app (or a recovery code) as well as your PIN.',
    );
    await enterPin('902413');
    expect(ipc.submitPayment).toHaveBeenCalledTimes(1);
    expect(text('pin-error')).toContain('Enter the code from your authenticator app');

    await typeCode('287082');
    await enterPin('902413');
    await waitFor(() => expect(ipc.submitPayment).toHaveBeenCalledTimes(2));
    expect(lastRequest()).toEqual(expect.objectContaining({ pin: '902413', secondFactor: '287082' }));
  });

  it('says a wrong code was not accepted and lets the user type another', async () => {
    ipc.assessPayment.mockResolvedValue(flagged());
    ipc.submitPayment.mockRejectedValueOnce(
      refusal('wrongSecondFactor', 'The code was not accepted: wrong code. Nothing was changed.'),
    );
    render(Pay);
    await scanAndContinue('456.00');
    await waitFor(() => expect(byId('second-factor-code')).toBeTruthy());
    await typeCode('111111');
    await payWithPin();

    await waitFor(() => expect(text('pin-error')).toContain('The code was not accepted'));
    expect((byId('second-factor-code') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('payment-status')).toBeNull();
    await typeCode('287082');
    await enterPin('902413');
    await waitFor(() => expect(byId('payment-status')).toBeTruthy());
    expect(lastRequest()).toEqual(expect.objectContaining({ secondFactor: '287082' }));
  });

  it('shows a payment stopped at submit as blocked, with its reasons, and no longer lets it be confirmed', async () => {
    ipc.assessPayment.mockResolvedValueOnce(assessment()).mockResolvedValueOnce(blocked());
    ipc.submitPayment.mockRejectedValue(
      refusal(
        'riskBlocked',
        'This payment was stopped and nothing was sent. It is over your per-payment limit.',
      ),
    );
    render(Pay);
    await scanAndContinue();
    await payWithPin();

    await waitFor(() => expect(byId('risk-notice').dataset.verdict).toBe('block'));
    expect(text('confirm-error')).toBe('This payment was stopped by the risk checks, and nothing was sent.');
    expect(reasons()).toContain('It is over your per-payment limit of ¥50,000.00.');
    expect(screen.queryByTestId('pin-pad')).toBeNull();
    expect(confirmButton().disabled).toBe(true);
  });

  it('says a second factor must be set up when the backend finds none for a payment that needs one', async () => {
    ipc.submitPayment.mockRejectedValue(
      refusal('secondFactorNotSet', 'This needs a second factor, and none is set up.'),
    );
    render(Pay);
    await scanAndContinue();
    await payWithPin();

    await waitFor(() => expect(byId('risk-not-enrolled')).toBeTruthy());
    expect(screen.queryByTestId('pin-pad')).toBeNull();
    expect(confirmButton().disabled).toBe(true);
  });

  it('shows the reasons of a payment that may go ahead, and pays it with the PIN alone', async () => {
    ipc.assessPayment.mockResolvedValue(
      assessment({
        score: 20,
        reasons: [
          {
            kind: 'closeToDailyLimit',
            limit: { amount: '100000.00', currency: 'CNY' },
            leftAfter: { amount: '8000.00', currency: 'CNY' },
          },
        ],
      }),
    );
    render(Pay);
    await scanAndContinue('12000');
    await waitFor(() => expect(byId('risk-notice').dataset.verdict).toBe('pay'));
    expect(text('risk-notice')).toContain('Please check before paying');
    expect(reasons()).toEqual(['After it, only ¥8,000.00 of your daily limit of ¥100,000.00 is left.']);
    await payWithPin();
    await waitFor(() => expect(lastRequest()).toEqual(expect.objectContaining({ secondFactor: null })));
  });

  it('goes back to the form with the backend’s message when the checks refuse the draft', async () => {
    ipc.assessPayment.mockRejectedValue(refusal('invalidInput', 'The card number fails its check digit.'));
    render(Pay);
    await scanPicture();
    await continueWith('38.00');
    await waitFor(() => expect(text('pay-error')).toBe('The card number fails its check digit.'));
    expect(screen.queryByTestId('confirm-sheet')).toBeNull();
  });

  it('words the reasons and the code field in Chinese when the UI speaks Chinese', async () => {
    locale.set('zh-CN');
    ipc.assessPayment.mockResolvedValue(
      flagged([
        {
          kind: 'farAboveUsual',
          usual: { amount: '200.00', currency: 'CNY' },
          times: 5,
          comparedWith: 'category',
        },
        { kind: 'manyPaymentsInShortTime', count: 3, minutes: 10 },
        { kind: 'foreignCurrency', currency: 'USD' },
      ]),
    );
    render(Pay);
    await scanAndContinue('1000');
    await waitFor(() => expect(byId('risk-notice')).toBeTruthy());
    expect(text('risk-notice')).toContain('此笔付款需要双重验证');
    expect(reasons()).toEqual([
      '金额是您同类消费平时的 5 倍（平时约 ¥200.00）。',
      '您在最近 10 分钟内已付款 3 笔。',
      '这是一笔外币付款（USD）。',
    ]);
    expect(text('second-factor')).toContain('身份验证器验证码或恢复码');
  });
});
