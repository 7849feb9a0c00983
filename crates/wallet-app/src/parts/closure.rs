//! Closing the account (注销): confirmed with the payment PIN and, when one is set up, the second
//! factor; refused while a payment is on its way,
//! then every consent the wallet created withdrawn at the bank, every export it wrote, the wallet file
//! and its logs deleted, and every keyring entry of the wallet removed — nothing of it is left on the
//! machine or readable at the bank. (The desktop app then deletes its WebView's data folders.)

use std::sync::Arc;

use crate::context::Context;
use std::path::Path;

use crate::error::{ApiError, ApiResult, ErrorCode};

pub struct Closure {
    pub(crate) cx: Arc<Context>,
    /// Closing takes the PIN and the second factor.
    pub(crate) security: Arc<crate::parts::Security>,
    /// No sync runs while the account closes.
    pub(crate) links: Arc<crate::parts::Links>,
    /// Nor a payment.
    pub(crate) payments: Arc<crate::parts::Payments>,
}

impl Closure {
    /// Closes the account. Until the bank has withdrawn every consent nothing is deleted, so a refusal
    /// (wrong PIN, a payment under way, the bank out of reach) deletes nothing. The wallet is unusable
    /// afterwards: the caller drops it.
    pub async fn close_account(&self, pin: &str, second_factor: Option<&str>) -> ApiResult<()> {
        self.security.check_payment_pin(pin).await?;
        self.security
            .check_second_factor_when_set_up(second_factor)
            .await?;
        let _no_sync = self.links.sync_lock.try_lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Busy,
                "A sync is running; close the account once it has finished.",
            )
        })?;
        let _no_payment = self.payments.payment_lock.lock().await;
        if !self.cx.store.unfinished_payments().await?.is_empty() {
            return Err(ApiError::new(
                ErrorCode::PaymentsPending,
                "A payment is still on its way. Close the account once it has finished: nothing was changed.",
            ));
        }
        if let Ok(bank) = self.cx.bank() {
            bank.revoke_consents().await?;
        }
        self.links.revoke_every_link().await?;
        for written in self.cx.store.written_files().await? {
            crate::parts::bills::export::remove_export(Path::new(&written))?;
        }

        // Every link's credentials go: the composed bank's and each the person made.
        let links: Vec<_> = self
            .cx
            .store
            .list_bank_links()
            .await?
            .into_iter()
            .map(|link| link.id)
            .collect();
        self.cx.store.close().await;
        self.cx.stop_and_forget_bank().await?;
        let dir = self.cx.data_dir();
        // The keys first: forgetting them rewrites a passphrase wallet's vault, deleted next.
        self.cx.keychain.forget(&links)?;
        crate::folder::remove_wallet_files(dir)?;
        // The folder lock's file (the lock itself goes with this process's wallet), and the folders
        // too when nothing else (of the user's) is in them.
        let _ = std::fs::remove_file(dir.join(crate::folder::LOCK_FILE));
        let _ = std::fs::remove_dir(dir);
        Ok(())
    }
}
