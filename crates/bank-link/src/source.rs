//! How a front end tells the wallet which bank it starts with: an Open Banking bank's address and the
//! wallet's client id there, how the customer approves consents, and, for a bank that runs with the
//! wallet (the built-in demo bank), the handle that stops it. The desktop app and the CLI compose it;
//! the wallet only reaches for it.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use url::Url;
use wallet_core::clock::SharedClock;

use crate::{ConsentApproval, LinkError};

/// The wallet's bank, as the front end composed it.
#[async_trait]
pub trait BankSource: Send + Sync + std::fmt::Debug {
    /// Reaches (or starts) the bank for the wallet kept in `data_dir`.
    async fn reach(&self, data_dir: &Path, clock: SharedClock) -> Result<ReachedBank, LinkError>;

    /// Deletes whatever this bank keeps on this machine for the wallet in `data_dir` (closing the
    /// account). Called after the bank was stopped; a bank elsewhere keeps nothing here.
    fn forget_local(&self, data_dir: &Path) -> Result<(), LinkError>;
}

/// A bank the wallet can talk to now.
pub struct ReachedBank {
    pub base_url: Url,
    /// The wallet's client id at this bank.
    pub client_id: String,
    pub bank_name: String,
    /// Who the customer is at this bank, as the bank names them (the label of a second-factor key).
    pub customer: String,
    pub approval: Arc<dyn ConsentApproval>,
    /// Set for a bank that runs as long as the wallet is open.
    pub running: Option<Box<dyn RunningBank>>,
}

/// A bank running inside this process.
#[async_trait]
pub trait RunningBank: Send + Sync {
    async fn stop(self: Box<Self>);
}
