//! The sums of money changing currency, written once for the wallet and the bank: an amount at a rate, a
//! rate with a markup over a reference rate, the rate an amount was converted at, and what a payment abroad
//! costs and delivers when its charges fall on whoever bears them. Exact decimals, rounded to each
//! currency's minor units; never floating point.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::currency::Currency;
use crate::error::{DomainError, Result};
use crate::money::Money;

/// The places a rate read off two amounts is kept to: enough for display and conversion (banks quote 4–6).
pub const RATE_PLACES: u32 = 6;

/// `amount` at `rate` (units of `to` per unit of the amount's currency), half away from zero to `to`'s
/// minor unit.
pub fn convert(amount: Money, rate: Decimal, to: Currency) -> Result<Money> {
    let raw = amount
        .amount()
        .checked_mul(rate)
        .ok_or_else(|| DomainError::Overflow(amount.amount().to_string()))?;
    Money::new(
        raw.round_dp_with_strategy(to.minor_units(), RoundingStrategy::MidpointAwayFromZero),
        to,
    )
}

/// The rate `foreign` was converted into `booked` at (booked per foreign unit, sizes only), to
/// `RATE_PLACES`; None for a zero foreign amount.
pub fn rate_of(foreign: Decimal, booked: Decimal) -> Option<Decimal> {
    let rate = booked.abs().checked_div(foreign.abs())?;
    Some(rate.round_dp(RATE_PLACES).normalize())
}

/// A rate as a bank quotes it: to 4 decimals, or 6 below 1 so a yen or a Hong Kong dollar keeps its
/// precision; half away from zero.
pub fn quoted(rate: Decimal) -> Decimal {
    let places = if rate >= Decimal::ONE { 4 } else { 6 };
    rate.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// The rate a bank sells at: the reference rate with its `markup` (0.005 for 0.5 %), quoted.
pub fn with_markup(reference: Decimal, markup: Decimal) -> Decimal {
    quoted(reference * (Decimal::ONE + markup))
}

/// Who bears a payment abroad's charges (the spec's `ChargeBearer`; its `FollowingServiceLevel` is
/// `Shared` here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChargeBearer {
    /// The payer bears every charge.
    Debtor,
    /// The payee bears every charge: all are taken out of the amount sent.
    Creditor,
    /// The payer bears its own bank's charges, the payee the other banks'.
    Shared,
}

/// Whose bank takes a charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChargedBy {
    PayersBank,
    OtherBank,
}

/// One charge a bank makes for a payment abroad, in the paying account's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee {
    pub kind: &'static str,
    pub amount: Money,
    pub charged_by: ChargedBy,
}

/// One charge as the payment states it: from the paying account in its currency, or out of the amount
/// sent in the currency of transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub kind: &'static str,
    pub amount: Money,
    pub from_payer: bool,
}

/// What a payment abroad costs and delivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceAbroad {
    /// The instructed amount at the rate, in the paying account's currency.
    pub converted: Money,
    /// The charges the paying account bears, in its currency.
    pub fee: Money,
    /// What arrives, in the currency of transfer: the instructed amount less the charges taken from it.
    pub delivered: Money,
    /// Every charge, the payer's first.
    pub charges: Vec<Charge>,
}

