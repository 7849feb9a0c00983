// The wallet the Pay screen's tests start from: English, a debit card, a credit card and an e-wallet, no
// payments or payees yet, a PIN set, a scanned code that pays a merchant, and risk checks that let it pay.
import { ipc } from './ipcMock';
import {
  account,
  assessment,
  creditCard,
  eWallet,
  overview as overviewOf,
  payment,
  pinSet,
  scanned,
} from './fixtures';
import { resetApp } from './reset';
import { overview } from '../lib/wallet';

export function mockPayWallet() {
  resetApp('en');
  const accounts = [account(), creditCard(), eWallet()];
  overview.set(overviewOf(accounts));
  ipc.listAccounts.mockResolvedValue(overviewOf(accounts));
  ipc.listPayments.mockResolvedValue([]);
  ipc.listPayees.mockResolvedValue([]);
  ipc.pinStatus.mockResolvedValue(pinSet());
  ipc.decodeQrImage.mockResolvedValue(scanned());
  ipc.submitPayment.mockResolvedValue(payment('pay1'));
  ipc.assessPayment.mockResolvedValue(assessment());
}
