// Generated from the Rust DTOs in crates/wallet-app/src/dto (ts-rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test bindings` after changing a DTO.

export type AccountDto = { id: string, bankName: string, kind: AccountKindDto, maskedNumber: string, currency: string, nickname: string | null, 
/**
 * The nickname when set, else the bank's name for the account.
 */
name: string, 
/**
 * Signed: a credit card's negative balance is what is owed.
 */
balance: MoneyDto, available: MoneyDto | null, creditLimit: MoneyDto | null, 
/**
 * The balance in the home currency at the latest known rate; null when no rate is known.
 */
balanceInHome: MoneyDto | null, 
/**
 * What queued and sent payments are taking out of this account, not yet in its booked balance.
 */
pendingOutflow: MoneyDto | null, lastSyncedAt: string | null, };

export type AccountKindDto = "debitCard" | "creditCard" | "eWallet" | "savings";

export type AccountsOverview = { homeCurrency: string, 
/**
 * Everything owned: debit, savings and e-wallet balances, in the home currency.
 */
totalAssets: MoneyDto, 
/**
 * Everything owed (credit cards), as a positive amount.
 */
totalLiabilities: MoneyDto, netWorth: MoneyDto, rates: Array<FxRateDto>, 
/**
 * What is held in each currency (owned minus owed), and that in the home currency when a rate is known.
 */
byCurrency: Array<CurrencyTotal>, accounts: Array<AccountDto>, lastSyncedAt: string | null, };

export type ApiError = { code: ErrorCode, message: string, };

export type AppliedOffer = { offerId: string, title: string, discount: MoneyDto, 
/**
 * On a payment or a bill line: what it cost before the discount…
 */
fullPrice: MoneyDto | null, 
/**
 * …and what was charged: the price less the discount.
 */
charged: MoneyDto | null, };

export type BeginSecondFactor = { pin: string, };

export type BudgetAlert = { category: CategoryLabel, month: string, 
/**
 * 80 or 100.
 */
level: number, spent: MoneyDto, budget: MoneyDto, };

export type BudgetProgress = { category: CategoryLabel, month: string, budget: MoneyDto, spent: MoneyDto, 
/**
 * Negative once over budget.
 */
remaining: MoneyDto, percent: string, 
/**
 * "ok" below 80 %, "warning" from 80 %, "over" from 100 %.
 */
state: string, 
/**
 * ECharts option: a gauge of spent against budget.
 */
gauge: Record<string, unknown>, };

export type CardReminder = { card: CardStatus, };

export type CardStatus = { accountId: string, accountName: string, 
/**
 * "YYYY-MM-DD".
 */
statementDate: string, dueDate: string, statementBalance: MoneyDto, minimumPayment: MoneyDto, 
/**
 * Paid into the card since the statement date.
 */
paidSince: MoneyDto, 
/**
 * Still to pay for this statement (zero once paid).
 */
stillDue: MoneyDto, 
/**
 * "paid", "notDue", "dueSoon", "dueToday", "minimumPaid" or "overdue".
 */
status: string, 
/**
 * Days until due (positive) or overdue (negative). A plain number in JSON (never beyond 2^53).
 */
daysToDue: number, };

export type CategoryLabel = { id: string, en: string, zhCN: string, };

export type CategoryNode = { category: CategoryLabel, parentId: string | null, };

export type CategorySeries = { category: CategoryLabel, 
/**
 * One amount per month of `Trend::months`.
 */
amounts: Array<MoneyDto>, };

export type CategoryShare = { category: CategoryLabel, amount: MoneyDto, lines: number, 
/**
 * Of the period's spending (or income), one decimal: "23.4".
 */
percent: string, 
/**
 * The sub-categories of a top-level category, biggest first.
 */
children: Array<CategoryShare>, };

export type ChargeBearer = "shared" | "borneByDebtor" | "borneByCreditor";

export type ComparedWith = "payee" | "category";

export type ConfirmSecondFactor = { 
/**
 * A code from the authenticator app.
 */
code: string, pin: string, };

