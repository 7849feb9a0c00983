//! Closing the account (注销): confirmed with the payment PIN and, when one is set up, the second
//! factor; refused while a payment is on its way,
//! then every consent the wallet created withdrawn at the bank, every export it wrote, the wallet file
//! and its logs deleted, and every keyring entry of the wallet removed — nothing of it is left on the
//! machine or readable at the bank. (The desktop app then deletes its WebView's data folders.)

use std::path::Path;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::paths::{SANDBOX_FILE, demo_bank_dir};
use crate::wallet::Wallet;

impl Wallet {
    /// Closes the account. Until the bank has withdrawn every consent nothing is deleted, so a refusal
    /// (wrong PIN, a payment under way, the bank out of reach) deletes nothing. The wallet is unusable
    /// afterwards: the caller drops it.
    pub async fn close_account(&self, pin: &str, second_factor: Option<&str>) -> ApiResult<()> {
        self.check_payment_pin(pin).await?;
        self.check_second_factor_when_set_up(second_factor).await?;
        let _no_sync = self.sync_lock.try_lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Busy,
                "A sync is running; close the account once it has finished.",
            )
        })?;
        let _no_payment = self.payment_lock.lock().await;
        if !self.store.unfinished_payments().await?.is_empty() {
            return Err(ApiError::new(
                ErrorCode::PaymentsPending,
                "A payment is still on its way. Close the account once it has finished: nothing was changed.",
            ));
        }
        let link_consent = self
            .bank
            .keychain()
            .link_tokens(self.link)?
            .map(|tokens| tokens.consent_id);
        self.bank.revoke_every_consent(link_consent).await?;
        for written in self.store.written_files().await? {
            super::export::remove_export(Path::new(&written))?;
        }

        self.store.close().await;
        let embedded = self.bank.stop_embedded().await;
        let dir = self.data_dir();
        // The keys first: forgetting them rewrites a passphrase wallet's vault, deleted next.
        self.bank.keychain().forget(&[self.link])?;
        crate::folder::remove_wallet_files(dir)?;
        if embedded {
            let bank_file = demo_bank_dir(dir).join(SANDBOX_FILE);
            wallet_store::remove_database_files(&bank_file).map_err(|error| {
                ApiError::new(
                    ErrorCode::Storage,
                    format!("{} could not be deleted: {error}", bank_file.display()),
                )
            })?;
        }
        // The folder lock's file (the lock itself goes with this process's wallet), and the folders
        // too when nothing else (of the user's) is in them.
        let _ = std::fs::remove_file(dir.join(crate::folder::LOCK_FILE));
        let _ = std::fs::remove_dir(dir);
        if embedded {
            let _ = std::fs::remove_dir(demo_bank_dir(dir));
        }
        Ok(())
    }
}
