//! The wallet's parts, one per domain: each owns its tables' use cases and its own state, holds the
//! shared context (crate::context) and, where it needs one, another part. A front end reaches them
//! through `Wallet`'s accessors, which are the lock's gate. Which part a table belongs to:
//! docs/decisions/wallet-parts.md.

pub(crate) mod accounts;
pub(crate) mod app_lock;
pub(crate) mod bills;
pub(crate) mod budgets;
pub(crate) mod cards;
pub(crate) mod closure;
pub(crate) mod imports;
pub(crate) mod links;
pub(crate) mod payments;
pub(crate) mod preferences;
pub(crate) mod rewards;
pub(crate) mod security;

pub use accounts::Accounts;
pub use app_lock::AppLock;
pub use bills::Bills;
pub use budgets::Budgets;
pub use cards::Cards;
pub use closure::Closure;
pub use imports::Imports;
pub use links::{Links, ProgressSink};
pub use payments::{PaymentSink, Payments};
pub use preferences::Preferences;
pub use rewards::Rewards;
pub use security::Security;

/// A count for a DTO (the window's numbers are u32; a count beyond that reads as the most there is).
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
