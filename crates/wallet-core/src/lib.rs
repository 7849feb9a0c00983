//! Purse's domain: money, accounts, transactions, categories; no IO.

pub mod clock;
