//! The app lock (issue 5): the window shows nothing of the wallet while locked, and every command but
//! these few refuses. Unlocking takes the app password (argon2id) when one is set, otherwise the OS
//! keyring, which must hand over the wallet's key again (a locked keyring asks for the login password),
//! or, for a wallet opened with a passphrase, the passphrase. Locks by hand, and by itself after the chosen idle minutes without a command.
//! Each typed password or passphrase is counted before it is checked (handlers/tries.rs): five wrong in a
//! row refuse unlocking for 15 minutes, however many are sent at once.

use crate::commands::commands;
use chrono::{DateTime, Duration, Utc};

use super::tries::{Guarded, Outcome};
use crate::dto::security::{LockStatus, SecurityEventKind, SetAppPassword, SetAutoLock};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::password_hash;
use crate::wallet::Wallet;

pub(crate) const PASSWORD_HASH: &str = "lock.password_hash";
const IDLE_MINUTES: &str = "lock.idle_minutes";
/// Until the user chooses: lock after 5 idle minutes.
pub(crate) const DEFAULT_IDLE_MINUTES: u32 = 5;
/// Longest choice: a day. 0 is "never".
const MAX_IDLE_MINUTES: u32 = 24 * 60;
const MIN_PASSWORD_CHARS: usize = 8;

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
    fn idle_over(&self, now: DateTime<Utc>) -> bool {
        self.idle_minutes > 0
            && now - self.last_activity >= Duration::minutes(i64::from(self.idle_minutes))
    }
}

fn internal(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, error.to_string())
}

fn locked_error() -> ApiError {
    ApiError::new(ErrorCode::Locked, "Purse is locked. Unlock it to go on.")
}

#[commands(even_locked)]
impl Wallet {
    /// Called before every command the window sends (but the lock's own): refuses while locked, and
    /// locks first when the wallet has been idle too long.
    pub fn check_unlocked(&self) -> ApiResult<()> {
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

    /// Whether Purse is locked now, or would be at the next command (its idle minutes are up). Changes
    /// nothing: for what the app says by itself (notifications), not for commands.
    pub fn is_locked(&self) -> bool {
        let state = self.lock_state();
        state.locked || state.idle_over(self.clock.now())
    }

    /// Whether Purse is locked, whether an app password is set, and the auto-lock minutes; answers while
    /// locked.
    pub async fn lock_status(&self) -> ApiResult<LockStatus> {
        let (locked, idle_minutes) = {
            let state = self.lock_state();
            (state.locked, state.idle_minutes)
        };
        Ok(LockStatus {
            locked,
            has_password: self.store.setting(PASSWORD_HASH).await?.is_some(),
            idle_minutes,
        })
    }

    /// Locks now: every other command is refused (`locked`) until unlocked.
    pub async fn lock_app(&self) -> ApiResult<LockStatus> {
        let was_locked = std::mem::replace(&mut self.lock_state().locked, true);
        if !was_locked {
            self.record(SecurityEventKind::AppLocked, None).await;
        }
        self.lock_status().await
    }
}

impl Wallet {
    /// Unlocks with the app password, or, when none is set, with the OS keyring.
    pub async fn unlock_app(&self, password: Option<&str>) -> ApiResult<LockStatus> {
        let typed = password.unwrap_or("").to_string();
        let right = match self.store.setting(PASSWORD_HASH).await? {
            Some(hash) => {
                self.typed_password(password_hash::matches(typed, hash))
                    .await?
            }
            None if self.keychain.is_sealed() => {
                self.typed_password(self.is_the_passphrase(&typed)).await?
            }
            None => self.keyring_still_holds_the_key()?,
        };
        if !right {
            self.record(SecurityEventKind::UnlockFailed, None).await;
            return Err(ApiError::new(
                ErrorCode::WrongPassword,
                "That is not the app password. Purse stays locked.",
            ));
        }
        {
            let mut state = self.lock_state();
            state.locked = false;
            state.last_activity = self.clock.now();
        }
        self.record(SecurityEventKind::AppUnlocked, None).await;
        self.lock_status().await
    }
}

#[commands]
impl Wallet {
    /// The person is still at the window (reading, moving the pointer): the idle lock counts from now.
    pub async fn still_here(&self) -> ApiResult<()> {
        self.check_unlocked()
    }