export type ConversionCostDto = { 
/**
 * What the merchant charged, in their currency.
 */
original: MoneyDto, 
/**
 * What the bank booked for it, before its fee.
 */
booked: MoneyDto, fee: MoneyDto | null, 
/**
 * Booked plus fee.
 */
total: MoneyDto, 
/**
 * Booked ÷ original, e.g. "7.185".
 */
cardRate: string, 
/**
 * Total ÷ original: the rate really paid.
 */
effectiveRate: string, reference: ReferenceRateDto | null, 
/**
 * The original at the reference rate.
 */
atReference: MoneyDto | null, 
/**
 * Total minus the amount at the reference rate (negative: cheaper than the reference).
 */
aboveReference: MoneyDto | null, 
/**
 * The same as a percentage of the amount at the reference rate, e.g. "2.00".
 */
aboveReferencePercent: string | null, };

export type CurrencyTotal = { 
/**
 * Owned minus owed, in the currency itself.
 */
net: MoneyDto, inHome: MoneyDto | null, };

export type DateOrderDto = "monthDayYear" | "dayMonthYear" | "yearMonthDay";

export type EnableBankingBankDto = { name: string, 
/**
 * Two capital letters (ISO 3166).
 */
country: string, logo: string | null, 
/**
 * The longest consent the bank gives, in whole days.
 */
maximumConsentDays: number, 
/**
 * Enable Banking's integration with it is new.
 */
beta: boolean, };

export type ErrorCode = "invalidInput" | "notFound" | "bankUnreachable" | "bankRelinkNeeded" | "bankError" | "busy" | "pinNotSet" | "wrongPin" | "pinLocked" | "storage" | "keyringUnavailable" | "wrongKey" | "paymentsPending" | "secondFactorRequired" | "secondFactorNotSet" | "wrongSecondFactor" | "riskBlocked" | "tooManyTries" | "locked" | "wrongPassword" | "passphraseNeeded" | "quoteExpired" | "dateOrderNeeded" | "walletInUse" | "walletMissing" | "walletForeign" | "internal";

export type ExportResult = { path: string, lines: number, };

export type FxRateDto = { from: string, to: string, rate: string, asOf: string, source: string, };

export type ImportPreview = { 
/**
 * The format found from the content (e.g. "alipayCurrent", "ofx").
 */
format: string, fileName: string, 
/**
 * The account chosen, or the one whose number the file names.
 */
accountId: string | null, currency: string, newRows: number, duplicates: number, linked: number, 
/**
 * The first rows, in file order (at most 500; the counts cover all).
 */
rows: Array<PreviewRow>, skipped: Array<SkippedRow>, 
/**
 * What was read around rather than refused (a masked balance column set aside, the currency taken
 * from the account): the person should see these before importing.
 */
warnings: Array<string>, };

export type ImportRecordDto = { id: number, accountId: string, accountName: string, fileName: string, format: string, importedAt: string, added: number, linked: number, duplicates: number, undoneAt: string | null, };

export type ImportRequest = { fileName: string, 
/**
 * The file's bytes, base64.
 */
contentBase64: string, 
/**
 * The account the rows go into; for a preview, none lets the wallet suggest one.
 */
accountId: string | null, 
/**
 * For QIF, which does not say how its dates are written.
 */
dateOrder: DateOrderDto | null, };

export type InternationalQuoteDto = { id: string, fromAccountId: string, fromAccountName: string, recipientName: string, recipientMaskedAccount: string, bic: string, country: string, 
/**
 * What is sent, in the currency of transfer.
 */
instructed: MoneyDto, 
/**
 * `rate` of `rate_currency` buys one `unit_currency` ("1 EUR = 7.8123 CNY").
 */
rate: string, unitCurrency: string, rateCurrency: string, 
/**
 * The instructed amount at the rate, in the account's currency.
 */
converted: MoneyDto, 
/**
 * The charges the paying account bears, in its currency.
 */
fee: MoneyDto, 
/**
 * What leaves the account: converted plus fee.
 */
debited: MoneyDto, 
/**
 * Charges taken out of the amount sent, in the currency of transfer.
 */
deducted: MoneyDto, 
/**
 * What the recipient gets.
 */
delivered: MoneyDto, chargeBearer: ChargeBearer, note: string | null, 
/**
 * RFC 3339: after this the quote cannot be paid; ask for a new one.
 */
expiresAt: string, createdAt: string, 
/**
 * What the risk checks make of paying it (the window asks for the second factor when needed).
 */
risk: RiskAssessment, };

export type InternationalQuoteRequest = { fromAccountId: string, recipient: RecipientAbroadDraft, 
/**
 * The currency the recipient is sent, e.g. "EUR".
 */
currency: string, 
/**
 * As typed, in that currency: "1000", "1,250.50".
 */
amount: string, chargeBearer: ChargeBearer, note: string | null, };

