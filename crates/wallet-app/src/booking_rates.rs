//! The rate a month's foreign money is turned into the home currency at: the month's booking rate, what
//! the bank's card conversions that month came to. A balance or a purchase of 2019 is then valued as it
//! was in 2019, not at today's rate (docs/decisions/reports-at-the-months-booking-rate.md).

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use wallet_core::{Currency, Money, fx};
use wallet_store::RateSources;
#[cfg(test)]
use wallet_store::{FxRate, MonthlyConversion};

/// Per foreign currency, a rate into the home currency for any month.
#[derive(Debug, Default)]
pub(crate) struct BookingRates {
    /// Today's rate (the bank's latest conversion), for the month under way.
    today: HashMap<Currency, Decimal>,
    /// The months with conversions, each with its rate.
    by_month: HashMap<Currency, BTreeMap<i64, Decimal>>,
    /// YYYYMM of today.
    current_month: i64,
}

impl BookingRates {
    pub fn new(sources: &RateSources, current_month: i64) -> Self {
        let mut by_month: HashMap<Currency, BTreeMap<i64, Decimal>> = HashMap::new();
        for month in &sources.months {
            let foreign = Money::from_minor(month.from_minor, month.from).amount();
            let booked = Money::from_minor(month.to_minor, month.to).amount();
            if let Some(rate) = fx::rate_of(foreign, booked) {
                by_month
                    .entry(month.from)
                    .or_default()
                    .insert(month.month, rate);
            }
        }
        BookingRates {
            today: sources.today.iter().map(|r| (r.from, r.rate)).collect(),
            by_month,
            current_month,
        }
    }

    /// The rate for money of `month`: today's for the month under way; otherwise the month's own, or
    /// the nearest earlier month's when it had no conversion, or the earliest known before the first;
    /// today's when the bank never converted that currency. None: no rate at all.
    pub fn rate(&self, currency: Currency, month: i64) -> Option<Decimal> {
        let today = self.today.get(&currency).copied();
        if month >= self.current_month && today.is_some() {
            return today;
        }
        let Some(months) = self.by_month.get(&currency) else {
            return today;
        };
        months
            .range(..=month)
            .next_back()
            .or_else(|| months.iter().next())
            .map(|(_, rate)| *rate)
            .or(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn dollars(month: i64, foreign: i64, booked: i64) -> MonthlyConversion {
        MonthlyConversion {
            from: Currency::USD,
            to: Currency::CNY,
            month,
            from_minor: foreign,
            to_minor: booked,
            lines: 1,
        }
    }

    fn today(rate: Decimal) -> FxRate {
        FxRate {
            from: Currency::USD,
            to: Currency::CNY,
            rate,
            as_of: "2026-11-19".into(),
            source: "test".into(),
        }
    }

    #[test]
    fn each_month_takes_its_own_conversions_or_the_last_ones_before_it() {
        // February: $100 booked as ¥700 and $50 as ¥360 → ¥1,060 / $150.
        let rates = BookingRates::new(
            &RateSources {
                today: vec![today(dec!(7.25))],
                months: vec![
                    dollars(202602, 15_000, 106_000),
                    dollars(202607, 10_000, 71_500),
                ],
            },
            202611,
        );
        let usd = |month| rates.rate(Currency::USD, month);
        assert_eq!(usd(202602), Some(dec!(7.066667)));
        assert_eq!(
            usd(202605),
            Some(dec!(7.066667)),
            "no conversion: February's"
        );
        assert_eq!(usd(202607), Some(dec!(7.15)));
        assert_eq!(usd(202610), Some(dec!(7.15)));
        assert_eq!(
            usd(202512),
            Some(dec!(7.066667)),
            "before any: the earliest"
        );
        assert_eq!(
            usd(202611),
            Some(dec!(7.25)),
            "the month under way: today's"
        );
        assert_eq!(rates.rate(Currency::JPY, 202607), None);
    }

    #[test]
    fn a_currency_the_bank_never_converted_takes_todays_rate_every_month() {
        let sources = RateSources {
            today: vec![today(dec!(7.2))],
            months: Vec::new(),
        };
        let rates = BookingRates::new(&sources, 202611);
        assert_eq!(rates.rate(Currency::USD, 201901), Some(dec!(7.2)));
    }
}
