//! An `/accounts` answer in both shapes (v1: `errors` and `org` on each account; v2 draft: `errlist`,
//! `connections` and `conn_id`), read into one set of types. Human text is sanitized on the way in;
//! money is exact; times are UTC instants.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::amount;
use crate::error::SimplefinError;
use crate::messages::{RawError, ServerMessage};
use crate::sanitize::{MAX_MESSAGE_CHARS, MAX_NAME_CHARS, sanitize_text};
use crate::transaction::{Transaction, timestamp};

/// Everything one `/accounts` call returned. A 200 can still carry `errors` with partial data: an
/// account missing here is not closed, it may just have failed this time.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSet {
    /// The server's messages, sanitized, to show the person. From `errlist` when the server sent it
    /// (v2), else from `errors` (v1); servers migrating send both with the same content.
    pub errors: Vec<ServerMessage>,
    /// v2 only (empty for v1).
    pub connections: Vec<Connection>,
    pub accounts: Vec<Account>,
}

impl AccountSet {
    /// Reads a JSON body. Not JSON at all (an HTML error page) is `Transient`; JSON of the wrong shape
    /// is `Malformed`.
    pub fn from_json(body: &[u8]) -> Result<AccountSet, SimplefinError> {
        let value: Value = serde_json::from_slice(body).map_err(|_| {
            SimplefinError::Transient("the answer was not JSON, perhaps an error page".into())
        })?;
        let raw: RawAccountSet = serde_json::from_value(value).map_err(|e| {
            let why = sanitize_text(&e.to_string(), MAX_MESSAGE_CHARS);
            SimplefinError::Malformed(format!("not a SimpleFIN account set ({why})"))
        })?;
        Ok(raw.into())
    }
}

#[derive(Deserialize)]
struct RawAccountSet {
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    errlist: Option<Vec<RawError>>,
    #[serde(default)]
    connections: Vec<Connection>,
    accounts: Vec<Account>,
}

impl From<RawAccountSet> for AccountSet {
    fn from(raw: RawAccountSet) -> Self {
        let errors = match raw.errlist {
            Some(list) => list.into_iter().map(ServerMessage::from).collect(),
            None => raw.errors.iter().map(|e| ServerMessage::v1(e)).collect(),
        };
        AccountSet {
            errors,
            connections: raw.connections,
            accounts: raw.accounts,
        }
    }
}

/// An account currency: an ISO 4217 code, or a URL naming a custom currency (kept as data; fetching it
/// would tell the server the person looked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Currency {
    Code(String),
    Url(String),
}

impl Currency {
    fn read(text: &str) -> Currency {
        let text = sanitize_text(text, MAX_NAME_CHARS);
        if text.starts_with("https://") || text.starts_with("http://") {
            Currency::Url(text)
        } else {
            Currency::Code(text.to_ascii_uppercase())
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Unique within its organization (v1) or connection (v2); Bridge ids look like `ACT-<guid>`.
    pub id: String,
    pub name: String,
    pub currency: Currency,
    pub balance: Decimal,
    /// `None` when the server omits it (it then equals `balance`).
    pub available_balance: Option<Decimal>,
    pub balance_date: DateTime<Utc>,
    /// `None` when the server sent no list (as with `balances-only=1`).
    pub transactions: Option<Vec<Transaction>>,
    /// v1 only.
    pub org: Option<Organization>,
    /// v2 only.
    pub conn_id: Option<String>,
    /// Seen in one v2 example; optional.
    pub conn_name: Option<String>,
    pub extra: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct RawAccount {
    id: String,
    name: String,
    currency: String,
    #[serde(deserialize_with = "amount::decimal")]
    balance: Decimal,
    #[serde(
        rename = "available-balance",
        default,
        deserialize_with = "amount::optional_decimal"
    )]
    available_balance: Option<Decimal>,
    #[serde(rename = "balance-date")]
    balance_date: i64,
    #[serde(default)]
    transactions: Option<Vec<Transaction>>,
    #[serde(default)]
    org: Option<Organization>,
    #[serde(default)]
    conn_id: Option<String>,
    #[serde(default)]
    conn_name: Option<String>,
    #[serde(default)]
    extra: Option<Map<String, Value>>,
}

impl<'de> Deserialize<'de> for Account {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawAccount::deserialize(deserializer)?;
        Ok(Account {
            id: raw.id,
            name: sanitize_text(&raw.name, MAX_NAME_CHARS),
            currency: Currency::read(&raw.currency),
            balance: raw.balance,
            available_balance: raw.available_balance,
            balance_date: timestamp(raw.balance_date).map_err(serde::de::Error::custom)?,
            transactions: raw.transactions,
            org: raw.org,
            conn_id: raw.conn_id,
            conn_name: raw.conn_name.map(|n| sanitize_text(&n, MAX_NAME_CHARS)),
            extra: raw.extra,
        })
    }
}

/// A v1 organization (the bank). Names are sanitized when shown; kept as sent here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Organization {
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "sfin-url", default)]
    pub sfin_url: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
}

/// A v2 connection: one bank login in the Bridge.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Connection {
    pub conn_id: String,
    /// A human label, e.g. "My Bank - Jill".
    pub name: String,
    pub org_id: String,
    #[serde(default)]
    pub org_name: Option<String>,
    #[serde(default)]
    pub org_url: Option<String>,
    #[serde(default)]
    pub sfin_url: Option<String>,
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
