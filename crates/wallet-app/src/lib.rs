//! Purse's use cases, one part per domain (parts/), that every front end calls through the app lock's
//! gate. No Tauri in here, so the desktop app, the `purse` CLI and the tests all go through exactly the
//! same code.

mod bank_address;
mod banks;
mod booking_rates;
pub mod charts;
pub mod commands;
mod context;
pub mod dto;
mod error;
mod folder;
mod fx;
mod identity;
pub mod keychain;
pub mod parts;
mod password_hash;
pub mod paths;
pub mod vault;
mod wallet;

pub use bank_address::bank_url;
pub use bank_link::BankSource;
pub use error::{ApiError, ApiResult, ErrorCode};
pub use parts::bills::CSV_HEADER;
pub use parts::{PaymentSink, ProgressSink};
pub use sensitive::Sensitive;
pub use wallet::{Parts, Wallet, WalletConfig};
pub use wallet_core::clock;
