//! Bill lines and keyset pages as the UI receives and asks for them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wallet_core::TransactionStatus;

use super::money::MoneyDto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "TransactionStatus")]
pub enum TransactionStatusDto {
    Pending,
    Booked,
    Rejected,
}

impl From<TransactionStatus> for TransactionStatusDto {
    fn from(status: TransactionStatus) -> Self {
        match status {
            TransactionStatus::Pending => Self::Pending,
            TransactionStatus::Booked => Self::Booked,
            TransactionStatus::Rejected => Self::Rejected,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryLabel {
    pub id: String,
    pub en: String,
    #[serde(rename = "zhCN")]
    #[ts(rename = "zhCN")]
    pub zh_cn: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Transaction")]
pub struct TransactionDto {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    pub status: TransactionStatusDto,
    pub booked_at: String,
    pub value_at: Option<String>,
    /// Signed, in the account's currency: negative is spending.
    pub amount: MoneyDto,
    /// The amount in the currency actually charged, when the bank converted it.
    pub original_amount: Option<MoneyDto>,
    pub merchant: Option<String>,
    pub mcc: Option<String>,
    pub counterparty: Option<String>,
    pub description: String,
    pub category: CategoryLabel,
    /// For a refund an imported statement tied to its payment: that payment.
    pub refund_of: Option<RefundOf>,
    /// The offer the bank took off this line (already less in `amount`).
    #[ts(optional = nullable)]
    pub discount: Option<super::rewards::AppliedOfferDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefundOf {
    pub transaction_id: String,
    /// Who that payment went to.
    pub payee: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TransactionQuery {
    pub account_id: Option<String>,
    /// "YYYY-MM", in the user's local time.
    pub month: Option<String>,
    /// Searched in merchant, counterparty and description.
    pub text: Option<String>,
    /// `nextCursor` of the previous page.
    pub cursor: Option<String>,
    /// Lines per page, 1–200; 50 when absent.
    pub limit: Option<u32>,
    /// Only lines in this category or one of its sub-categories (e.g. "food" or "food.dining"); the
    /// uncategorised queue is "uncategorised".
    #[serde(default)]
    #[ts(optional)]
    pub category_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransactionPage {
    pub items: Vec<TransactionDto>,
    pub next_cursor: Option<String>,
}
