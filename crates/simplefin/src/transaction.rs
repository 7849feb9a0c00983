//! One SimpleFIN transaction, read leniently: amount as an exact decimal, `posted: 0` as "not posted",
//! and pending decided the way Actual does (`pending == true`, or `pending` absent and `posted == 0`).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::amount;
use crate::sanitize::{MAX_NAME_CHARS, sanitize_text};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawTransaction")]
pub struct Transaction {
    /// Unique within its account; a pending transaction usually posts under a new id.
    pub id: String,
    /// When it posted; `None` when the server sent `0` (pending).
    pub posted: Option<DateTime<Utc>>,
    /// Positive = money into the account.
    pub amount: Decimal,
    /// Sanitized (see [`sanitize_text`]).
    pub description: String,
    /// When it happened (a card swipe), if the server says.
    pub transacted_at: Option<DateTime<Utc>>,
    pub pending: bool,
    /// The Bridge's cleaned merchant name, sanitized.
    pub payee: Option<String>,
    /// Server-specific data, kept as it came.
    pub extra: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct RawTransaction {
    id: String,
    posted: i64,
    #[serde(deserialize_with = "amount::decimal")]
    amount: Decimal,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    transacted_at: Option<i64>,
    #[serde(default)]
    pending: Option<Value>,
    #[serde(default)]
    payee: Option<String>,
    #[serde(default)]
    extra: Option<Map<String, Value>>,
}

impl TryFrom<RawTransaction> for Transaction {
    type Error = String;

    fn try_from(raw: RawTransaction) -> Result<Self, String> {
        let pending = match raw.pending {
            Some(Value::Bool(b)) => b,
            Some(Value::Number(n)) => n.as_i64() != Some(0),
            Some(Value::Null) | None => raw.posted == 0,
            Some(_) => return Err("a transaction's \"pending\" is not true or false".into()),
        };
        Ok(Transaction {
            id: raw.id,
            posted: match raw.posted {
                0 => None,
                s => Some(timestamp(s)?),
            },
            amount: raw.amount,
            description: sanitize_text(&raw.description.unwrap_or_default(), MAX_NAME_CHARS),
            transacted_at: raw
                .transacted_at
                .filter(|s| *s != 0)
                .map(timestamp)
                .transpose()?,
            pending,
            payee: raw
                .payee
                .map(|p| sanitize_text(&p, MAX_NAME_CHARS))
                .filter(|p| !p.is_empty()),
            extra: raw.extra,
        })
    }
}

/// Epoch seconds as a UTC instant, or an error for a value out of chrono's range.
pub(crate) fn timestamp(seconds: i64) -> Result<DateTime<Utc>, String> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| format!("{seconds} is not a usable time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Transaction {
        serde_json::from_str(json).expect("transaction")
    }

    #[test]
    fn pending_is_the_flag_or_else_an_unposted_transaction() {
        let posted = read(
            r#"{"id":"TRN-a81f2c","posted":1767744000,"amount":"1850.00","description":"PAYROLL ACME WIDGETS","transacted_at":1767744000,"payee":"Acme Widgets"}"#,
        );
        assert!(!posted.pending);
        assert_eq!(posted.posted.map(|p| p.timestamp()), Some(1767744000));
        assert_eq!(posted.amount.to_string(), "1850.00");
        assert_eq!(posted.payee.as_deref(), Some("Acme Widgets"));

        let flagged = read(
            r#"{"id":"TRN-p-55e1","posted":0,"amount":"-26.52","description":"LUIGIS TRATTORIA","transacted_at":1767990000,"pending":true}"#,
        );
        assert!(flagged.pending);
        assert_eq!(flagged.posted, None);

        let unflagged = read(r#"{"id":"x","posted":0,"amount":"-1","description":"d"}"#);
        assert!(unflagged.pending);
        let explicit_false = read(
            r#"{"id":"x","posted":1767744000,"amount":"-1","description":"d","pending":false}"#,
        );
        assert!(!explicit_false.pending);
        let numeric =
            read(r#"{"id":"x","posted":1767744000,"amount":-1,"description":"d","pending":1}"#);
        assert!(numeric.pending);
    }

    #[test]
    fn extra_is_kept_and_descriptions_are_sanitized() {
        let t = read(
            r#"{"id":"x","posted":1767744000,"amount":"-1.5","description":"<script>alert(1)</script>\u0000 café","extra":{"category":"food"}}"#,
        );
        assert_eq!(t.description, "<script>alert(1)</script> café");
        assert_eq!(
            t.extra.and_then(|e| e.get("category").cloned()),
            Some(Value::from("food"))
        );
    }
}
