//! Payments, payees and the payment PIN as the UI sends and receives them.

use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wallet_core::{PaymentKind, PaymentStatus};

use super::money::MoneyDto;

/// Where the money goes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum PaymentTarget {
    /// Another of the user's own accounts (a debit card into the e-wallet is a top-up).
    OwnAccount { account_id: String },
    /// A saved payee.
    Payee { payee_id: String },
    /// A person by card or account number and name, at this bank or another; `save` keeps them as a payee.
    Person {
        name: String,
        account_number: String,
        bank_name: Option<String>,
        save: bool,
    },
    /// Whoever a scanned EMVCo QR code names (a merchant, or another Purse user's receive code).
    Qr { payload: String },
}

/// What a scanned or pasted QR code asks for, shown before the user confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScannedCode {
    /// The checked EMVCo payload, to send back as `PaymentTarget::Qr`.
    pub payload: String,
    /// The name to show: the merchant's own-language name when the code has one.
    pub payee_name: String,
    pub city: String,
    pub payee_masked_number: String,
    /// ISO 18245 merchant category code; "0000" for a person.
    pub mcc: String,
    pub is_merchant: bool,
    pub currency: String,
    /// Set when the code fixes the amount (the user cannot change it); else the user types it.
    pub amount: Option<MoneyDto>,
}

/// My own code for someone else to scan and pay into one of my accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiveCode {
    pub account_id: String,
    pub payload: String,
    /// The QR image as SVG markup (drawn in Rust, shown as an image).
    pub svg: String,
    pub amount: Option<MoneyDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentRequest {
    pub from_account_id: String,
    pub to: PaymentTarget,
    /// As typed: "88.80", "1,200". Checked against the paying account's currency.
    pub amount: String,
    pub currency: String,
    pub note: Option<String>,
    /// The 6-digit payment PIN (never printed: `Sensitive`).
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
    /// An authenticator or recovery code, for a payment the risk checks flag or one that saves a payee
    /// (when a second factor is set up).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub second_factor: Option<Sensitive<String>>,
}

impl PaymentRequest {
    /// The payment without its PIN and code, as the risk checks see it.
    pub fn draft(&self) -> PaymentDraft {
        PaymentDraft {
            from_account_id: self.from_account_id.clone(),
            to: self.to.clone(),
            amount: self.amount.clone(),
            currency: self.currency.clone(),
            note: self.note.clone(),
        }
    }
}

/// A payment being filled in, before its PIN: what the risk checks are asked about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDraft {
    pub from_account_id: String,
    pub to: PaymentTarget,
    pub amount: String,
    pub currency: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PaymentKindDto {
    OwnTransfer,
    TopUp,
    PersonTransfer,
    Merchant,
}

impl From<PaymentKind> for PaymentKindDto {
    fn from(kind: PaymentKind) -> Self {
        match kind {
            PaymentKind::OwnTransfer => Self::OwnTransfer,
            PaymentKind::TopUp => Self::TopUp,
            PaymentKind::PersonTransfer => Self::PersonTransfer,
            PaymentKind::Merchant => Self::Merchant,
        }
    }
}

/// queued → sent → completed, or rejected / failed with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PaymentStatusDto {
    Queued,
    Sent,
    Completed,
    Rejected,
    Failed,
}

impl From<PaymentStatus> for PaymentStatusDto {
    fn from(status: PaymentStatus) -> Self {
        match status {
            PaymentStatus::Queued => Self::Queued,
            PaymentStatus::Sent => Self::Sent,
            PaymentStatus::Completed => Self::Completed,
            PaymentStatus::Rejected => Self::Rejected,
            PaymentStatus::Failed => Self::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: String,
    pub kind: PaymentKindDto,
    pub from_account_id: String,
    pub from_account_name: String,
    pub payee_name: String,
    pub payee_masked_number: String,
    pub amount: MoneyDto,
    pub note: Option<String>,
    pub status: PaymentStatusDto,
    /// Why it was rejected or failed; for a queued payment, what went wrong on the last attempt.
    pub status_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The offer the payment carries: the bank charges the amount less this discount.
    #[ts(optional = nullable)]
    pub discount: Option<super::rewards::AppliedOffer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayeeDto {
    pub id: String,
    pub name: String,
    pub masked_number: String,
    pub bank_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPayee {
    pub name: String,
    /// A card number (checked with its Luhn digit) or an account number.
    pub account_number: String,
    pub bank_name: Option<String>,
    /// Saving a payee is a high-risk action: the payment PIN…
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
    /// …and, when one is set up, an authenticator or recovery code.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub second_factor: Option<Sensitive<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PinStatus {
    pub is_set: bool,
    /// While locked after too many wrong tries: until when (RFC 3339).
    pub locked_until: Option<String>,
    pub tries_left: u32,
}
