// A hand-driven stand-in for the IPC seam (src/lib/ipc), so component tests control every backend answer
// and can emit the backend's sync, payment and alert events; plus an IntersectionObserver a test can "scroll".
// Purse answers unlocked, with no app password and no auto-lock, unless a test says otherwise.
import { vi } from 'vitest';
import type {
  BudgetAlert,
  CardReminder,
  LockStatus,
  Payment,
  SyncOutcome,
  SyncProgress,
  UnusualLineAlert,
} from '../lib/ipc/bindings';

type Listener<T> = (payload: T) => void;
const progressListeners = new Set<Listener<SyncProgress>>();
const finishedListeners = new Set<Listener<SyncOutcome>>();
const paymentListeners = new Set<Listener<Payment>>();
const budgetListeners = new Set<Listener<BudgetAlert>>();
const cardListeners = new Set<Listener<CardReminder>>();
const unusualListeners = new Set<Listener<UnusualLineAlert>>();
const bankPageListeners = new Set<Listener<string>>();

/** What `lock_status` answers by default: a fresh wallet, as the end-to-end tests start it. */
export const unlockedStatus = (): LockStatus => ({ locked: false, hasPassword: false, idleMinutes: 0 });

export const ipc = {
  listAccounts: vi.fn(),
  getAccount: vi.fn(),
  pageTransactions: vi.fn(),
  syncNow: vi.fn(),
  getSettings: vi.fn(),
  updateSettings: vi.fn(),
  onSyncProgress: vi.fn(async (cb: Listener<SyncProgress>) => {
    progressListeners.add(cb);
    return () => void progressListeners.delete(cb);
  }),
  onSyncFinished: vi.fn(async (cb: Listener<SyncOutcome>) => {
    finishedListeners.add(cb);
    return () => void finishedListeners.delete(cb);
  }),
  pinStatus: vi.fn(),
  setPaymentPin: vi.fn(),
  listPayees: vi.fn(),
  addPayee: vi.fn(),
  removePayee: vi.fn(),
  submitPayment: vi.fn(),
  checkRecipientAbroad: vi.fn(),
  quoteInternational: vi.fn(),
  payInternational: vi.fn(),
  listPayments: vi.fn(),
  getPayment: vi.fn(),
  readQrCode: vi.fn(),
  decodeQrImage: vi.fn(),
  receiveCode: vi.fn(),
  monthlyStatement: vi.fn(),
  spendingTrend: vi.fn(),
  listCategories: vi.fn(),
  recategorise: vi.fn(),
  onPaymentStatus: vi.fn(async (cb: Listener<Payment>) => {
    paymentListeners.add(cb);
    return () => void paymentListeners.delete(cb);
  }),
  budgetProgress: vi.fn(),
  setBudget: vi.fn(),
  removeBudget: vi.fn(),
  recurringPayments: vi.fn(),
  cardStatus: vi.fn(),
  exportBillsCsv: vi.fn(),
  previewImport: vi.fn(),
  commitImport: vi.fn(),
  listImports: vi.fn(),
  undoImport: vi.fn(),
  onBudgetAlert: vi.fn(async (cb: Listener<BudgetAlert>) => {
    budgetListeners.add(cb);
    return () => void budgetListeners.delete(cb);
  }),
  windowListening: vi.fn(async () => null),
  firstScreenShown: vi.fn(async () => null),
  securityLog: vi.fn(),
  closeAccount: vi.fn(),
  assessPayment: vi.fn(),
  pointsOverview: vi.fn(),
  listOffers: vi.fn(),
  redeemPoints: vi.fn(),
  quoteOffer: vi.fn(),
  submitPaymentWithOffer: vi.fn(),
  paymentLimits: vi.fn(),
  setPaymentLimits: vi.fn(),
  secondFactorStatus: vi.fn(),
  beginSecondFactor: vi.fn(),
  confirmSecondFactor: vi.fn(),
  removeSecondFactor: vi.fn(),
  onCardReminder: vi.fn(async (cb: Listener<CardReminder>) => {
    cardListeners.add(cb);
    return () => void cardListeners.delete(cb);
  }),
  lockStatus: vi.fn(async () => unlockedStatus()),
  lockApp: vi.fn(async () => ({ ...unlockedStatus(), locked: true })),
  stillHere: vi.fn(async () => undefined),
  unlockApp: vi.fn(),
  setAppPassword: vi.fn(),
  setAutoLock: vi.fn(),
  openWithPassphrase: vi.fn(),
  startOver: vi.fn(),
  retryOpen: vi.fn(),
  listLinks: vi.fn(),
  linkSimplefin: vi.fn(),
  linkBankInBrowser: vi.fn(),
  onBankPage: vi.fn(async (cb: Listener<string>) => {
    bankPageListeners.add(cb);
    return () => void bankPageListeners.delete(cb);
  }),
  unlink: vi.fn(),
  enableBankingBanks: vi.fn(),
  linkEuropeanBank: vi.fn(),
  renewLink: vi.fn(),
  onUnusualLine: vi.fn(async (cb: Listener<UnusualLineAlert>) => {
    unusualListeners.add(cb);
    return () => void unusualListeners.delete(cb);
  }),
};

/** What the backend would send as Tauri events. */
export const emit = {
  progress: (payload: SyncProgress) => progressListeners.forEach((cb) => cb(payload)),
  finished: (payload: SyncOutcome) => finishedListeners.forEach((cb) => cb(payload)),
  payment: (payload: Payment) => paymentListeners.forEach((cb) => cb(payload)),
  budgetAlert: (payload: BudgetAlert) => budgetListeners.forEach((cb) => cb(payload)),
  cardReminder: (payload: CardReminder) => cardListeners.forEach((cb) => cb(payload)),
  unusualLine: (payload: UnusualLineAlert) => unusualListeners.forEach((cb) => cb(payload)),
  bankPage: (url: string) => bankPageListeners.forEach((cb) => cb(url)),
};

export function resetListeners() {
  progressListeners.clear();
  finishedListeners.clear();
  paymentListeners.clear();
  budgetListeners.clear();
  cardListeners.clear();
  bankPageListeners.clear();
  unusualListeners.clear();
}

type Callback = (entries: Array<{ isIntersecting: boolean }>) => void;
const observers: Array<{ callback: Callback; live: boolean }> = [];

/** Replaces IntersectionObserver with one whose callbacks only run when a test calls scrollToEnd(). */
export function installIntersectionObserver() {
  observers.length = 0;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      private entry: { callback: Callback; live: boolean };
      constructor(callback: Callback) {
        this.entry = { callback, live: true };
        observers.push(this.entry);
      }
      observe() {}
      unobserve() {}
      disconnect() {
        this.entry.live = false;
      }
    },
  );
}

/** The sentinel below the bills comes into view. */
export function scrollToEnd() {
  for (const observer of observers.filter((o) => o.live)) observer.callback([{ isIntersecting: true }]);
}

export const liveObservers = () => observers.filter((o) => o.live).length;
