//! What every handler shares: the bank's database, its clock, and its own address (for Links).

use std::sync::Arc;

use sqlx::SqlitePool;
use wallet_core::clock::SharedClock;

#[derive(Clone)]
pub struct BankState {
    pub pool: SqlitePool,
    pub clock: SharedClock,
    pub base_url: Arc<String>,
}

impl BankState {
    pub fn now_millis(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }

    /// Brings the demo customer's days up to now before anything is read.
    pub async fn catch_up(&self) -> anyhow::Result<()> {
        crate::books::materialize(&self.pool, self.clock.now()).await
    }
}
