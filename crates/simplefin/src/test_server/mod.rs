//! A fake SimpleFIN server for tests (feature `test-server`), written from the notes' checklist: one-time
//! claim codes, Basic auth on `/accounts`, the query parameters, the 90-day cap, a per-credential request
//! counter, and modes for the failures a real server can produce. It listens on `127.0.0.1:0`; the test
//! drives its data and modes through [`TestServer`]'s methods.

mod data;
pub mod example;
mod routes;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use tokio::sync::oneshot;

use data::State;
pub use data::{Mode, SimAccount, SimTransaction};

/// The running server. Dropping it stops the server.
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    /// An empty server (no accounts) on a free loopback port.
    pub async fn start() -> std::io::Result<TestServer> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State::new(format!("127.0.0.1:{}", addr.port()))));
        let (stop, stopped) = oneshot::channel::<()>();
        let app = routes::router(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(TestServer {
            addr,
            state,
            stop: Some(stop),
        })
    }

    /// A server holding [`example`]'s accounts (§7 of the notes, extended: 0–3 decimals, a pending
    /// dinner, non-ASCII and HTML-looking descriptions, two connections).
    pub async fn with_example_data() -> std::io::Result<TestServer> {
        let server = TestServer::start().await?;
        for account in example::accounts() {
            server.add_account(account);
        }
        server.set_now(example::now());
        Ok(server)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/simplefin`.
    pub fn root_url(&self) -> String {
        format!("http://{}/simplefin", self.addr)
    }

    /// A fresh one-time setup token (Base64 of its claim URL).
    pub fn new_setup_token(&self) -> String {
        let code = self.lock().new_claim_code();
        self.setup_token(&code)
    }

    /// The setup token for any claim code, known or not (unknown codes are refused with 403).
    pub fn setup_token(&self, code: &str) -> String {
        STANDARD.encode(format!("{}/claim/{code}", self.root_url()))
    }

    /// The reusable demo token: its claim always answers `demo:demo`.
    pub fn demo_setup_token(&self) -> String {
        self.setup_token("demo")
    }

    /// The access URL a demo claim returns.
    pub fn demo_access_url(&self) -> String {
        format!("http://demo:demo@{}/simplefin", self.addr)
    }

    /// How every later `/accounts` call answers (after authentication).
    pub fn set_mode(&self, mode: Mode) {
        self.lock().mode = mode;
    }

    /// An error every 200 answer carries (v1 `errors`, v2 `errlist`), with partial data as usual.
    pub fn add_error(&self, code: &str, message: &str, conn_id: Option<&str>) {
        self.lock()
            .errors
            .push((code.into(), message.into(), conn_id.map(Into::into)));
    }

    pub fn clear_errors(&self) {
        self.lock().errors.clear();
    }

    /// Past `limit` requests per credential in a rolling 24 h, `/accounts` answers 200 with a `gen.api`
    /// error and no accounts (what a Bridge block looks like is undocumented; this is a guess).
    pub fn set_request_limit(&self, limit: Option<usize>) {
        self.lock().request_limit = limit;
    }

    /// `/accounts` requests counted for `username` in the last 24 h (by the server's clock).
    pub fn request_count(&self, username: &str) -> usize {
        let state = self.lock();
        state.request_count(username)
    }

    /// The raw query string of the last `/accounts` call.
    pub fn last_query(&self) -> Option<String> {
        self.lock().last_query.clone()
    }

    /// Every credential handed out so far stops working (as when the person revokes it in the Bridge).
    pub fn revoke_all(&self) {
        self.lock().revoke_all();
    }

    /// The server's clock (for the 90-day cap without `end-date` and for request counting); the real
    /// clock until set.
    pub fn set_now(&self, now: DateTime<Utc>) {
        self.lock().now = Some(now);
    }

    pub fn add_account(&self, account: SimAccount) {
        self.lock().accounts.push(account);
    }

    /// Adds a transaction to an account (ignored when there is no such account).
    pub fn add_transaction(&self, account_id: &str, transaction: SimTransaction) {
        if let Some(account) = self.lock().account_mut(account_id) {
            account.transactions.push(transaction);
        }
    }

    /// A pending transaction posts as the Bridge does it: the pending one vanishes and a posted one
    /// appears under `new_id`, with a possibly different `amount` (a tip). False when not found.
    pub fn post_pending(
        &self,
        account_id: &str,
        pending_id: &str,
        new_id: &str,
        amount: &str,
        posted: i64,
    ) -> bool {
        self.lock()
            .post_pending(account_id, pending_id, new_id, amount, posted)
    }

    /// The person removed and re-added the bank in the Bridge: the account's id changes.
    pub fn readd_account(&self, old_id: &str, new_id: &str) -> bool {
        match self.lock().account_mut(old_id) {
            Some(account) => {
                account.id = new_id.into();
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
