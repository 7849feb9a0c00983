//! What this bank charges for a payment abroad, and its price in the Open Banking terms: its two fixed
//! charges (its transfer fee, and the correspondent bank's fee) per paying account's currency, priced by
//! `wallet_core::fx::price_abroad` (the sums live there) and stated as the spec's `Charges`.

use bank_api::wire::{Amount, Charge, ChargeBearer};
use rust_decimal::Decimal;
use wallet_core::fx::{self, ChargedBy, Fee};
use wallet_core::{Currency, Money};

use crate::ob_error::ObError;

/// The charge types, in the bank's own namespace (the spec's list is namespaced and open).
pub const TRANSFER_FEE: &str = "Purse.InternationalTransferFee";
pub const CORRESPONDENT_FEE: &str = "Purse.CorrespondentBankFee";

/// The two fixed charges in the paying account's currency: the transfer fee (this bank's) and the
/// correspondent bank's fee.
fn fees(account: Currency) -> Option<[Fee; 2]> {
    let (transfer, correspondent) = match account.code() {
        "CNY" => (5_000, 10_000),
        "USD" => (700, 1_400),
        _ => return None,
    };
    Some([
        Fee {
            kind: TRANSFER_FEE,
            amount: Money::from_minor(transfer, account),
            charged_by: ChargedBy::PayersBank,
        },
        Fee {
            kind: CORRESPONDENT_FEE,
            amount: Money::from_minor(correspondent, account),
            charged_by: ChargedBy::OtherBank,
        },
    ])
}

/// A payment abroad's figures, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// The instructed amount at the rate, in the paying account's currency.
    pub converted_minor: i64,
    /// Charges the paying account bears, in its currency.
    pub fee_minor: i64,
    /// The Charges array the consent and the payment state.
    pub charges: Vec<Charge>,
}

fn currency(code: &str) -> Result<Currency, ObError> {
    code.parse()
        .map_err(|_| ObError::invalid_field(format!("{code} is not a currency this bank knows.")))
}

fn minor(money: Money) -> Result<i64, ObError> {
    money.to_minor().map_err(ObError::internal)
}

/// The terms of paying `instructed_minor` of `transfer_currency` from an account in `account_currency`
/// at `rate` (`account_currency` per unit).
pub fn terms(
    instructed_minor: i64,
    transfer_currency: &str,
    account_currency: &str,
    rate: Decimal,
    bearer: ChargeBearer,
) -> Result<Terms, ObError> {
    let transfer = currency(transfer_currency)?;
    let account = currency(account_currency)?;
    let fees = fees(account).ok_or_else(|| {
        ObError::invalid_field(format!(
            "This bank pays abroad from CNY and USD accounts, not from an account in {account_currency}."
        ))
    })?;
    let bears = match bearer {
        ChargeBearer::BorneByDebtor => fx::ChargeBearer::Debtor,
        ChargeBearer::BorneByCreditor => fx::ChargeBearer::Creditor,
        ChargeBearer::Shared | ChargeBearer::FollowingServiceLevel => fx::ChargeBearer::Shared,
    };
    let instructed = Money::from_minor(instructed_minor, transfer);
    let price = fx::price_abroad(instructed, account, rate, bears, &fees).map_err(|e| match e {
        wallet_core::DomainError::ChargesExceedAmount(_) => {
            ObError::invalid_field("The amount is too small to cover the charges taken from it.")
        }
        other => ObError::invalid_field(other.to_string()),
    })?;
    let charges = price
        .charges
        .iter()
        .map(|charge| Charge {
            charge_bearer: bearer_name(bearer).to_string(),
            kind: charge.kind.to_string(),
            amount: Amount {
                amount: charge.amount.amount(),
                currency: charge.amount.currency().code().to_string(),
            },
        })
        .collect();
    Ok(Terms {
        converted_minor: minor(price.converted)?,
        fee_minor: minor(price.fee)?,
        charges,
    })
}

pub fn bearer_name(bearer: ChargeBearer) -> &'static str {
    match bearer {
        ChargeBearer::BorneByCreditor => "BorneByCreditor",
        ChargeBearer::BorneByDebtor => "BorneByDebtor",
        ChargeBearer::FollowingServiceLevel => "FollowingServiceLevel",
        ChargeBearer::Shared => "Shared",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_dollar_account_pays_its_charges_in_dollars() {
        let terms = terms(
            50_000,
            "EUR",
            "USD",
            rate("1.0926"),
            ChargeBearer::BorneByDebtor,
        )
        .unwrap();
        assert_eq!(terms.converted_minor, 54_630);
        assert_eq!(terms.fee_minor, 2_100);
        assert!(terms.charges.iter().all(|c| c.amount.currency == "USD"));
    }

    #[test]
    fn following_the_service_level_shares_the_charges_and_says_so() {
        // The correspondent's CNY 100 out of the euros: 100 / 7.8123 → 12.81 EUR.
        let terms = terms(
            100_000,
            "EUR",
            "CNY",
            rate("7.8123"),
            ChargeBearer::FollowingServiceLevel,
        )
        .unwrap();
        assert_eq!(terms.fee_minor, 5_000);
        let stated: Vec<_> = terms
            .charges
            .iter()
            .map(|c| {
                (
                    c.kind.as_str(),
                    c.amount.amount.to_string(),
                    c.charge_bearer.as_str(),
                )
            })
            .collect();
        assert_eq!(
            stated,
            [
                (TRANSFER_FEE, "50.00".to_string(), "FollowingServiceLevel"),
                (
                    CORRESPONDENT_FEE,
                    "12.81".to_string(),
                    "FollowingServiceLevel"
                )
            ]
        );
    }

    #[test]
    fn an_amount_smaller_than_the_charges_taken_from_it_is_refused() {
        assert!(
            terms(
                1_000,
                "EUR",
                "CNY",
                rate("7.8"),
                ChargeBearer::BorneByCreditor
            )
            .is_err()
        );
    }

    #[test]
    fn an_account_in_a_currency_without_a_fee_schedule_cannot_pay_abroad() {
        assert!(terms(10_000, "EUR", "JPY", rate("160"), ChargeBearer::Shared).is_err());
    }
}
