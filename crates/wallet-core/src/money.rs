//! Exact money: a Decimal amount in a currency, converted to and from integer minor units for storage.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::error::{DomainError, Result};

/// An exact amount of one currency. Signed: negative is money going out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Refuses amounts with more decimal places than the currency has (¥1.234 is not money).
    pub fn new(amount: Decimal, currency: Currency) -> Result<Self> {
        let normalized = amount.normalize();
        if normalized.scale() > currency.minor_units() {
            return Err(DomainError::TooPrecise {
                amount: amount.to_string(),
                currency: currency.to_string(),
                minor_units: currency.minor_units(),
            });
        }
        let mut amount = normalized;
        amount.rescale(currency.minor_units());
        Ok(Self { amount, currency })
    }

    /// Parses a decimal string such as "-12.50".
    pub fn parse(amount: &str, currency: Currency) -> Result<Self> {
        let decimal: Decimal = amount
            .trim()
            .parse()
            .map_err(|_| DomainError::NotAnAmount(amount.to_string()))?;
        Self::new(decimal, currency)
    }

    pub fn zero(currency: Currency) -> Self {
        Self::from_minor(0, currency)
    }

    /// From integer minor units, the storage form (1250 CNY-fen = ¥12.50).
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Self {
            amount: Decimal::new(minor, currency.minor_units()),
            currency,
        }
    }

    /// To integer minor units; fails only for amounts beyond ±9.2e18 minor units.
    pub fn to_minor(&self) -> Result<i64> {
        let mut scaled = self.amount;
        scaled.rescale(self.currency.minor_units());
        i64::try_from(scaled.mantissa()).map_err(|_| DomainError::Overflow(self.amount.to_string()))
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    pub fn abs(&self) -> Self {
        Self {
            amount: self.amount.abs(),
            currency: self.currency,
        }
    }

    pub fn negate(&self) -> Self {
        Self {
            amount: -self.amount,
            currency: self.currency,
        }
    }

    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(DomainError::CurrencyMismatch(
                self.currency.to_string(),
                other.currency.to_string(),
            ));
        }
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| DomainError::Overflow(self.amount.to_string()))?;
        Ok(Self {
            amount,
            currency: self.currency,
        })
    }

    /// Converts at `rate` (units of `to` per unit of self), rounding half away from zero to `to`'s minor units.
    pub fn convert(&self, rate: Decimal, to: Currency) -> Result<Money> {
        crate::fx::convert(*self, rate, to)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use rust_decimal_macros::dec;

    #[rstest]
    #[case("12.5", "CNY", "12.50", 1250)]
    #[case("-0.01", "CNY", "-0.01", -1)]
    #[case("1000", "JPY", "1000", 1000)]
    #[case("1.234", "KWD", "1.234", 1234)]
    fn amounts_round_trip_through_minor_units(
        #[case] text: &str,
        #[case] code: &str,
        #[case] shown: &str,
        #[case] minor: i64,
    ) {
        let currency: Currency = code.parse().unwrap();
        let money = Money::parse(text, currency).unwrap();
        assert_eq!(money.amount().to_string(), shown);
        assert_eq!(money.to_minor().unwrap(), minor);
        assert_eq!(Money::from_minor(minor, currency), money);
    }

    #[rstest]
    #[case("1.234", "CNY")]
    #[case("1.5", "JPY")]
    fn an_amount_finer_than_the_currency_allows_is_refused(#[case] text: &str, #[case] code: &str) {
        let err = Money::parse(text, code.parse().unwrap()).unwrap_err();
        assert!(matches!(err, DomainError::TooPrecise { .. }));
    }

    #[test]
    fn text_that_is_not_a_number_is_refused() {
        assert!(matches!(
            Money::parse("12,50元", Currency::CNY),
            Err(DomainError::NotAnAmount(_))
        ));
    }

    #[test]
    fn adding_two_currencies_is_refused() {
        let yuan = Money::parse("1", Currency::CNY).unwrap();
        let dollar = Money::parse("1", Currency::USD).unwrap();
        assert!(matches!(
            yuan.checked_add(&dollar),
            Err(DomainError::CurrencyMismatch(..))
        ));
    }

    #[test]
    fn decimal_sums_stay_exact_where_floats_drift() {
        let dime = Money::parse("0.10", Currency::CNY).unwrap();
        let mut total = Money::zero(Currency::CNY);
        for _ in 0..10 {
            total = total.checked_add(&dime).unwrap();
        }
        assert_eq!(total, Money::parse("1.00", Currency::CNY).unwrap());
    }

    #[test]
    fn conversion_rounds_half_away_from_zero_to_the_target_units() {
        let dollars = Money::parse("10.05", Currency::USD).unwrap();
        let yuan = dollars.convert(dec!(7.1), Currency::CNY).unwrap();
        assert_eq!(yuan.amount(), dec!(71.36)); // 71.355 → 71.36
        let yen = dollars.convert(dec!(149.95), Currency::JPY).unwrap();
        assert_eq!(yen.amount(), dec!(1507)); // 1506.9975 → 1507
    }
}
