//! A stable key for each transaction so a re-fetch does not import it twice: the bank's
//! `entry_reference` when it looks real, otherwise a content fingerprint (dates, signed amount, currency,
//! counterparty, remittance) with an occurrence counter for identical rows. Placeholders (`"0"`) and
//! positional references (`2025-03-10.0`, `2025-03-10-1`) renumber between fetches, so they are not real.

use sha2::{Digest, Sha256};

use crate::transaction::{counterparty, remittance_text, signed_amount};
use crate::wire::Transaction;

/// How a transaction is recognised on the next fetch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TransactionKey {
    /// The bank's own `entry_reference`.
    Reference(String),
    /// `fp1:<sha256 hex>#<n>`: the content fingerprint and its occurrence among identical rows.
    Fingerprint(String),
}

/// Whether an `entry_reference` can be trusted as an id: not empty, not a placeholder, not positional.
pub fn is_real_reference(reference: Option<&str>) -> bool {
    let Some(reference) = reference.map(str::trim) else {
        return false;
    };
    if reference.is_empty() || reference.chars().all(|c| c == '0' || c == '-') {
        return false;
    }
    let upper = reference.to_ascii_uppercase();
    if ["NONE", "NULL", "NOTPROVIDED", "NONREF", "N/A"].contains(&upper.as_str()) {
        return false;
    }
    !is_positional(reference)
}

/// `YYYY-MM-DD` followed by `.` or `-` and a number.
fn is_positional(reference: &str) -> bool {
    let bytes = reference.as_bytes();
    if bytes.len() < 12 {
        return false;
    }
    let date = &reference[..10];
    let is_date = date.chars().enumerate().all(|(i, c)| match i {
        4 | 7 => c == '-',
        _ => c.is_ascii_digit(),
    });
    let separator = bytes[10] == b'.' || bytes[10] == b'-';
    let number = reference[11..].chars().all(|c| c.is_ascii_digit());
    is_date && separator && number
}

/// The content fingerprint without the occurrence counter.
pub fn fingerprint(transaction: &Transaction) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let canonical = [
        date(transaction.booking_date),
        date(transaction.value_date),
        date(transaction.transaction_date),
        signed_amount(transaction).normalize().to_string(),
        transaction
            .transaction_amount
            .currency
            .trim()
            .to_ascii_uppercase(),
        counterparty(transaction).unwrap_or_default(),
        remittance_text(transaction),
    ]
    .join("\u{1f}");
    let digest = Sha256::digest(canonical.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("fp1:{hex}")
}

/// A key for each transaction, in order. Identical fingerprinted rows get `#0`, `#1`, … in the order
/// they come, so two same-day coffees stay two.
pub fn transaction_keys(transactions: &[Transaction]) -> Vec<TransactionKey> {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    transactions
        .iter()
        .map(|t| match t.entry_reference.as_deref() {
            Some(reference) if is_real_reference(Some(reference)) => {
                TransactionKey::Reference(reference.trim().to_string())
            }
            _ => {
                let base = fingerprint(t);
                let count = seen.entry(base.clone()).or_insert(0);
                let key = format!("{base}#{count}");
                *count += 1;
                TransactionKey::Fingerprint(key)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_positional_references_are_not_ids() {
        for fake in ["", "0", "000", "2025-03-10.0", "2025-03-10-1", "NONREF"] {
            assert!(!is_real_reference(Some(fake)), "{fake}");
        }
        assert!(!is_real_reference(None));
        for real in ["20260112-4471-0032", "A1B2", "2025-03-10"] {
            assert!(is_real_reference(Some(real)), "{real}");
        }
    }

    #[test]
    fn identical_rows_get_counted_keys_and_real_references_stay() {
        let row = |reference: &str| -> Transaction {
            serde_json::from_str(&format!(
                r#"{{"entry_reference":{reference},"transaction_amount":{{"amount":"3.50","currency":"EUR"}},
                "credit_debit_indicator":"DBIT","status":"BOOK","booking_date":"2026-01-10",
                "creditor":{{"name":"Cafe"}},"remittance_information":["coffee"]}}"#
            ))
            .unwrap_or_else(|e| panic!("{e}"))
        };
        let keys = transaction_keys(&[row("null"), row("\"0\""), row("\"REF-9\"")]);
        let TransactionKey::Fingerprint(a) = &keys[0] else {
            panic!("{keys:?}")
        };
        let TransactionKey::Fingerprint(b) = &keys[1] else {
            panic!("{keys:?}")
        };
        assert!(a.ends_with("#0") && b.ends_with("#1"));
        assert_eq!(a.trim_end_matches("#0"), b.trim_end_matches("#1"));
        assert_eq!(keys[2], TransactionKey::Reference("REF-9".to_string()));
    }
}