    /// Checks a typed password or passphrase, counted before `check` runs: the try that uses up the
    /// last one locks unlocking (refused, and logged).
    async fn typed_password(
        &self,
        check: impl std::future::Future<Output = ApiResult<bool>>,
    ) -> ApiResult<bool> {
        let number = self.count_try(Guarded::AppPassword).await?;
        let right = check.await?;
        match self.settle_try(Guarded::AppPassword, number, right).await? {
            Outcome::Locked { until } => {
                let detail = format!("locked until {}", until.to_rfc3339());
                self.record(SecurityEventKind::UnlockFailed, Some(&detail))
                    .await;
                Err(Guarded::AppPassword.locked(until))
            }
            Outcome::Right | Outcome::Wrong { .. } => Ok(right),
        }
    }

    /// Sets, changes or (with `password: None`) removes the app password; needs the payment PIN, and
    /// the current password when one is set.
    pub async fn set_app_password(&self, request: SetAppPassword) -> ApiResult<LockStatus> {
        if let Some(new) = &request.password
            && new.expose().chars().count() < MIN_PASSWORD_CHARS
        {
            return Err(ApiError::invalid(format!(
                "An app password has at least {MIN_PASSWORD_CHARS} characters."
            )));
        }
        self.check_payment_pin(request.pin.expose()).await?;
        if let Some(hash) = self.store.setting(PASSWORD_HASH).await? {
            let current = request.current.as_ref().map(|c| c.expose().as_str());
            let current = current.unwrap_or("").to_string();
            if !self
                .typed_password(password_hash::matches(current, hash))
                .await?
            {
                self.record(SecurityEventKind::UnlockFailed, None).await;
                return Err(ApiError::new(
                    ErrorCode::WrongPassword,
                    "The current app password is wrong. Nothing was changed.",
                ));
            }
        }
        match &request.password {
            Some(new) => {
                let hash = password_hash::hash(new.expose().clone()).await?;
                self.store.set_setting(PASSWORD_HASH, &hash).await?;
            }
            None => self.store.delete_setting(PASSWORD_HASH).await?,
        }
        self.record(SecurityEventKind::AppPasswordChanged, None)
            .await;
        self.lock_status().await
    }

    /// Locks by itself after this many idle minutes (0: never, at most 1440).
    pub async fn set_auto_lock(&self, request: SetAutoLock) -> ApiResult<LockStatus> {
        if request.minutes > MAX_IDLE_MINUTES {
            return Err(ApiError::invalid(format!(
                "Auto-lock after at most {MAX_IDLE_MINUTES} minutes (0: never)."
            )));
        }
        self.store
            .set_setting(IDLE_MINUTES, &request.minutes.to_string())
            .await?;
        self.lock_state().idle_minutes = request.minutes;
        self.lock_status().await
    }

    /// The idle minutes the user chose, read when the wallet opens.
    pub(crate) async fn chosen_idle_minutes(store: &wallet_store::Store) -> ApiResult<u32> {
        Ok(store
            .setting(IDLE_MINUTES)
            .await?
            .and_then(|text| text.parse().ok())
            .unwrap_or(DEFAULT_IDLE_MINUTES))
    }

    /// A passphrase wallet without an app password unlocks with its passphrase.
    async fn is_the_passphrase(&self, typed: &str) -> ApiResult<bool> {
        let (dir, typed) = (self.data_dir().to_path_buf(), typed.to_string());
        let keys = tokio::task::spawn_blocking(move || crate::vault::keys_for(&dir, &typed))
            .await
            .map_err(internal)??;
        Ok(key_digest(&keys.database) == self.key_digest)
    }

    fn keyring_still_holds_the_key(&self) -> ApiResult<bool> {
        Ok(self
            .keychain
            .database_key()?
            .is_some_and(|key| key_digest(&key) == self.key_digest))
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, LockState> {
        self.lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records an event from code that cannot wait for it (the idle check runs outside async).
    fn record_later(&self, kind: SecurityEventKind, detail: Option<&'static str>) {
        let store = self.store.clone();
        let at = self.clock.now();
        tokio::spawn(async move {
            if let Err(error) = store.record_security_event(at, kind.code(), detail).await {
                tracing::error!(%error, "the security log could not be written");
            }
        });
    }
}

/// A digest of the wallet's key: enough to recognise it again, useless to open the file.
pub(crate) fn key_digest(key: &wallet_store::DatabaseKey) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(key.to_hex().expose().as_bytes()).into()
}
