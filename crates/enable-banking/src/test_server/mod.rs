//! An Enable Banking look-alike for tests (feature `test-server`): axum on 127.0.0.1, built from the
//! notes' checklist — JWT checks, `/application`, `/aspsps` with a Mock ASPSP, `/auth` with a browser
//! page to approve or deny, single-use codes, sessions on a clock the test moves, paged transactions with
//! awkward references, the four-a-day unattended limit, and failure modes (502 HTML, oversized answers).

mod bank;
mod browser;
mod jwt;
mod routes;
mod seed;

pub use bank::{Bank, IssuedCode, MockAccount, MockSession, Mode, PendingAuthorization};

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use rsa::RsaPublicKey;
use tokio::net::TcpListener;
use uuid::Uuid;

/// What the test registers: its application and how the Mock ASPSP behaves.
#[derive(Debug, Clone)]
pub struct TestServerConfig {
    pub application_id: Uuid,
    /// The public half of the key the client signs with.
    pub public_key: RsaPublicKey,
    pub redirect_urls: Vec<String>,
    /// Whether the Mock ASPSP lists `required_psu_headers`.
    pub require_psu_headers: bool,
}

pub(crate) struct Shared {
    pub(crate) bank: Mutex<Bank>,
    pub(crate) application_id: Uuid,
    pub(crate) key: jsonwebtoken::DecodingKey,
    pub(crate) base_url: String,
}

impl Shared {
    pub(crate) fn bank(&self) -> MutexGuard<'_, Bank> {
        self.bank
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running test server; it stops when dropped.
pub struct TestServer {
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Binds 127.0.0.1 on a free port and serves until dropped.
    pub async fn start(config: TestServerConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let key = jwt::decoding_key(&config.public_key);
        let shared = Arc::new(Shared {
            bank: Mutex::new(seed::bank(&config)),
            application_id: config.application_id,
            key,
            base_url,
        });
        let app = routes::router(shared.clone());
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::warn!("test server stopped: {e}");
            }
        });
        Ok(Self { shared, task })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// The server's clock (sessions, codes, the daily counter).
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.bank().now
    }

    /// Moves the server's clock on.
    pub fn advance(&self, by: Duration) {
        self.shared.bank().now += by;
    }

    pub fn set_mode(&self, mode: Mode) {
        self.shared.bank().mode = mode;
    }

    /// Anything else: read or change the bank's state directly.
    pub fn with_bank<R>(&self, f: impl FnOnce(&mut Bank) -> R) -> R {
        f(&mut self.shared.bank())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
