//! The first bank behind the seam: an Open Banking v3.1 bank through the typed client (`bank_api`). It
//! holds the link's consent and tokens in the keychain (never the wallet file), asks the customer through
//! the composed consent step ([`bank_link::ConsentApproval`]) when it needs a consent, and maps the
//! bank's answers to the wallet's domain. Payments, points and rates are Open Banking features the
//! wallet reaches here (`Wallet::open_banking`).

mod consents;
mod mapping;
mod sync;

use std::sync::Arc;
use std::time::Duration;

use bank_api::{
    AccessToken, BankClient, BankEndpoint, ClientOptions, Permission, Pkce, RefreshToken, TokenSet,
};
use bank_link::{ConsentApproval, LinkError, ReachedBank, RunningBank};
use chrono::{DateTime, Utc};
use url::Url;
use wallet_core::BankLinkId;
use wallet_core::clock::SharedClock;
use wallet_store::LinkTokens;

use crate::error::{ApiError, ApiResult};
use crate::keychain::Keychain;

const PERMISSIONS: &[Permission] = &[
    Permission::ReadAccountsDetail,
    Permission::ReadBalances,
    Permission::ReadTransactionsBasic,
    Permission::ReadTransactionsDetail,
    Permission::ReadTransactionsCredits,
    Permission::ReadTransactionsDebits,
    Permission::ReadStatementsBasic,
    Permission::ReadStatementsDetail,
];

pub(crate) struct OpenBanking {
    client: BankClient,
    base_url: Url,
    bank_name: String,
    customer: String,
    link: BankLinkId,
    clock: SharedClock,
    /// How the customer approves a consent at the bank (composed by the front end).
    approval: Arc<dyn ConsentApproval>,
    /// Where the link's consent and tokens are kept: the OS keyring (or a passphrase wallet's sealed
    /// vault), never the wallet file.
    keychain: Keychain,
    /// A bank running in this process, kept alive while the wallet is open (or until the account closes).
    running: tokio::sync::Mutex<Option<Box<dyn RunningBank>>>,
    /// One change at a time to the remembered consents (a relink, the closure's revocation).
    consents: tokio::sync::Mutex<()>,
    /// The link's access token and its expiry, once read or received: a sync asks for it on every page,
    /// and the keyring is a D-Bus round trip.
    current: std::sync::Mutex<Option<(AccessToken, DateTime<Utc>)>>,
}

impl OpenBanking {
    /// The connection for `link` to the bank the front end composed.
    pub(crate) fn new(
        reached: ReachedBank,
        link: BankLinkId,
        clock: SharedClock,
        keychain: Keychain,
    ) -> ApiResult<Self> {
        if !crate::bank_address::is_allowed(&reached.base_url) {
            return Err(ApiError::invalid(
                crate::bank_address::bank_url(reached.base_url.as_str())
                    .err()
                    .unwrap_or_default(),
            ));
        }
        let endpoint = BankEndpoint {
            base_url: reached.base_url.clone(),
            client_id: reached.client_id,
            redirect_uri: reached.approval.redirect_uri(),
        };
        let options = ClientOptions {
            timeout: Duration::from_secs(15),
            ..ClientOptions::default()
        };
        Ok(Self {
            client: BankClient::new(endpoint, options)?,
            base_url: reached.base_url,
            bank_name: reached.bank_name,
            customer: reached.customer,
            link,
            clock,
            approval: reached.approval,
            keychain,
            running: tokio::sync::Mutex::new(reached.running),
            consents: tokio::sync::Mutex::new(()),
            current: std::sync::Mutex::new(None),
        })
    }

    pub(crate) fn client(&self) -> &BankClient {
        &self.client
    }

    /// A valid access token for the link: the stored one, a refreshed one, or — when the bank no longer
    /// knows the wallet — a new consent the customer approves.
    pub(crate) async fn access_token(&self) -> ApiResult<AccessToken> {
        let fresh_until = self.clock.now() + chrono::Duration::seconds(30);
        if let Some((token, expires)) = self.current().clone()
            && expires > fresh_until
        {
            return Ok(token);
        }
        if let Some(tokens) = self.keychain.link_tokens(self.link)? {
            if tokens.expires_at > fresh_until {
                let token = AccessToken::from(tokens.access_token.expose().clone());
                *self.current() = Some((token.clone(), tokens.expires_at));
                return Ok(token);
            }
            if let Some(refresh) = tokens.refresh_token.clone()
                && let Ok(fresh) = self
                    .client
                    .refresh(&RefreshToken::from(refresh.expose().clone()))
                    .await
            {
                return self.keep(&tokens.consent_id, fresh);
            }
        }
        self.relink().await
    }

