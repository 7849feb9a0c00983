//! Bill lines and keyset pages as the UI receives and asks for them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wallet_core::TransactionStatus;

use super::money::MoneyDto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
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
    /// For a line the bank converted from another currency: what it really cost.
    pub conversion: Option<ConversionCostDto>,
    /// The offer the bank took off this line (already less in `amount`).
    #[ts(optional = nullable)]
    pub discount: Option<super::rewards::AppliedOffer>,
}

/// A payment abroad taken apart: the bank's rate and fee against the day's reference rate. Amounts are
/// positive, in the account's currency unless said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversionCostDto {
    /// What the merchant charged, in their currency.
    pub original: MoneyDto,
    /// What the bank booked for it, before its fee.
    pub booked: MoneyDto,
    pub fee: Option<MoneyDto>,
    /// Booked plus fee.
    pub total: MoneyDto,
    /// Booked ÷ original, e.g. "7.185".
    pub card_rate: String,
    /// Total ÷ original: the rate really paid.
    pub effective_rate: String,
    pub reference: Option<ReferenceRateDto>,
    /// The original at the reference rate.
    pub at_reference: Option<MoneyDto>,
    /// Total minus the amount at the reference rate (negative: cheaper than the reference).
    pub above_reference: Option<MoneyDto>,
    /// The same as a percentage of the amount at the reference rate, e.g. "2.00".
    pub above_reference_percent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceRateDto {
    pub rate: String,
    /// The day it was fixed (YYYY-MM-DD).
    pub day: String,
    pub source: String,
}

impl From<wallet_core::ConversionCost> for ConversionCostDto {
    fn from(cost: wallet_core::ConversionCost) -> Self {
        Self {
            original: cost.original.into(),
            booked: cost.booked.into(),
            fee: cost.fee.map(MoneyDto::from),
            total: cost.total.into(),
            card_rate: cost.card_rate.to_string(),
            effective_rate: cost.effective_rate.to_string(),
            reference: cost.reference.map(|reference| ReferenceRateDto {
                rate: reference.rate.to_string(),
                day: reference.day,
                source: reference.source,
            }),
            at_reference: cost.at_reference.map(MoneyDto::from),
            above_reference: cost.above_reference.map(MoneyDto::from),
            above_reference_percent: cost.above_reference_percent.map(|p| p.to_string()),
        }
    }
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
