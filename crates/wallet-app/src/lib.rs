//! Purse's use cases: the command handlers every front end calls. No Tauri in here, so the desktop app,
//! the `purse` CLI and the tests all go through exactly the same code.

mod bank_address;
mod bank_verdict;
mod banks;
mod booking_rates;
pub mod charts;
pub mod commands;
mod conversion_costs;
pub mod dto;
mod error;
mod folder;
mod fx;
mod handlers;
mod identity;
pub mod keychain;
mod password_hash;
pub mod paths;
mod payment_abroad_flow;
mod payment_flow;
pub mod vault;
mod wallet;

pub use bank_address::bank_url;
pub use bank_link::BankSource;
pub use error::{ApiError, ApiResult, ErrorCode};
pub use handlers::{CSV_HEADER, PaymentSink, ProgressSink};
pub use sensitive::Sensitive;
pub use wallet::{Wallet, WalletConfig};
pub use wallet_core::clock;
