//! The sandbox's points and promotions extension (`/purse/v1/...`, not part of Open Banking): the points
//! balance, its history and redemptions; the bank's offers, a quote before paying, and the offers used.
//! The shapes follow the Open Banking conventions (PascalCase, amounts as strings, `Data`/`Links`/`Meta`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::Amount;
use super::payments::CashAccount;

/// Where the extension lives on the bank.
pub const REWARDS_PREFIX: &str = "/purse/v1";

/// `GET /purse/v1/points`: the customer's balance and what it can be redeemed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PointsBalance {
    pub balance: i64,
    pub earned: i64,
    pub redeemed: i64,
    /// How many points make one yuan of bill credit (100: one point is one fen).
    pub points_per_yuan: i64,
    /// The fewest points a bill credit takes.
    pub minimum_bill_credit: i64,
    /// The credit card a bill credit is booked on.
    pub bill_credit_account_id: Option<String>,
    pub vouchers: Vec<VoucherOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VoucherOption {
    pub voucher_id: String,
    pub title: String,
    pub points: i64,
    pub value: Amount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PointsEntryKind {
    /// A card purchase earned them.
    Earned,
    /// A refund took back what its purchase earned.
    Returned,
    /// Spent on a bill credit or a voucher.
    Redeemed,
}

/// One line of the points history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PointsEntry {
    pub entry_id: String,
    pub booking_date_time: DateTime<Utc>,
    /// Signed: what the entry added to the balance.
    pub points: i64,
    pub kind: PointsEntryKind,
    pub description: String,
    /// The card line that earned or returned them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PointsHistory {
    pub entry: Vec<PointsEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RedemptionKind {
    /// A credit on the credit card, booked as a line.
    BillCredit,
    /// A voucher with a code.
    Voucher,
}

/// `POST /purse/v1/points/redemptions` (with `x-idempotency-key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RedemptionRequest {
    pub kind: RedemptionKind,
    /// For a bill credit: how many points (at least the minimum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
    /// For a voucher: which one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voucher_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Redemption {
    pub redemption_id: String,
    pub kind: RedemptionKind,
    pub points: i64,
    pub creation_date_time: DateTime<Utc>,
    pub balance_after: i64,
    /// A bill credit: the amount, the card and the line it was booked as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// A voucher: what it is and its code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voucher_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voucher_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferKind {
    /// Spend at least so much at one merchant, get a fixed amount off.
    Merchant,
    /// The first payment to a merchant the customer never paid before.
    FirstPayment,
    /// A percentage back in a category of merchants, capped per payment.
    CategoryCashback,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferPeriod {
    /// The per-customer limit counts uses in the calendar month (Beijing time).
    Month,
    /// The per-customer limit counts uses over the offer's whole life.
    Validity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferStatus {
    Active,
    NotYetValid,
    Expired,
    /// This customer has used it as often as it allows in this period.
    UsedUp,
    BudgetExhausted,
}

/// One offer as the customer sees it, with what is left of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Offer {
    pub offer_id: String,
    pub kind: OfferKind,
    pub title: String,
    pub description: String,
    /// The one merchant it applies at, for a merchant offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_account: Option<CashAccount>,
    /// The merchant category codes it applies to (empty: any).
    #[serde(default)]
    pub merchant_category_codes: Vec<String>,
    pub minimum_spend: Amount,
    /// A fixed amount off…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount: Option<Amount>,
    /// …or a percentage in basis points (500 = 5 %), at most `Cap` per payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_basis_points: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Amount>,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    pub per_customer_limit: i64,
    pub period: OfferPeriod,
    pub used_by_customer: i64,
    pub left_for_customer: i64,
    pub budget: Amount,
    pub budget_left: Amount,
    pub status: OfferStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferList {
    pub offer: Vec<Offer>,
}

/// `POST /purse/v1/offers/quote`: the payment the customer is about to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferQuoteRequest {
    pub debtor_account: CashAccount,
    pub creditor_account: CashAccount,
    pub instructed_amount: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_category_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Another offer gives more.
    NotTheBest,
}

/// An offer that does not apply to this payment, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferNotApplied {
    pub offer_id: String,
    pub title: String,
    pub reason: OfferRefusal,
    pub description: String,
}

/// The offer a payment gets and its discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AppliedOffer {
    pub offer_id: String,
    pub title: String,
    pub discount: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferQuote {
    /// The best eligible offer, if any.
    pub offer: Option<AppliedOffer>,
    /// What the customer would be charged: the amount less the discount.
    pub amount_to_pay: Amount,
    pub not_applied: Vec<OfferNotApplied>,
}

/// The consent's `Initiation.SupplementaryData`: the offer the wallet showed and the discount it expects.
/// The bank refuses the consent when its own quote differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferExpectation {
    pub purse_offer: ExpectedOffer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExpectedOffer {
    pub offer_id: String,
    pub discount: Amount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferUseStatus {
    /// Held for a consent not yet paid.
    Reserved,
    /// Paid: the discount was taken off the payment.
    Used,
}

/// An offer applied to a payment: the line it was booked as and the discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferUse {
    pub offer_id: String,
    pub title: String,
    pub consent_id: String,
    pub status: OfferUseStatus,
    pub discount: Amount,
    pub creation_date_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domestic_payment_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OfferUseList {
    pub offer_use: Vec<OfferUse>,
}
