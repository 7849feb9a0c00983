//! What the commands share: the open wallet, or why it could not be opened (or that it was closed).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::watch;
use wallet_app::{ApiError, ErrorCode, Wallet, WalletConfig};

use crate::alerts::Alert;

pub struct AppState {
    wallet: RwLock<Result<Arc<Wallet>, ApiError>>,
    /// What the wallet was (or is to be) opened with: a wallet that needs a passphrase opens later.
    config: WalletConfig,
    /// Set once the window listens to the backend's events: what the start-up sync has to tell waits
    /// for it, or an alert told before then would be lost (and, being recorded as told, never repeated).
    listening: watch::Sender<bool>,
    /// When Purse started, and whether the window has shown its first screen since: how long a start
    /// takes goes to the log once, where the start-up measurement (scripts/measure-start.sh) reads it.
    started: Instant,
    first_screen_shown: AtomicBool,
    /// Alerts that came while Purse was locked, in memory only, told in full after the unlock.
    held_alerts: Mutex<Vec<Alert>>,
    closed: AtomicBool,
    /// Held while the wallet is opened again after start-up (start over, try again): one at a time, so
    /// a second try waiting for the folder's lock never overwrites the wallet the first one opened.
    reopening: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new(wallet: Result<Arc<Wallet>, ApiError>, config: WalletConfig) -> Self {
        Self {
            wallet: RwLock::new(wallet),
            config,
            listening: watch::Sender::new(false),
            started: Instant::now(),
            first_screen_shown: AtomicBool::new(false),
            held_alerts: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
            reopening: tokio::sync::Mutex::new(()),
        }
    }

    /// Counts the start from `started` (the process's first line) rather than from when the state was made.
    pub fn started_at(mut self, started: Instant) -> Self {
        self.started = started;
        self
    }

    /// How long after the start the window first showed a screen; `None` once that has been told.
    pub fn first_screen_shown(&self) -> Option<Duration> {
        let already = self.first_screen_shown.swap(true, Ordering::SeqCst);
        (!already).then(|| self.started.elapsed())
    }

    pub fn hold_alerts(&self, alerts: Vec<Alert>) {
        self.held().extend(alerts);
    }

    pub fn take_held_alerts(&self) -> Vec<Alert> {
        std::mem::take(&mut *self.held())
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Vec<Alert>> {
        self.held_alerts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn window_listens(&self) {
        self.listening.send_replace(true);
    }

    pub fn is_window_listening(&self) -> bool {
        *self.listening.borrow()
    }

    /// Waits until the window listens, or `limit` (a window that never says so must not hold alerts
    /// back for ever: the OS notifications still go out).
    pub fn until_window_listens(&self, limit: Duration) -> impl Future<Output = ()> + use<> {
        let mut listening = self.listening.subscribe();
        async move {
            let _ = tokio::time::timeout(limit, listening.wait_for(|listens| *listens)).await;
        }
    }

    /// The open wallet, or why there is none. Its parts are reached through the lock's gate (the
    /// wallet's accessors), so a locked window learns nothing of it.
    pub fn wallet(&self) -> Result<Arc<Wallet>, ApiError> {
        self.wallet
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn config(&self) -> &WalletConfig {
        &self.config
    }

    /// A wallet opened after start-up (with its passphrase).
    pub fn opened(&self, wallet: Arc<Wallet>) {
        self.reopened(Ok(wallet));
    }

    /// Why the wallet could not be opened, when that is what `done` — one of `reasons`, like
    /// `start_over` — is for; `Ok` holds the reopening's turn for as long as the caller opens again. A
    /// wallet that is open is refused; any other reason is told as it is.
    pub async fn not_open_for(
        &self,
        reasons: &[ErrorCode],
        done: &str,
    ) -> Result<tokio::sync::MutexGuard<'_, ()>, ApiError> {
        let turn = self.reopening.lock().await;
        match self.wallet() {
            Ok(_) => Err(ApiError::invalid(format!(
                "The wallet is open: {done} is only for a wallet that could not be opened. Nothing was changed."
            ))),
            Err(error) if reasons.contains(&error.code) => Ok(turn),
            Err(error) => Err(error),
        }
    }

    /// What the commands see from now on: the wallet opened again, or why it could not be.
    pub fn reopened(&self, opened: Result<Arc<Wallet>, ApiError>) {
        *self
            .wallet
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = opened;
    }

    /// Opening with the passphrase found the wallet's files missing or not its own: the commands say so
    /// from now on (the window's start-over screen), unless a wallet was opened meanwhile.
    pub fn refused_at_open(&self, error: &ApiError) {
        if !matches!(
            error.code,
            ErrorCode::WalletMissing | ErrorCode::WalletForeign
        ) {
            return;
        }
        let mut wallet = self
            .wallet
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if wallet.is_err() {
            *wallet = Err(error.clone());
        }
    }

    /// Whether the account was closed in this run (the window's data is deleted again at exit).
    pub fn was_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// After the account is closed: every command from now on says so.
    pub fn wallet_closed(&self) {
        self.closed.store(true, Ordering::SeqCst);
        *self
            .wallet
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Err(ApiError::new(
            wallet_app::ErrorCode::NotFound,
            "This wallet was closed and deleted. Start Purse again to begin a new one.",
        ));
    }
}
