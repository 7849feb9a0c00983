//! Payments: at home and abroad through one pipeline (flow.rs), payees, scan-to-pay, limits and the
//! risk checks before each.

mod abroad;
mod at_home;
pub(crate) mod bank_verdict;
pub(crate) mod flow;
mod flow_abroad;
mod limits;
mod offers;
mod payees;
mod qr;
pub(crate) mod risk;

use std::sync::{Arc, Weak};

use tokio::sync::Mutex;

use crate::context::Context;
use crate::parts::{Links, Security};

pub(crate) use abroad::risk_abroad;
pub use at_home::PaymentSink;

pub struct Payments {
    pub(crate) cx: Arc<Context>,
    /// The PIN, the second factor and their tries.
    pub(crate) security: Arc<Security>,
    /// The sync that shows a payment in the bills at once. Weak: the sync carries on unfinished
    /// payments first, so Links holds Payments.
    pub(crate) links: Weak<Links>,
    /// One payment driven at a time, so a resume never races a new submission for the same row.
    pub(crate) payment_lock: Arc<Mutex<()>>,
}

impl Payments {
    /// Syncs so the bills show what was just paid (pending until the bank books it); a sync that
    /// cannot run now is only logged: the payment stands.
    async fn sync_after_paying(&self) {
        let Some(links) = self.links.upgrade() else {
            return;
        };
        if let Err(error) = links.sync_now(&|_| {}).await {
            tracing::info!(%error, "the sync after a payment did not run");
        }
    }
}
