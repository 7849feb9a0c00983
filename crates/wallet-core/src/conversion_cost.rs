//! What a card payment abroad really cost: the rate the bank converted at, its fee, and both against the
//! day's reference rate, so a person can see how much above the market the payment came to.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{DomainError, Result};
use crate::money::Money;

/// Rates are shown to four places, as banks and card networks quote them.
const RATE_PLACES: u32 = 4;

/// The day's reference rate for the payment's currency: units of the booked currency per foreign unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceRate {
    pub rate: Decimal,
    /// The day it was fixed (YYYY-MM-DD).
    pub day: String,
    pub source: String,
}

/// One payment abroad, taken apart. All amounts are positive, in the booked currency unless said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionCost {
    /// What the merchant charged, in their currency.
    pub original: Money,
    /// What the bank booked for it, before its fee.
    pub booked: Money,
    pub fee: Option<Money>,
    /// Booked plus fee: what the payment took from the account.
    pub total: Money,
    /// Booked ÷ original.
    pub card_rate: Decimal,
    /// Total ÷ original: the rate the person really paid.
    pub effective_rate: Decimal,
    pub reference: Option<ReferenceRate>,
    /// The original at the reference rate, to the booked currency's minor unit.
    pub at_reference: Option<Money>,
    /// Total minus `at_reference` (negative when the bank's rate beat the reference).
    pub above_reference: Option<Money>,
    /// How far the effective rate is above the reference, in percent to two places.
    pub above_reference_percent: Option<Decimal>,
}

/// Takes a converted line apart. `original` and `booked` may be signed (spending is negative): the cost is
/// about sizes. Fails on a zero original (no rate can be read from it) or a fee in another currency.
pub fn conversion_cost(
    original: Money,
    booked: Money,
    fee: Option<Money>,
    reference: Option<ReferenceRate>,
) -> Result<ConversionCost> {
    let original = original.abs();
    let booked = booked.abs();
    if original.amount().is_zero() {
        return Err(DomainError::NotAnAmount(format!(
            "a conversion from {original} has no rate"
        )));
    }
    let fee = fee.map(|fee| fee.abs());
    let total = match &fee {
        Some(fee) => booked.checked_add(fee)?,
        None => booked,
    };
    let rate = |yuan: Decimal| {
        (yuan / original.amount())
            .round_dp_with_strategy(RATE_PLACES, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    };
    let at_reference = reference
        .as_ref()
        .map(|reference| original.convert(reference.rate, booked.currency()))
        .transpose()?;
    let above_reference = at_reference
        .as_ref()
        .map(|fair| total.checked_add(&fair.negate()))
        .transpose()?;
    let above_reference_percent = match (&above_reference, &at_reference) {
        (Some(above), Some(fair)) if !fair.amount().is_zero() => Some(
            (above.amount() * Decimal::ONE_HUNDRED / fair.amount())
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        ),
        _ => None,
    };
    Ok(ConversionCost {
        card_rate: rate(booked.amount()),
        effective_rate: rate(total.amount()),
        original,
        booked,
        fee,
        total,
        reference,
        at_reference,
        above_reference,
        above_reference_percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;
    use rust_decimal_macros::dec;

    fn reference(rate: Decimal) -> Option<ReferenceRate> {
        Some(ReferenceRate {
            rate,
            day: "2026-02-15".into(),
            source: "test fixing".into(),
        })
    }

    #[test]
    fn a_dinner_in_san_francisco_costs_its_fee_and_the_rate_gap_above_the_reference() {
        // USD 85.40 booked at 7.1850 = ¥613.60 (rounded), fee 1.5% = ¥9.20; reference 7.1500.
        let cost = conversion_cost(
            Money::parse("-85.40", Currency::USD).unwrap(),
            Money::parse("-613.60", Currency::CNY).unwrap(),
            Some(Money::parse("9.20", Currency::CNY).unwrap()),
            reference(dec!(7.1500)),
        )
        .unwrap();
        assert_eq!(cost.total, Money::parse("622.80", Currency::CNY).unwrap());
        assert_eq!(cost.card_rate, dec!(7.185));
        // 622.80 / 85.40 = 7.29274…
        assert_eq!(cost.effective_rate, dec!(7.2927));
        // 85.40 × 7.15 = 610.61
        assert_eq!(
            cost.at_reference,
            Some(Money::parse("610.61", Currency::CNY).unwrap())
        );
        assert_eq!(
            cost.above_reference,
            Some(Money::parse("12.19", Currency::CNY).unwrap())
        );
        // 12.19 / 610.61 = 1.9963…%
        assert_eq!(cost.above_reference_percent, Some(dec!(2.00)));
    }

    #[test]
    fn without_a_reference_rate_the_cost_still_shows_the_banks_rates_and_fee() {
        let cost = conversion_cost(
            Money::parse("-2000", Currency::JPY).unwrap(),
            Money::parse("-96.24", Currency::CNY).unwrap(),
            Some(Money::parse("-1.44", Currency::CNY).unwrap()),
            None,
        )
        .unwrap();
        assert_eq!(cost.card_rate, dec!(0.0481));
        assert_eq!(cost.effective_rate, dec!(0.0488));
        assert_eq!(cost.total, Money::parse("97.68", Currency::CNY).unwrap());
        assert_eq!(cost.above_reference, None);
    }

    #[test]
    fn a_bank_rate_better_than_the_reference_shows_as_a_saving() {
        let cost = conversion_cost(
            Money::parse("100.00", Currency::USD).unwrap(),
            Money::parse("714.00", Currency::CNY).unwrap(),
            None,
            reference(dec!(7.15)),
        )
        .unwrap();
        assert_eq!(
            cost.above_reference,
            Some(Money::parse("-1.00", Currency::CNY).unwrap())
        );
        assert_eq!(cost.above_reference_percent, Some(dec!(-0.14)));
    }

    #[test]
    fn a_zero_original_amount_has_no_rate_and_is_refused() {
        assert!(
            conversion_cost(
                Money::zero(Currency::USD),
                Money::parse("1.00", Currency::CNY).unwrap(),
                None,
                None
            )
            .is_err()
        );
    }
}
