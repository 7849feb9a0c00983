//! Points and the bank's offers as the UI receives and sends them.

use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::money::MoneyDto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PointsEntryKind {
    Earned,
    Returned,
    Redeemed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PointsEntry {
    pub id: String,
    pub at: String,
    /// Signed: what it did to the balance.
    #[ts(type = "number")]
    pub points: i64,
    pub kind: PointsEntryKind,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Voucher {
    pub voucher_id: String,
    pub title: String,
    #[ts(type = "number")]
    pub points: i64,
    pub value: MoneyDto,
}

/// The points screen: the balance, what points buy, and the newest history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PointsOverview {
    #[ts(type = "number")]
    pub balance: i64,
    #[ts(type = "number")]
    pub earned: i64,
    #[ts(type = "number")]
    pub redeemed: i64,
    /// Points per ¥1 of bill credit.
    #[ts(type = "number")]
    pub points_per_yuan: i64,
    #[ts(type = "number")]
    pub minimum_bill_credit: i64,
    /// The wallet's account a bill credit goes to (the credit card).
    pub bill_credit_account_name: Option<String>,
    pub vouchers: Vec<Voucher>,
    /// Newest first.
    pub history: Vec<PointsEntry>,
    /// When the bank last told; none before the first sync.
    pub synced_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RedemptionKind {
    BillCredit,
    Voucher,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RedeemRequest {
    pub kind: RedemptionKind,
    /// For a bill credit: how many points, as typed.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub points: Option<i64>,
    /// For a voucher: which.
    #[serde(default)]
    pub voucher_id: Option<String>,
    /// Made once per redemption by the window, so sending it again never spends twice.
    pub request_id: String,
    /// The 6-digit payment PIN.
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Redemption {
    pub kind: RedemptionKind,
    #[ts(type = "number")]
    pub points: i64,
    #[ts(type = "number")]
    pub balance_after: i64,
    pub credit: Option<MoneyDto>,
    pub voucher_title: Option<String>,
    pub voucher_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OfferKind {
    Merchant,
    FirstPayment,
    CategoryCashback,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OfferStatus {
    Active,
    NotYetValid,
    Expired,
    UsedUp,
    BudgetExhausted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub id: String,
    pub kind: OfferKind,
    pub title: String,
    pub description: String,
    pub merchant_name: Option<String>,
    pub minimum_spend: MoneyDto,
    /// A fixed amount off, or…
    pub discount: Option<MoneyDto>,
    /// …a percentage ("5") capped per payment.
    pub percent: Option<String>,
    pub cap: Option<MoneyDto>,
    pub valid_from: String,
    pub valid_to: String,
    pub per_customer_limit: u32,
    /// True when the limit counts uses per calendar month; false: over the offer's life.
    pub monthly: bool,
    pub used_by_you: u32,
    pub left_for_you: u32,
    pub budget_left: MoneyDto,
    pub status: OfferStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OfferRefusal {
    NotYetValid,
    Expired,
    WrongMerchant,
    WrongCategory,
    WrongCurrency,
    BelowMinimumSpend,
    NotFirstPayment,
    UsedUp,
    BudgetExhausted,
    NotTheBest,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferNotApplied {
    pub title: String,
    pub reason: OfferRefusal,
    /// The bank's words.
    pub description: String,
}

/// An offer taken off a payment or a bill line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppliedOffer {
    pub offer_id: String,
    pub title: String,
    pub discount: MoneyDto,
    /// On a payment or a bill line: what it cost before the discount…
    pub full_price: Option<MoneyDto>,
    /// …and what was charged: the price less the discount.
    pub charged: Option<MoneyDto>,
}

/// What the bank would take off a payment now, for the confirmation sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferQuote {
    pub offer: Option<AppliedOffer>,
    pub amount: MoneyDto,
    /// The amount less the discount: what the account is charged.
    pub to_pay: MoneyDto,
    pub not_applied: Vec<OfferNotApplied>,
}

/// The offer the confirmation sheet showed, sent back with the payment: the bank must agree with it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferChoice {
    pub offer_id: String,
    pub title: String,
    /// As shown: "10.00".
    pub discount: String,
    pub currency: String,
}
