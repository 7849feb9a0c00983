// Generated from the Rust DTOs in crates/wallet-app/src/dto (ts-rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test bindings` after changing a DTO.

export type Account = { id: string, bankName: string, kind: AccountKind, maskedNumber: string, currency: string, nickname: string | null, name: string, balance: Money, available: Money | null, creditLimit: Money | null, balanceInHome: Money, lastSyncedAt: string | null, };

export type AccountKind = "debitCard" | "creditCard" | "eWallet" | "savings";

export type AccountsOverview = { homeCurrency: string, totalAssets: Money, totalLiabilities: Money, netWorth: Money, rates: Array<FxRate>, accounts: Array<Account>, lastSyncedAt: string | null, };

export type ApiError = { code: ErrorCode, message: string, };

export type CategoryLabel = { id: string, en: string, zhCN: string, };

export type ErrorCode = "invalidInput" | "notFound" | "bankUnreachable" | "bankRelinkNeeded" | "bankError" | "storage" | "internal";

export type FxRate = { from: string, to: string, rate: string, asOf: string, source: string, };

export type Language = "zh-CN" | "en";

export type Money = { amount: string, currency: string, };

export type Settings = { language: Language, };

export type SettingsPatch = { language: Language | null, };

export type SyncOutcome = { report: SyncReport | null, error: ApiError | null, };

export type SyncProgress = { stage: SyncStage, accountIndex: number, accountCount: number, accountName: string | null, transactionsFetched: number, };

export type SyncReport = { accounts: number, transactionsAdded: number, transactionsUpdated: number, finishedAt: string, };

export type SyncStage = "linking" | "accounts" | "balances" | "transactions" | "done";

export type Transaction = { id: string, accountId: string, accountName: string, status: TransactionStatus, bookedAt: string, valueAt: string | null, amount: Money, originalAmount: Money | null, merchant: string | null, mcc: string | null, counterparty: string | null, description: string, category: CategoryLabel, };

export type TransactionPage = { items: Array<Transaction>, nextCursor: string | null, };

export type TransactionQuery = { accountId: string | null, month: string | null, text: string | null, cursor: string | null, limit: number | null, };

export type TransactionStatus = "pending" | "booked" | "rejected";