export type Language = "zh-CN" | "en";

export type LinkDto = { id: string, kind: LinkKindDto, bankName: string, 
/**
 * The demo bank that comes with Purse (not unlinked: start over instead).
 */
demo: boolean, state: LinkStateDto, 
/**
 * What the bank said last, as plain text.
 */
message: string | null, accounts: number, lastSyncedAt: string | null, 
/**
 * The earliest the bank may be asked again (a quota), when later than now.
 */
nextSyncAt: string | null, 
/**
 * When the consent ends, and the whole days left until then.
 */
consentUntil: string | null, consentDaysLeft: number | null, };

export type LinkKindDto = "openBanking" | "simplefin" | "enableBanking";

export type LinkStateDto = "fine" | "attention" | "needsRenewal" | "failing" | "unlinked";

export type LockStatus = { locked: boolean, 
/**
 * An app password is set (else unlocking asks the OS keyring).
 */
hasPassword: boolean, 
/**
 * Locks by itself after this many minutes without use; 0: never.
 */
idleMinutes: number, };

export type MoneyDto = { 
/**
 * Exact, with the currency's minor units: "-12.50", "1000" (JPY).
 */
amount: string, currency: string, };

export type MonthSummary = { month: string, income: MoneyDto, spending: MoneyDto, net: MoneyDto, };

export type MonthlyStatement = { month: string, accountId: string | null, 
/**
 * The account's name, or none for the whole wallet.
 */
accountName: string | null, currency: string, openingBalance: MoneyDto, closingBalance: MoneyDto, summary: MonthSummary, 
/**
 * Spending by top-level category, biggest first (for the whole wallet, transfers between the
 * user's own accounts and card repayments are left out: they are neither income nor spending).
 */
spendingByCategory: Array<CategoryShare>, incomeByCategory: Array<CategoryShare>, 
/**
 * The ten payees that took the most.
 */
topPayees: Array<PayeeShare>, previousMonth: MonthSummary, sameMonthLastYear: MonthSummary, 
/**
 * Foreign-currency money was converted at each month's booking rate (the whole wallet only).
 */
converted: boolean, 
/**
 * ECharts option: spending by category as a donut; each slice's data carries its `categoryId`.
 */
categoryChart: Record<string, unknown>, };

export type NewPayee = { name: string, 
/**
 * A card number (checked with its Luhn digit) or an account number.
 */
accountNumber: string, bankName: string | null, 
/**
 * Saving a payee is a high-risk action: the payment PIN…
 */
pin: string, 
/**
 * …and, when one is set up, an authenticator or recovery code.
 */
secondFactor: string | null, };

export type Offer = { id: string, kind: OfferKind, title: string, description: string, merchantName: string | null, minimumSpend: MoneyDto, 
/**
 * A fixed amount off, or…
 */
discount: MoneyDto | null, 
/**
 * …a percentage ("5") capped per payment.
 */
percent: string | null, cap: MoneyDto | null, validFrom: string, validTo: string, perCustomerLimit: number, 
/**
 * True when the limit counts uses per calendar month; false: over the offer's life.
 */
monthly: boolean, usedByYou: number, leftForYou: number, budgetLeft: MoneyDto, status: OfferStatus, };

export type OfferChoice = { offerId: string, title: string, 
/**
 * As shown: "10.00".
 */
discount: string, currency: string, };

export type OfferKind = "merchant" | "firstPayment" | "categoryCashback";

export type OfferNotApplied = { title: string, reason: OfferRefusal, 
/**
 * The bank's words.
 */
description: string, };

export type OfferQuote = { offer: AppliedOffer | null, amount: MoneyDto, 
/**
 * The amount less the discount: what the account is charged.
 */
toPay: MoneyDto, notApplied: Array<OfferNotApplied>, };

export type OfferRefusal = "notYetValid" | "expired" | "wrongMerchant" | "wrongCategory" | "wrongCurrency" | "belowMinimumSpend" | "notFirstPayment" | "usedUp" | "budgetExhausted" | "notTheBest";

export type OfferStatus = "active" | "notYetValid" | "expired" | "usedUp" | "budgetExhausted";

export type PayInternationalRequest = { quoteId: string, pin: string, secondFactor: string | null, };

