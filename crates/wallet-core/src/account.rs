//! An account or card as the wallet shows it: what kind it is, at which bank, and in which currency.

use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::error::DomainError;
use crate::ids::{AccountId, BankLinkId};
use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccountKind {
    DebitCard,
    CreditCard,
    EWallet,
    Savings,
}

impl AccountKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            AccountKind::DebitCard => "debitCard",
            AccountKind::CreditCard => "creditCard",
            AccountKind::EWallet => "eWallet",
            AccountKind::Savings => "savings",
        }
    }

    /// A balance on these is money owed, not money owned.
    pub fn is_liability(&self) -> bool {
        matches!(self, AccountKind::CreditCard)
    }
}

impl std::str::FromStr for AccountKind {
    type Err = DomainError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "debitCard" => AccountKind::DebitCard,
            "creditCard" => AccountKind::CreditCard,
            "eWallet" => AccountKind::EWallet,
            "savings" => AccountKind::Savings,
            other => {
                return Err(DomainError::UnknownValue {
                    kind: "account kind",
                    value: other.into(),
                });
            }
        })
    }
}

/// Hides all but the last four characters: "6222021234567890" → "•••• 7890".
pub fn mask_number(number: &str) -> String {
    let visible: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .take(4)
        .rev()
        .collect();
    format!("•••• {visible}")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub bank_link: BankLinkId,
    /// The bank's own id for this account (Open Banking `AccountId`).
    pub bank_account_id: String,
    pub bank_name: String,
    pub kind: AccountKind,
    pub masked_number: String,
    pub currency: Currency,
    pub name: String,
    pub nickname: Option<String>,
    /// Booked balance, signed: for a credit card, negative is what is owed.
    pub balance: Money,
    pub available: Option<Money>,
    pub credit_limit: Option<Money>,
    /// The full number the bank knows it by, for paying into or out of it (None until the bank said).
    pub routing: Option<crate::payment::AccountRouting>,
}

impl Account {
    pub fn display_name(&self) -> &str {
        self.nickname
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_number_shows_only_its_last_four_digits() {
        assert_eq!(mask_number("6222 0212 3456 7890"), "•••• 7890");
        assert_eq!(mask_number("12"), "•••• 12");
    }

    #[test]
    fn only_credit_cards_count_as_liabilities() {
        assert!(AccountKind::CreditCard.is_liability());
        assert!(!AccountKind::DebitCard.is_liability());
        assert!(!AccountKind::EWallet.is_liability());
    }
}
