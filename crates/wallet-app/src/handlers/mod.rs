//! The command handlers, grouped by screen. Each is a method on `Wallet`, called alike by the desktop
//! app's Tauri commands, the `purse` CLI and the tests.

mod accounts;
mod app_lock;
mod budgets;
mod cards;
mod categories;
mod closure;
mod export;
mod imports;
mod limits;
mod payees;
mod payments;
mod payments_abroad;
mod pin;
mod qr;
mod recurring;
mod rewards;
mod risk;
mod second_factor;
mod security_log;
mod settings;
mod statements;
mod sync;
mod transactions;
mod tries;
mod unusual_lines;

pub(crate) use app_lock::{LockState, PASSWORD_HASH, key_digest};
pub use export::HEADER as CSV_HEADER;
pub use payments::PaymentSink;
pub(crate) use payments_abroad::risk_abroad;
pub use sync::ProgressSink;

/// A count for a DTO (the window's numbers are u32; a count beyond that reads as the most there is).
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
