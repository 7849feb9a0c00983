// The one seam between the UI and the Rust backend: typed wrappers over Tauri's `invoke` and events.
// Nothing else in the UI imports @tauri-apps/api, so tests mock this module (or mockIPC) and nothing else.
// Every command goes through `invoke` below, which also tells the app lock when a command was refused
// because Purse is locked, wherever in the window it was sent from.
import { invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  Account,
  AccountsOverview,
  ApiError,
  BudgetAlert,
  BudgetDto,
  CardReminder,
  CardStatusDto,
  CategoryNode,
  ErrorCode,
  ExportResult,
  ImportPreview,
  ImportRecord,
  ImportRequest,
  NewPayee,
  Payee,
  Payment,
  PaymentRequest,
  PinStatus,
  ReceiveCode,
  Recategorise,
  RecategoriseResult,
  RecurringOverview,
  ScannedCode,
  SetBudget,
  Settings,
  SettingsPatch,
  StatementDto,
  StatementQuery,
  SyncOutcome,
  SyncProgress,
  SyncReport,
  TransactionPage,
  TransactionQuery,
  TrendDto,
  TrendQuery,
  SecurityEventDto,
  SecurityLogQuery,
  BeginSecondFactor,
  ConfirmSecondFactor,
  PaymentDraft,
  PaymentLimits,
  RecoveryCodes,
  RemoveSecondFactor,
  RiskAssessment,
  SecondFactorSetup,
  SecondFactorStatus,
  SetPaymentLimits,
  LockStatus,
  SetAppPassword,
  SetAutoLock,
  UnusualLineAlert,
  InternationalQuote,
  InternationalQuoteRequest,
  PayInternationalRequest,
  RecipientAbroadCheck,
  RecipientAbroadDraft,
  Offer,
  OfferChoice,
  OfferQuoteDto,
  PointsOverview,
  RedeemRequest,
  RedemptionDto,
} from './bindings';

export type * from './bindings';

/** Stops listening to an event. */
export type Unlisten = () => void;

const lockedListeners = new Set<() => void>();

/**
 * Calls `cb` whenever any command is refused with `locked` (Purse locked itself after the idle minutes, or
 * was locked elsewhere), so one place can bring up the lock screen instead of every screen. Returns the stop.
 */
export function onLockedRefusal(cb: () => void): Unlisten {
  lockedListeners.add(cb);
  return () => void lockedListeners.delete(cb);
}

/** Tauri's `invoke`, passing a `locked` refusal on to the lock before the caller sees it. */
async function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await tauriInvoke<T>(command, args);
  } catch (error) {
    if (isApiError(error) && error.code === 'locked') for (const cb of [...lockedListeners]) cb();
    throw error;
  }
}

export const listAccounts = (): Promise<AccountsOverview> => invoke<AccountsOverview>('list_accounts');

export const getAccount = (accountId: string): Promise<Account> =>
  invoke<Account>('get_account', { accountId });

export const pageTransactions = (query: TransactionQuery): Promise<TransactionPage> =>
  invoke<TransactionPage>('page_transactions', { query });

export const syncNow = (): Promise<SyncReport> => invoke<SyncReport>('sync_now');

export const getSettings = (): Promise<Settings> => invoke<Settings>('get_settings');

export const updateSettings = (patch: SettingsPatch): Promise<Settings> =>
  invoke<Settings>('update_settings', { patch });

export const pinStatus = (): Promise<PinStatus> => invoke<PinStatus>('pin_status');

/** Sets the 6-digit payment PIN, once; refuses one digit repeated or a run such as 123456 (`invalidInput`). */
export const setPaymentPin = (pin: string): Promise<PinStatus> =>
  invoke<PinStatus>('set_payment_pin', { pin });

export const listPayees = (): Promise<Payee[]> => invoke<Payee[]>('list_payees');

/** Saves a payee with the payment PIN and, when one is set up, a second-factor code (`secondFactorRequired`). */
export const addPayee = (payee: NewPayee): Promise<Payee> => invoke<Payee>('add_payee', { payee });

export const removePayee = (payeeId: string): Promise<null> => invoke<null>('remove_payee', { payeeId });

/**
 * What the risk checks make of a payment before its PIN: go ahead, ask for the second factor, or block,
 * with the reasons (own transfers and top-ups are never scored). Rejects like `submit_payment` on a bad draft.
 */
export const assessPayment = (draft: PaymentDraft): Promise<RiskAssessment> =>
  invoke<RiskAssessment>('assess_payment', { draft });

