//! The app lock (issue 5): the window shows nothing of the wallet while locked, and every part but this
//! one refuses (the gate in crate::context, passed in `Wallet`'s part accessors), for the desktop, the
//! CLI and any other front end alike. Unlocking takes the app password (argon2id) when one is set,
//! otherwise the OS keyring, which must hand over the wallet's key again (a locked keyring asks for the
//! login password), or, for a wallet opened with a passphrase, the passphrase. Locks by hand, and by
//! itself after the chosen idle minutes without a command. Each typed password or passphrase is counted
//! before it is checked (parts/security/tries.rs): five wrong in a row refuse unlocking for 15 minutes,
//! however many are sent at once. Setting the password and the idle minutes is the Security part's.

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use crate::dto::security::{LockStatus, SecurityEventKind};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Security;
use crate::parts::security::PASSWORD_HASH;
use crate::password_hash;

/// The lock's own commands: the one part that answers while Purse is locked.
pub struct AppLock {
    pub(crate) cx: Arc<Context>,
    pub(crate) security: Arc<Security>,
}

fn internal(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, error.to_string())
}

#[commands]
impl AppLock {
    /// Whether Purse is locked, whether an app password is set, and the auto-lock minutes; answers while
    /// locked.
    pub async fn lock_status(&self) -> ApiResult<LockStatus> {
        status(&self.cx).await
    }

    /// Locks now: every other command is refused (`locked`) until unlocked.
    pub async fn lock_app(&self) -> ApiResult<LockStatus> {
        let was_locked = std::mem::replace(&mut self.cx.lock_state().locked, true);
        if !was_locked {
            self.cx.record(SecurityEventKind::AppLocked, None).await;
        }
        status(&self.cx).await
    }
}

impl AppLock {
    /// Unlocks with the app password, or, when none is set, with the OS keyring.
    pub async fn unlock_app(&self, password: Option<&str>) -> ApiResult<LockStatus> {
        let typed = password.unwrap_or("").to_string();
        let right = match self.cx.store.setting(PASSWORD_HASH).await? {
            Some(hash) => {
                self.security
                    .typed_password(password_hash::matches(typed, hash))
                    .await?
            }
            None if self.cx.keychain.is_sealed() => {
                self.security
                    .typed_password(self.is_the_passphrase(&typed))
                    .await?
            }
            None => self.keyring_still_holds_the_key()?,
        };
        if !right {
            self.cx.record(SecurityEventKind::UnlockFailed, None).await;
            return Err(ApiError::new(
                ErrorCode::WrongPassword,
                "That is not the app password. Purse stays locked.",
            ));
        }
        {
            let mut state = self.cx.lock_state();
            state.locked = false;
            state.last_activity = self.cx.clock.now();
        }
        self.cx.record(SecurityEventKind::AppUnlocked, None).await;
        status(&self.cx).await
    }
}

impl AppLock {
    /// A passphrase wallet without an app password unlocks with its passphrase.
    async fn is_the_passphrase(&self, typed: &str) -> ApiResult<bool> {
        let (dir, typed) = (self.cx.data_dir().to_path_buf(), typed.to_string());
        let keys = tokio::task::spawn_blocking(move || crate::vault::keys_for(&dir, &typed))
            .await
            .map_err(internal)??;
        Ok(key_digest(&keys.database) == self.cx.key_digest)
    }

    fn keyring_still_holds_the_key(&self) -> ApiResult<bool> {
        Ok(self
            .cx
            .keychain
            .database_key()?
            .is_some_and(|key| key_digest(&key) == self.cx.key_digest))
    }
}

/// A digest of the wallet's key: enough to recognise it again, useless to open the file.
pub(crate) fn key_digest(key: &wallet_store::DatabaseKey) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(key.to_hex().expose().as_bytes()).into()
}

/// Whether Purse is locked, whether an app password is set, and the auto-lock minutes.
pub(crate) async fn status(cx: &Context) -> ApiResult<LockStatus> {
    let (locked, idle_minutes) = {
        let state = cx.lock_state();
        (state.locked, state.idle_minutes)
    };
    Ok(LockStatus {
        locked,
        has_password: cx.store.setting(PASSWORD_HASH).await?.is_some(),
        idle_minutes,
    })
}
