//! What an Enable Banking link keeps in the keychain, as one JSON: the person's application id and
//! private key, the session, its end, and each account with its uid (this session's) and its
//! identification hash (the wallet's key for it, stable across sessions). Never in the wallet file.

use chrono::{DateTime, FixedOffset};
use enable_banking::accounts::KnownAccount;
use enable_banking::wire;
use enable_banking::{AppKey, match_accounts};
use sensitive::Sensitive;
use serde::{Deserialize, Serialize};

use bank_link::{LinkError, LinkErrorKind};

/// The keychain's record of one link. Not `Debug`: it holds the private key.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Credential {
    /// The API address the session was made at.
    pub(crate) api_url: String,
    pub(crate) application_id: String,
    pub(crate) private_key_pem: String,
    pub(crate) session_id: String,
    pub(crate) aspsp: wire::AspspId,
    pub(crate) valid_until: DateTime<FixedOffset>,
    /// Each account as the session described it; `identification_hash` is the wallet's key for it.
    pub(crate) accounts: Vec<wire::Account>,
}

impl Credential {
    /// A new session's record: accounts seen in an earlier session keep the key they had then
    /// (matched by identification hash), so a renewed consent reaches the same Purse accounts.
    pub(crate) fn new(
        api_url: &str,
        application_id: &str,
        pem: &Sensitive<String>,
        session: wire::NewSession,
        earlier: Option<&Credential>,
    ) -> Self {
        let known: Vec<KnownAccount<String>> = earlier
            .map(|c| {
                c.accounts
                    .iter()
                    .map(|a| KnownAccount {
                        id: a.identification_hash.clone(),
                        identification_hash: a.identification_hash.clone(),
                        identification_hashes: a.identification_hashes.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let matched = match_accounts(&known, &session.accounts);
        let accounts = session
            .accounts
            .into_iter()
            .zip(matched)
            .map(|(mut account, earlier_key)| {
                if let Some(key) = earlier_key {
                    account.identification_hash = key;
                }
                account
            })
            .collect();
        Self {
            api_url: api_url.to_string(),
            application_id: application_id.trim().to_string(),
            private_key_pem: pem.expose().clone(),
            session_id: session.session_id,
            aspsp: session.aspsp,
            valid_until: session.access.valid_until,
            accounts,
        }
    }

    /// The JSON kept in the keychain.
    pub(crate) fn to_secret(&self) -> Result<Sensitive<String>, LinkError> {
        serde_json::to_string(self)
            .map(Sensitive::new)
            .map_err(|_| LinkError::local("the Enable Banking link could not be written down"))
    }

    /// Read back from the keychain; damaged means linking again.
    pub(crate) fn from_secret(secret: &Sensitive<String>) -> Result<Self, LinkError> {
        serde_json::from_str(secret.expose()).map_err(|_| {
            LinkError::new(
                LinkErrorKind::RelinkNeeded,
                "The kept Enable Banking link is damaged: link the bank again.",
            )
        })
    }

    /// The application key to sign with.
    pub(crate) fn key(&self) -> Result<AppKey, LinkError> {
        let pem = Sensitive::new(self.private_key_pem.clone());
        AppKey::from_pem(&self.application_id, &pem)
            .map_err(|error| LinkError::refused(error.to_string()))
    }

    /// The session's uid of the account the wallet knows by `key`.
    pub(crate) fn uid_of(&self, key: &str) -> Option<&str> {
        self.accounts
            .iter()
            .find(|a| a.identification_hash == key)
            .and_then(|a| a.uid.as_deref())
    }
}
