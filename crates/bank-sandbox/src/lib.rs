//! The embedded demo bank: a UK Open Banking v3.1.11 AISP server (axum) over its own SQLite file, with
//! OAuth 2.0 + PKCE and a deterministic demo customer. A library (serve on any listener) and a binary.

mod aisp;
mod approve;
mod auth;
mod books;
mod consents;
mod http_rules;
mod oauth;
mod ob_error;
mod seed;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::middleware;
use axum::routing::{get, post};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use tokio::sync::oneshot;
use url::Url;
use wallet_core::clock::SharedClock;

pub use approve::approve_as;
pub use oauth::DEMO_CLIENT_ID;
pub use seed::{DEMO_CUSTOMER, DEMO_PASSWORD};

use crate::state::BankState;

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub db_path: PathBuf,
    pub clock: SharedClock,
}

/// An opened (and, on first use, seeded) sandbox bank, not yet listening.
pub struct Sandbox {
    pool: sqlx::SqlitePool,
    clock: SharedClock,
}

impl Sandbox {
    pub async fn open(config: SandboxConfig) -> anyhow::Result<Sandbox> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(&config.db_path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
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
        Ok(Sandbox {
            pool,
            clock: config.clock,
        })
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
        };
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
            stop,
            task,
        })
    }
}

/// A sandbox bank answering on a loopback port until it is shut down.
pub struct RunningSandbox {
    addr: SocketAddr,
    base_url: Url,
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

    /// Stops listening and waits until the port is closed.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }

    /// Serves until the process is stopped (for the binary).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

fn router(state: BankState) -> Router {
    use aisp::PREFIX;
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
        .route(&format!("{PREFIX}/balances"), get(aisp::all_balances))
        .route(
            &format!("{PREFIX}/transactions"),
            get(aisp::all_transactions),
        )
        .fallback(http_rules::unknown_path)
        .layer(middleware::from_fn(http_rules::open_banking));
    Router::new()
        .route("/oauth2/token", post(oauth::token))
        .route(
            "/oauth2/authorize",
            get(oauth::authorize_page).post(oauth::authorize_decision),
        )
        .merge(open_banking)
        .layer(middleware::from_fn(http_rules::interaction_id))
        .with_state(state)
}
