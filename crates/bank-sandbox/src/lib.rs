//! The embedded demo bank: a UK Open Banking v3.1.11 AISP and PISP server (axum) over its own SQLite file, with
//! OAuth 2.0 + PKCE and a deterministic demo customer. A library (serve on any listener) and a binary.

mod aisp;
mod approve;
mod auth;
mod authorize;
mod authorize_request;
mod books;
mod bulk_history;
mod clearing;
mod consent_page;
mod consents;
mod counterparties;
mod customer_days;
mod customers;
pub mod demo;
mod fx_quotes;
mod http_rules;
mod idempotency;
mod international_terms;
mod jws;
mod merchant_codes;
mod oauth;
mod ob_error;
mod offer_rules;
mod offers;
mod payments;
mod points;
mod points_redemption;
mod reference_rates;
mod request_signatures;
mod rewards_seed;
mod run_to_end;
mod seed;
mod sign_in;
mod state;
mod statements;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::middleware;
use axum::routing::{get, post};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use tokio::sync::oneshot;
use url::Url;
use wallet_core::clock::SharedClock;

pub use approve::{approve_as, redirect_after_sign_in};
pub use clearing::INTERBANK_SETTLEMENT;
pub use counterparties::{COUNTERPARTIES, Counterparty};
pub use customers::{
    Customer, EMILY, EMILY_CARD, EMILY_CURRENT, OTHER_CUSTOMERS, TANAKA, TANAKA_USD, TANAKA_YEN,
};
pub use fx_quotes::{DEFAULT_QUOTE_LIFETIME, SPREAD as FX_SPREAD};
pub use jws::{ISSUER as SIGNATURE_ISSUER, JWKS_PATH};
pub use merchant_codes::{MERCHANTS_PATH, MerchantCode, merchant_codes};
pub use oauth::DEMO_CLIENT_ID;
pub use payments::INTERNATIONAL_SETTLEMENT;
pub use points::{POINTS_PER_YUAN, points_for_line};
pub use reference_rates::{
    REFERENCE_QUOTE_CURRENCY, REFERENCE_RATE_SOURCE, ReferenceRate, reference_currencies,
    reference_rate, reference_rate_at,
};
pub use rewards_seed::{DINING_OFFER, EXPIRED_OFFER, FIRST_PAYMENT_OFFER, STARBUCKS_OFFER};
pub use seed::{DEMO_ACCOUNTS, DEMO_CUSTOMER, DEMO_PASSWORD, DemoAccount};
pub use statements::card_terms;

use crate::state::{BankState, Faults};

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub db_path: PathBuf,
    pub clock: SharedClock,
}

/// An opened (and, on first use, seeded) sandbox bank, not yet listening.
pub struct Sandbox {
    pool: sqlx::SqlitePool,
    clock: SharedClock,
    signer: jws::BankSigner,
    quote_lifetime: chrono::Duration,
}

impl Sandbox {
    pub async fn open(config: SandboxConfig) -> anyhow::Result<Sandbox> {
        // SQLite here is SQLCipher: OpenSSL set up without its exit handler before any connection (the
        // handler frees OpenSSL's state while connections may still be closing on other threads).
        openssl_sys::init();
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(&config.db_path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = sqlite_pool::options()
            .max_connections(4)
            .connect_with(options)
            .await
            .with_context(|| {
                format!(
                    "cannot open the sandbox bank at {}",
                    config.db_path.display()
                )
            })?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        books::ensure_seeded(&pool, config.clock.now()).await?;
        rewards_seed::ensure_offers(
            &mut *pool.acquire().await?,
            config.clock.now().timestamp_millis(),
        )
        .await?;
        let signer = jws::BankSigner::load_or_create(&pool).await?;
        Ok(Sandbox {
            pool,
            clock: config.clock,
            signer,
            quote_lifetime: fx_quotes::DEFAULT_QUOTE_LIFETIME,
        })
    }

    /// How long the bank's FX quotes hold (two minutes unless set).
    pub fn with_quote_lifetime(mut self, lifetime: chrono::Duration) -> Self {
        self.quote_lifetime = lifetime;
        self
    }

    /// Adds `count` deterministic card payments over the last ten years to the demo customer's books.
    pub async fn add_history(&self, count: usize) -> anyhow::Result<()> {
        bulk_history::add_history(&self.pool, count, self.clock.now()).await
    }

    /// Issues an access token for a new authorised consent with every AISP permission, without a browser.
    pub async fn token_for(&self, customer: &str) -> anyhow::Result<String> {
        approve::direct_token(&self.pool, self.clock.now(), customer).await
    }

    pub async fn serve(self, listener: tokio::net::TcpListener) -> anyhow::Result<RunningSandbox> {
        let addr = listener.local_addr()?;
        let base_url = Url::parse(&format!("http://{addr}"))?;
        let state = BankState {
            pool: self.pool,
            clock: self.clock,
            base_url: Arc::new(base_url.as_str().trim_end_matches('/').to_string()),
            catching_up: Arc::default(),
            faults: Arc::default(),
            signer: self.signer,
            quote_lifetime: self.quote_lifetime,
        };
        let faults = state.faults.clone();
        let pool = state.pool.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let app = router(state);
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(error) = axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::error!(%error, "the sandbox bank stopped");
            }
        });
        Ok(RunningSandbox {
            addr,
            base_url,
            pool,
            faults,
            stop,
            task,
        })
    }
}

