//! AISP statements (v3.1.11 `OBReadStatement2`): what the sandbox serves for its credit card — the
//! period, the closing balance, the minimum payment and the due date. Only those fields are declared.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::{Amount, CreditDebitIndicator};

/// `StatementAmount/Type` for the balance at the statement date.
pub const CLOSING_BALANCE: &str = "UK.OBIE.ClosingBalance";
/// `StatementAmount/Type` for the least the customer must pay by the due date.
pub const MINIMUM_PAYMENT: &str = "UK.OBIE.MinimumPaymentDue";
/// `StatementDateTime/Type` for the payment due date.
pub const PAYMENT_DUE: &str = "UK.OBIE.PaymentDue";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatementAmount {
    pub credit_debit_indicator: CreditDebitIndicator,
    #[serde(rename = "Type")]
    pub kind: String,
    pub amount: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatementDateTime {
    pub date_time: DateTime<Utc>,
    #[serde(rename = "Type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Statement {
    pub account_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement_id: Option<String>,
    #[serde(rename = "Type")]
    pub kind: String,
    pub start_date_time: DateTime<Utc>,
    pub end_date_time: DateTime<Utc>,
    pub creation_date_time: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statement_amount: Vec<StatementAmount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statement_date_time: Vec<StatementDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatementList {
    #[serde(default)]
    pub statement: Vec<Statement>,
}
