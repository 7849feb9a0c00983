// Sample backend answers for component tests, shaped exactly like the generated bindings.
import type { Account, AccountsOverview, Transaction } from '../lib/ipc/bindings';

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'a1',
    bankName: 'Purse Sandbox Bank',
    kind: 'debitCard',
    maskedNumber: '•••• 7890',
    currency: 'CNY',
    nickname: '工资卡 Salary card',
    name: '工资卡 Salary card',
    balance: { amount: '25000.00', currency: 'CNY' },
    available: null,
    creditLimit: null,
    balanceInHome: { amount: '25000.00', currency: 'CNY' },
    lastSyncedAt: '2026-11-20T10:00:00+00:00',
    ...overrides,
  };
}

export function overview(accounts: Account[]): AccountsOverview {
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
    lastSyncedAt: '2026-11-20T10:00:00+00:00',
  };
}

export function bill(id: string, overrides: Partial<Transaction> = {}): Transaction {
  return {
    id,
    accountId: 'a1',
    accountName: '工资卡 Salary card',
    status: 'booked',
    bookedAt: '2026-11-19T04:00:00+00:00',
    valueAt: null,
    amount: { amount: '-35.00', currency: 'CNY' },
    originalAmount: null,
    merchant: `星巴克 ${id}`,
    mcc: '5814',
    counterparty: null,
    description: 'coffee',
    category: { id: 'food.fast', en: 'Takeaway & fast food', zhCN: '外卖快餐' },
    ...overrides,
  };
}
