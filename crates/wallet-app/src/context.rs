//! What every part of the wallet shares: the open wallet file, the clock, the bank, the keys, the
//! security log and the lock's gate. Each part (crate::parts) holds it; nothing else holds the store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use bank_link::{BankConnection, BankSource};
use chrono::{DateTime, Duration, Utc};
use url::Url;
use wallet_core::clock::SharedClock;
use wallet_core::{BankLinkId, Currency};
use wallet_store::Store;

use crate::banks::OpenBanking;
use crate::dto::security::SecurityEventKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::folder::FolderLock;
use crate::keychain::Keychain;
use crate::paths::local_bank_dir;

pub(crate) struct Context {
    pub store: Store,
    pub clock: SharedClock,
    /// Where the wallet's secrets are kept: the OS keyring, or a passphrase wallet's sealed vault.
    pub keychain: Keychain,
    pub home_currency: Currency,
    /// The digest of the key the wallet file was opened with, for unlocking with the keyring.
    pub key_digest: [u8; 32],
    /// The bank, through the seam; `None` when the wallet was opened without one.
    bank: Option<Box<dyn BankConnection>>,
    /// Where the bank came from: closing the account asks it to forget what it keeps on this machine.
    bank_source: Option<Arc<dyn BankSource>>,
    link: Option<BankLinkId>,
    /// The app lock: whether the wallet is locked, and since when no one used it.
    lock: Mutex<LockState>,
    /// How this front end shows a bank's page in the person's browser (set once it can: the desktop's
    /// opener, the CLI's terminal); none in a front end that cannot.
    browser: std::sync::RwLock<Option<Arc<dyn browser_sign_in::Browser>>>,
    data_dir: PathBuf,
    /// The OS lock on the wallet folder: no other process opens the wallet while this one has it. Last,
    /// so it is released after the wallet file is closed.
    _folder: FolderLock,
}

/// Whether the wallet is locked, and when a command last came (for the idle lock).
#[derive(Debug)]
pub(crate) struct LockState {
    pub locked: bool,
    pub last_activity: DateTime<Utc>,
    /// 0: never locks by itself.
    pub idle_minutes: u32,
}

impl LockState {
    /// The chosen idle minutes have passed since the last command.
    pub fn idle_over(&self, now: DateTime<Utc>) -> bool {
        self.idle_minutes > 0
            && now - self.last_activity >= Duration::minutes(i64::from(self.idle_minutes))
    }
}

/// What a wallet opened with, handed to its context.
pub(crate) struct Opened {
    pub store: Store,
    pub clock: SharedClock,
    pub keychain: Keychain,
    pub key_digest: [u8; 32],
    pub bank: Option<(Box<dyn BankConnection>, BankLinkId)>,
    pub bank_source: Option<Arc<dyn BankSource>>,
    pub lock: LockState,
    pub data_dir: PathBuf,
    pub folder: FolderLock,
}

impl Context {
    pub fn new(opened: Opened) -> Self {
        let (bank, link) = match opened.bank {
            Some((bank, link)) => (Some(bank), Some(link)),
            None => (None, None),
        };
        Context {
            store: opened.store,
            clock: opened.clock,
            keychain: opened.keychain,
            home_currency: Currency::CNY,
            key_digest: opened.key_digest,
            bank,
            bank_source: opened.bank_source,
            link,
            lock: Mutex::new(opened.lock),
            browser: std::sync::RwLock::new(None),
            data_dir: opened.data_dir,
            _folder: opened.folder,
        }
    }

    /// The gate every person's command passes (`Wallet`'s part accessors): refused while Purse is
    /// locked, and locked first when it has been idle too long; passing it counts as being used.
    pub fn pass_gate(&self) -> ApiResult<()> {
        let now = self.clock.now();
        let mut state = self.lock_state();
        if !state.locked && state.idle_over(now) {
            state.locked = true;
            drop(state);
            self.record_later(SecurityEventKind::AppLocked, Some("idle"));
            return Err(locked_error());
        }
        if state.locked {
            return Err(locked_error());
        }
        state.last_activity = now;
        Ok(())
    }

    /// Whether Purse is locked now, or would be at the next command (its idle minutes are up).
    pub fn is_locked(&self) -> bool {
        let state = self.lock_state();
        state.locked || state.idle_over(self.clock.now())
    }

    pub fn set_browser(&self, browser: Arc<dyn browser_sign_in::Browser>) {
        *self
            .browser
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(browser);
    }

    /// The person's browser, or why a bank's page cannot be shown here.
    pub fn browser(&self) -> ApiResult<Arc<dyn browser_sign_in::Browser>> {
        self.browser
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .ok_or_else(|| {
                ApiError::invalid(
                    "This needs you to sign in at the bank, and this Purse cannot open a browser.",
                )
            })
    }

    pub fn lock_state(&self) -> MutexGuard<'_, LockState> {
        self.lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The address the wallet's bank answers on (for the built-in demo bank, a loopback port).
    pub fn bank_url(&self) -> Option<&Url> {
        self.bank.as_ref().map(|bank| bank.base_url())
    }

    /// The wallet's bank, or why there is none.
    pub fn bank(&self) -> ApiResult<&dyn BankConnection> {
        self.bank.as_deref().ok_or_else(no_bank)
    }

    /// The bank's link in the wallet file.
    pub fn link(&self) -> ApiResult<BankLinkId> {
        self.link.ok_or_else(no_bank)
    }

    /// The bank as an Open Banking bank, for what only those offer (payments, points, rates).
    pub fn open_banking(&self) -> ApiResult<&OpenBanking> {
        self.bank()?
            .as_any()
            .downcast_ref::<OpenBanking>()
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "{} does not offer this through Purse. Nothing was changed.",
                    self.bank().map(|b| b.bank_name()).unwrap_or_default()
                ))
            })
    }

    /// Stops the bank, if it runs here.
    pub async fn stop_bank(&self) {
        if let Some(bank) = &self.bank {
            bank.stop().await;
        }
    }

    /// Closing the account: the bank stopped if it runs here, and whatever it keeps on this machine
    /// deleted (the built-in demo bank's books). Nothing happens without a bank.
    pub async fn stop_and_forget_bank(&self) -> ApiResult<()> {
        self.stop_bank().await;
        if let Some(source) = &self.bank_source {
            source.forget_local(&local_bank_dir(&self.data_dir))?;
        }
        Ok(())
    }

    /// Appends an event to the security log. A log that cannot be written must not stop what it
    /// records (a payment, a PIN check): the failure is logged instead.
    pub async fn record(&self, kind: SecurityEventKind, detail: Option<&str>) {
        if let Err(error) = self
            .store
            .record_security_event(self.clock.now(), kind.code(), detail)
            .await
        {
            tracing::error!(%error, kind = kind.code(), "the security log could not be written");
        }
    }

    /// Records an event from code that cannot wait for it (the gate runs outside async).
    pub fn record_later(&self, kind: SecurityEventKind, detail: Option<&'static str>) {
        let store = self.store.clone();
        let at = self.clock.now();
        tokio::spawn(async move {
            if let Err(error) = store.record_security_event(at, kind.code(), detail).await {
                tracing::error!(%error, "the security log could not be written");
            }
        });
    }
}

pub(crate) fn locked_error() -> ApiError {
    ApiError::new(ErrorCode::Locked, "Purse is locked. Unlock it to go on.")
}

fn no_bank() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "No bank is linked to this wallet. Nothing was changed.",
    )
}
