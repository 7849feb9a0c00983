//! The wallet's bank: a typed Open Banking client, the embedded sandbox when there is no other bank,
//! and the OAuth link (consent → authorise → tokens) that lets the wallet read it.

mod consents;

use std::path::Path;
use std::time::Duration;

use bank_api::{
    AccessToken, BankClient, BankEndpoint, ClientOptions, Permission, Pkce, RefreshToken, TokenSet,
};
use bank_sandbox::{RunningSandbox, Sandbox, SandboxConfig};
use chrono::{DateTime, Utc};
use url::Url;
use wallet_core::BankLinkId;
use wallet_core::clock::SharedClock;
use wallet_store::LinkTokens;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::keychain::Keychain;
use crate::wallet::BankSource;

/// The native-app redirect (RFC 8252). For the demo customer the wallet reads the code from the
/// redirect itself, so nothing listens here.
const REDIRECT_URI: &str = "http://127.0.0.1/purse/callback";
const SANDBOX_BANK_NAME: &str = "Purse Sandbox Bank";

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

pub(crate) struct BankConnection {
    client: BankClient,
    base_url: Url,
    clock: SharedClock,
    /// Where the link's consent and tokens are kept: the OS keyring (or a passphrase wallet's sealed
    /// vault), never the wallet file.
    keychain: Keychain,
    /// Kept alive for as long as the wallet is open (or until the account is closed).
    embedded: tokio::sync::Mutex<Option<RunningSandbox>>,
    /// One change at a time to the remembered consents (a relink, the closure's revocation).
    consents: tokio::sync::Mutex<()>,
}

impl BankConnection {
    pub(crate) async fn start(
        source: &BankSource,
        data_dir: &Path,
        clock: SharedClock,
        keychain: Keychain,
    ) -> ApiResult<Self> {
        let (base_url, embedded) = match source {
            BankSource::Sandbox { base_url } if crate::bank_address::is_allowed(base_url) => {
                (base_url.clone(), None)
            }
            BankSource::Sandbox { base_url } => {
                return Err(ApiError::invalid(
                    crate::bank_address::bank_url(base_url.as_str())
                        .err()
                        .unwrap_or_default(),
                ));
            }
            BankSource::EmbeddedSandbox => {
                let running = start_embedded(data_dir, clock.clone()).await?;
                (running.base_url(), Some(running))
            }
        };
        let endpoint = BankEndpoint {
            base_url: base_url.clone(),
            client_id: bank_sandbox::DEMO_CLIENT_ID.to_string(),
            redirect_uri: Url::parse(REDIRECT_URI)
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?,
        };
        let options = ClientOptions {
            timeout: Duration::from_secs(15),
            ..ClientOptions::default()
        };
        let client = BankClient::new(endpoint, options)?;
        Ok(Self {
            client,
            keychain,
            base_url,
            clock,
            embedded: tokio::sync::Mutex::new(embedded),
            consents: tokio::sync::Mutex::new(()),
        })
    }

    pub(crate) fn client(&self) -> &BankClient {
        &self.client
    }

    pub(crate) fn base_url(&self) -> &Url {
        &self.base_url
    }

    pub(crate) fn bank_name(&self) -> &str {
        SANDBOX_BANK_NAME
    }

    pub(crate) fn customer(&self) -> &str {
        bank_sandbox::DEMO_CUSTOMER
    }

    /// Stops the embedded bank now (closing the account), if it runs; says whether it did.
    pub(crate) async fn stop_embedded(&self) -> bool {
        match self.embedded.lock().await.take() {
            Some(running) => {
                running.shutdown().await;
                true
            }
            None => false,
        }
    }

    pub(crate) fn keychain(&self) -> &Keychain {
        &self.keychain
    }

    pub(crate) async fn stop(self) {
        if let Some(running) = self.embedded.into_inner() {
            running.shutdown().await;
        }
    }

