//! What a payment abroad costs and delivers at a firm rate: the amount converted into the paying account's
//! currency, and the bank's two charges (its transfer fee and the correspondent bank's fee), each taken
//! from whoever `ChargeBearer` says bears it: from the paying account in its currency, or out of the
//! amount sent, in the currency of transfer.

use bank_api::wire::{Amount, Charge, ChargeBearer};
use rust_decimal::{Decimal, RoundingStrategy};
use wallet_core::Currency;

use crate::ob_error::ObError;

/// The charge types, in the bank's own namespace (the spec's list is namespaced and open).
pub const TRANSFER_FEE: &str = "Purse.InternationalTransferFee";
pub const CORRESPONDENT_FEE: &str = "Purse.CorrespondentBankFee";

/// The two fixed charges in the paying account's currency (minor units): transfer fee, correspondent fee.
fn fees(account_currency: &str) -> Option<(i64, i64)> {
    match account_currency {
        "CNY" => Some((5_000, 10_000)),
        "USD" => Some((700, 1_400)),
        _ => None,
    }
}

/// Charges by type, in minor units of the paying account's currency.
type Fees<'a> = &'a [(&'static str, i64)];

/// A payment abroad's figures, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// The instructed amount at the rate, in the paying account's currency.
    pub converted_minor: i64,
    /// Charges the paying account bears, in its currency.
    pub fee_minor: i64,
    /// What arrives, in the currency of transfer (the instructed amount less the charges taken from it).
    pub delivered_minor: i64,
    /// The Charges array the consent and the payment state.
    pub charges: Vec<Charge>,
}

fn to_minor(amount: Decimal, currency: Currency) -> i64 {
    (amount * Decimal::from(10_i64.pow(currency.minor_units())))
        .trunc()
        .try_into()
        .unwrap_or(i64::MAX)
}

fn from_minor(minor: i64, currency: Currency) -> Decimal {
    Decimal::new(minor, currency.minor_units())
}

fn currency(code: &str) -> Result<Currency, ObError> {
    code.parse()
        .map_err(|_| ObError::invalid_field(format!("{code} is not a currency this bank knows.")))
}

/// The terms of paying `instructed_minor` of `transfer_currency` from an account in `account_currency`
/// at `rate` (`account_currency` per unit). Converted amounts round half away from zero to the minor
/// unit; a charge taken out of the transfer is converted the other way and rounded up.
pub fn terms(
    instructed_minor: i64,
    transfer_currency: &str,
    account_currency: &str,
    rate: Decimal,
    bearer: ChargeBearer,
) -> Result<Terms, ObError> {
    let transfer = currency(transfer_currency)?;
    let account = currency(account_currency)?;
    let (transfer_fee, correspondent_fee) = fees(account_currency).ok_or_else(|| {
        ObError::invalid_field(format!(
            "This bank pays abroad from CNY and USD accounts, not from an account in {account_currency}."
        ))
    })?;
    let converted = (from_minor(instructed_minor, transfer) * rate).round_dp_with_strategy(
        account.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    );
    let in_transfer_currency = |fee_minor: i64| {
        to_minor(
            (from_minor(fee_minor, account) / rate)
                .round_dp_with_strategy(transfer.minor_units(), RoundingStrategy::AwayFromZero),
            transfer,
        )
    };
    let (debtor_pays, creditor_pays): (Fees, Fees) = match bearer {
        ChargeBearer::BorneByDebtor => (
            &[
                (TRANSFER_FEE, transfer_fee),
                (CORRESPONDENT_FEE, correspondent_fee),
            ],
            &[],
        ),
        ChargeBearer::Shared | ChargeBearer::FollowingServiceLevel => (
            &[(TRANSFER_FEE, transfer_fee)],
            &[(CORRESPONDENT_FEE, correspondent_fee)],
        ),
        ChargeBearer::BorneByCreditor => (
            &[],
            &[
                (TRANSFER_FEE, transfer_fee),
                (CORRESPONDENT_FEE, correspondent_fee),
            ],
        ),
    };
    let mut charges = Vec::new();
    let mut fee_minor = 0;
    for (kind, minor) in debtor_pays {
        fee_minor += minor;
        charges.push(Charge {
            charge_bearer: bearer_name(bearer).to_string(),
            kind: (*kind).to_string(),
            amount: Amount {
                amount: from_minor(*minor, account),
                currency: account_currency.to_string(),
            },
        });
    }
    let mut delivered_minor = instructed_minor;
    for (kind, minor) in creditor_pays {
        let taken = in_transfer_currency(*minor);
        delivered_minor -= taken;
        charges.push(Charge {
            charge_bearer: bearer_name(bearer).to_string(),
            kind: (*kind).to_string(),
            amount: Amount {
                amount: from_minor(taken, transfer),
                currency: transfer_currency.to_string(),
            },
        });
    }
    if delivered_minor <= 0 {
        return Err(ObError::invalid_field(
            "The amount is too small to cover the charges taken from it.",
        ));
    }
    Ok(Terms {
        converted_minor: to_minor(converted, account),
        fee_minor,
        delivered_minor,
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
    use rstest::rstest;

    use super::*;

    fn rate(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[rstest]
    // 1000.00 EUR at 7.8123: 7812.30 CNY, whoever bears the charges.
    #[case(ChargeBearer::BorneByDebtor, 781_230, 15_000, 100_000)]
    // The correspondent's CNY 100 out of the euros: 100 / 7.8123 = 12.8003.. → 12.81 EUR.
    #[case(ChargeBearer::Shared, 781_230, 5_000, 100_000 - 1_281)]
    #[case(ChargeBearer::FollowingServiceLevel, 781_230, 5_000, 100_000 - 1_281)]
    // Both: 50 / 7.8123 → 6.41, and 12.81.
    #[case(ChargeBearer::BorneByCreditor, 781_230, 0, 100_000 - 641 - 1_281)]
    fn the_charges_fall_on_whoever_bears_them(
        #[case] bearer: ChargeBearer,
        #[case] converted: i64,
        #[case] fee: i64,
        #[case] delivered: i64,
    ) {
        let terms = terms(100_000, "EUR", "CNY", rate("7.8123"), bearer).unwrap();
        assert_eq!(
            (
                terms.converted_minor,
                terms.fee_minor,
                terms.delivered_minor
            ),
            (converted, fee, delivered)
        );
        assert_eq!(terms.charges.len(), 2);
    }

    #[test]
    fn yen_are_converted_into_whole_fen_and_charges_into_whole_yen() {
        // 123456 JPY at 0.047981 = 5923.54 CNY; CNY 100 / 0.047981 = 2084.15.. → 2085 JPY.
        let terms = terms(
            123_456,
            "JPY",
            "CNY",
            rate("0.047981"),
            ChargeBearer::Shared,
        )
        .unwrap();
        assert_eq!(terms.converted_minor, 592_354);
        assert_eq!(terms.delivered_minor, 123_456 - 2_085);
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
}