/**
 * Pays, transfers or tops up. Resolves once the bank has answered (or the retries ran out: then the payment
 * is `queued` with the reason, and is resumed later); rejects with `wrongPin`, `pinLocked`, `pinNotSet`,
 * `riskBlocked`, `secondFactorRequired` (send `secondFactor` too), `wrongSecondFactor`, `secondFactorNotSet`…
 */
export const submitPayment = (request: PaymentRequest): Promise<Payment> =>
  invoke<Payment>('submit_payment', { request });

/** The recipient abroad as typed, field by field (IBAN check digits, BIC, country): for messages as one types. */
export const checkRecipientAbroad = (draft: RecipientAbroadDraft): Promise<RecipientAbroadCheck> =>
  invoke<RecipientAbroadCheck>('check_recipient_abroad', { draft });

/** The bank's firm price of a payment abroad (rate, charges, what arrives), good until `expiresAt`. */
export const quoteInternational = (request: InternationalQuoteRequest): Promise<InternationalQuote> =>
  invoke<InternationalQuote>('quote_international', { request });

/**
 * Pays an accepted quote with the PIN (and a code when the checks ask): rejects with `quoteExpired` when
 * the rate no longer holds (nothing was paid: get a new quote), else like `submitPayment`.
 */
export const payInternational = (request: PayInternationalRequest): Promise<Payment> =>
  invoke<Payment>('pay_international', { request });
/** The points balance, what points buy and the newest history, as the last sync found them. */
export const pointsOverview = (): Promise<PointsOverview> => invoke<PointsOverview>('points_overview');

/** The bank's offers, with what is left of each for the user, as the last sync found them. */
export const listOffers = (): Promise<Offer[]> => invoke<Offer[]>('list_offers');

/**
 * Spends points on a bill credit or a voucher with the payment PIN (`wrongPin`, `pinLocked`); the same
 * `requestId` again never spends twice. Not enough points: `bankError` with the bank's words.
 */
export const redeemPoints = (request: RedeemRequest): Promise<RedemptionDto> =>
  invoke<RedemptionDto>('redeem_points', { request });

/** The best offer the bank would give this payment now, and why others do not apply. */
export const quoteOffer = (draft: PaymentDraft): Promise<OfferQuoteDto> =>
  invoke<OfferQuoteDto>('quote_offer', { draft });

/** `submitPayment`, carrying the offer the sheet showed: the bank charges the amount less its discount. */
export const submitPaymentWithOffer = (
  request: PaymentRequest,
  offer: OfferChoice | null,
): Promise<Payment> => invoke<Payment>('submit_payment_with_offer', { request, offer });

/** The newest payments first. */
export const listPayments = (): Promise<Payment[]> => invoke<Payment[]>('list_payments');

export const getPayment = (paymentId: string): Promise<Payment> =>
  invoke<Payment>('get_payment', { paymentId });

/** A payment code's text (pasted), checked. */
export const readQrCode = (payload: string): Promise<ScannedCode> =>
  invoke<ScannedCode>('read_qr_code', { payload });

/** A picture of a payment code: the base64 of its PNG or JPEG bytes. */
export const decodeQrImage = (imageBase64: string): Promise<ScannedCode> =>
  invoke<ScannedCode>('decode_qr_image', { imageBase64 });

/** My code to be paid into `accountId`; `amount` (as typed) fixes the amount, null leaves it to the payer. */
export const receiveCode = (accountId: string, amount: string | null): Promise<ReceiveCode> =>
  invoke<ReceiveCode>('receive_code', { accountId, amount });

/** A month's statement: balances, income and spending, by category and payee, and the donut's chart option. */
export const monthlyStatement = (query: StatementQuery): Promise<StatementDto> =>
  invoke<StatementDto>('monthly_statement', { query });

/** The last `months` months (12 or 24 here): totals, spending by category, balances, and two chart options. */
export const spendingTrend = (query: TrendQuery): Promise<TrendDto> =>
  invoke<TrendDto>('spending_trend', { query });

/** Every category, parents before their children, for pickers. */
export const listCategories = (): Promise<CategoryNode[]> => invoke<CategoryNode[]>('list_categories');

/** Moves one bill to another category, or (`forWholePayee`) every bill of its payee, with a rule for new ones. */
export const recategorise = (request: Recategorise): Promise<RecategoriseResult> =>
  invoke<RecategoriseResult>('recategorise', { request });

/** This month's budgets, each with what has been spent against it and its gauge's chart option. */
export const budgetProgress = (): Promise<BudgetDto[]> => invoke<BudgetDto[]>('budget_progress');

/** Sets (or replaces) a category's monthly budget, in the home currency; answers with every budget. */
export const setBudget = (request: SetBudget): Promise<BudgetDto[]> =>
  invoke<BudgetDto[]>('set_budget', { request });

