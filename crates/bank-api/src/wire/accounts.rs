//! Accounts and balances (`OBReadAccount6`, `OBReadBalance1`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::{Amount, CreditDebitIndicator};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountType {
    Business,
    Personal,
}

/// `OBExternalAccountSubType1Code`; codes the wallet does not know read as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountSubType {
    ChargeCard,
    CreditCard,
    CurrentAccount,
    EMoney,
    Loan,
    Mortgage,
    PrePaidCard,
    Savings,
    #[serde(other, skip_serializing)]
    Other,
}

/// `OBAccount6`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Account {
    pub account_id: String,
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_sub_type: Option<AccountSubType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opening_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account: Vec<AccountIdentification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicer: Option<Servicer>,
}

/// One identification of an account: a card number (`UK.OBIE.PAN`), an IBAN, a wallet id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountIdentification {
    pub scheme_name: String,
    pub identification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Servicer {
    pub scheme_name: String,
    pub identification: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountList {
    pub account: Vec<Account>,
}

/// `OBBalanceType1Code`; unknown ones read as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BalanceType {
    ClosingAvailable,
    ClosingBooked,
    ClosingCleared,
    Expected,
    ForwardAvailable,
    Information,
    InterimAvailable,
    InterimBooked,
    InterimCleared,
    OpeningAvailable,
    OpeningBooked,
    OpeningCleared,
    PreviouslyClosedBooked,
    #[serde(other, skip_serializing)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Balance {
    pub account_id: String,
    pub credit_debit_indicator: CreditDebitIndicator,
    #[serde(rename = "Type")]
    pub balance_type: BalanceType,
    pub date_time: DateTime<Utc>,
    pub amount: Amount,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit_line: Vec<CreditLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreditLine {
    pub included: bool,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub line_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BalanceList {
    pub balance: Vec<Balance>,
}
