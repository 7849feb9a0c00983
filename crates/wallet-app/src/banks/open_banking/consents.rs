//! Every account-access consent the wallet creates is remembered (keyring or sealed vault, beside the
//! tokens) until the bank confirms it revoked: relinking revokes the consents it replaces, and closing
//! the account revokes them all, so no consent is left at the bank that could still read the accounts.

use bank_api::{AccessToken, BankError};

use super::OpenBanking;
use crate::error::ApiResult;

impl OpenBanking {
    /// Remembers a consent just created, before anything can fail with it unrecorded.
    pub(super) fn remember_consent(&self, consent_id: &str) -> ApiResult<()> {
        let mut open = self.keychain.open_consents(self.link)?;
        if !open.iter().any(|id| id == consent_id) {
            open.push(consent_id.to_string());
        }
        self.keychain.keep_open_consents(self.link, &open)
    }

    /// Revokes every remembered consent but `keep` (the one the link now uses). A consent the bank could
    /// not revoke now stays remembered, for the next relink or the account's closure.
    pub(super) async fn revoke_replaced(&self, client_token: &AccessToken, keep: &str) {
        if let Err(error) = self.revoke_remembered(client_token, Some(keep)).await {
            tracing::warn!(%error, "a replaced bank consent could not be revoked yet");
        }
    }

    /// Revokes every consent the wallet created and has not revoked yet, the link's own among them
    /// (closing the account). Fails if the bank cannot be reached or refuses; whatever was revoked stays so.
    pub(super) async fn revoke_every_consent(&self) -> ApiResult<()> {
        let _one_at_a_time = self.consents.lock().await;
        if self.keychain.open_consents(self.link)?.is_empty() {
            return Ok(());
        }
        let client_token = self.client.client_credentials_token().await?.access_token;
        self.revoke_remembered(&client_token, None).await
    }

    /// Revokes the remembered consents (but `keep`) with the wallet's client token, forgetting each one the
    /// bank revoked or no longer knows; stops at the first other failure.
    async fn revoke_remembered(
        &self,
        client_token: &AccessToken,
        keep: Option<&str>,
    ) -> ApiResult<()> {
        let mut open = self.keychain.open_consents(self.link)?;
        let mut outcome = Ok(());
        let mut still_open = Vec::new();
        for consent_id in open.drain(..) {
            if outcome.is_err() || Some(consent_id.as_str()) == keep {
                still_open.push(consent_id);
                continue;
            }
            match self.client.revoke_consent(client_token, &consent_id).await {
                Ok(()) => {}
                Err(error) if already_gone(&error) => {}
                Err(error) => {
                    outcome = Err(error.into());
                    still_open.push(consent_id);
                }
            }
        }
        self.keychain.keep_open_consents(self.link, &still_open)?;
        outcome
    }
}

/// The bank no longer knows the consent (revoked before, or expired and purged): nothing left to revoke.
fn already_gone(error: &BankError) -> bool {
    matches!(error, BankError::Rejected { status, code, .. }
        if *status == 404 || code == "UK.OBIE.Resource.NotFound")
}
