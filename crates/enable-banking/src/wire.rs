//! The JSON Enable Banking sends and accepts (AIS only), as typed structs. Fields the notes mark optional
//! are `Option` or default, so a bank that leaves them out still parses; money is `Decimal` from strings.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `GET /application`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Application {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub kid: String,
    pub environment: String,
    #[serde(default)]
    pub redirect_urls: Vec<String>,
    pub active: bool,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub services: Vec<String>,
}

/// `GET /aspsps` answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AspspList {
    pub aspsps: Vec<Aspsp>,
}

/// One bank as `/aspsps` lists it; identified by (`name`, `country`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Aspsp {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub psu_types: Vec<String>,
    #[serde(default)]
    pub auth_methods: Vec<serde_json::Value>,
    /// Seconds.
    pub maximum_consent_validity: i64,
    #[serde(default)]
    pub beta: bool,
    #[serde(default)]
    pub bic: Option<String>,
    #[serde(default)]
    pub required_psu_headers: Option<Vec<String>>,
}

/// The bank named in `/auth` and in sessions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct AspspId {
    pub name: String,
    pub country: String,
}

/// What a consent gives access to, and until when.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Access {
    pub valid_until: DateTime<FixedOffset>,
    #[serde(default = "yes")]
    pub balances: bool,
    #[serde(default = "yes")]
    pub transactions: bool,
}

fn yes() -> bool {
    true
}

/// A list the bank may send as `null`.
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// `POST /auth` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StartAuthorization {
    pub access: Access,
    pub aspsp: AspspId,
    pub state: String,
    pub redirect_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psu_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// `POST /auth` answer: where to send the user's browser.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Authorization {
    pub url: String,
    pub authorization_id: String,
    #[serde(default)]
    pub psu_id_hash: Option<String>,
}

/// `POST /sessions` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CreateSession {
    pub code: String,
}

/// `POST /sessions` answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NewSession {
    pub session_id: String,
    pub accounts: Vec<Account>,
    pub aspsp: AspspId,
    #[serde(default)]
    pub psu_type: Option<String>,
    pub access: Access,
}

/// An account as a session describes it. `uid` is only valid while this session is authorised.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Account {
    #[serde(default)]
    pub uid: Option<String>,
    #[serde(default)]
    pub account_id: Option<AccountIdentification>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub usage: Option<String>,
    pub cash_account_type: String,
    #[serde(default)]
    pub product: Option<String>,
    pub currency: String,
    pub identification_hash: String,
    #[serde(default)]
    pub identification_hashes: Vec<String>,
}

/// `{"iban": ...}` or `{"other": {...}}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AccountIdentification {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<serde_json::Value>,
}

/// Session status values.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SessionStatus {
    Invalid,
    PendingAuthorization,
    ReturnedFromBank,
    Authorized,
    Expired,
    Closed,
    Revoked,
    Cancelled,
    #[serde(other)]
    Unknown,
}

/// `GET /sessions/{id}` answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Session {
    pub status: SessionStatus,
    #[serde(default)]
    pub accounts: Vec<String>,
    #[serde(default)]
    pub accounts_data: Vec<AccountData>,
    pub aspsp: AspspId,
    #[serde(default)]
    pub psu_type: Option<String>,
    pub access: Access,
    #[serde(default)]
    pub created: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub authorized: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub closed: Option<DateTime<FixedOffset>>,
}

/// The short account record in `GET /sessions/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccountData {
    pub uid: String,
    pub identification_hash: String,
    #[serde(default)]
    pub identification_hashes: Vec<String>,
}

/// An amount with its currency; the amount travels as a string.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Amount {
    pub amount: Decimal,
    pub currency: String,
}

/// `GET /accounts/{uid}/balances` answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BalanceList {
    #[serde(default)]
    pub balances: Vec<Balance>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Balance {
    #[serde(default)]
    pub name: String,
    pub balance_amount: Amount,
    /// ISO 20022 code: `CLBD`, `ITBD`, `ITAV`, `XPCD`, …
    pub balance_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_change_date_time: Option<DateTime<FixedOffset>>,
}

/// One page of `GET /accounts/{uid}/transactions`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TransactionPage {
    #[serde(default)]
    pub transactions: Vec<Transaction>,
    #[serde(default)]
    pub continuation_key: Option<String>,
}

/// `CRDT` money in, `DBIT` money out.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum CreditDebit {
    #[serde(rename = "CRDT")]
    Credit,
    #[serde(rename = "DBIT")]
    Debit,
}

/// Transaction status as the bank reports it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum TransactionStatus {
    #[serde(rename = "BOOK")]
    Booked,
    #[serde(rename = "PDNG")]
    Pending,
    #[serde(rename = "HOLD")]
    Hold,
    #[serde(rename = "SCHD")]
    Scheduled,
    #[serde(rename = "CNCL")]
    Cancelled,
    #[serde(rename = "RJCT")]
    Rejected,
    #[serde(rename = "OTHR", other)]
    Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Party {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A transaction (the fields the wallet uses; others are ignored).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Transaction {
    #[serde(default)]
    pub entry_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    pub transaction_amount: Amount,
    pub credit_debit_indicator: CreditDebit,
    pub status: TransactionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<AccountIdentification>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<AccountIdentification>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub remittance_information: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_category_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_after_transaction: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The error body: `message` always, `error` and `detail` usually.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorBody {
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub detail: Option<serde_json::Value>,
}
