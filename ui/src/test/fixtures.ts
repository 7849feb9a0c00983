// Sample backend answers for component tests, shaped exactly like the generated bindings.
import type {
  Account,
  AccountsOverview,
  Payee,
  Payment,
  PinStatus,
  ReceiveCode,
  ScannedCode,
  SyncProgress,
  Transaction,
} from '../lib/ipc/bindings';

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'a1',
    bankName: 'Purse Sandbox Bank',
    kind: 'debitCard',
    maskedNumber: '•••• 7890',
    currency: 'CNY',
    nickname: 'Salary card',
    name: 'Salary card',
    balance: { amount: '25000.00', currency: 'CNY' },
    available: null,
    creditLimit: null,
    balanceInHome: { amount: '25000.00', currency: 'CNY' },
    pendingOutflow: null,
    lastSyncedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export const creditCard = (overrides: Partial<Account> = {}) =>
  account({
    id: 'c1',
    kind: 'creditCard',
    maskedNumber: '•••• 4321',
    nickname: null,
    name: 'Platinum credit card',
    balance: { amount: '-1200.00', currency: 'CNY' },
    available: { amount: '48800.00', currency: 'CNY' },
    creditLimit: { amount: '50000.00', currency: 'CNY' },
    balanceInHome: { amount: '-1200.00', currency: 'CNY' },
    ...overrides,
  });

export function overview(accounts: Account[], overrides: Partial<AccountsOverview> = {}): AccountsOverview {
  return {
    homeCurrency: 'CNY',
    totalAssets: { amount: '31234.56', currency: 'CNY' },
    totalLiabilities: { amount: '1200.00', currency: 'CNY' },
    netWorth: { amount: '30034.56', currency: 'CNY' },
    rates: [
      {
        from: 'USD',
        to: 'CNY',
        rate: '7.1823',
        asOf: '2026-02-19',
        source: 'Purse Sandbox Bank card conversion',
      },
    ],
    accounts,
    lastSyncedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export const emptyWallet = () =>
  overview([], {
    totalAssets: { amount: '0.00', currency: 'CNY' },
    totalLiabilities: { amount: '0.00', currency: 'CNY' },
    netWorth: { amount: '0.00', currency: 'CNY' },
    rates: [],
    lastSyncedAt: null,
  });

export function bill(id: string, overrides: Partial<Transaction> = {}): Transaction {
  return {
    id,
    accountId: 'a1',
    accountName: 'Salary card',
    status: 'booked',
    bookedAt: '2026-11-19T04:00:00Z',
    valueAt: null,
    amount: { amount: '-35.00', currency: 'CNY' },
    originalAmount: null,
    merchant: `Starbucks ${id}`,
    mcc: '5814',
    counterparty: null,
    description: 'coffee',
    category: { id: 'food.fast', en: 'Takeaway & fast food', zhCN: '外卖快餐' },
    ...overrides,
  };
}

export function progress(overrides: Partial<SyncProgress> = {}): SyncProgress {
  return {
    stage: 'transactions',
    accountIndex: 1,
    accountCount: 5,
    accountName: 'Salary card',
    transactionsFetched: 120,
    ...overrides,
  };
}

/** The demo e-wallet: a debit card paying into it is a top-up. */
export const eWallet = (overrides: Partial<Account> = {}) =>
  account({
    id: 'w1',
    kind: 'eWallet',
    maskedNumber: '•••• 0001',
    nickname: null,
    name: 'Purse Pay',
    balance: { amount: '320.00', currency: 'CNY' },
    balanceInHome: { amount: '320.00', currency: 'CNY' },
    ...overrides,
  });

export function scanned(overrides: Partial<ScannedCode> = {}): ScannedCode {
  return {
    payload: '00020101021226…6304ABCD',
    payeeName: '星巴克 Starbucks',
    city: 'SHANGHAI',
    payeeMaskedNumber: '•••• 5566',
    mcc: '5814',
    isMerchant: true,
    currency: 'CNY',
    amount: null,
    ...overrides,
  };
}

export function payment(id: string, overrides: Partial<Payment> = {}): Payment {
  return {
    id,
    kind: 'merchant',
    fromAccountId: 'a1',
    fromAccountName: 'Salary card',
    payeeName: '星巴克 Starbucks',
    payeeMaskedNumber: '•••• 5566',
    amount: { amount: '38.00', currency: 'CNY' },
    note: null,
    status: 'completed',
    statusReason: null,
    createdAt: '2026-11-20T10:00:00+00:00',
    updatedAt: '2026-11-20T10:00:01+00:00',
    ...overrides,
  };
}

export function payee(id: string, overrides: Partial<Payee> = {}): Payee {
  return { id, name: 'Li Lei', maskedNumber: '•••• 0128', bankName: 'Purse Sandbox Bank', ...overrides };
}

export const pinSet = (overrides: Partial<PinStatus> = {}): PinStatus => ({
  isSet: true,
  lockedUntil: null,
  triesLeft: 5,
  ...overrides,
});

export function receiveCode(overrides: Partial<ReceiveCode> = {}): ReceiveCode {
  return {
    accountId: 'a1',
    payload: '00020101021129…6304BEEF',
    svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>',
    amount: null,
    ...overrides,
  };
}