/// The price of sending `instructed` from an account in `account` at `rate` (`account` per unit of the
/// instructed currency), with `fees` falling on whoever `bearer` says. The converted amount rounds half
/// away from zero; a charge taken out of the amount sent is converted back at the rate and rounded up.
/// Fails when the charges taken out of the amount leave nothing to deliver.
pub fn price_abroad(
    instructed: Money,
    account: Currency,
    rate: Decimal,
    bearer: ChargeBearer,
    fees: &[Fee],
) -> Result<PriceAbroad> {
    let transfer = instructed.currency();
    let converted = convert(instructed, rate, account)?;
    let payer_bears = |fee: &Fee| match bearer {
        ChargeBearer::Debtor => true,
        ChargeBearer::Creditor => false,
        ChargeBearer::Shared => fee.charged_by == ChargedBy::PayersBank,
    };
    let mut fee_total = Money::zero(account);
    let mut delivered = instructed;
    let mut payers = Vec::new();
    let mut payees = Vec::new();
    for fee in fees {
        if payer_bears(fee) {
            fee_total = fee_total.checked_add(&fee.amount)?;
            payers.push(Charge {
                kind: fee.kind,
                amount: fee.amount,
                from_payer: true,
            });
        } else {
            let back = fee
                .amount
                .amount()
                .checked_div(rate)
                .ok_or_else(|| DomainError::NotAnAmount(format!("the rate {rate}")))?
                .round_dp_with_strategy(transfer.minor_units(), RoundingStrategy::AwayFromZero);
            let taken = Money::new(back, transfer)?;
            delivered = delivered.checked_add(&taken.negate())?;
            payees.push(Charge {
                kind: fee.kind,
                amount: taken,
                from_payer: false,
            });
        }
    }
    if delivered.amount() <= Decimal::ZERO {
        return Err(DomainError::ChargesExceedAmount(instructed.to_string()));
    }
    payers.extend(payees);
    Ok(PriceAbroad {
        converted,
        fee: fee_total,
        delivered,
        charges: payers,
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;
    use rust_decimal_macros::dec;

    use super::*;

    fn yuan_fees() -> [Fee; 2] {
        [
            Fee {
                kind: "transfer",
                amount: Money::from_minor(5_000, Currency::CNY),
                charged_by: ChargedBy::PayersBank,
            },
            Fee {
                kind: "correspondent",
                amount: Money::from_minor(10_000, Currency::CNY),
                charged_by: ChargedBy::OtherBank,
            },
        ]
    }

    fn euros(minor: i64) -> Money {
        Money::from_minor(minor, "EUR".parse().unwrap())
    }

    #[test]
    fn an_amount_at_a_rate_rounds_half_away_from_zero_to_the_minor_unit() {
        // 12.345 is not a yuan amount: 1.00 EUR at 12.345 → 12.35 CNY; 3 JPY at 0.047981 → 0.14 CNY.
        let yuan = convert(euros(100), dec!(12.345), Currency::CNY).unwrap();
        assert_eq!(yuan, Money::from_minor(1_235, Currency::CNY));
        let yen = Money::from_minor(3, Currency::JPY);
        let converted = convert(yen, dec!(0.047981), Currency::CNY).unwrap();
        assert_eq!(converted, Money::from_minor(14, Currency::CNY));
    }

    #[test]
    fn a_rate_read_off_two_amounts_keeps_six_places_and_ignores_signs() {
        assert_eq!(rate_of(dec!(-150), dec!(-1060)), Some(dec!(7.066667)));
        assert_eq!(rate_of(dec!(100), dec!(715)), Some(dec!(7.15)));
        assert_eq!(rate_of(Decimal::ZERO, dec!(715)), None);
    }

    #[test]
    fn a_marked_up_rate_keeps_four_places_or_six_below_one() {
        assert_eq!(with_markup(dec!(7.8), dec!(0.005)), dec!(7.8390));
        assert_eq!(with_markup(dec!(0.0477421), dec!(0.005)), dec!(0.047981));
        assert_eq!(quoted(dec!(1.23455)), dec!(1.2346));
    }

    #[rstest]
    // 1000.00 EUR at 7.8123: 7812.30 CNY, whoever bears the charges.
    #[case(ChargeBearer::Debtor, 15_000, 100_000)]
    // The correspondent's CNY 100 out of the euros: 100 / 7.8123 = 12.8003.. → 12.81 EUR.
    #[case(ChargeBearer::Shared, 5_000, 100_000 - 1_281)]
    // Both: 50 / 7.8123 → 6.41, and 12.81.
    #[case(ChargeBearer::Creditor, 0, 100_000 - 641 - 1_281)]
    fn the_charges_fall_on_whoever_bears_them(
        #[case] bearer: ChargeBearer,
        #[case] fee: i64,
        #[case] delivered: i64,
    ) {
        let price = price_abroad(
            euros(100_000),
            Currency::CNY,
            dec!(7.8123),
            bearer,
            &yuan_fees(),
        )
        .unwrap();
        assert_eq!(price.converted, Money::from_minor(781_230, Currency::CNY));
        assert_eq!(price.fee, Money::from_minor(fee, Currency::CNY));
        assert_eq!(price.delivered, euros(delivered));
        assert_eq!(price.charges.len(), 2);
    }

    #[test]
    fn yen_are_converted_into_whole_fen_and_charges_into_whole_yen() {
        // 123456 JPY at 0.047981 = 5923.54 CNY; CNY 100 / 0.047981 = 2084.15.. → 2085 JPY.
        let yen = Money::from_minor(123_456, Currency::JPY);
        let price = price_abroad(
            yen,
            Currency::CNY,
            dec!(0.047981),
            ChargeBearer::Shared,
            &yuan_fees(),
        )
        .unwrap();
        assert_eq!(price.converted, Money::from_minor(592_354, Currency::CNY));
        assert_eq!(
            price.delivered,
            Money::from_minor(123_456 - 2_085, Currency::JPY)
        );
        let taken = &price.charges[1];
        assert_eq!(
            (taken.kind, taken.from_payer),
            ("correspondent", false),
            "the payer's charges come first"
        );
    }

    #[test]
    fn an_amount_smaller_than_the_charges_taken_from_it_is_refused() {
        let price = price_abroad(
            euros(1_000),
            Currency::CNY,
            dec!(7.8),
            ChargeBearer::Creditor,
            &yuan_fees(),
        );
        assert!(matches!(price, Err(DomainError::ChargesExceedAmount(_))));
    }
}
