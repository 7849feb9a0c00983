//! Reading one Enable Banking transaction the way the wallet needs it: the signed amount (direction from
//! `credit_debit_indicator`), what its status means, which date to use, who the other party is, and the
//! remittance lines as one text.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::wire::{CreditDebit, Transaction, TransactionStatus};

/// What the wallet does with a line, by its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineStatus {
    /// `BOOK`: moves the booked balance.
    Booked,
    /// `PDNG`, `HOLD` (and the unknown `OTHR`): shown, replaced each sync.
    Pending,
    /// `SCHD`: not yet happened.
    Future,
    /// `CNCL`, `RJCT`: never happened; not imported.
    Dropped,
}

pub fn line_status(status: TransactionStatus) -> LineStatus {
    match status {
        TransactionStatus::Booked => LineStatus::Booked,
        TransactionStatus::Pending | TransactionStatus::Hold | TransactionStatus::Other => {
            LineStatus::Pending
        }
        TransactionStatus::Scheduled => LineStatus::Future,
        TransactionStatus::Cancelled | TransactionStatus::Rejected => LineStatus::Dropped,
    }
}

/// Money in is positive, money out negative: the magnitude of the amount with the sign of the
/// indicator. A credit the bank wrote with a minus sign is logged (the indicator still wins).
pub fn signed_amount(transaction: &Transaction) -> Decimal {
    let raw = transaction.transaction_amount.amount;
    let magnitude = raw.abs();
    match transaction.credit_debit_indicator {
        CreditDebit::Credit => {
            if raw.is_sign_negative() && !raw.is_zero() {
                tracing::warn!(
                    "Enable Banking: a CRDT transaction has a negative amount; taken as money in"
                );
            }
            magnitude
        }
        CreditDebit::Debit => -magnitude,
    }
}

/// The day to file the line under: transaction date, else booking date, else value date.
pub fn transaction_day(transaction: &Transaction) -> Option<NaiveDate> {
    transaction
        .transaction_date
        .or(transaction.booking_date)
        .or(transaction.value_date)
}

/// The other party's name: the creditor of money out, the debtor of money in; none when empty.
pub fn counterparty(transaction: &Transaction) -> Option<String> {
    let party = match transaction.credit_debit_indicator {
        CreditDebit::Debit => transaction.creditor.as_ref(),
        CreditDebit::Credit => transaction.debtor.as_ref(),
    };
    party
        .and_then(|p| p.name.as_deref())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
}

/// The remittance lines, trimmed, the empty ones left out, joined with a space.
pub fn remittance_text(transaction: &Transaction) -> String {
    transaction
        .remittance_information
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Transaction {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_indicator_gives_the_sign_and_the_debtor_or_creditor_the_party() {
        let out = parse(
            r#"{"transaction_amount":{"amount":"35.45","currency":"EUR"},"credit_debit_indicator":"DBIT",
            "status":"BOOK","creditor":{"name":" K-MARKET "},"debtor":{"name":"Me"},
            "remittance_information":["Korttiosto", " ", "K-MARKET"],"value_date":"2026-01-14",
            "booking_date":"2026-01-14","transaction_date":"2026-01-13"}"#,
        );
        assert_eq!(signed_amount(&out), Decimal::new(-3545, 2));
        assert_eq!(counterparty(&out).as_deref(), Some("K-MARKET"));
        assert_eq!(remittance_text(&out), "Korttiosto K-MARKET");
        assert_eq!(transaction_day(&out), NaiveDate::from_ymd_opt(2026, 1, 13));
        let odd = parse(
            r#"{"transaction_amount":{"amount":"-5","currency":"EUR"},"credit_debit_indicator":"CRDT",
            "status":"WHAT","remittance_information":null,"value_date":"2026-01-02","debtor":{"name":""}}"#,
        );
        assert_eq!(signed_amount(&odd), Decimal::new(5, 0));
        assert_eq!(counterparty(&odd), None);
        assert_eq!(line_status(odd.status), LineStatus::Pending);
        assert_eq!(transaction_day(&odd), NaiveDate::from_ymd_opt(2026, 1, 2));
    }

    #[test]
    fn statuses_map_to_what_the_wallet_does() {
        assert_eq!(line_status(TransactionStatus::Booked), LineStatus::Booked);
        assert_eq!(line_status(TransactionStatus::Hold), LineStatus::Pending);
        assert_eq!(
            line_status(TransactionStatus::Scheduled),
            LineStatus::Future
        );
        assert_eq!(
            line_status(TransactionStatus::Rejected),
            LineStatus::Dropped
        );
    }
}
