//! Bills: the lines of every account, their categories, monthly and card statements, recurring
//! payments, unusual lines, and the CSV export.

mod categories;
mod conversion_costs;
pub(crate) mod export;
mod recurring;
pub(crate) mod statements;
pub(crate) mod transactions;
mod unusual_lines;

use std::sync::Arc;

use crate::context::Context;

pub use export::HEADER as CSV_HEADER;

pub struct Bills {
    pub(crate) cx: Arc<Context>,
}
