//! Finds subscriptions and regular bills in a person's spending, so the wallet can show what they cost a month and when each is next due.
//!
//! The input is plain [`Charge`]s (payee, local date, positive amount), independent of how they are stored;
//! the caller normalises payees ("NETFLIX.COM 8373" → "Netflix") and passes `today`, so this is pure.
//!
//! # Rules
//!
//! - Charges are grouped by payee (exact string) and currency. Amounts that are zero or negative (refunds)
//!   are ignored.
//! - Within a payee, charges are split into *amount bands*: sorted by amount, a new band starts where the
//!   next amount is more than 25 % above the previous one. So one payee can have two series (a monthly plan
//!   and a yearly plan) only when their amounts clearly differ; a bill whose amount drifts stays one series.
//! - A band is a series when **every** interval between consecutive charges fits one cadence:
//!   weekly 6–8 days, biweekly 13–15, monthly 27–33, quarterly 85–97, yearly 355–375; it has at least 3
//!   charges (2 for yearly); monthly charges each fall within 3 days of the series' day of the month
//!   (clamped to short months, so the 31st is 28/29 Feb and 30 Apr) while each interval still keeps to
//!   27–33 days; and every amount is within ±25 % of the median. A skipped period or an extra charge breaks a series: Purse prefers to miss a subscription
//!   rather than invent one from irregular spending.
//! - When a whole band fails, each exact amount in it is tried on its own (at least 3 charges, also for
//!   yearly), which finds a fixed-price subscription among irregular purchases at the same payee.
//! - The series' day of the month is the day 1–31 that the dates drift least from (ties: the one the latest
//!   charge fell on, then the smaller day). The next expected date repeats it: 31 Jan → 29 Feb 2024 →
//!   31 Mar. Weekly and biweekly series simply add 7 or 14 days.
//! - The typical amount is the median; with an even count, the mean of the middle two rounded half away
//!   from zero to the currency's minor units. The amount is [`AmountPattern::Fixed`] when every charge was
//!   the same, else [`AmountPattern::Varies`] with its range.
//! - The monthly cost is exact: weekly × 52 / 12, biweekly × 26 / 12, monthly × 1, quarterly / 3,
//!   yearly / 12 of the typical amount, rounded half away from zero to the currency's minor units.
//! - A series is still active until `today` is more than one period plus a grace past the next expected
//!   date (one missed charge is a late bill, two are a cancellation). The grace is the late side of the
//!   interval tolerance: 1 day weekly and biweekly, 3 monthly, 6 quarterly, 10 yearly.
//! - Output order: by currency, then monthly cost descending, then payee, cadence and first date.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::currency::Currency;
use crate::error::{DomainError, Result};
use crate::money::Money;

/// Next amount more than this factor above the previous one starts a new amount band.
const BAND_GAP: Decimal = Decimal::from_parts(125, 0, 0, false, 2);
/// How far (as a fraction of the median) a charge may be from the median and still be "the same bill".
const AMOUNT_TOLERANCE: Decimal = Decimal::from_parts(25, 0, 0, false, 2);
/// How many days a monthly charge may fall from the series' day of the month.
const MAX_MONTHLY_DRIFT_DAYS: i64 = 3;
/// Occurrences needed when a single exact amount is picked out of a noisy band.
const MIN_EXACT_AMOUNT_OCCURRENCES: usize = 3;

/// One booked outgoing payment, as the detector needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// Merchant or counterparty, already normalised by the caller.
    pub payee: String,
    /// The day it was booked, in the user's local calendar.
    pub on: NaiveDate,
    /// What was spent, positive.
    pub amount: Money,
}

impl Charge {
    pub fn new(payee: impl Into<String>, on: NaiveDate, amount: Money) -> Self {
        Self {
            payee: payee.into(),
            on,
            amount,
        }
    }
}

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cadence {
    Weekly,
    Biweekly,
    Monthly,
    Quarterly,
    Yearly,
}

