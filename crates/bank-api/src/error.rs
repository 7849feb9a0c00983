//! What went wrong talking to a bank, in words a person can act on. Never contains a token.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum BankError {
    #[error("The bank at {url} cannot be reached ({reason}). Check the connection and try again.")]
    Unreachable { url: String, reason: String },
    #[error("The bank did not answer in time. Try again in a moment.")]
    Timeout,
    #[error("The bank no longer accepts this wallet's access; link the bank again.")]
    RelinkNeeded,
    #[error("The bank is busy (too many requests); try again later.")]
    RateLimited,
    #[error("The bank had a problem (HTTP {status}); try again later.")]
    Server { status: u16 },
    #[error("The bank refused the request (HTTP {status}, {code}): {message}")]
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    #[error("The bank sent an answer the wallet cannot read: {0}")]
    Protocol(String),
}
