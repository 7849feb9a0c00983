//! A bill line: money in or out of one account, as the bank reported it and as the wallet categorised it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::ids::{AccountId, TransactionId};
use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TransactionStatus {
    /// Authorised but not yet on the books: may still change or disappear.
    Pending,
    Booked,
    /// Declined or reversed: shown, but never counted.
    Rejected,
}

impl TransactionStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            TransactionStatus::Pending => "pending",
            TransactionStatus::Booked => "booked",
            TransactionStatus::Rejected => "rejected",
        }
    }

    pub fn counts_toward_totals(&self) -> bool {
        !matches!(self, TransactionStatus::Rejected)
    }
}

impl std::str::FromStr for TransactionStatus {
    type Err = DomainError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "pending" => TransactionStatus::Pending,
            "booked" => TransactionStatus::Booked,
            "rejected" => TransactionStatus::Rejected,
            other => {
                return Err(DomainError::UnknownValue {
                    kind: "transaction status",
                    value: other.into(),
                });
            }
        })
    }
}

/// A bill line: what the bank reported, with the category the wallet gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub account_id: AccountId,
    /// The bank's stable id; the same across pending → booked, so a booking updates the same row.
    pub bank_transaction_id: String,
    pub status: TransactionStatus,
    pub booked_at: DateTime<Utc>,
    pub value_at: Option<DateTime<Utc>>,
    /// Signed, in the account's currency: negative is spending.
    pub amount: Money,
    /// What was actually charged abroad, when the bank converted it.
    pub original_amount: Option<Money>,
    pub merchant: Option<String>,
    pub mcc: Option<String>,
    pub counterparty: Option<String>,
    pub description: String,
    pub category_id: String,
}

impl Transaction {
    /// Who the line is with, as rules and reports group it: the merchant, else the counterparty, else the
    /// description (the same order as `wallet_store::PAYEE_SQL`).
    pub fn payee(&self) -> &str {
        self.merchant
            .as_deref()
            .or(self.counterparty.as_deref())
            .unwrap_or(&self.description)
    }
}

/// A bill line as the wallet keeps it, under its own id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTransaction {
    pub id: TransactionId,
    pub line: Transaction,
}