    /// A valid access token for the link: the stored one, a refreshed one, or — when the bank no longer
    /// knows the wallet — a new consent signed in as the demo customer.
    pub(crate) async fn access_token(&self, link: BankLinkId) -> ApiResult<AccessToken> {
        if let Some(tokens) = self.keychain.link_tokens(link)? {
            if tokens.expires_at > self.clock.now() + chrono::Duration::seconds(30) {
                return Ok(AccessToken::from(tokens.access_token.expose().clone()));
            }
            if let Some(refresh) = tokens.refresh_token.clone()
                && let Ok(fresh) = self
                    .client
                    .refresh(&RefreshToken::from(refresh.expose().clone()))
                    .await
            {
                let access = fresh.access_token.clone();
                self.keychain
                    .keep_link_tokens(link, &self.tokens_to_store(&tokens.consent_id, fresh))?;
                return Ok(access);
            }
        }
        self.relink(link).await
    }

    /// Runs the whole OAuth 2.0 authorisation-code + PKCE flow for the demo customer, then revokes the
    /// consents the new one replaces.
    pub(crate) async fn relink(&self, link: BankLinkId) -> ApiResult<AccessToken> {
        let _one_at_a_time = self.consents.lock().await;
        // A link from before consents were remembered: its consent is replaced too.
        if let Some(old) = self.keychain.link_tokens(link)? {
            self.remember_consent(&old.consent_id)?;
        }
        let app_token = self.client.client_credentials_token().await?;
        let consent_id = self
            .client
            .create_account_access_consent(&app_token.access_token, PERMISSIONS, None)
            .await?;
        self.remember_consent(&consent_id)?;
        let tokens = self
            .approve_as_demo(&consent_id, "The demo bank refused the sign-in")
            .await?;
        let access = tokens.access_token.clone();
        self.keychain
            .keep_link_tokens(link, &self.tokens_to_store(&consent_id, tokens))?;
        self.revoke_replaced(&app_token.access_token, &consent_id)
            .await;
        Ok(access)
    }

    /// The customer approves a payment consent at the bank (the demo customer, signed in by the wallet as
    /// for linking; the payment PIN is what the user gives). Returns the token bound to that consent.
    pub(crate) async fn approve_payment(
        &self,
        consent_id: &str,
    ) -> ApiResult<(AccessToken, DateTime<Utc>)> {
        let tokens = self
            .approve_as_demo(consent_id, "The bank did not approve the payment")
            .await?;
        let expires = expiry(self.clock.now(), &tokens);
        Ok((tokens.access_token, expires))
    }

    /// Authorize page, demo sign-in and approval, then code + PKCE verifier for the consent's tokens.
    async fn approve_as_demo(&self, consent_id: &str, refused: &str) -> ApiResult<TokenSet> {
        let pkce = Pkce::generate();
        let state = uuid::Uuid::new_v4().to_string();
        let authorize = self.client.authorize_url(consent_id, &pkce, &state);
        let code = bank_sandbox::approve_as(
            &authorize,
            bank_sandbox::DEMO_CUSTOMER,
            bank_sandbox::DEMO_PASSWORD,
        )
        .await
        .map_err(|error| ApiError::new(ErrorCode::BankError, format!("{refused}: {error}")))?;
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

fn expiry(now: DateTime<Utc>, tokens: &TokenSet) -> DateTime<Utc> {
    now + chrono::Duration::seconds(i64::try_from(tokens.expires_in).unwrap_or(3600))
}

async fn start_embedded(data_dir: &Path, clock: SharedClock) -> ApiResult<RunningSandbox> {
    let failed = |what: &str, error: &dyn std::fmt::Display| {
        ApiError::new(
            ErrorCode::BankUnreachable,
            format!("The built-in demo bank could not {what}: {error}"),
        )
    };
    // Its own folder, never the wallet's (see demo_bank_folder).
    let db_path = crate::demo_bank_folder::prepare(data_dir)?;
    let sandbox = Sandbox::open(SandboxConfig {
        db_path: db_path.clone(),
        clock,
    })
    .await
    .map_err(|e| failed("open its data", &e))?;
    // SQLite made its files readable by all; the folder already was not.
    if let Some(folder) = db_path.parent() {
        crate::folder::make_private(folder)?;
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| failed("listen", &e))?;
    sandbox
        .serve(listener)
        .await
        .map_err(|e| failed("start", &e))
}
