//! Money as it crosses IPC: an exact decimal string, never a float.

use serde::Serialize;
use ts_rs::TS;
use wallet_core::Money;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MoneyDto {
    /// Exact, with the currency's minor units: "-12.50", "1000" (JPY).
    pub amount: String,
    pub currency: String,
}

impl From<Money> for MoneyDto {
    fn from(money: Money) -> Self {
        Self {
            amount: money.amount().to_string(),
            currency: money.currency().code().to_string(),
        }
    }
}
