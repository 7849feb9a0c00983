//! Sending money abroad as the UI sends and receives it: the recipient as typed (checked field by field),
//! the bank's quote at a firm rate, and paying an accepted quote with the PIN.

use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::money::MoneyDto;
use super::security::RiskAssessment;

/// Who pays the charges (`ChargeBearer`): shared (the payer the bank's fee, the payee the correspondent
/// bank's), all by the payer, or all out of what the payee receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChargeBearer {
    Shared,
    BorneByDebtor,
    BorneByCreditor,
}

/// The recipient abroad as typed, to check while the user types.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecipientAbroadDraft {
    pub name: String,
    /// An IBAN where the country uses them, else the local account number; spaces allowed.
    pub account: String,
    pub bic: String,
    /// ISO 3166 alpha-2, e.g. "DE".
    pub country: String,
}

/// What is wrong with each field (`None`: nothing), and how the account will be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecipientAbroadCheck {
    pub name_error: Option<String>,
    pub country_error: Option<String>,
    pub account_error: Option<String>,
    pub bic_error: Option<String>,
    /// Whether the country uses IBANs (known once the country is).
    pub uses_iban: Option<bool>,
    /// The account as the bank will get it (an IBAN without spaces, upper case), once valid.
    pub account: Option<String>,
    pub valid: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InternationalQuoteRequest {
    pub from_account_id: String,
    pub recipient: RecipientAbroadDraft,
    /// The currency the recipient is sent, e.g. "EUR".
    pub currency: String,
    /// As typed, in that currency: "1000", "1,250.50".
    pub amount: String,
    pub charge_bearer: ChargeBearer,
    pub note: Option<String>,
}

/// The bank's price for a payment abroad, firm until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InternationalQuoteDto {
    pub id: String,
    pub from_account_id: String,
    pub from_account_name: String,
    pub recipient_name: String,
    pub recipient_masked_account: String,
    pub bic: String,
    pub country: String,
    /// What is sent, in the currency of transfer.
    pub instructed: MoneyDto,
    /// `rate` of `rate_currency` buys one `unit_currency` ("1 EUR = 7.8123 CNY").
    pub rate: String,
    pub unit_currency: String,
    pub rate_currency: String,
    /// The instructed amount at the rate, in the account's currency.
    pub converted: MoneyDto,
    /// The charges the paying account bears, in its currency.
    pub fee: MoneyDto,
    /// What leaves the account: converted plus fee.
    pub debited: MoneyDto,
    /// Charges taken out of the amount sent, in the currency of transfer.
    pub deducted: MoneyDto,
    /// What the recipient gets.
    pub delivered: MoneyDto,
    pub charge_bearer: ChargeBearer,
    pub note: Option<String>,
    /// RFC 3339: after this the quote cannot be paid; ask for a new one.
    pub expires_at: String,
    pub created_at: String,
    /// What the risk checks make of paying it (the window asks for the second factor when needed).
    pub risk: RiskAssessment,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayInternationalRequest {
    pub quote_id: String,
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub second_factor: Option<Sensitive<String>>,
}