    /// A new account-access consent, approved by the customer, then the consents it replaces revoked.
    pub(crate) async fn relink(&self) -> ApiResult<AccessToken> {
        let _one_at_a_time = self.consents.lock().await;
        let app_token = self.client.client_credentials_token().await?;
        let consent_id = self
            .client
            .create_account_access_consent(&app_token.access_token, PERMISSIONS, None)
            .await?;
        self.remember_consent(&consent_id)?;
        let tokens = self.approved(&consent_id).await?;
        let access = self.keep(&consent_id, tokens)?;
        self.revoke_replaced(&app_token.access_token, &consent_id)
            .await;
        Ok(access)
    }

    /// Keeps the link's new tokens in the keychain (and the access token in memory); returns it.
    fn keep(&self, consent_id: &str, tokens: TokenSet) -> ApiResult<AccessToken> {
        let access = tokens.access_token.clone();
        let expires = expiry(self.clock.now(), &tokens);
        self.keychain
            .keep_link_tokens(self.link, &self.tokens_to_store(consent_id, tokens))?;
        *self.current() = Some((access.clone(), expires));
        Ok(access)
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Option<(AccessToken, DateTime<Utc>)>> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The customer approves a payment consent at the bank (the payment PIN is what the person gives the
    /// wallet). Returns the token bound to that consent.
    pub(crate) async fn approve_payment(
        &self,
        consent_id: &str,
    ) -> ApiResult<(AccessToken, DateTime<Utc>)> {
        let tokens = self.approved(consent_id).await.map_err(|error| {
            ApiError::new(
                error.code,
                format!("The bank did not approve the payment: {}", error.message),
            )
        })?;
        let expires = expiry(self.clock.now(), &tokens);
        Ok((tokens.access_token, expires))
    }

    /// The authorize page shown through the consent step; the redirect's `state` checked and its code
    /// exchanged with the PKCE verifier for the consent's tokens.
    async fn approved(&self, consent_id: &str) -> ApiResult<TokenSet> {
        let pkce = Pkce::generate();
        let state = uuid::Uuid::new_v4().to_string();
        let authorize = self.client.authorize_url(consent_id, &pkce, &state);
        let redirect = self.approval.approve(&authorize).await?;
        let code = code_from(&redirect, &state)?;
        Ok(self.client.exchange_code(&code, &pkce).await?)
    }

    fn tokens_to_store(&self, consent_id: &str, tokens: TokenSet) -> LinkTokens {
        LinkTokens {
            consent_id: consent_id.to_string(),
            access_token: tokens.access_token.expose().into(),
            refresh_token: tokens.refresh_token.as_ref().map(|r| r.expose().into()),
            expires_at: expiry(self.clock.now(), &tokens),
        }
    }
}

/// The authorisation code from the bank's redirect, once its `state` is the one sent (RFC 6749 §10.12:
/// a redirect for another request is refused), or the bank's refusal.
fn code_from(redirect: &Url, state: &str) -> Result<String, LinkError> {
    let value = |key: &str| {
        redirect
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    if let Some(error) = value("error") {
        return Err(LinkError::refused(format!("the bank answered {error}")));
    }
    if value("state").as_deref() != Some(state) {
        return Err(LinkError::refused(
            "the bank's answer was for another sign-in (its state did not match)",
        ));
    }
    value("code").ok_or_else(|| LinkError::unreadable("the bank's answer carried no code"))
}

fn expiry(now: DateTime<Utc>, tokens: &TokenSet) -> DateTime<Utc> {
    now + chrono::Duration::seconds(i64::try_from(tokens.expires_in).unwrap_or(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_for_another_sign_in_is_refused() {
        let redirect = Url::parse("http://127.0.0.1/cb?code=abc&state=theirs").unwrap();
        assert!(code_from(&redirect, "ours").is_err());
        let ours = Url::parse("http://127.0.0.1/cb?code=abc&state=ours").unwrap();
        assert_eq!(code_from(&ours, "ours").unwrap(), "abc");
        let refused = Url::parse("http://127.0.0.1/cb?error=access_denied&state=ours").unwrap();
        assert!(code_from(&refused, "ours").is_err());
    }
}
