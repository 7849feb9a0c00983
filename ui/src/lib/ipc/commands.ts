// Generated from the wallet-app methods marked #[commands] (crates/wallet-app/src/commands.rs).
// Do not edit by hand: run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test commands`.
import { invoke } from './invoke';
import type { AccountDto, AccountsOverview, BeginSecondFactor, BudgetProgress, CardStatus, CategoryNode, ConfirmSecondFactor, EnableBankingBankDto, ExportResult, ImportPreview, ImportRecordDto, ImportRequest, InternationalQuoteDto, InternationalQuoteRequest, LinkDto, LockStatus, MonthlyStatement, NewPayee, Offer, OfferQuote, PayeeDto, Payment, PaymentDraft, PaymentLimits, PinStatus, PointsOverview, Recategorise, RecategoriseResult, ReceiveCode, RecipientAbroadCheck, RecipientAbroadDraft, RecoveryCodes, RecurringOverview, RedeemRequest, Redemption, RemoveSecondFactor, RiskAssessment, ScannedCode, SecondFactorSetup, SecondFactorStatus, SecurityEventDto, SecurityLogQuery, SetAppPassword, SetAutoLock, SetBudget, SetPaymentLimits, Settings, SettingsPatch, StatementQuery, TransactionPage, TransactionQuery, Trend, TrendQuery } from './bindings';

/**
 * Saves a payee: a high-risk action (a thief's first step is to add themselves), so it needs the
 * PIN and, when one is set up, the second factor.
 */
export const addPayee = (payee: NewPayee): Promise<PayeeDto> =>
  invoke<PayeeDto>('add_payee', { payee });

/**
 * What the risk checks make of a payment, before the PIN is asked: the window shows the reasons
 * and asks for the second factor when it will be needed.
 */
export const assessPayment = (draft: PaymentDraft): Promise<RiskAssessment> =>
  invoke<RiskAssessment>('assess_payment', { draft });

/**
 * Starts setting up a key, with the PIN: shown as a QR code and as text, kept only in memory until
 * confirmed. One already set up is removed first (with the PIN and one of its codes).
 */
export const beginSecondFactor = (request: BeginSecondFactor): Promise<SecondFactorSetup> =>
  invoke<SecondFactorSetup>('begin_second_factor', { request });

/**
 * This month's budgets, each with what has been spent against it and its gauge's chart option.
 */
export const budgetProgress = (): Promise<BudgetProgress[]> =>
  invoke<BudgetProgress[]>('budget_progress');

/**
 * The card's latest statement and where it stands today.
 */
export const cardStatus = (accountId: string): Promise<CardStatus> =>
  invoke<CardStatus>('card_status', { accountId });

/**
 * The recipient as typed, field by field (the window shows the messages as the user types).
 */
export const checkRecipientAbroad = (draft: RecipientAbroadDraft): Promise<RecipientAbroadCheck> =>
  invoke<RecipientAbroadCheck>('check_recipient_abroad', { draft });

/**
 * Writes the import: every new row as a bill line of the chosen account, the linked rows as links,
 * all in one database transaction.
 */
export const commitImport = (request: ImportRequest): Promise<ImportRecordDto> =>
  invoke<ImportRecordDto>('commit_import', { request });

/**
 * Keeps the key once a code from the app matches it, with the PIN; returns the recovery codes,
 * which are shown this once.
 */
export const confirmSecondFactor = (request: ConfirmSecondFactor): Promise<RecoveryCodes> =>
  invoke<RecoveryCodes>('confirm_second_factor', { request });

/**
 * A picture of a code (PNG or JPEG, base64), as chosen from a file, dropped, or pasted.
 */
export const decodeQrImage = (imageBase64: string): Promise<ScannedCode> =>
  invoke<ScannedCode>('decode_qr_image', { imageBase64 });

/**
 * The banks Enable Banking reaches in `country` (two letters) whose name holds `search`, as the
 * person's application (its id and private key PEM) sees them.
 */
export const enableBankingBanks = (appId: string, keyPem: string, country: string, search: string): Promise<EnableBankingBankDto[]> =>
  invoke<EnableBankingBankDto[]>('enable_banking_banks', { appId, keyPem, country, search });

/**
 * Every bill the query selects (its cursor and limit are ignored), as CSV in a new file in the
 * Downloads folder (the window has no file dialog).
 */
export const exportBillsCsv = (query: TransactionQuery): Promise<ExportResult> =>
  invoke<ExportResult>('export_bills_csv', { query });

export const getAccount = (accountId: string): Promise<AccountDto> =>
  invoke<AccountDto>('get_account', { accountId });

export const getPayment = (paymentId: string): Promise<Payment> =>
  invoke<Payment>('get_payment', { paymentId });

