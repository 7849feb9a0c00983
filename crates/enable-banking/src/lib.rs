//! Enable Banking (a PSD2 aggregator) for account information: the user's own application key and its
//! RS256 JWTs, a typed client, errors sorted by what to do next, pure helpers a sync needs (balance
//! choice, signed amounts, stable fingerprints, consent dates, the unattended-access limit), and —
//! behind the `test-server` feature — a look-alike server for tests.

pub mod accounts;
pub mod balance;
mod client;
pub mod consent;
mod error;
pub mod fingerprint;
mod key;
pub mod transaction;
pub mod unattended;
pub mod wire;

#[cfg(feature = "test-server")]
pub mod test_server;

pub use accounts::match_accounts;
pub use balance::{available_balance, booked_balance};
pub use client::{
    AuthorizationRequest, Client, ClientOptions, DEFAULT_BASE_URL, MAX_BODY_BYTES, PsuHeaders,
    code_from_redirect, format_valid_until,
};
pub use consent::{consent_valid_until, days_left};
pub use error::{Error, ErrorClass, next_utc_day, retry_after_time, sanitize};
pub use fingerprint::{TransactionKey, transaction_keys};
pub use key::{
    AppKey, Claims, JWT_AUDIENCE, JWT_ISSUER, JWT_LIFETIME_SECONDS, JWT_SKEW_SECONDS, KeyError,
};
pub use transaction::{
    LineStatus, counterparty, line_status, remittance_text, signed_amount, transaction_day,
};
pub use unattended::UnattendedAccess;