export type PayeeDto = { id: string, name: string, maskedNumber: string, bankName: string | null, };

export type PayeeShare = { payee: string, amount: MoneyDto, lines: number, };

export type Payment = { id: string, kind: PaymentKindDto, fromAccountId: string, fromAccountName: string, payeeName: string, payeeMaskedNumber: string, amount: MoneyDto, note: string | null, status: PaymentStatusDto, 
/**
 * Why it was rejected or failed; for a queued payment, what went wrong on the last attempt.
 */
statusReason: string | null, createdAt: string, updatedAt: string, 
/**
 * The offer the payment carries: the bank charges the amount less this discount.
 */
discount?: AppliedOffer | null, };

export type PaymentDraft = { fromAccountId: string, to: PaymentTarget, amount: string, currency: string, note: string | null, };

export type PaymentKindDto = "ownTransfer" | "topUp" | "personTransfer" | "merchant";

export type PaymentLimits = { perPayment: MoneyDto, daily: MoneyDto, spentToday: MoneyDto, };

export type PaymentRequest = { fromAccountId: string, to: PaymentTarget, 
/**
 * As typed: "88.80", "1,200". Checked against the paying account's currency.
 */
amount: string, currency: string, note: string | null, 
/**
 * The 6-digit payment PIN (never printed: `Sensitive`).
 */
pin: string, 
/**
 * An authenticator or recovery code, for a payment the risk checks flag or one that saves a payee
 * (when a second factor is set up).
 */
secondFactor: string | null, };

export type PaymentStatusDto = "queued" | "sent" | "completed" | "rejected" | "failed";

export type PaymentTarget = { "kind": "ownAccount", accountId: string, } | { "kind": "payee", payeeId: string, } | { "kind": "person", name: string, accountNumber: string, bankName: string | null, save: boolean, } | { "kind": "qr", payload: string, };

export type PinStatus = { isSet: boolean, 
/**
 * While locked after too many wrong tries: until when (RFC 3339).
 */
lockedUntil: string | null, triesLeft: number, };

export type PointsEntry = { id: string, at: string, 
/**
 * Signed: what it did to the balance.
 */
points: number, kind: PointsEntryKind, description: string, };

export type PointsEntryKind = "earned" | "returned" | "redeemed";

export type PointsOverview = { balance: number, earned: number, redeemed: number, 
/**
 * Points per ¥1 of bill credit.
 */
pointsPerYuan: number, minimumBillCredit: number, 
/**
 * The wallet's account a bill credit goes to (the credit card).
 */
billCreditAccountName: string | null, vouchers: Array<Voucher>, 
/**
 * Newest first.
 */
history: Array<PointsEntry>, 
/**
 * When the bank last told; none before the first sync.
 */
syncedAt: string | null, };

export type PreviewRow = { line: number, 
/**
 * Local time, YYYY-MM-DD HH:MM.
 */
at: string, amount: MoneyDto, counterparty: string | null, description: string | null, category: CategoryLabel, status: PreviewStatus, };

export type PreviewStatus = "new" | "duplicate" | "linked";

export type Recategorise = { transactionId: string, categoryId: string, 
/**
 * Also make a rule: every line of this payee, past and future, gets this category.
 */
forWholePayee: boolean, };

export type RecategoriseResult = { 
/**
 * Lines whose category changed (1, or more with a rule).
 */
changed: number, 
/**
 * The payee the rule was made for, when one was.
 */
rulePayee: string | null, };

export type ReceiveCode = { accountId: string, payload: string, 
/**
 * The QR image as SVG markup (drawn in Rust, shown as an image).
 */
svg: string, amount: MoneyDto | null, };

export type RecipientAbroadCheck = { nameError: string | null, countryError: string | null, accountError: string | null, bicError: string | null, 
/**
 * Whether the country uses IBANs (known once the country is).
 */
usesIban: boolean | null, 
/**
 * The account as the bank will get it (an IBAN without spaces, upper case), once valid.
 */
account: string | null, valid: boolean, };

export type RecipientAbroadDraft = { name: string, 
/**
 * An IBAN where the country uses them, else the local account number; spaces allowed.
 */
account: string, bic: string, 
/**
 * ISO 3166 alpha-2, e.g. "DE".
 */
country: string, };

export type RecoveryCodes = { codes: Array<string>, };