/** Removes a category's budget (`notFound` when it has none); answers with the budgets left. */
export const removeBudget = (categoryId: string): Promise<BudgetDto[]> =>
  invoke<BudgetDto[]>('remove_budget', { categoryId });

/** Subscriptions and regular bills found in the last two years, and what the active ones cost a month. */
export const recurringPayments = (): Promise<RecurringOverview> =>
  invoke<RecurringOverview>('recurring_payments');

/** A credit card's latest statement and where it stands today (`notFound` before the first statement). */
export const cardStatus = (accountId: string): Promise<CardStatusDto> =>
  invoke<CardStatusDto>('card_status', { accountId });

/** Every bill the query selects (its cursor and limit are ignored), as CSV in the Downloads folder. */
export const exportBillsCsv = (query: TransactionQuery): Promise<ExportResult> =>
  invoke<ExportResult>('export_bills_csv', { query });

/**
 * What importing a statement file would do, without writing anything: its format, the account (the chosen
 * one, or the one its card number names), each row new, already imported or matching a bank line, and the
 * rows left out. A file Purse cannot read rejects with `invalidInput` naming the line (a QIF file without
 * `dateOrder` asks for one).
 */
export const previewImport = (request: ImportRequest): Promise<ImportPreview> =>
  invoke<ImportPreview>('preview_import', { request });

/** Imports the file into `request.accountId` (required), all or nothing. */
export const commitImport = (request: ImportRequest): Promise<ImportRecord> =>
  invoke<ImportRecord>('commit_import', { request });

/** Every import, newest first (undone ones too, with `undoneAt`). */
export const listImports = (): Promise<ImportRecord[]> => invoke<ImportRecord[]>('list_imports');

/** Removes every bill an import added; answers with the history after (`notFound` if already undone). */
export const undoImport = (importId: number): Promise<ImportRecord[]> =>
  invoke<ImportRecord[]>('undo_import', { importId });

/** `sync-progress`: emitted while any sync runs (the start-up one and `sync_now`). */
export const onSyncProgress = (cb: (progress: SyncProgress) => void): Promise<Unlisten> =>
  listen<SyncProgress>('sync-progress', (event) => cb(event.payload));

/** `sync-finished`: emitted once when the start-up sync ends, well or badly. */
export const onSyncFinished = (cb: (outcome: SyncOutcome) => void): Promise<Unlisten> =>
  listen<SyncOutcome>('sync-finished', (event) => cb(event.payload));

/** `payment-status`: a payment whose status changed (while it is submitted, and when resumed at start-up). */
export const onPaymentStatus = (cb: (payment: Payment) => void): Promise<Unlisten> =>
  listen<Payment>('payment-status', (event) => cb(event.payload));

/** `budget-alert`: after a sync, a budget that passed 80 % or 100 % this month (each told once). */
export const onBudgetAlert = (cb: (alert: BudgetAlert) => void): Promise<Unlisten> =>
  listen<BudgetAlert>('budget-alert', (event) => cb(event.payload));

/** `card-reminder`: after a sync, a credit card due soon, due today or overdue (each state told once). */
export const onCardReminder = (cb: (reminder: CardReminder) => void): Promise<Unlisten> =>
  listen<CardReminder>('card-reminder', (event) => cb(event.payload));

/** Tells the backend the window now listens, so the start-up sync may send its alerts. */
export const windowListening = (): Promise<null> => invoke<null>('window_listening');

/** Tells the backend the window has painted its first screen with the wallet in it (it logs how long that took). */
export const firstScreenShown = (screen: string): Promise<null> =>
  invoke<null>('first_screen_shown', { screen });

/** The security log, newest first (`before`: the id of the last event already shown). */
export const securityLog = (query: SecurityLogQuery): Promise<SecurityEventDto[]> =>
  invoke<SecurityEventDto[]>('security_log', { query });

/**
 * Closes the account (注销) with the payment PIN and, when one is set up, a second-factor code (else null):
 * the wallet and its keys are deleted.
 */
export const closeAccount = (pin: string, secondFactor: string | null): Promise<null> =>
  invoke<null>('close_account', { pin, secondFactor });

/** The per-payment and daily limits (home currency) and what today's payments have used of the day. */
export const paymentLimits = (): Promise<PaymentLimits> => invoke<PaymentLimits>('payment_limits');

/** Changes the limits: lowering needs the PIN; raising also the second factor (`secondFactorNotSet` without). */
export const setPaymentLimits = (request: SetPaymentLimits): Promise<PaymentLimits> =>
  invoke<PaymentLimits>('set_payment_limits', { request });

/** Whether a second factor is set up, and how many recovery codes are left unused. */
export const secondFactorStatus = (): Promise<SecondFactorStatus> =>
  invoke<SecondFactorStatus>('second_factor_status');

