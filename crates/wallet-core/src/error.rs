//! What can be wrong with a domain value, said so that a person understands it.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DomainError {
    #[error("unknown currency code \"{0}\"")]
    UnknownCurrency(String),
    #[error("{amount} has more decimal places than {currency} allows ({minor_units})")]
    TooPrecise {
        amount: String,
        currency: String,
        minor_units: u32,
    },
    #[error("\"{0}\" is not an amount")]
    NotAnAmount(String),
    #[error("amount {0} is too large")]
    Overflow(String),
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(String, String),
    #[error("{0} is too small to cover the charges taken from it")]
    ChargesExceedAmount(String),
    #[error("unknown {kind} \"{value}\"")]
    UnknownValue { kind: &'static str, value: String },
}

pub type Result<T> = std::result::Result<T, DomainError>;