export const getSettings = (): Promise<Settings> =>
  invoke<Settings>('get_settings');

/**
 * Links (or renews) a European bank through the person's Enable Banking application (its id and
 * private key PEM): the bank's consent page opens in the browser and Purse waits on
 * `http://127.0.0.1:8765/purse/enable-banking`, the address the application must have registered.
 */
export const linkEuropeanBank = (appId: string, keyPem: string, bankName: string, country: string): Promise<LinkDto> =>
  invoke<LinkDto>('link_european_bank', { appId, keyPem, bankName, country });

/**
 * Links SimpleFIN Bridge with a setup token the person pasted: claimed once for an access URL,
 * kept in the keychain before anything else can fail, then synced. The token and the access URL
 * never reach the wallet file, a log or an answer.
 */
export const linkSimplefin = (setupToken: string): Promise<LinkDto> =>
  invoke<LinkDto>('link_simplefin', { setupToken });

/**
 * Every account, and what the user owns, owes and is worth in the home currency.
 */
export const listAccounts = (): Promise<AccountsOverview> =>
  invoke<AccountsOverview>('list_accounts');

/**
 * Every category, parents before their children, for pickers.
 */
export const listCategories = (): Promise<CategoryNode[]> =>
  invoke<CategoryNode[]>('list_categories');

/**
 * Every import, newest first (undone ones too, with `undoneAt`).
 */
export const listImports = (): Promise<ImportRecordDto[]> =>
  invoke<ImportRecordDto[]>('list_imports');

/**
 * Every bank link: its kind, state (with the bank's words), accounts, last and next sync, and
 * how long its consent holds.
 */
export const listLinks = (): Promise<LinkDto[]> =>
  invoke<LinkDto[]>('list_links');

/**
 * The bank's offers as the last sync found them.
 */
export const listOffers = (): Promise<Offer[]> =>
  invoke<Offer[]>('list_offers');

export const listPayees = (): Promise<PayeeDto[]> =>
  invoke<PayeeDto[]>('list_payees');

/**
 * The newest payments first.
 */
export const listPayments = (): Promise<Payment[]> =>
  invoke<Payment[]>('list_payments');

/**
 * Locks now: every other command is refused (`locked`) until unlocked.
 */
export const lockApp = (): Promise<LockStatus> =>
  invoke<LockStatus>('lock_app');

/**
 * Whether Purse is locked, whether an app password is set, and the auto-lock minutes; answers while
 * locked.
 */
export const lockStatus = (): Promise<LockStatus> =>
  invoke<LockStatus>('lock_status');

/**
 * A month's statement: balances, income and spending, by category and payee, and the donut's chart
 * option.
 */
export const monthlyStatement = (query: StatementQuery): Promise<MonthlyStatement> =>
  invoke<MonthlyStatement>('monthly_statement', { query });

/**
 * One page of bills, newest first; pass the returned `nextCursor` back for the next one.
 */
export const pageTransactions = (query: TransactionQuery): Promise<TransactionPage> =>
  invoke<TransactionPage>('page_transactions', { query });

/**
 * The per-payment and daily limits (home currency) and what today's payments have used of the day.
 */
export const paymentLimits = (): Promise<PaymentLimits> =>
  invoke<PaymentLimits>('payment_limits');

export const pinStatus = (): Promise<PinStatus> =>
  invoke<PinStatus>('pin_status');

/**
 * The points screen, from the last sync.
 */
export const pointsOverview = (): Promise<PointsOverview> =>
  invoke<PointsOverview>('points_overview');

/**
 * What importing a statement file would do, without writing anything: its format, the account (the
 * chosen one, or the one its card number names), each row new, already imported or matching a bank
 * line, and the rows left out. A file Purse cannot read rejects with `invalidInput` naming the line (a
 * QIF file without `dateOrder` asks for one).
 */
export const previewImport = (request: ImportRequest): Promise<ImportPreview> =>
  invoke<ImportPreview>('preview_import', { request });

/**
 * Asks the bank for a firm price of the payment: its rate, its charges, what arrives, until when.
 */
export const quoteInternational = (request: InternationalQuoteRequest): Promise<InternationalQuoteDto> =>
  invoke<InternationalQuoteDto>('quote_international', { request });

/**
 * What the bank would take off this payment now (asked before the PIN, for the confirmation sheet).
 * Money between the user's own accounts gets no offer.
 */
export const quoteOffer = (draft: PaymentDraft): Promise<OfferQuote> =>
  invoke<OfferQuote>('quote_offer', { draft });

/**
 * A code's text (pasted, or from the sandbox's list of merchants), checked.
 */
export const readQrCode = (payload: string): Promise<ScannedCode> =>
  invoke<ScannedCode>('read_qr_code', { payload });

