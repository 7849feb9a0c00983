//! The app password and the idle lock's minutes, set from Settings behind the payment PIN (the lock
//! itself, and unlocking, are parts/app_lock.rs).

use crate::commands::commands;

use super::tries::{Guarded, Outcome};
use crate::dto::security::{LockStatus, SecurityEventKind, SetAppPassword, SetAutoLock};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Security;
use crate::password_hash;

pub(crate) const PASSWORD_HASH: &str = "lock.password_hash";
const IDLE_MINUTES: &str = "lock.idle_minutes";
/// Until the user chooses: lock after 5 idle minutes.
pub(crate) const DEFAULT_IDLE_MINUTES: u32 = 5;
/// Longest choice: a day. 0 is "never".
const MAX_IDLE_MINUTES: u32 = 24 * 60;
const MIN_PASSWORD_CHARS: usize = 8;

#[commands]
impl Security {
    /// The person is still at the window (reading, moving the pointer): the idle lock counts from now.
    pub async fn still_here(&self) -> ApiResult<()> {
        self.cx.pass_gate()
    }

    /// Checks a typed password or passphrase, counted before `check` runs: the try that uses up the
    /// last one locks unlocking (refused, and logged).
    pub(crate) async fn typed_password(
        &self,
        check: impl std::future::Future<Output = ApiResult<bool>>,
    ) -> ApiResult<bool> {
        let number = self.count_try(Guarded::AppPassword).await?;
        let right = check.await?;
        match self.settle_try(Guarded::AppPassword, number, right).await? {
            Outcome::Locked { until } => {
                let detail = format!("locked until {}", until.to_rfc3339());
                self.cx
                    .record(SecurityEventKind::UnlockFailed, Some(&detail))
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
        if let Some(hash) = self.cx.store.setting(PASSWORD_HASH).await? {
            let current = request.current.as_ref().map(|c| c.expose().as_str());
            let current = current.unwrap_or("").to_string();
            if !self
                .typed_password(password_hash::matches(current, hash))
                .await?
            {
                self.cx.record(SecurityEventKind::UnlockFailed, None).await;
                return Err(ApiError::new(
                    ErrorCode::WrongPassword,
                    "The current app password is wrong. Nothing was changed.",
                ));
            }
        }
        match &request.password {
            Some(new) => {
                let hash = password_hash::hash(new.expose().clone()).await?;
                self.cx.store.set_setting(PASSWORD_HASH, &hash).await?;
            }
            None => self.cx.store.delete_setting(PASSWORD_HASH).await?,
        }
        self.cx
            .record(SecurityEventKind::AppPasswordChanged, None)
            .await;
        crate::parts::app_lock::status(&self.cx).await
    }

    /// Locks by itself after this many idle minutes (0: never, at most 1440).
    pub async fn set_auto_lock(&self, request: SetAutoLock) -> ApiResult<LockStatus> {
        if request.minutes > MAX_IDLE_MINUTES {
            return Err(ApiError::invalid(format!(
                "Auto-lock after at most {MAX_IDLE_MINUTES} minutes (0: never)."
            )));
        }
        self.cx
            .store
            .set_setting(IDLE_MINUTES, &request.minutes.to_string())
            .await?;
        self.cx.lock_state().idle_minutes = request.minutes;
        crate::parts::app_lock::status(&self.cx).await
    }
}

/// The idle minutes the user chose, read when the wallet opens.
pub(crate) async fn chosen_idle_minutes(store: &wallet_store::Store) -> ApiResult<u32> {
    Ok(store
        .setting(IDLE_MINUTES)
        .await?
        .and_then(|text| text.parse().ok())
        .unwrap_or(DEFAULT_IDLE_MINUTES))
}