export type RecurringBill = { payee: string, category: CategoryLabel, 
/**
 * "weekly", "biweekly", "monthly", "quarterly" or "yearly".
 */
cadence: string, typicalAmount: MoneyDto, 
/**
 * Set when the amount varies (a utility bill): the lowest and highest seen.
 */
amountRange: [MoneyDto, MoneyDto] | null, lastDate: string, 
/**
 * "YYYY-MM-DD", the day the next charge is expected.
 */
nextExpected: string, monthlyCost: MoneyDto, active: boolean, timesSeen: number, };

export type RecurringOverview = { 
/**
 * Active ones first, each by monthly cost.
 */
series: Array<RecurringBill>, 
/**
 * What the active ones cost per month, per currency.
 */
monthlyTotal: Array<MoneyDto>, };

export type RedeemRequest = { kind: RedemptionKind, 
/**
 * For a bill credit: how many points, as typed.
 */
points: number | null, 
/**
 * For a voucher: which.
 */
voucherId: string | null, 
/**
 * Made once per redemption by the window, so sending it again never spends twice.
 */
requestId: string, 
/**
 * The 6-digit payment PIN.
 */
pin: string, };

export type Redemption = { kind: RedemptionKind, points: number, balanceAfter: number, credit: MoneyDto | null, voucherTitle: string | null, voucherCode: string | null, };

export type RedemptionKind = "billCredit" | "voucher";

export type ReferenceRateDto = { rate: string, 
/**
 * The day it was fixed (YYYY-MM-DD).
 */
day: string, source: string, };

export type RefundOf = { transactionId: string, 
/**
 * Who that payment went to.
 */
payee: string, };

export type RemoveSecondFactor = { 
/**
 * An authenticator code or a recovery code.
 */
code: string, pin: string, };

export type RiskAssessment = { score: number, verdict: VerdictDto, 
/**
 * Strongest first; empty for an ordinary payment.
 */
reasons: Array<RiskReasonDto>, 
/**
 * Whether a second factor is set up (a payment that needs one cannot be made without it).
 */
secondFactorEnrolled: boolean, };

export type RiskReasonDto = { "kind": "overPaymentLimit", limit: MoneyDto, } | { "kind": "overDailyLimit", limit: MoneyDto, spentToday: MoneyDto, } | { "kind": "farAboveUsual", usual: MoneyDto, times: number, comparedWith: ComparedWith, } | { "kind": "newPayee" } | { "kind": "manyPaymentsInShortTime", count: number, minutes: number, } | { "kind": "nightTime", hour: number, } | { "kind": "foreignCurrency", currency: string, } | { "kind": "foreignCountry" } | { "kind": "closeToDailyLimit", limit: MoneyDto, leftAfter: MoneyDto, };

export type ScannedCode = { 
/**
 * The checked EMVCo payload, to send back as `PaymentTarget::Qr`.
 */
payload: string, 
/**
 * The name to show: the merchant's own-language name when the code has one.
 */
payeeName: string, city: string, payeeMaskedNumber: string, 
/**
 * ISO 18245 merchant category code; "0000" for a person.
 */
mcc: string, isMerchant: boolean, currency: string, 
/**
 * Set when the code fixes the amount (the user cannot change it); else the user types it.
 */
amount: MoneyDto | null, };

export type SecondFactorSetup = { 
/**
 * The otpauth:// URI as a QR code (SVG markup).
 */
qrSvg: string, 
/**
 * The key in base32, grouped by four, for typing by hand.
 */
key: string, };

export type SecondFactorStatus = { enrolled: boolean, recoveryCodesLeft: number, };

export type SecurityEventDto = { 
/**
 * The event's number, for asking for the page before it.
 */
id: number, 
/**
 * RFC 3339.
 */
at: string, kind: SecurityEventKind, detail: string | null, };

export type SecurityEventKind = "walletOpened" | "pinSet" | "pinWrong" | "pinLocked" | "payeeAdded" | "secondFactorEnrolled" | "secondFactorRemoved" | "secondFactorWrong" | "recoveryCodeUsed" | "limitsChanged" | "riskBlocked" | "appLocked" | "appUnlocked" | "unlockFailed" | "appPasswordChanged" | "unusualLine" | "bankLinked" | "bankUnlinked";

export type SecurityLogQuery = { 
/**
 * At most this many (default 50, at most 200).
 */
limit: number | null, 
/**
 * The id of the last event already shown.
 */
before: number | null, };