impl Cadence {
    pub const ALL: [Cadence; 5] = [
        Cadence::Weekly,
        Cadence::Biweekly,
        Cadence::Monthly,
        Cadence::Quarterly,
        Cadence::Yearly,
    ];

    /// Days allowed between two consecutive charges of a series.
    pub fn interval_days(self) -> RangeInclusive<i64> {
        match self {
            Cadence::Weekly => 6..=8,
            Cadence::Biweekly => 13..=15,
            Cadence::Monthly => 27..=33,
            Cadence::Quarterly => 85..=97,
            Cadence::Yearly => 355..=375,
        }
    }

    /// Charges needed before a series is believed.
    pub fn min_occurrences(self) -> usize {
        match self {
            Cadence::Yearly => 2,
            _ => 3,
        }
    }

    /// Days past one more period after which a series counts as stopped.
    pub fn grace_days(self) -> i64 {
        match self {
            Cadence::Weekly | Cadence::Biweekly => 1,
            Cadence::Monthly => 3,
            Cadence::Quarterly => 6,
            Cadence::Yearly => 10,
        }
    }

    /// What `amount` each period costs per month, rounded half away from zero to minor units.
    pub fn monthly_cost(self, amount: Money) -> Result<Money> {
        let (times, per) = match self {
            Cadence::Weekly => (52, 12),
            Cadence::Biweekly => (26, 12),
            Cadence::Monthly => (1, 1),
            Cadence::Quarterly => (1, 3),
            Cadence::Yearly => (1, 12),
        };
        let overflow = || DomainError::Overflow(amount.to_string());
        let scaled = amount
            .amount()
            .checked_mul(Decimal::from(times))
            .ok_or_else(overflow)?
            .checked_div(Decimal::from(per))
            .ok_or_else(overflow)?;
        rounded(scaled, amount.currency())
    }

    /// Whole calendar months per period, for cadences that keep a day of the month.
    fn months(self) -> Option<i32> {
        match self {
            Cadence::Weekly | Cadence::Biweekly => None,
            Cadence::Monthly => Some(1),
            Cadence::Quarterly => Some(3),
            Cadence::Yearly => Some(12),
        }
    }

    /// The expected date one period after `date`, keeping `anchor_day` for calendar cadences.
    fn after(self, date: NaiveDate, anchor_day: u32) -> NaiveDate {
        match self.months() {
            Some(months) => on_day(nearest_expected(date, anchor_day).0 + months, anchor_day),
            None if self == Cadence::Weekly => date + Duration::days(7),
            None => date + Duration::days(14),
        }
    }

    /// The one cadence every interval fits, if any (the ranges do not overlap).
    fn fitting(dates: &[NaiveDate]) -> Option<Cadence> {
        let intervals: Vec<i64> = dates
            .windows(2)
            .map(|pair| (pair[1] - pair[0]).num_days())
            .collect();
        let first = *intervals.first()?;
        Cadence::ALL.into_iter().find(|cadence| {
            let allowed = cadence.interval_days();
            allowed.contains(&first) && intervals.iter().all(|days| allowed.contains(days))
        })
    }
}

/// Whether a series always charges the same amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountPattern {
    /// Every charge was exactly the typical amount (a subscription, rent).
    Fixed,
    /// The amount moves within a range (a utility bill, a price change).
    Varies { min: Money, max: Money },
}

/// A subscription or regular bill found in the charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurringSeries {
    pub payee: String,
    pub cadence: Cadence,
    /// The median charge.
    pub typical_amount: Money,
    pub amount_pattern: AmountPattern,
    /// The most recent charge, which may differ from the typical one after a price change.
    pub last_amount: Money,
    /// Every date charged, oldest first.
    pub dates: Vec<NaiveDate>,
    pub last_date: NaiveDate,
    pub next_expected: NaiveDate,
    /// The typical amount per month (see the module doc for the factors and rounding).
    pub monthly_cost: Money,
    /// False once the series has missed more than one period plus a grace.
    pub still_active: bool,
}

