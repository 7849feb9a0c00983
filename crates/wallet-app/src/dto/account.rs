//! Accounts and the home screen's overview as the UI receives them.

use serde::Serialize;
use ts_rs::TS;
use wallet_core::AccountKind;

use super::money::MoneyDto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AccountKindDto {
    DebitCard,
    CreditCard,
    EWallet,
    Savings,
}

impl From<AccountKind> for AccountKindDto {
    fn from(kind: AccountKind) -> Self {
        match kind {
            AccountKind::DebitCard => Self::DebitCard,
            AccountKind::CreditCard => Self::CreditCard,
            AccountKind::EWallet => Self::EWallet,
            AccountKind::Savings => Self::Savings,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountDto {
    pub id: String,
    pub bank_name: String,
    pub kind: AccountKindDto,
    pub masked_number: String,
    pub currency: String,
    pub nickname: Option<String>,
    /// The nickname when set, else the bank's name for the account.
    pub name: String,
    /// Signed: a credit card's negative balance is what is owed.
    pub balance: MoneyDto,
    pub available: Option<MoneyDto>,
    pub credit_limit: Option<MoneyDto>,
    /// The balance in the home currency at the latest known rate; null when no rate is known.
    pub balance_in_home: Option<MoneyDto>,
    /// What queued and sent payments are taking out of this account, not yet in its booked balance.
    pub pending_outflow: Option<MoneyDto>,
    pub last_synced_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FxRateDto {
    pub from: String,
    pub to: String,
    pub rate: String,
    pub as_of: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountsOverview {
    pub home_currency: String,
    /// Everything owned: debit, savings and e-wallet balances, in the home currency.
    pub total_assets: MoneyDto,
    /// Everything owed (credit cards), as a positive amount.
    pub total_liabilities: MoneyDto,
    pub net_worth: MoneyDto,
    pub rates: Vec<FxRateDto>,
    /// What is held in each currency (owned minus owed), and that in the home currency when a rate is known.
    pub by_currency: Vec<CurrencyTotal>,
    pub accounts: Vec<AccountDto>,
    pub last_synced_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotal {
    /// Owned minus owed, in the currency itself.
    pub net: MoneyDto,
    pub in_home: Option<MoneyDto>,
}
