// The one seam between the UI and the Rust backend: typed functions over Tauri's `invoke` and events.
// Nothing else in the UI imports @tauri-apps/api, so tests mock this module (or mockIPC) and nothing else.
// The wallet's commands are generated from their Rust methods (./commands.ts, re-exported here); written
// here by hand are only the desktop's own few (they need the window's events or the app's state) and the
// events. Every command goes through ./invoke.ts, which tells the app lock of a `locked` refusal.
import { listen } from '@tauri-apps/api/event';
import { invoke, type Unlisten } from './invoke';
import type {
  BudgetAlert,
  CardReminder,
  LinkDto,
  LockStatus,
  OfferChoice,
  PayInternationalRequest,
  Payment,
  PaymentRequest,
  SyncOutcome,
  SyncProgress,
  SyncReport,
  UnusualLineAlert,
} from './bindings';

export type * from './bindings';
export * from './commands';
export { onLockedRefusal, type Unlisten } from './invoke';
export { errorMessage, isApiError } from './errors';

export const syncNow = (): Promise<SyncReport> => invoke<SyncReport>('sync_now');

/**
 * Pays, transfers or tops up. Resolves once the bank has answered (or the retries ran out: then the payment
 * is `queued` with the reason, and is resumed later); rejects with `wrongPin`, `pinLocked`, `pinNotSet`,
 * `riskBlocked`, `secondFactorRequired` (send `secondFactor` too), `wrongSecondFactor`, `secondFactorNotSet`…
 */
export const submitPayment = (request: PaymentRequest): Promise<Payment> =>
  invoke<Payment>('submit_payment', { request });

/**
 * Pays an accepted quote with the PIN (and a code when the checks ask): rejects with `quoteExpired` when
 * the rate no longer holds (nothing was paid: get a new quote), else like `submitPayment`.
 */
export const payInternational = (request: PayInternationalRequest): Promise<Payment> =>
  invoke<Payment>('pay_international', { request });

/** `submitPayment`, carrying the offer the sheet showed: the bank charges the amount less its discount. */
export const submitPaymentWithOffer = (
  request: PaymentRequest,
  offer: OfferChoice | null,
): Promise<Payment> => invoke<Payment>('submit_payment_with_offer', { request, offer });

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

/**
 * Closes the account (注销) with the payment PIN and, when one is set up, a second-factor code (else null):
 * the wallet and its keys are deleted.
 */
export const closeAccount = (pin: string, secondFactor: string | null): Promise<null> =>
  invoke<null>('close_account', { pin, secondFactor });

/** The bank page the backend just opened in the system browser (to show while waiting for the bank). */
export const onBankPage = (cb: (url: string) => void): Promise<Unlisten> =>
  listen<string>('bank-page', (event) => cb(event.payload));

/**
 * Links the wallet's bank as whoever signs in on its page, opened in the system browser; resolves once the
 * bank sends the browser back and the new link has synced (rejects after ten minutes without an answer, or
 * with the bank's refusal).
 */
export const linkBankInBrowser = (): Promise<LinkDto> => invoke<LinkDto>('link_bank_in_browser');

/**
 * Unlocks with the app password; with none set, `null` asks the OS keyring, and a passphrase wallet takes
 * its passphrase. Rejects with `wrongPassword` (and stays locked); after five wrong in a row, with
 * `tooManyTries` for 15 minutes.
 */
export const unlockApp = (password: string | null): Promise<LockStatus> =>
  invoke<LockStatus>('unlock_app', { password });

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