/// Every recurring series in `charges`, judged as of `today`, in a deterministic order.
pub fn find_recurring(charges: &[Charge], today: NaiveDate) -> Vec<RecurringSeries> {
    let mut found: Vec<RecurringSeries> = by_payee(charges)
        .into_iter()
        .flat_map(|((payee, _), group)| {
            amount_bands(group)
                .into_iter()
                .flat_map(move |band| series_in_band(payee, band, today))
        })
        .collect();
    found.sort_by(|a, b| {
        let currency = |s: &RecurringSeries| s.monthly_cost.currency();
        currency(a)
            .cmp(&currency(b))
            .then(b.monthly_cost.amount().cmp(&a.monthly_cost.amount()))
            .then_with(|| a.payee.cmp(&b.payee))
            .then(a.cadence.cmp(&b.cadence))
            .then(a.dates.first().cmp(&b.dates.first()))
    });
    found
}

/// Spending grouped by payee and currency; refunds and zero amounts are left out.
fn by_payee(charges: &[Charge]) -> BTreeMap<(&str, Currency), Vec<&Charge>> {
    let mut groups: BTreeMap<(&str, Currency), Vec<&Charge>> = BTreeMap::new();
    for charge in charges.iter().filter(|c| c.amount.amount() > Decimal::ZERO) {
        groups
            .entry((charge.payee.as_str(), charge.amount.currency()))
            .or_default()
            .push(charge);
    }
    groups
}

/// Splits one payee's charges where the amount jumps by more than [`BAND_GAP`].
fn amount_bands(mut charges: Vec<&Charge>) -> Vec<Vec<&Charge>> {
    charges.sort_by_key(|c| (c.amount.amount(), c.on));
    let mut bands: Vec<Vec<&Charge>> = Vec::new();
    for charge in charges {
        match bands.last_mut() {
            Some(band) if !jumps(band, charge) => band.push(charge),
            _ => bands.push(vec![charge]),
        }
    }
    bands
}

fn jumps(band: &[&Charge], next: &Charge) -> bool {
    band.last().is_some_and(|previous| {
        next.amount.amount() > previous.amount.amount().saturating_mul(BAND_GAP)
    })
}

/// The band as one series, or else the fixed-price series hidden among its exact amounts.
fn series_in_band(payee: &str, band: Vec<&Charge>, today: NaiveDate) -> Vec<RecurringSeries> {
    if let Some(series) = series_of(payee, &band, today, 0) {
        return vec![series];
    }
    let mut by_amount: BTreeMap<Decimal, Vec<&Charge>> = BTreeMap::new();
    for charge in &band {
        by_amount
            .entry(charge.amount.amount())
            .or_default()
            .push(charge);
    }
    if by_amount.len() < 2 {
        return Vec::new();
    }
    by_amount
        .values()
        .filter_map(|same| series_of(payee, same, today, MIN_EXACT_AMOUNT_OCCURRENCES))
        .collect()
}

/// These charges as one series, if they follow the rules; `min_occurrences` can only raise the cadence's.
fn series_of(
    payee: &str,
    charges: &[&Charge],
    today: NaiveDate,
    min_occurrences: usize,
) -> Option<RecurringSeries> {
    let mut charges = charges.to_vec();
    charges.sort_by_key(|c| c.on);
    let dates: Vec<NaiveDate> = charges.iter().map(|c| c.on).collect();
    let cadence = Cadence::fitting(&dates)?;
    if dates.len() < cadence.min_occurrences().max(min_occurrences) {
        return None;
    }
    let anchor = anchor_day(&dates);
    if cadence == Cadence::Monthly && !keeps_its_day(&dates, anchor) {
        return None;
    }
    let amounts: Vec<Money> = charges.iter().map(|c| c.amount).collect();
    let typical = median(&amounts)?;
    if !all_similar(&amounts, typical) {
        return None;
    }
    let last = *charges.last()?;
    let next_expected = cadence.after(last.on, anchor);
    let stopped_after = cadence.after(next_expected, anchor) + Duration::days(cadence.grace_days());
    Some(RecurringSeries {
        payee: payee.to_string(),
        cadence,
        typical_amount: typical,
        amount_pattern: pattern(&amounts),
        last_amount: last.amount,
        last_date: last.on,
        next_expected,
        monthly_cost: cadence.monthly_cost(typical).ok()?,
        still_active: today <= stopped_after,
        dates,
    })
}

