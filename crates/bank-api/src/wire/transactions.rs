//! Transactions (`OBReadTransaction6`).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::common::{Amount, CreditDebitIndicator};

/// `OBEntryStatus1Code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryStatus {
    Booked,
    Pending,
    Rejected,
}

/// `OBTransaction6` (the fields Purse reads and the sandbox sends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Transaction {
    pub account_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_reference: Option<String>,
    pub credit_debit_indicator: CreditDebitIndicator,
    pub status: EntryStatus,
    pub booking_date_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_information: Option<String>,
    pub amount: Amount,
    /// What the bank charged for this line (e.g. a card's currency conversion fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_exchange: Option<CurrencyExchange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_transaction_code: Option<BankTransactionCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proprietary_bank_transaction_code: Option<ProprietaryBankTransactionCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<TransactionBalance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_details: Option<MerchantDetails>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<PartyAccount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<PartyAccount>,
}

/// `OBCurrencyExchange5`: how a foreign payment was converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CurrencyExchange {
    pub source_currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_currency: Option<String>,
    /// A JSON number in the spec; read through its decimal text, never through arithmetic on a float.
    #[serde(
        serialize_with = "rate_to_number",
        deserialize_with = "rate_from_number"
    )]
    pub exchange_rate: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructed_amount: Option<Amount>,
}

fn rate_to_number<S: Serializer>(rate: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(
        rate.to_f64()
            .ok_or_else(|| serde::ser::Error::custom("rate out of range"))?,
    )
}

fn rate_from_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    number.to_string().parse::<Decimal>().or_else(|_| {
        Decimal::from_scientific(&number.to_string()).map_err(serde::de::Error::custom)
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BankTransactionCode {
    pub code: String,
    pub sub_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProprietaryBankTransactionCode {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactionBalance {
    pub credit_debit_indicator: CreditDebitIndicator,
    #[serde(rename = "Type")]
    pub balance_type: super::accounts::BalanceType,
    pub amount: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MerchantDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_category_code: Option<String>,
}

/// The other side of a transfer (`CreditorAccount` / `DebtorAccount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PartyAccount {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactionList {
    pub transaction: Vec<Transaction>,
}
