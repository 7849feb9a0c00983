//! Storage failures, kept apart from domain errors so callers can tell "bad data" from "bad disk".

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the wallet database could not be opened at {path}: {source}")]
    Open { path: String, source: sqlx::Error },
    #[error(
        "the wallet at {path} does not open with this key: the key is not this wallet's, or the file is damaged"
    )]
    WrongKey { path: String },
    #[error("the wallet's key is malformed (expected 64 hex digits)")]
    BadKey,
    #[error("the wallet file at {path} could not be read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the wallet at {path} was made by an unreleased development build of Purse, whose layout this \
         release does not read; start over"
    )]
    MadeByUnreleasedBuild { path: String },
    #[error("the wallet database's layout could not be set up: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("wallet database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("the wallet holds a value it cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Domain(#[from] wallet_core::DomainError),
    #[error("the wallet already holds {0}")]
    Duplicate(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;