fn keeps_its_day(dates: &[NaiveDate], anchor: u32) -> bool {
    dates
        .iter()
        .all(|date| nearest_expected(*date, anchor).1 <= MAX_MONTHLY_DRIFT_DAYS)
}

/// The day of the month the dates drift least from; ties go to the latest date's day, then the smaller.
fn anchor_day(dates: &[NaiveDate]) -> u32 {
    let latest = dates.last().copied();
    (1..=31)
        .min_by_key(|&day| {
            let total: i64 = dates.iter().map(|d| nearest_expected(*d, day).1).sum();
            let from_latest = latest.map_or(0, |d| nearest_expected(d, day).1);
            (total, from_latest, day)
        })
        .unwrap_or(1)
}

/// The month (as an index, see [`month_index`]) whose `day` lies nearest to `date`, and how many days away.
fn nearest_expected(date: NaiveDate, day: u32) -> (i32, i64) {
    let here = month_index(date);
    let distance = |month: i32| (date - on_day(month, day)).num_days().abs();
    [here - 1, here + 1]
        .into_iter()
        .fold((here, distance(here)), |best, month| {
            let days = distance(month);
            if days < best.1 { (month, days) } else { best }
        })
}

/// Months since year 0: consecutive months have consecutive indices.
fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// `day` of the month at `index`, clamped to the month's last day (31 → 28 Feb).
///
/// # Panics
/// Only for months outside chrono's range (beyond ±262,000 years).
fn on_day(index: i32, day: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .expect("a month within chrono's range");
    let last_day = u32::from(first.num_days_in_month());
    first + Duration::days(i64::from(day.clamp(1, last_day) - 1))
}

/// The median; with an even count the mean of the middle two, rounded half away from zero.
fn median(amounts: &[Money]) -> Option<Money> {
    let mut sorted: Vec<Decimal> = amounts.iter().map(Money::amount).collect();
    sorted.sort();
    let currency = amounts.first()?.currency();
    let middle = sorted.len() / 2;
    let value = if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1].checked_add(sorted[middle])?) / Decimal::TWO
    };
    rounded(value, currency).ok()
}

fn all_similar(amounts: &[Money], typical: Money) -> bool {
    let allowed = typical.amount().saturating_mul(AMOUNT_TOLERANCE);
    amounts
        .iter()
        .all(|a| (a.amount() - typical.amount()).abs() <= allowed)
}

fn pattern(amounts: &[Money]) -> AmountPattern {
    let min = amounts.iter().min_by_key(|a| a.amount());
    let max = amounts.iter().max_by_key(|a| a.amount());
    match (min, max) {
        (Some(min), Some(max)) if min != max => AmountPattern::Varies {
            min: *min,
            max: *max,
        },
        _ => AmountPattern::Fixed,
    }
}

