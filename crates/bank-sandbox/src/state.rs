//! What every handler shares: the bank's database, its clock, and its own address (for Links).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sqlx::SqlitePool;
use wallet_core::clock::SharedClock;

#[derive(Clone)]
pub struct BankState {
    pub pool: SqlitePool,
    pub clock: SharedClock,
    pub base_url: Arc<String>,
    /// One request at a time brings the books up to date; the others wait and then find nothing to do.
    pub catching_up: Arc<tokio::sync::Mutex<()>>,
    /// Failures a test can ask for.
    pub faults: Arc<Faults>,
    /// Signs PISP responses.
    pub signer: crate::jws::BankSigner,
    /// How long an FX quote holds.
    pub quote_lifetime: chrono::Duration,
}

/// Failures on demand, for tests of what a wallet does when the network lets it down.
#[derive(Debug, Default)]
pub struct Faults {
    lose_payment_response: AtomicBool,
    misquote_rate: AtomicBool,
    tamper_payment_answers: AtomicBool,
}

impl Faults {
    pub fn lose_next_payment_response(&self) {
        self.lose_payment_response.store(true, Ordering::SeqCst);
    }

    /// True once after `lose_next_payment_response`.
    pub fn take_lost_payment_response(&self) -> bool {
        self.lose_payment_response.swap(false, Ordering::SeqCst)
    }

    pub fn misquote_next_rate(&self) {
        self.misquote_rate.store(true, Ordering::SeqCst);
    }

    pub fn tamper_payment_answers(&self, on: bool) {
        self.tamper_payment_answers.store(on, Ordering::SeqCst);
    }

    pub fn tampering_payment_answers(&self) -> bool {
        self.tamper_payment_answers.load(Ordering::SeqCst)
    }

    /// True once after `misquote_next_rate`.
    pub fn take_misquoted_rate(&self) -> bool {
        self.misquote_rate.swap(false, Ordering::SeqCst)
    }
}

impl BankState {
    pub fn now_millis(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }

    /// Brings the demo customer's days up to now, and every line's running balance, before anything is read.
    pub async fn catch_up(&self) -> anyhow::Result<()> {
        let _one_at_a_time = self.catching_up.lock().await;
        crate::books::materialize(&self.pool, self.clock.now()).await?;
        Ok(crate::books::settle_running(&self.pool).await?)
    }
}