/**
 * Moves one bill to another category, or (`forWholePayee`) every bill of its payee, with a rule for
 * new ones.
 */
export const recategorise = (request: Recategorise): Promise<RecategoriseResult> =>
  invoke<RecategoriseResult>('recategorise', { request });

/**
 * My code for someone to pay into `account_id`, with the amount fixed when one is given.
 */
export const receiveCode = (accountId: string, amount: string | null): Promise<ReceiveCode> =>
  invoke<ReceiveCode>('receive_code', { accountId, amount });

/**
 * Subscriptions and regular bills found in the last two years, and what the active ones cost a month.
 */
export const recurringPayments = (): Promise<RecurringOverview> =>
  invoke<RecurringOverview>('recurring_payments');

/**
 * Spends points at the bank (with the PIN), then syncs so the balance and a bill credit's line show.
 */
export const redeemPoints = (request: RedeemRequest): Promise<Redemption> =>
  invoke<Redemption>('redeem_points', { request });

/**
 * Removes a category's budget (`notFound` when it has none); answers with the budgets left.
 */
export const removeBudget = (categoryId: string): Promise<BudgetProgress[]> =>
  invoke<BudgetProgress[]>('remove_budget', { categoryId });

export const removePayee = (payeeId: string): Promise<null> =>
  invoke<null>('remove_payee', { payeeId });

/**
 * Removes the key, with the PIN and a current code (or a recovery code, for a lost phone).
 */
export const removeSecondFactor = (request: RemoveSecondFactor): Promise<SecondFactorStatus> =>
  invoke<SecondFactorStatus>('remove_second_factor', { request });

/**
 * Renews a link whose consent ends or ended: the person consents again at the bank, in the browser,
 * and the link goes on with the same accounts. A SimpleFIN link is renewed by linking it again
 * with a new setup token.
 */
export const renewLink = (linkId: string): Promise<LinkDto> =>
  invoke<LinkDto>('renew_link', { linkId });

/**
 * Whether a second factor is set up, and how many recovery codes are left unused.
 */
export const secondFactorStatus = (): Promise<SecondFactorStatus> =>
  invoke<SecondFactorStatus>('second_factor_status');

/**
 * Newest first. Events of a kind this release does not know (written by a newer one) are left out.
 */
export const securityLog = (query: SecurityLogQuery): Promise<SecurityEventDto[]> =>
  invoke<SecurityEventDto[]>('security_log', { query });

/**
 * Sets, changes or (with `password: None`) removes the app password; needs the payment PIN, and
 * the current password when one is set.
 */
export const setAppPassword = (request: SetAppPassword): Promise<LockStatus> =>
  invoke<LockStatus>('set_app_password', { request });

/**
 * Locks by itself after this many idle minutes (0: never, at most 1440).
 */
export const setAutoLock = (request: SetAutoLock): Promise<LockStatus> =>
  invoke<LockStatus>('set_auto_lock', { request });

/**
 * Sets (or replaces) a category's monthly budget, in the home currency; answers with every budget.
 */
export const setBudget = (request: SetBudget): Promise<BudgetProgress[]> =>
  invoke<BudgetProgress[]>('set_budget', { request });

/**
 * Changes the limits: lowering needs the PIN; raising also the second factor (`secondFactorNotSet`
 * without).
 */
export const setPaymentLimits = (request: SetPaymentLimits): Promise<PaymentLimits> =>
  invoke<PaymentLimits>('set_payment_limits', { request });

/**
 * Sets the payment PIN. Only once: changing it needs the old one (and, later, the second factor).
 */
export const setPaymentPin = (pin: string): Promise<PinStatus> =>
  invoke<PinStatus>('set_payment_pin', { pin });

/**
 * The last `months` months (12 or 24 here): totals, spending by category, balances, and two chart
 * options.
 */
export const spendingTrend = (query: TrendQuery): Promise<Trend> =>
  invoke<Trend>('spending_trend', { query });

/**
 * The person is still at the window (reading, moving the pointer): the idle lock counts from now.
 */
export const stillHere = (): Promise<null> =>
  invoke<null>('still_here');

/**
 * Removes every line an import added (its links go too); the totals follow.
 */
export const undoImport = (importId: number): Promise<ImportRecordDto[]> =>
  invoke<ImportRecordDto[]>('undo_import', { importId });

/**
 * Unlinks: the link's credentials forgotten at once; its accounts and bills kept (`keep_bills`,
 * the link then shown as unlinked) or deleted with it. The demo bank is not unlinked (start over).
 */
export const unlink = (linkId: string, keepBills: boolean): Promise<null> =>
  invoke<null>('unlink', { linkId, keepBills });

export const updateSettings = (patch: SettingsPatch): Promise<Settings> =>
  invoke<Settings>('update_settings', { patch });