fn rounded(amount: Decimal, currency: Currency) -> Result<Money> {
    let value = amount.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    );
    Money::new(value, currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use rust_decimal_macros::dec;

    const TODAY: NaiveDate = date(2025, 12, 15);

    const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => date,
            None => panic!("not a date"),
        }
    }

    fn cny(amount: Decimal) -> Money {
        Money::new(amount, Currency::CNY).unwrap()
    }

    fn jpy(amount: Decimal) -> Money {
        Money::new(amount, Currency::JPY).unwrap()
    }

    /// Each month's `day` (clamped to the month) from `from` to `until`.
    fn monthly_on(day: u32, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        (month_index(from)..)
            .map(|month| on_day(month, day))
            .skip_while(|d| *d < from)
            .take_while(|d| *d <= until)
            .collect()
    }

    fn every(days: i64, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        (0..)
            .map(|n| from + Duration::days(n * days))
            .take_while(|d| *d <= until)
            .collect()
    }

    fn charges(payee: &str, dates: &[NaiveDate], amount: Money) -> Vec<Charge> {
        dates
            .iter()
            .map(|d| Charge::new(payee, *d, amount))
            .collect()
    }

    /// A deterministic stand-in for randomness (Knuth's MMIX linear congruential generator).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % below
        }
    }

    /// Groceries about three times a week and coffee most weekdays, at varying amounts.
    fn noise(from: NaiveDate, until: NaiveDate) -> Vec<Charge> {
        let mut rng = Lcg(2024);
        let mut out = Vec::new();
        for day in every(1, from, until) {
            if rng.next(7) < 3 {
                let fen = 3_000 + rng.next(35_000) as i64;
                out.push(Charge::new(
                    "FreshMart",
                    day,
                    Money::from_minor(fen, Currency::CNY),
                ));
            }
            if day.weekday().num_days_from_monday() < 5 && rng.next(5) < 4 {
                let cup = [dec!(28), dec!(30), dec!(32), dec!(35), dec!(38)][rng.next(5) as usize];
                out.push(Charge::new("Bean There", day, cny(cup)));
            }
        }
        out
    }

    const POWER_BILLS: [Decimal; 12] = [
        dec!(230.40),
        dec!(215.10),
        dec!(190.00),
        dec!(172.55),
        dec!(180.30),
        dec!(205.75),
        dec!(228.90),
        dec!(226.15),
        dec!(198.40),
        dec!(181.20),
        dec!(188.65),
        dec!(219.80),
    ];
    /// Keeps every interval within 27–33 days (Mar 19 → Apr 22 would be 34).
    const POWER_DAY_SHIFT: [i64; 12] = [0, 1, 0, 1, 0, -1, 1, 0, -1, 0, 2, 0];

    fn power_bills(from: NaiveDate, until: NaiveDate) -> Vec<Charge> {
        monthly_on(20, from, until)
            .into_iter()
            .map(|d| {
                let month = d.month0() as usize;
                let on = d + Duration::days(POWER_DAY_SHIFT[month]);
                Charge::new("City Power", on, cny(POWER_BILLS[month]))
            })
            .collect()
    }

    /// Two years of spending (January 2024 to `TODAY`) with known series and noise, shuffled by date.
    fn two_years() -> Vec<Charge> {
        let start = date(2024, 1, 1);
        let mut all = Vec::new();
        all.extend(charges(
            "Streamflix",
            &monthly_on(31, start, TODAY),
            cny(dec!(39)),
        ));
        all.extend(charges(
            "Landlord Wang",
            &monthly_on(1, start, TODAY),
            cny(dec!(4500)),
        ));
        all.extend(charges("Iron Gym", &every(7, start, TODAY), cny(dec!(45))));
        all.extend(charges(
            "Safe Harbor Insurance",
            &[2024, 2025]
                .iter()
                .flat_map(|y| [1, 4, 7, 10].map(|m| date(*y, m, 15)))
                .collect::<Vec<_>>(),
            cny(dec!(600)),
        ));
        all.extend(charges(
            "DomainCo",
            &[date(2024, 3, 10), date(2025, 3, 10)],
            cny(dec!(69)),
        ));
        all.extend(power_bills(start, TODAY));
        all.extend(charges(
            "MusicBox",
            &monthly_on(5, start, date(2025, 7, 5)),
            cny(dec!(15)),
        ));
        all.extend(charges(
            "CloudDrive",
            &monthly_on(12, start, TODAY),
            cny(dec!(21)),
        ));
        all.extend(charges(
            "CloudDrive",
            &[date(2024, 6, 1), date(2025, 6, 1)],
            cny(dec!(198)),
        ));
        all.extend(noise(start, TODAY));
        all.sort_by_key(|c| (c.on, c.payee.clone()));
        all
    }

    fn find<'a>(
        found: &'a [RecurringSeries],
        payee: &str,
        cadence: Cadence,
    ) -> &'a RecurringSeries {
        found
            .iter()
            .find(|s| s.payee == payee && s.cadence == cadence)
            .unwrap_or_else(|| panic!("{payee} {cadence:?} was not found in {found:#?}"))
    }

    #[test]
    fn the_known_subscriptions_are_found_and_the_noise_is_not() {
        let found = find_recurring(&two_years(), TODAY);
        let names: Vec<(&str, Cadence)> = found
            .iter()
            .map(|s| (s.payee.as_str(), s.cadence))
            .collect();
        assert_eq!(
            names,
            [
                ("Landlord Wang", Cadence::Monthly),
                ("Safe Harbor Insurance", Cadence::Quarterly),
                ("City Power", Cadence::Monthly),
                ("Iron Gym", Cadence::Weekly),
                ("Streamflix", Cadence::Monthly),
                ("CloudDrive", Cadence::Monthly),
                ("CloudDrive", Cadence::Yearly),
                ("MusicBox", Cadence::Monthly),
                ("DomainCo", Cadence::Yearly),
            ]
        );
    }

    #[test]
    fn a_monthly_subscription_on_the_31st_is_found_through_short_months() {
        let found = find_recurring(&two_years(), TODAY);
        let streaming = find(&found, "Streamflix", Cadence::Monthly);
        assert_eq!(streaming.dates.len(), 23);
        assert!(streaming.dates.contains(&date(2024, 2, 29)));
        assert!(streaming.dates.contains(&date(2025, 2, 28)));
        assert_eq!(streaming.last_date, date(2025, 11, 30));
        assert_eq!(streaming.next_expected, date(2025, 12, 31));
        assert_eq!(streaming.typical_amount, cny(dec!(39)));
        assert_eq!(streaming.amount_pattern, AmountPattern::Fixed);
        assert_eq!(streaming.monthly_cost, cny(dec!(39)));
        assert!(streaming.still_active);
    }

    #[rstest]
    #[case("Landlord Wang", Cadence::Monthly, date(2025, 12, 1), date(2026, 1, 1), dec!(4500))]
    #[case("Iron Gym", Cadence::Weekly, date(2025, 12, 15), date(2025, 12, 22), dec!(195))]
    #[case("Safe Harbor Insurance", Cadence::Quarterly, date(2025, 10, 15), date(2026, 1, 15), dec!(200))]
    #[case("DomainCo", Cadence::Yearly, date(2025, 3, 10), date(2026, 3, 10), dec!(5.75))]
    #[case("CloudDrive", Cadence::Monthly, date(2025, 12, 12), date(2026, 1, 12), dec!(21))]
    #[case("CloudDrive", Cadence::Yearly, date(2025, 6, 1), date(2026, 6, 1), dec!(16.50))]
    fn each_series_has_its_next_date_and_monthly_cost(
        #[case] payee: &str,
        #[case] cadence: Cadence,
        #[case] last: NaiveDate,
        #[case] next: NaiveDate,
        #[case] monthly: Decimal,
    ) {
        let found = find_recurring(&two_years(), TODAY);
        let series = find(&found, payee, cadence);
        assert_eq!(series.last_date, last);
        assert_eq!(series.next_expected, next);
        assert_eq!(series.monthly_cost, cny(monthly));
        assert!(series.still_active);
    }

    #[test]
    fn a_utility_bill_with_varying_amounts_is_one_series_at_its_median() {
        let found = find_recurring(&two_years(), TODAY);
        let power = find(&found, "City Power", Cadence::Monthly);
        assert_eq!(power.dates.len(), 23);
        assert_eq!(power.typical_amount, cny(dec!(198.40)));
        assert_eq!(
            power.amount_pattern,
            AmountPattern::Varies {
                min: cny(dec!(172.55)),
                max: cny(dec!(230.40)),
            }
        );
        assert_eq!(power.last_date, date(2025, 11, 22));
        assert_eq!(power.last_amount, cny(dec!(188.65)));
        assert_eq!(power.next_expected, date(2025, 12, 20));
        assert_eq!(power.monthly_cost, cny(dec!(198.40)));
    }

    #[test]
    fn a_subscription_cancelled_five_months_ago_is_reported_inactive() {
        let found = find_recurring(&two_years(), TODAY);
        let music = find(&found, "MusicBox", Cadence::Monthly);
        assert_eq!(music.last_date, date(2025, 7, 5));
        assert_eq!(music.next_expected, date(2025, 8, 5));
        assert!(!music.still_active);
    }

    #[rstest]
    #[case(date(2025, 12, 10), true)] // the January charge is not due yet
    #[case(date(2026, 1, 8), true)] // 5 January missed: late, not cancelled
    #[case(date(2026, 2, 8), true)] // one period plus the 3-day grace after 5 January
    #[case(date(2026, 2, 9), false)]
    fn a_monthly_series_stays_active_until_a_period_and_a_grace_are_missed(
        #[case] today: NaiveDate,
        #[case] active: bool,
    ) {
        let dates = monthly_on(5, date(2025, 1, 1), date(2025, 12, 5));
        let found = find_recurring(&charges("Gym", &dates, cny(dec!(99))), today);
        assert_eq!(found[0].next_expected, date(2026, 1, 5));
        assert_eq!(found[0].still_active, active);
    }

    #[rstest]
    #[case(date(2024, 1, 31), 31, date(2024, 2, 29))]
    #[case(date(2024, 2, 29), 31, date(2024, 3, 31))]
    #[case(date(2025, 1, 31), 31, date(2025, 2, 28))]
    #[case(date(2025, 4, 30), 31, date(2025, 5, 31))]
    #[case(date(2025, 3, 2), 31, date(2025, 3, 31))] // charged late, after the month turned
    #[case(date(2025, 12, 1), 1, date(2026, 1, 1))]
    fn the_next_monthly_date_keeps_the_day_clamped_to_short_months(
        #[case] last: NaiveDate,
        #[case] anchor: u32,
        #[case] next: NaiveDate,
    ) {
        assert_eq!(Cadence::Monthly.after(last, anchor), next);
    }

    #[rstest]
    #[case(Cadence::Weekly, dec!(500), dec!(2167))] // 2166.67
    #[case(Cadence::Biweekly, dec!(1000), dec!(2167))] // 2166.67
    #[case(Cadence::Monthly, dec!(980), dec!(980))]
    #[case(Cadence::Quarterly, dec!(1000), dec!(333))] // 333.33
    #[case(Cadence::Yearly, dec!(5000), dec!(417))] // 416.67
    #[case(Cadence::Yearly, dec!(6), dec!(1))] // 0.5 rounds away from zero
    #[case(Cadence::Yearly, dec!(18), dec!(2))] // 1.5 rounds away from zero
    fn yen_monthly_costs_round_to_whole_yen(
        #[case] cadence: Cadence,
        #[case] amount: Decimal,
        #[case] monthly: Decimal,
    ) {
        assert_eq!(cadence.monthly_cost(jpy(amount)).unwrap(), jpy(monthly));
    }

    #[rstest]
    #[case(Cadence::Weekly, dec!(29.99), dec!(129.96))] // 129.9566…
    #[case(Cadence::Yearly, dec!(0.06), dec!(0.01))] // 0.005 rounds away from zero
    #[case(Cadence::Quarterly, dec!(100), dec!(33.33))]
    fn yuan_monthly_costs_round_half_away_from_zero_to_the_fen(
        #[case] cadence: Cadence,
        #[case] amount: Decimal,
        #[case] monthly: Decimal,
    ) {
        assert_eq!(cadence.monthly_cost(cny(amount)).unwrap(), cny(monthly));
    }

    #[test]
    fn a_yen_subscription_is_found_with_whole_yen_amounts() {
        let mut history = charges(
            "Anime Plus",
            &monthly_on(25, date(2025, 1, 1), TODAY),
            jpy(dec!(980)),
        );
        history.extend(charges(
            "Manga Weekly",
            &every(7, date(2025, 9, 6), TODAY),
            jpy(dec!(500)),
        ));
        let found = find_recurring(&history, TODAY);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].payee, "Manga Weekly");
        assert_eq!(found[0].monthly_cost, jpy(dec!(2167)));
        assert_eq!(found[0].next_expected, date(2025, 12, 20));
        assert_eq!(found[1].payee, "Anime Plus");
        assert_eq!(found[1].monthly_cost, jpy(dec!(980)));
        assert_eq!(found[1].next_expected, date(2025, 12, 25));
    }

    #[test]
    fn a_fixed_price_subscription_is_found_among_irregular_purchases_at_the_same_payee() {
        let mut history = charges(
            "App Store",
            &monthly_on(8, date(2025, 1, 1), TODAY),
            cny(dec!(21)),
        );
        for (day, amount) in [
            (3, dec!(18)),
            (40, dec!(25)),
            (41, dec!(22)),
            (100, dec!(19)),
        ] {
            history.push(Charge::new(
                "App Store",
                date(2025, 1, 1) + Duration::days(day),
                cny(amount),
            ));
        }
        let found = find_recurring(&history, TODAY);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].typical_amount, cny(dec!(21)));
        assert_eq!(found[0].dates.len(), 12);
    }

    #[rstest]
    #[case::two_monthly_charges(&[date(2025, 1, 5), date(2025, 2, 5)])]
    #[case::one_skipped_month(&[date(2025, 1, 5), date(2025, 2, 5), date(2025, 4, 5)])]
    #[case::every_four_weeks_drifting_through_the_month(&[
        date(2025, 1, 1), date(2025, 1, 29), date(2025, 2, 26), date(2025, 3, 26), date(2025, 4, 23),
    ])]
    #[case::every_ten_days(&[date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 21)])]
    fn charges_that_do_not_keep_a_cadence_are_not_a_series(#[case] dates: &[NaiveDate]) {
        assert!(find_recurring(&charges("Shop", dates, cny(dec!(50))), TODAY).is_empty());
    }

    #[test]
    fn amounts_that_differ_too_much_are_not_one_bill() {
        let dates = monthly_on(3, date(2025, 1, 1), date(2025, 6, 30));
        let history: Vec<Charge> = dates
            .iter()
            .zip([
                dec!(100),
                dec!(120),
                dec!(145),
                dec!(175),
                dec!(210),
                dec!(250),
            ])
            .map(|(d, a)| Charge::new("Fuel", *d, cny(a)))
            .collect();
        assert!(find_recurring(&history, TODAY).is_empty());
    }

    #[test]
    fn refunds_are_ignored() {
        let dates = monthly_on(3, date(2025, 1, 1), date(2025, 6, 30));
        let mut history = charges("Gym", &dates, cny(dec!(99)));
        history.push(Charge::new("Gym", date(2025, 3, 10), cny(dec!(-99))));
        assert_eq!(find_recurring(&history, TODAY).len(), 1);
    }

    #[test]
    fn the_same_payee_in_two_currencies_gives_two_series_ordered_by_currency() {
        let dates = monthly_on(3, date(2025, 1, 1), date(2025, 6, 30));
        let mut history = charges("Cloud", &dates, jpy(dec!(1000)));
        history.extend(charges("Cloud", &dates, cny(dec!(10))));
        let found = find_recurring(&history, TODAY);
        let currencies: Vec<Currency> = found.iter().map(|s| s.typical_amount.currency()).collect();
        assert_eq!(currencies, [Currency::CNY, Currency::JPY]);
    }

    #[test]
    fn an_even_count_takes_the_mean_of_the_middle_two_rounded_half_away_from_zero() {
        let amounts = [
            cny(dec!(10.00)),
            cny(dec!(10.01)),
            cny(dec!(9.00)),
            cny(dec!(12)),
        ];
        assert_eq!(median(&amounts), Some(cny(dec!(10.01)))); // 10.005
    }
}
