// Sample backend answers for component tests, shaped exactly like the generated bindings.
import type {
  AccountDto,
  AccountsOverview,
  BudgetAlert,
  BudgetProgress,
  CardStatus,
  CategoryLabel,
  CategoryNode,
  CategoryShare,
  ImportPreview,
  InternationalQuoteDto,
  ImportRecordDto,
  LinkDto,
  LockStatus,
  MoneyDto,
  MonthSummary,
  PayeeDto,
  Payment,
  PaymentLimits,
  PinStatus,
  PreviewRow,
  RecipientAbroadCheck,
  ReceiveCode,
  RiskAssessment,
  RiskReasonDto,
  SecondFactorSetup,
  SecondFactorStatus,
  RecurringBill,
  RecurringOverview,
  ScannedCode,
  MonthlyStatement,
  SyncProgress,
  TransactionDto,
  Trend,
  UnusualLineAlert,
} from '../lib/ipc';
import categoryDonut from './charts/category-donut.json';
import spendingBars from './charts/spending-bars.json';
import cashFlow from './charts/cash-flow.json';
import budgetGauge from './charts/budget-gauge.json';

export function account(overrides: Partial<AccountDto> = {}): AccountDto {
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

export const creditCard = (overrides: Partial<AccountDto> = {}) =>
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

export function overview(
  accounts: AccountDto[],
  overrides: Partial<AccountsOverview> = {},
): AccountsOverview {
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
    byCurrency: [
      { net: { amount: '30034.56', currency: 'CNY' }, inHome: { amount: '30034.56', currency: 'CNY' } },
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

export function bill(id: string, overrides: Partial<TransactionDto> = {}): TransactionDto {
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
    refundOf: null,
    conversion: null,
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
export const eWallet = (overrides: Partial<AccountDto> = {}) =>
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

export function payee(id: string, overrides: Partial<PayeeDto> = {}): PayeeDto {
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

const cny = (amount: string): MoneyDto => ({ amount, currency: 'CNY' });

export const categoryLabel = (id: string, en: string, zhCN: string): CategoryLabel => ({ id, en, zhCN });

export const food = categoryLabel('food', 'Food & drink', '餐饮');
export const shopping = categoryLabel('shopping', 'Shopping', '购物');
export const transport = categoryLabel('transport', 'Transport', '交通');

export function monthSummary(month: string, income: string, spending: string, net: string): MonthSummary {
  return { month, income: cny(income), spending: cny(spending), net: cny(net) };
}

export function categoryShare(
  category: CategoryLabel,
  amount: string,
  percent: string,
  lines = 3,
): CategoryShare {
  return { category, amount: cny(amount), lines, percent, children: [] };
}

/** November 2026 for the whole wallet; its donut is the one the Rust chart builder made (chart fixtures). */
export function statement(overrides: Partial<MonthlyStatement> = {}): MonthlyStatement {
  return {
    month: '2026-11',
    accountId: null,
    accountName: null,
    currency: 'CNY',
    openingBalance: cny('41701.80'),
    closingBalance: cny('55709.40'),
    summary: monthSummary('2026-11', '18500.50', '2459.00', '16041.50'),
    spendingByCategory: [
      categoryShare(food, '1234.56', '50.2', 21),
      categoryShare(shopping, '987.65', '40.2', 4),
      categoryShare(transport, '236.79', '9.6', 12),
    ],
    incomeByCategory: [],
    topPayees: [
      { payee: '星巴克 Starbucks', amount: cny('420.00'), lines: 12 },
      { payee: 'Metro', amount: cny('236.79'), lines: 12 },
    ],
    previousMonth: monthSummary('2026-10', '18000.00', '3992.40', '14007.60'),
    sameMonthLastYear: monthSummary('2025-11', '16000.00', '2000.00', '14000.00'),
    converted: false,
    categoryChart: categoryDonut,
    ...overrides,
  };
}

/** The last three months, with the Rust-made bar and cash-flow charts. */
export function trend(overrides: Partial<Trend> = {}): Trend {
  return {
    months: ['2026-09', '2026-10', '2026-11'],
    currency: 'CNY',
    summaries: [
      monthSummary('2026-09', '18000.00', '1298.20', '16701.80'),
      monthSummary('2026-10', '18000.00', '3992.40', '14007.60'),
      monthSummary('2026-11', '18500.50', '2459.00', '16041.50'),
    ],
    spendingByCategory: [],
    balances: [cny('25000.00'), cny('41701.80'), cny('55709.40')],
    spendingChart: spendingBars,
    cashFlowChart: cashFlow,
    ...overrides,
  };
}

/** A small category tree: two parents, one with children, and the uncategorised queue. */
export function categoryNodes(): CategoryNode[] {
  return [
    { category: food, parentId: null },
    { category: categoryLabel('food.dining', 'Dining out', '餐厅'), parentId: 'food' },
    { category: categoryLabel('food.fast', 'Takeaway & fast food', '外卖快餐'), parentId: 'food' },
    { category: transport, parentId: null },
    { category: categoryLabel('uncategorised', 'Uncategorised', '未分类'), parentId: null },
  ];
}

/**
 * A category's budget this month, with the gauge the Rust chart builder made (its numbers are the
 * fixture's own; the tests read the figures from the fields, as the UI does).
 */
export function budget(
  category: CategoryLabel,
  amount: string,
  spent: string,
  remaining: string,
  percent: string,
  state: 'ok' | 'warning' | 'over',
): BudgetProgress {
  return {
    category,
    month: '2026-11',
    budget: cny(amount),
    spent: cny(spent),
    remaining: cny(remaining),
    percent,
    state,
    gauge: budgetGauge,
  };
}

export function budgetAlert(overrides: Partial<BudgetAlert> = {}): BudgetAlert {
  return {
    category: food,
    month: '2026-11',
    level: 80,
    spent: cny('2459.00'),
    budget: cny('3000.00'),
    ...overrides,
  };
}

export const entertainment = categoryLabel('entertainment.subscriptions', 'Subscriptions', '会员订阅');
export const utilities = categoryLabel('housing.utilities', 'Utilities', '水电燃气');

export function recurring(payee: string, overrides: Partial<RecurringBill> = {}): RecurringBill {
  return {
    payee,
    category: entertainment,
    cadence: 'monthly',
    typicalAmount: cny('30.00'),
    amountRange: null,
    lastDate: '2026-11-03',
    nextExpected: '2026-12-03',
    monthlyCost: cny('30.00'),
    active: true,
    timesSeen: 24,
    ...overrides,
  };
}

/** Netflix monthly, a quarterly utility bill that varies, and a gym that stopped. */
export function recurringOverview(overrides: Partial<RecurringOverview> = {}): RecurringOverview {
  return {
    series: [
      recurring('State Grid 国家电网', {
        category: utilities,
        cadence: 'quarterly',
        typicalAmount: cny('450.00'),
        amountRange: [cny('380.00'), cny('520.00')],
        nextExpected: '2027-01-15',
        monthlyCost: cny('150.00'),
        timesSeen: 8,
      }),
      recurring('Netflix'),
      recurring('Gym 健身房', {
        category: categoryLabel('health', 'Health', '医疗健康'),
        typicalAmount: cny('199.00'),
        monthlyCost: cny('199.00'),
        lastDate: '2026-06-01',
        nextExpected: '2026-07-01',
        active: false,
        timesSeen: 6,
      }),
    ],
    monthlyTotal: [cny('180.00')],
    ...overrides,
  };
}

/** The demo card's statement of 5 November, due on the 25th, nothing repaid yet. */
export function cardStatus(overrides: Partial<CardStatus> = {}): CardStatus {
  return {
    accountId: 'c1',
    accountName: 'Platinum credit card',
    statementDate: '2026-11-05',
    dueDate: '2026-11-25',
    statementBalance: cny('1200.00'),
    minimumPayment: cny('120.00'),
    paidSince: cny('0.00'),
    stillDue: cny('1200.00'),
    status: 'notDue',
    daysToDue: 5,
    ...overrides,
  };
}

/** What the risk checks say about an ordinary payment: go ahead, nothing to tell. */
export function assessment(overrides: Partial<RiskAssessment> = {}): RiskAssessment {
  return { score: 0, verdict: 'pay', reasons: [], secondFactorEnrolled: false, ...overrides };
}

/** A payment over the per-payment limit, to a payee never paid before: blocked. */
export const blocked = (overrides: Partial<RiskAssessment> = {}): RiskAssessment =>
  assessment({
    score: 100,
    verdict: 'block',
    reasons: [{ kind: 'overPaymentLimit', limit: cny('50000.00') }, { kind: 'newPayee' }],
    ...overrides,
  });

/** Twelve times the usual amount, at night: the second factor is asked for (and is set up). */
export const flagged = (reasons: RiskReasonDto[] = flaggedReasons(), enrolled = true): RiskAssessment =>
  assessment({ score: 65, verdict: 'secondFactor', reasons, secondFactorEnrolled: enrolled });

export const flaggedReasons = (): RiskReasonDto[] => [
  { kind: 'farAboveUsual', usual: cny('38.00'), times: 12, comparedWith: 'payee' },
  { kind: 'nightTime', hour: 3 },
];

export const limits = (overrides: Partial<PaymentLimits> = {}): PaymentLimits => ({
  perPayment: cny('50000.00'),
  daily: cny('100000.00'),
  spentToday: cny('1234.50'),
  ...overrides,
});

export const secondFactorOff = (): SecondFactorStatus => ({ enrolled: false, recoveryCodesLeft: 0 });
export const secondFactorOn = (left = 10): SecondFactorStatus => ({
  enrolled: true,
  recoveryCodesLeft: left,
});

export const secondFactorSetup = (): SecondFactorSetup => ({
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>',
  key: 'JBSW Y3DP EHPK 3PXP',
});

/** Ten recovery codes as the backend writes them. */
export const recoveryCodes = (): string[] => [
  'K7QM-4XRD-9TNP',
  'B3VH-WZ8E-2LCA',
  'R6YP-MJ5S-UG4K',
  'N2FT-7DQX-HB8W',
  'E9LC-3KRM-ZV6P',
  'S4HW-QY2N-8FJT',
  'G5UB-X7PE-MD3R',
  'T8JK-6CVZ-4YNA',
  'P3XR-WE9G-5HLS',
  'Z2MD-K4TF-7QBU',
];

/** The app lock with an app password set and the default five idle minutes. */
export const lockStatus = (overrides: Partial<LockStatus> = {}): LockStatus => ({
  locked: false,
  hasPassword: true,
  idleMinutes: 5,
  ...overrides,
});

/** A card line the backend finds unusual: twelve times what this payee usually takes, at night. */
export const unusualLine = (overrides: Partial<UnusualLineAlert> = {}): UnusualLineAlert => ({
  transactionId: 't9',
  bookedAt: '2026-11-19T10:00:00Z',
  accountName: 'Platinum credit card',
  payee: 'QUICKPAY*HK DIGITAL',
  amount: cny('-4560.00'),
  reasons: flaggedReasons(),
  ...overrides,
});

export function previewRow(line: number, overrides: Partial<PreviewRow> = {}): PreviewRow {
  return {
    line,
    at: '2026-11-18 12:30',
    amount: { amount: '-38.00', currency: 'CNY' },
    counterparty: 'Luckin Coffee',
    description: 'Latte',
    category: food,
    status: 'new',
    ...overrides,
  };
}

/** An Alipay file read against the salary card: one new row, one imported before, one the bank already sent. */
export function importPreview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    format: 'alipayCurrent',
    fileName: 'alipay.csv',
    accountId: 'a1',
    currency: 'CNY',
    newRows: 1,
    duplicates: 1,
    linked: 1,
    rows: [
      previewRow(25),
      previewRow(26, { counterparty: 'Didi', description: null, category: transport, status: 'duplicate' }),
      previewRow(27, {
        counterparty: 'Hema',
        amount: { amount: '-120.50', currency: 'CNY' },
        status: 'linked',
      }),
    ],
    skipped: [{ line: 28, reason: 'a closed order: no money moved' }],
    warnings: [],
    ...overrides,
  };
}

export function importRecord(id: number, overrides: Partial<ImportRecordDto> = {}): ImportRecordDto {
  return {
    id,
    accountId: 'a1',
    accountName: 'Salary card',
    fileName: 'alipay.csv',
    format: 'alipayCurrent',
    importedAt: '2026-11-20T10:00:00Z',
    added: 12,
    linked: 3,
    duplicates: 0,
    undoneAt: null,
    ...overrides,
  };
}

/** The bank's quote for 1000 EUR to Anna Schmidt in Germany from the salary card, shared charges. */
export function quote(overrides: Partial<InternationalQuoteDto> = {}): InternationalQuoteDto {
  return {
    id: 'q1',
    fromAccountId: 'a1',
    fromAccountName: 'Salary card',
    recipientName: 'Anna Schmidt',
    recipientMaskedAccount: '•••• 3000',
    bic: 'COBADEFFXXX',
    country: 'DE',
    instructed: { amount: '1000.00', currency: 'EUR' },
    rate: '7.8123',
    unitCurrency: 'EUR',
    rateCurrency: 'CNY',
    converted: cny('7812.30'),
    fee: cny('50.00'),
    debited: cny('7862.30'),
    deducted: { amount: '12.81', currency: 'EUR' },
    delivered: { amount: '987.19', currency: 'EUR' },
    chargeBearer: 'shared',
    note: null,
    expiresAt: '2026-11-20T10:02:00+00:00',
    createdAt: '2026-11-20T10:00:00+00:00',
    risk: assessment({
      score: 50,
      verdict: 'secondFactor',
      reasons: [{ kind: 'newPayee' }, { kind: 'foreignCountry' }],
      secondFactorEnrolled: true,
    }),
    ...overrides,
  };
}

/** A recipient abroad with nothing wrong. */
export function recipientOk(overrides: Partial<RecipientAbroadCheck> = {}): RecipientAbroadCheck {
  return {
    nameError: null,
    countryError: null,
    accountError: null,
    bicError: null,
    usesIban: true,
    account: 'DE89370400440532013000',
    valid: true,
    ...overrides,
  };
}

/** A bank link, by default a SimpleFIN one that synced fine. */
export function bankLink(id: string, overrides: Partial<LinkDto> = {}): LinkDto {
  return {
    id,
    kind: 'simplefin',
    bankName: 'Chase',
    demo: false,
    state: 'fine',
    message: null,
    accounts: 2,
    lastSyncedAt: '2026-11-20T08:00:00Z',
    nextSyncAt: null,
    consentUntil: null,
    consentDaysLeft: null,
    ...overrides,
  };
}