/// A sandbox bank answering on a loopback port until it is shut down.
pub struct RunningSandbox {
    addr: SocketAddr,
    base_url: Url,
    pool: sqlx::SqlitePool,
    faults: Arc<Faults>,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningSandbox {
    pub fn base_url(&self) -> Url {
        self.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Test control: the next payment (domestic or abroad) is carried out, but its answer never reaches
    /// the caller (the connection drops after the bank has committed).
    pub fn lose_next_payment_response(&self) {
        self.faults.lose_next_payment_response();
    }

    /// Test control: while on, every payment answer is changed after the bank signed it (a payment made
    /// reads as refused), as by someone on the way; its signature then no longer holds.
    pub fn tamper_payment_answers(&self, on: bool) {
        self.faults.tamper_payment_answers(on);
    }

    /// Test control: the next international payment is booked at a rate 1 % off its quote, and the answer
    /// says so (a bank in error, for tests of the wallet's own rate check).
    pub fn misquote_next_international_rate(&self) {
        self.faults.misquote_next_rate();
    }

    /// Test control: freezes, closes or re-enables an account (`Frozen`, `Closed`, `Enabled`).
    pub async fn set_account_status(&self, account_id: &str, status: &str) -> anyhow::Result<()> {
        anyhow::ensure!(
            matches!(status, "Enabled" | "Frozen" | "Closed"),
            "unknown account status {status}"
        );
        let changed = sqlx::query("UPDATE accounts SET status = ? WHERE account_id = ?")
            .bind(status)
            .bind(account_id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        anyhow::ensure!(changed == 1, "no account {account_id}");
        Ok(())
    }

    /// Registers a client's request-signing key: from then on its PISP POSTs must carry a valid
    /// `x-jws-signature` whose `iss` is the client id.
    pub async fn register_client_key(
        &self,
        client_id: &str,
        key: &bank_api::jws::Jwk,
    ) -> anyhow::Result<()> {
        request_signatures::register(&self.pool, client_id, key).await
    }

    /// Test control: sets an account's daily payment limit, in minor units.
    pub async fn set_daily_limit(&self, account_id: &str, limit_minor: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE accounts SET daily_limit_minor = ? WHERE account_id = ?")
            .bind(limit_minor)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Test control: a card payment at `merchant` that did not pass through the wallet (someone using
    /// the card's number, say), booked at once; `fx` is the foreign currency and amount when abroad.
    pub async fn charge_card(
        &self,
        account_id: &str,
        merchant: &str,
        mcc: &str,
        amount_minor: i64,
        fx: Option<(&str, i64)>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, rejected, amount_minor,
                 information, merchant, mcc, fx_currency, fx_minor, fx_rate)
             VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(format!("tx-charge-{}", uuid::Uuid::new_v4()))
        .bind(account_id)
        .bind(at.timestamp_millis())
        .bind(at.timestamp_millis())
        .bind(-amount_minor)
        .bind(format!("消费 {merchant}"))
        .bind(merchant)
        .bind(mcc)
        .bind(fx.map(|(currency, _)| currency))
        .bind(fx.map(|(_, minor)| minor))
        // Both currencies in cents here (a test hook: no JPY).
        .bind(fx.map(|(_, minor)| {
            (rust_decimal::Decimal::from(amount_minor) / rust_decimal::Decimal::from(minor))
                .round_dp(4)
                .to_string()
        }))
        .execute(&mut *tx)
        .await?;
        books::restate_running(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many lines an account has on the bank's books: for tests that count debits at the bank.
    pub async fn count_lines(&self, account_id: &str, bank_code: &str) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM transactions WHERE account_id = ? AND bank_code = ?",
        )
        .bind(account_id)
        .bind(bank_code)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Stops listening, waits until the port is closed, and closes the bank's file.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
        // Waits for requests still running to their end (run_to_end) to hand their connections back; the
        // last one closed folds the write-ahead log into the file, so the bank's folder is whole and
        // settled when this returns (a wallet that moves or deletes it next finds no -wal left behind).
        sqlite_pool::close(&self.pool).await;
    }

    /// Serves until the process is stopped (for the binary).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

fn router(state: BankState) -> Router {
    use aisp::PREFIX;
    let pisp = payments::routes().layer(middleware::from_fn_with_state(
        state.clone(),
        request_signatures::check,
    ));
    let open_banking = Router::new()
        .route(
            &format!("{PREFIX}/account-access-consents"),
            post(consents::create),
        )
        .route(
            &format!("{PREFIX}/account-access-consents/{{ConsentId}}"),
            get(consents::get).delete(consents::delete),
        )
        .route(&format!("{PREFIX}/accounts"), get(aisp::accounts))
        .route(
            &format!("{PREFIX}/accounts/{{AccountId}}"),
            get(aisp::account),
        )
        .route(
            &format!("{PREFIX}/accounts/{{AccountId}}/balances"),
            get(aisp::account_balances),
        )
        .route(
            &format!("{PREFIX}/accounts/{{AccountId}}/transactions"),
            get(aisp::account_transactions),
        )
        .route(
            &format!("{PREFIX}/accounts/{{AccountId}}/statements"),
            get(statements::account_statements),
        )
        .route(
            &format!("{}/quotes", bank_api::wire::FX_PREFIX),
            post(fx_quotes::create),
        )
        .route(
            &format!("{}/reference-rates", bank_api::wire::FX_PREFIX),
            get(reference_rates::list),
        )
        .route(&format!("{PREFIX}/balances"), get(aisp::all_balances))
        .route(
            &format!("{PREFIX}/transactions"),
            get(aisp::all_transactions),
        )
        .merge(pisp)
        .fallback(http_rules::unknown_path)
        .layer(middleware::from_fn(http_rules::open_banking))
        // Outermost, so errors from the header checks are signed too.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            jws::sign_response,
        ));
    Router::new()
        .merge(rewards_routes())
        .route("/oauth2/token", post(oauth::token))
        .route(jws::JWKS_PATH, get(jws::jwks))
        .route(merchant_codes::MERCHANTS_PATH, get(merchant_codes::list))
        .route(
            &format!("{}/{{file}}", merchant_codes::MERCHANTS_PATH),
            get(merchant_codes::picture),
        )
        .route(
            "/oauth2/authorize",
            get(authorize::authorize_page).post(authorize::authorize_decision),
        )
        .merge(open_banking)
        .layer(middleware::from_fn(http_rules::interaction_id))
        // Outermost: a client that goes away never cuts a handler short.
        .layer(middleware::from_fn(run_to_end::detach))
        .with_state(state)
}

/// The points and promotions extension (`/purse/v1/...`), outside the Open Banking paths.
fn rewards_routes() -> Router<BankState> {
    use bank_api::wire::REWARDS_PREFIX;
    Router::new()
        .route(&format!("{REWARDS_PREFIX}/points"), get(points::balance))
        .route(
            &format!("{REWARDS_PREFIX}/points/history"),
            get(points::history),
        )
        .route(
            &format!("{REWARDS_PREFIX}/points/redemptions"),
            post(points_redemption::redeem),
        )
        .route(&format!("{REWARDS_PREFIX}/offers"), get(offers::list))
        .route(
            &format!("{REWARDS_PREFIX}/offers/quote"),
            post(offers::quote),
        )
        .route(&format!("{REWARDS_PREFIX}/offers/uses"), get(offers::uses))
}
