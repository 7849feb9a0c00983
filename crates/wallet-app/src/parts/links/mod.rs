//! Links: the wallet's bank connections, and syncing them.

mod enable_banking;
mod in_browser;
mod many;
mod points;
mod sync;

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::context::Context;
use crate::parts::Payments;

pub use sync::ProgressSink;

pub struct Links {
    pub(crate) cx: Arc<Context>,
    /// A sync carries on unfinished payments first.
    pub(crate) payments: Arc<Payments>,
    /// One sync at a time: a second request is told so rather than queued.
    pub(crate) sync_lock: Arc<Mutex<()>>,
}