/**
 * Starts setting up an authenticator, with the payment PIN: its QR code and key; nothing is kept until
 * confirmed. Rejects with `wrongPin`, `pinLocked`.
 */
export const beginSecondFactor = (request: BeginSecondFactor): Promise<SecondFactorSetup> =>
  invoke<SecondFactorSetup>('begin_second_factor', { request });

/** Keeps the key once a code from the app matches, with the PIN; answers the recovery codes, shown once. */
export const confirmSecondFactor = (request: ConfirmSecondFactor): Promise<RecoveryCodes> =>
  invoke<RecoveryCodes>('confirm_second_factor', { request });

/** Removes the second factor with the PIN and an authenticator or recovery code. */
export const removeSecondFactor = (request: RemoveSecondFactor): Promise<SecondFactorStatus> =>
  invoke<SecondFactorStatus>('remove_second_factor', { request });

/** Whether Purse is locked, whether an app password is set, and the auto-lock minutes; answers while locked. */
export const lockStatus = (): Promise<LockStatus> => invoke<LockStatus>('lock_status');

/** Locks now: every other command is refused (`locked`) until unlocked. */
export const lockApp = (): Promise<LockStatus> => invoke<LockStatus>('lock_app');

/** Tells the backend the person is still at the window (its own idle lock counts from the last command). */
export const stillHere = (): Promise<void> => invoke<void>('still_here');

/**
 * Unlocks with the app password; with none set, `null` asks the OS keyring, and a passphrase wallet takes
 * its passphrase. Rejects with `wrongPassword` (and stays locked); after five wrong in a row, with
 * `tooManyTries` for 15 minutes.
 */
export const unlockApp = (password: string | null): Promise<LockStatus> =>
  invoke<LockStatus>('unlock_app', { password });

/**
 * Sets, changes or (`password: null`) removes the app password, with the payment PIN and the current
 * password when one is set; rejects with `invalidInput` (under 8 characters), `wrongPin`, `wrongPassword`.
 */
export const setAppPassword = (request: SetAppPassword): Promise<LockStatus> =>
  invoke<LockStatus>('set_app_password', { request });

/** Locks by itself after this many idle minutes (0: never, at most 1440). */
export const setAutoLock = (request: SetAutoLock): Promise<LockStatus> =>
  invoke<LockStatus>('set_auto_lock', { request });

/**
 * Opens the wallet with a passphrase when it could not open at start (`keyringUnavailable`: a new one, at
 * least 10 characters; `passphraseNeeded`: its own). Rejects with `invalidInput` or `wrongPassword`; on
 * success the start-up sync runs and `sync-finished` follows.
 */
export const openWithPassphrase = (passphrase: string): Promise<null> =>
  invoke<null>('open_with_passphrase', { passphrase });

/**
 * Starts over a wallet refused at start as `walletMissing` or `walletForeign`: deletes its keys and files
 * (the bank must be linked again) and opens a new wallet as at start; `lockStatus` then says where it
 * stands. Rejects with `invalidInput` while a wallet is open, or with the reason it was not opened when
 * that is another one; with `walletInUse` while another Purse has the folder.
 */
export const startOver = (): Promise<null> => invoke<null>('start_over');

/** Opens the wallet again after `walletInUse` at start; rejects with `walletInUse` while it still is. */
export const retryOpen = (): Promise<null> => invoke<null>('retry_open');

/** `unusual-line`: after a sync, a line that took money out and looks unusual ("Don't recognise this?"). */
export const onUnusualLine = (cb: (alert: UnusualLineAlert) => void): Promise<Unlisten> =>
  listen<UnusualLineAlert>('unusual-line', (event) => cb(event.payload));

/** Every code the backend sends; a Record so that a code added to the bindings fails `npm run check` here. */
const ERROR_CODES: Record<ErrorCode, true> = {
  invalidInput: true,
  notFound: true,
  bankUnreachable: true,
  bankRelinkNeeded: true,
  bankError: true,
  busy: true,
  pinNotSet: true,
  wrongPin: true,
  pinLocked: true,
  storage: true,
  keyringUnavailable: true,
  wrongKey: true,
  paymentsPending: true,
  secondFactorRequired: true,
  secondFactorNotSet: true,
  wrongSecondFactor: true,
  riskBlocked: true,
  tooManyTries: true,
  locked: true,
  wrongPassword: true,
  passphraseNeeded: true,
  dateOrderNeeded: true,
  quoteExpired: true,
  walletInUse: true,
  walletMissing: true,
  walletForeign: true,
  internal: true,
};

/** What every command rejects with: branch on `code`, show `message`. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** A message for the user from whatever a command rejected with. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
