// Generated from the Rust DTOs in crates/wallet-app/src/dto (ts-rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test bindings` after changing a DTO.

export type Account = { id: string, bankName: string, kind: AccountKind, maskedNumber: string, currency: string, nickname: string | null, 
/**
 * The nickname when set, else the bank's name for the account.
 */
name: string, 
/**
 * Signed: a credit card's negative balance is what is owed.
 */
balance: Money, available: Money | null, creditLimit: Money | null, 
/**
 * The balance in the home currency at the latest known rate; null when no rate is known.
 */
balanceInHome: Money | null, 
/**
 * What queued and sent payments are taking out of this account, not yet in its booked balance.
 */
pendingOutflow: Money | null, lastSyncedAt: string | null, };

export type AccountKind = "debitCard" | "creditCard" | "eWallet" | "savings";

export type AccountsOverview = { homeCurrency: string, 
/**
 * Everything owned: debit, savings and e-wallet balances, in the home currency.
 */
totalAssets: Money, 
/**
 * Everything owed (credit cards), as a positive amount.
 */
totalLiabilities: Money, netWorth: Money, rates: Array<FxRate>, accounts: Array<Account>, lastSyncedAt: string | null, };

export type ApiError = { code: ErrorCode, message: string, };

export type CategoryLabel = { id: string, en: string, zhCN: string, };

export type ErrorCode = "invalidInput" | "notFound" | "bankUnreachable" | "bankRelinkNeeded" | "bankError" | "busy" | "pinNotSet" | "wrongPin" | "pinLocked" | "storage" | "internal";

export type FxRate = { from: string, to: string, rate: string, asOf: string, source: string, };

export type Language = "zh-CN" | "en";

export type Money = { 
/**
 * Exact, with the currency's minor units: "-12.50", "1000" (JPY).
 */
amount: string, currency: string, };

export type NewPayee = { name: string, 
/**
 * A card number (checked with its Luhn digit) or an account number.
 */
accountNumber: string, bankName: string | null, };

export type Payee = { id: string, name: string, maskedNumber: string, bankName: string | null, };

export type Payment = { id: string, kind: PaymentKind, fromAccountId: string, fromAccountName: string, payeeName: string, payeeMaskedNumber: string, amount: Money, note: string | null, status: PaymentStatus, 
/**
 * Why it was rejected or failed; for a queued payment, what went wrong on the last attempt.
 */
statusReason: string | null, createdAt: string, updatedAt: string, };

export type PaymentKind = "ownTransfer" | "topUp" | "personTransfer" | "merchant";

export type PaymentRequest = { fromAccountId: string, to: PaymentTarget, 
/**
 * As typed: "88.80", "1,200". Checked against the paying account's currency.
 */
amount: string, currency: string, note: string | null, 
/**
 * The 6-digit payment PIN.
 */
pin: string, };

export type PaymentStatus = "queued" | "sent" | "completed" | "rejected" | "failed";

export type PaymentTarget = { "kind": "ownAccount", accountId: string, } | { "kind": "payee", payeeId: string, } | { "kind": "person", name: string, accountNumber: string, bankName: string | null, save: boolean, } | { "kind": "qr", payload: string, };

export type PinStatus = { isSet: boolean, 
/**
 * While locked after too many wrong tries: until when (RFC 3339).
 */
lockedUntil: string | null, triesLeft: number, };

export type ReceiveCode = { accountId: string, payload: string, 
/**
 * The QR image as SVG markup (drawn in Rust, shown as an image).
 */
svg: string, amount: Money | null, };

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
amount: Money | null, };

export type Settings = { language: Language, };

export type SettingsPatch = { language: Language | null, };

export type SyncOutcome = { report: SyncReport | null, error: ApiError | null, };

export type SyncProgress = { stage: SyncStage, accountIndex: number, accountCount: number, accountName: string | null, transactionsFetched: number, };

export type SyncReport = { accounts: number, transactionsAdded: number, transactionsUpdated: number, finishedAt: string, };

export type SyncStage = "linking" | "accounts" | "balances" | "transactions" | "done";

export type Transaction = { id: string, accountId: string, accountName: string, status: TransactionStatus, bookedAt: string, valueAt: string | null, 
/**
 * Signed, in the account's currency: negative is spending.
 */
amount: Money, 
/**
 * The amount in the currency actually charged, when the bank converted it.
 */
originalAmount: Money | null, merchant: string | null, mcc: string | null, counterparty: string | null, description: string, category: CategoryLabel, };

export type TransactionPage = { items: Array<Transaction>, nextCursor: string | null, };

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
limit: number | null, };

export type TransactionStatus = "pending" | "booked" | "rejected";