export type SetAppPassword = { 
/**
 * The new password; none removes it (unlocking then asks the keyring).
 */
password: string | null, 
/**
 * The current password, when one is set.
 */
current: string | null, pin: string, };

export type SetAutoLock = { 
/**
 * 0: never; at most 1,440 (a day).
 */
minutes: number, };

export type SetBudget = { 
/**
 * A top-level category ("food") or a sub-category ("food.dining").
 */
categoryId: string, 
/**
 * The monthly amount in the home currency, as typed.
 */
amount: string, };

export type SetPaymentLimits = { 
/**
 * As typed, in the home currency: "5000", "20,000.00".
 */
perPayment: string, daily: string, pin: string, 
/**
 * An authenticator or recovery code: needed when a second factor is set up.
 */
secondFactor: string | null, };

export type Settings = { language: Language, };

export type SettingsPatch = { language: Language | null, };

export type SkippedRow = { line: number, reason: string, };

export type StatementQuery = { 
/**
 * "YYYY-MM", in the user's local time.
 */
month: string, 
/**
 * One account, or the whole wallet (in the home currency) when absent.
 */
accountId: string | null, };

export type SyncOutcome = { report: SyncReport | null, error: ApiError | null, };

export type SyncProgress = { stage: SyncStage, accountIndex: number, accountCount: number, accountName: string | null, transactionsFetched: number, };

export type SyncReport = { accounts: number, transactionsAdded: number, transactionsUpdated: number, finishedAt: string, 
/**
 * What a linked bank said, or why it could not be synced, one line each ("bank: words").
 */
notices: Array<string>, };

export type SyncStage = "linking" | "accounts" | "balances" | "transactions" | "done";

export type TransactionDto = { id: string, accountId: string, accountName: string, status: TransactionStatusDto, bookedAt: string, valueAt: string | null, 
/**
 * Signed, in the account's currency: negative is spending.
 */
amount: MoneyDto, 
/**
 * The amount in the currency actually charged, when the bank converted it.
 */
originalAmount: MoneyDto | null, merchant: string | null, mcc: string | null, counterparty: string | null, description: string, category: CategoryLabel, 
/**
 * For a refund an imported statement tied to its payment: that payment.
 */
refundOf: RefundOf | null, 
/**
 * For a line the bank converted from another currency: what it really cost.
 */
conversion: ConversionCostDto | null, 
/**
 * The offer the bank took off this line (already less in `amount`).
 */
discount?: AppliedOffer | null, };

export type TransactionPage = { items: Array<TransactionDto>, nextCursor: string | null, };

export type TransactionQuery = { accountId: string | null, 
/**
 * "YYYY-MM", in the user's local time.
 */
month: string | null, 
/**
 * Searched in merchant, counterparty and description.
 */
text: string | null, 
/**
 * `nextCursor` of the previous page.
 */
cursor: string | null, 
/**
 * Lines per page, 1–200; 50 when absent.
 */
limit: number | null, 
/**
 * Only lines in this category or one of its sub-categories (e.g. "food" or "food.dining"); the
 * uncategorised queue is "uncategorised".
 */
categoryId?: string, };

export type TransactionStatusDto = "pending" | "booked" | "rejected";

export type Trend = { 
/**
 * "YYYY-MM", oldest first.
 */
months: Array<string>, currency: string, summaries: Array<MonthSummary>, spendingByCategory: Array<CategorySeries>, 
/**
 * Balance at each month's end (net worth for the whole wallet).
 */
balances: Array<MoneyDto>, 
/**
 * ECharts option: spending by category per month, stacked bars; each series' `id` is its category
 * id, and a bar's axis value is its month.
 */
spendingChart: Record<string, unknown>, 
/**
 * ECharts option: income against spending, and the balance, as lines.
 */
cashFlowChart: Record<string, unknown>, };

export type TrendQuery = { 
/**
 * How many months back from this month, 1–120 (12 and 24 in the UI).
 */
months: number, accountId: string | null, };

export type UnusualLineAlert = { 
/**
 * The bill's id, to open it.
 */
transactionId: string, bookedAt: string, accountName: string, payee: string, 
/**
 * What left the account (negative).
 */
amount: MoneyDto, reasons: Array<RiskReasonDto>, };

export type VerdictDto = "pay" | "secondFactor" | "block";

export type Voucher = { voucherId: string, title: string, points: number, value: MoneyDto, };
