//! Credit-card statement cycles, due dates and minimum payments, so the wallet can say what is owed by when.
//!
//! # Rules
//!
//! - A card's statement closes at the end of its statement day (1–31) each month; in a month too short for
//!   that day it closes on the month's last day (statement day 31 → 28 Feb 2027, 29 Feb 2028, 30 Apr).
//! - A cycle runs from the day after the previous statement date through its own statement date, both
//!   inclusive, so cycles tile the calendar with no gaps or overlaps.
//! - The due date follows a [`DueRule`]: either a fixed day of the month — the first such day (clamped to
//!   short months) strictly after the statement date, which is the month after the statement whenever the
//!   due day is not later in the month than the statement day (statement on the 28th, due on the 25th →
//!   25th of next month) — or a number of days after the statement date (common on Chinese cards, e.g. 20).
//! - The minimum payment follows a [`MinimumPaymentRule`], by default the common Chinese rule: 10 % of the
//!   statement balance rounded *up* to the currency's minor units (so paying it never falls short of 10 %),
//!   at least a floor (¥100), never more than the balance, and nothing on a zero or credit balance.
//! - A statement's [`StatementStatus`] compares what was paid since the statement date with its balance and
//!   minimum: paid in full is `Paid`; before the due date it is `NotDue` or `DueSoon` within the reminder
//!   window; on the due date `DueToday`; after it `MinimumPaid` when at least the minimum was paid (not
//!   overdue, but the rest carries over with interest) and otherwise `Overdue` by the days since the due date.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

use crate::currency::Currency;
use crate::error::{DomainError, Result};
use crate::money::Money;

/// The longest grace period, in days after the statement, Purse accepts for [`DueRule::DaysAfterStatement`].
pub const MAX_DAYS_AFTER_STATEMENT: u32 = 60;

/// A card statement as the bank states it, in the person's calendar: what a bank connection reports and
/// what the wallet file keeps for the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardStatementFacts {
    pub statement_id: String,
    /// The cycle's first day.
    pub start: NaiveDate,
    pub statement_date: NaiveDate,
    pub due_date: NaiveDate,
    /// What was owed at the statement date (positive).
    pub balance: Money,
    pub minimum: Money,
}

/// When a statement's payment is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DueRule {
    /// This day of the month (1–31, clamped to short months): the first one after the statement date.
    DayOfMonth(u32),
    /// This many days (1–60) after the statement date.
    DaysAfterStatement(u32),
}

/// Card terms that make no calendar sense.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CardTermsError {
    #[error("statement day {0} is not a day of the month (1–31)")]
    StatementDay(u32),
    #[error("due day {0} is not a day of the month (1–31)")]
    DueDay(u32),
    #[error("a payment due {0} days after the statement is not a grace period (1–60 days)")]
    DaysAfterStatement(u32),
}

/// A card's statement day and due rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CardTerms {
    statement_day: u32,
    due: DueRule,
}

/// One statement cycle: the days whose spending lands on one statement, and when that statement is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cycle {
    /// The first day of the cycle, inclusive (the day after the previous statement date).
    pub start: NaiveDate,
    /// The last day of the cycle, inclusive: the statement closes at its end.
    pub statement_date: NaiveDate,
    pub due_date: NaiveDate,
}

impl Cycle {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.statement_date
    }

    /// Days from `today` to the due date: 0 on the due date, negative once it has passed.
    pub fn days_until_due(&self, today: NaiveDate) -> i64 {
        (self.due_date - today).num_days()
    }
}

impl CardTerms {
    pub fn new(statement_day: u32, due: DueRule) -> std::result::Result<Self, CardTermsError> {
        if !(1..=31).contains(&statement_day) {
            return Err(CardTermsError::StatementDay(statement_day));
        }
        match due {
            DueRule::DayOfMonth(day) if !(1..=31).contains(&day) => {
                Err(CardTermsError::DueDay(day))
            }
            DueRule::DaysAfterStatement(days)
                if !(1..=MAX_DAYS_AFTER_STATEMENT).contains(&days) =>
            {
                Err(CardTermsError::DaysAfterStatement(days))
            }
            _ => Ok(Self { statement_day, due }),
        }
    }

    pub fn statement_day(&self) -> u32 {
        self.statement_day
    }

    pub fn due_rule(&self) -> DueRule {
        self.due
    }

    /// The cycle `day` belongs to: its spending appears on this cycle's statement.
    pub fn current_cycle(&self, day: NaiveDate) -> Cycle {
        let month = month_index(day);
        if day <= on_day(month, self.statement_day) {
            self.cycle_closing_in(month)
        } else {
            self.cycle_closing_in(month + 1)
        }
    }

    /// The latest cycle whose statement has closed by `today` (a statement closes at the end of its day,
    /// so on the statement day itself this is still the previous one).
    pub fn last_closed_cycle(&self, today: NaiveDate) -> Cycle {
        self.previous_cycle(&self.current_cycle(today))
    }

    pub fn next_cycle(&self, cycle: &Cycle) -> Cycle {
        self.cycle_closing_in(month_index(cycle.statement_date) + 1)
    }

    pub fn previous_cycle(&self, cycle: &Cycle) -> Cycle {
        self.cycle_closing_in(month_index(cycle.statement_date) - 1)
    }

    /// The cycle whose statement closes in the month at `month` (see [`month_index`]).
    fn cycle_closing_in(&self, month: i32) -> Cycle {
        let statement_date = on_day(month, self.statement_day);
        Cycle {
            start: on_day(month - 1, self.statement_day) + Duration::days(1),
            statement_date,
            due_date: self.due_after(statement_date),
        }
    }

    fn due_after(&self, statement_date: NaiveDate) -> NaiveDate {
        match self.due {
            DueRule::DaysAfterStatement(days) => statement_date + Duration::days(i64::from(days)),
            DueRule::DayOfMonth(day) => {
                let month = month_index(statement_date);
                let same_month = on_day(month, day);
                if same_month > statement_date {
                    same_month
                } else {
                    on_day(month + 1, day)
                }
            }
        }
    }
}

/// How the minimum payment of a statement is worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinimumPaymentRule {
    /// The share of the balance due at least, e.g. 0.10.
    pub rate: Decimal,
    /// The least minimum payment, in the card's currency (capped by the balance).
    pub floor: Money,
}

impl MinimumPaymentRule {
    /// The common rule on Chinese cards: 10 % of the balance, at least ¥100.
    pub fn chinese_default() -> Self {
        Self {
            rate: Decimal::new(10, 2),
            floor: Money::from_minor(10_000, Currency::CNY), // ¥100.00,
        }
    }

    /// The minimum payment on a statement `balance` (positive = owed); fails if the floor is in another
    /// currency. The rate's share is rounded up to minor units, then raised to the floor, then capped by
    /// the balance; a zero or credit balance needs nothing.
    pub fn minimum_for(&self, balance: Money) -> Result<Money> {
        same_currency(balance, self.floor)?;
        let currency = balance.currency();
        if balance.amount() <= Decimal::ZERO {
            return Ok(Money::zero(currency));
        }
        let share = balance
            .amount()
            .checked_mul(self.rate)
            .ok_or_else(|| DomainError::Overflow(balance.to_string()))?
            .round_dp_with_strategy(currency.minor_units(), RoundingStrategy::AwayFromZero);
        let minimum = share.max(self.floor.amount()).min(balance.amount());
        Money::new(minimum, currency)
    }
}

/// Where a statement stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementStatus {
    /// Paid in full (or nothing was owed).
    Paid,
    /// The due date is further away than the reminder window.
    NotDue,
    /// Due in `days` (1 up to the reminder window).
    DueSoon {
        days: i64,
    },
    DueToday,
    /// The due date passed with at least the minimum paid: not overdue, but `carried_over` accrues interest.
    MinimumPaid {
        carried_over: Money,
    },
    /// The due date passed `days` ago (≥ 1) without even the minimum paid.
    Overdue {
        days: i64,
    },
}

/// A closed statement: its cycle, what it says is owed, and the least that must be paid by the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub cycle: Cycle,
    /// The statement balance, positive = owed.
    pub balance: Money,
    pub minimum: Money,
}

impl Statement {
    /// A statement for `balance` with its minimum payment worked out by `rule`.
    pub fn new(cycle: Cycle, balance: Money, rule: &MinimumPaymentRule) -> Result<Self> {
        Ok(Self {
            cycle,
            balance,
            minimum: rule.minimum_for(balance)?,
        })
    }

    /// The status on `today`, given what was `paid` since the statement date and a reminder window of
    /// `reminder_days`; fails if `paid` is in another currency.
    pub fn status(
        &self,
        paid: Money,
        today: NaiveDate,
        reminder_days: u32,
    ) -> Result<StatementStatus> {
        same_currency(self.balance, paid)?;
        if paid.amount() >= self.balance.amount() {
            return Ok(StatementStatus::Paid);
        }
        let days = self.cycle.days_until_due(today);
        Ok(match days {
            0 => StatementStatus::DueToday,
            1.. if days <= i64::from(reminder_days) => StatementStatus::DueSoon { days },
            1.. => StatementStatus::NotDue,
            _ if paid.amount() >= self.minimum.amount() => StatementStatus::MinimumPaid {
                carried_over: self.balance.checked_add(&paid.negate())?,
            },
            _ => StatementStatus::Overdue { days: -days },
        })
    }
}

fn same_currency(a: Money, b: Money) -> Result<()> {
    if a.currency() == b.currency() {
        Ok(())
    } else {
        Err(DomainError::CurrencyMismatch(
            a.currency().to_string(),
            b.currency().to_string(),
        ))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use rust_decimal_macros::dec;

    const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => date,
            None => panic!("not a date"),
        }
    }

    fn cycle(start: NaiveDate, statement_date: NaiveDate, due_date: NaiveDate) -> Cycle {
        Cycle {
            start,
            statement_date,
            due_date,
        }
    }

    fn cny(amount: Decimal) -> Money {
        Money::new(amount, Currency::CNY).unwrap()
    }

    fn terms(statement_day: u32, due: DueRule) -> CardTerms {
        CardTerms::new(statement_day, due).unwrap()
    }

    #[rstest]
    #[case(
        date(2026, 3, 10),
        cycle(date(2026, 3, 6), date(2026, 4, 5), date(2026, 4, 25))
    )]
    #[case(
        date(2026, 3, 5),
        cycle(date(2026, 2, 6), date(2026, 3, 5), date(2026, 3, 25))
    )]
    #[case(
        date(2026, 3, 6),
        cycle(date(2026, 3, 6), date(2026, 4, 5), date(2026, 4, 25))
    )]
    #[case(
        date(2026, 3, 31),
        cycle(date(2026, 3, 6), date(2026, 4, 5), date(2026, 4, 25))
    )]
    fn a_cycle_runs_from_the_day_after_one_statement_across_the_month_boundary_to_the_next(
        #[case] day: NaiveDate,
        #[case] expected: Cycle,
    ) {
        let card = terms(5, DueRule::DaysAfterStatement(20));
        assert_eq!(card.current_cycle(day), expected);
    }

    #[rstest]
    #[case::leap_year(2028, date(2028, 2, 29))]
    #[case::common_year(2027, date(2027, 2, 28))]
    fn statement_day_31_closes_on_the_last_day_of_february(
        #[case] year: i32,
        #[case] february_statement: NaiveDate,
    ) {
        let card = terms(31, DueRule::DaysAfterStatement(20));
        let february = card.current_cycle(date(year, 2, 15));
        assert_eq!(february.start, date(year, 2, 1));
        assert_eq!(february.statement_date, february_statement);
        assert_eq!(february.due_date, february_statement + Duration::days(20));
        let march = card.next_cycle(&february);
        assert_eq!(march.start, date(year, 3, 1));
        assert_eq!(march.statement_date, date(year, 3, 31));
    }

    #[rstest]
    #[case(
        terms(10, DueRule::DaysAfterStatement(25)),
        date(2026, 12, 10),
        date(2027, 1, 4)
    )]
    #[case(
        terms(20, DueRule::DayOfMonth(5)),
        date(2026, 12, 20),
        date(2027, 1, 5)
    )]
    #[case(
        terms(28, DueRule::DayOfMonth(25)),
        date(2026, 12, 28),
        date(2027, 1, 25)
    )]
    fn a_december_statement_is_due_in_the_next_year(
        #[case] card: CardTerms,
        #[case] statement_date: NaiveDate,
        #[case] due: NaiveDate,
    ) {
        let december = card.current_cycle(date(2026, 12, 1));
        assert_eq!(december.statement_date, statement_date);
        assert_eq!(december.due_date, due);
    }

    #[rstest]
    #[case::later_in_the_same_month(5, 25, date(2026, 3, 5), date(2026, 3, 25))]
    #[case::earlier_day_means_next_month(28, 25, date(2026, 3, 28), date(2026, 4, 25))]
    #[case::same_day_means_next_month(25, 25, date(2026, 3, 25), date(2026, 4, 25))]
    #[case::clamped_to_a_short_month(3, 31, date(2026, 2, 3), date(2026, 2, 28))]
    #[case::clamped_statement_then_due(31, 30, date(2026, 2, 28), date(2026, 3, 30))]
    fn a_fixed_due_day_is_the_first_such_day_after_the_statement(
        #[case] statement_day: u32,
        #[case] due_day: u32,
        #[case] statement_date: NaiveDate,
        #[case] due: NaiveDate,
    ) {
        let card = terms(statement_day, DueRule::DayOfMonth(due_day));
        let cycle = card.current_cycle(statement_date);
        assert_eq!(cycle.statement_date, statement_date);
        assert_eq!(cycle.due_date, due);
    }

    #[test]
    fn on_the_statement_day_the_last_closed_statement_is_still_the_previous_one() {
        let card = terms(5, DueRule::DaysAfterStatement(20));
        assert_eq!(
            card.last_closed_cycle(date(2026, 3, 5)).statement_date,
            date(2026, 2, 5)
        );
        assert_eq!(
            card.last_closed_cycle(date(2026, 3, 6)).statement_date,
            date(2026, 3, 5)
        );
    }

    #[test]
    fn cycles_tile_the_calendar_with_no_gap_or_overlap_for_every_statement_day() {
        let (first, last) = (date(2026, 1, 1), date(2029, 12, 31));
        for statement_day in 1..=31 {
            let card = terms(statement_day, DueRule::DayOfMonth(25));
            let mut cycles = vec![card.current_cycle(first)];
            while cycles.last().unwrap().statement_date < last {
                let next = card.next_cycle(cycles.last().unwrap());
                cycles.push(next);
            }
            for pair in cycles.windows(2) {
                assert_eq!(pair[1].start, pair[0].statement_date + Duration::days(1));
                assert_eq!(card.previous_cycle(&pair[1]), pair[0]);
            }
            let mut day = first;
            while day <= last {
                let holding: Vec<&Cycle> = cycles.iter().filter(|c| c.contains(day)).collect();
                assert_eq!(holding.len(), 1, "day {day}, statement day {statement_day}");
                assert_eq!(card.current_cycle(day), *holding[0]);
                assert!(holding[0].due_date > holding[0].statement_date);
                day += Duration::days(1);
            }
        }
        let leap = terms(29, DueRule::DaysAfterStatement(20)).current_cycle(date(2028, 2, 29));
        assert_eq!(
            leap,
            cycle(date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 20))
        );
    }

    #[rstest]
    #[case(date(2026, 4, 1), 24)]
    #[case(date(2026, 4, 25), 0)]
    #[case(date(2026, 4, 28), -3)]
    fn days_until_due_count_down_through_zero(#[case] today: NaiveDate, #[case] days: i64) {
        let card = terms(5, DueRule::DaysAfterStatement(20));
        assert_eq!(
            card.current_cycle(date(2026, 4, 5)).days_until_due(today),
            days
        );
    }

    fn april_statement(balance: Decimal) -> Statement {
        let card = terms(5, DueRule::DaysAfterStatement(20)); // closes 5 April, due 25 April
        let cycle = card.current_cycle(date(2026, 4, 5));
        Statement::new(cycle, cny(balance), &MinimumPaymentRule::chinese_default()).unwrap()
    }

    #[rstest]
    #[case::far_from_due(date(2026, 4, 6), dec!(0), StatementStatus::NotDue)]
    #[case::inside_the_window(date(2026, 4, 20), dec!(0), StatementStatus::DueSoon { days: 5 })]
    #[case::window_edge(date(2026, 4, 18), dec!(0), StatementStatus::DueSoon { days: 7 })]
    #[case::day_before_window(date(2026, 4, 17), dec!(0), StatementStatus::NotDue)]
    #[case::due_today(date(2026, 4, 25), dec!(100), StatementStatus::DueToday)]
    #[case::a_day_late(date(2026, 4, 26), dec!(0), StatementStatus::Overdue { days: 1 })]
    #[case::a_month_late(date(2026, 5, 25), dec!(199.99), StatementStatus::Overdue { days: 30 })]
    #[case::minimum_paid(
        date(2026, 4, 26),
        dec!(200),
        StatementStatus::MinimumPaid { carried_over: cny(dec!(1800)) }
    )]
    #[case::paid_in_full_early(date(2026, 4, 10), dec!(2000), StatementStatus::Paid)]
    #[case::paid_in_full_late(date(2026, 5, 10), dec!(2500), StatementStatus::Paid)]
    fn a_statement_status_follows_the_due_date_and_what_was_paid(
        #[case] today: NaiveDate,
        #[case] paid: Decimal,
        #[case] expected: StatementStatus,
    ) {
        let statement = april_statement(dec!(2000));
        assert_eq!(statement.minimum, cny(dec!(200)));
        assert_eq!(statement.status(cny(paid), today, 7).unwrap(), expected);
    }

    #[test]
    fn a_statement_with_nothing_owed_is_paid() {
        let statement = april_statement(dec!(-50));
        let status = statement.status(cny(dec!(0)), date(2026, 5, 30), 7);
        assert_eq!(status.unwrap(), StatementStatus::Paid);
    }

    #[test]
    fn a_payment_in_another_currency_is_refused() {
        let paid = Money::from_minor(100, Currency::USD);
        let status = april_statement(dec!(2000)).status(paid, date(2026, 4, 10), 7);
        assert!(matches!(status, Err(DomainError::CurrencyMismatch(..))));
    }

    #[rstest]
    #[case::zero_balance(dec!(0), dec!(0))]
    #[case::credit_balance(dec!(-120.50), dec!(0))]
    #[case::below_the_floor(dec!(80), dec!(80))]
    #[case::ten_percent_under_the_floor(dec!(500), dec!(100))]
    #[case::exactly_at_the_floor(dec!(1000), dec!(100))]
    #[case::rounded_up_to_the_fen(dec!(1000.01), dec!(100.01))]
    #[case::large_balance(dec!(12345.67), dec!(1234.57))]
    fn the_minimum_payment_is_ten_percent_with_a_floor_and_never_above_the_balance(
        #[case] balance: Decimal,
        #[case] minimum: Decimal,
    ) {
        let rule = MinimumPaymentRule::chinese_default();
        assert_eq!(rule.minimum_for(cny(balance)).unwrap(), cny(minimum));
    }

    #[test]
    fn the_minimum_payment_floor_is_configurable() {
        let rule = MinimumPaymentRule {
            rate: dec!(0.05),
            floor: cny(dec!(50)),
        };
        assert_eq!(rule.minimum_for(cny(dec!(600))).unwrap(), cny(dec!(50)));
        assert_eq!(rule.minimum_for(cny(dec!(3000))).unwrap(), cny(dec!(150)));
    }

    #[test]
    fn a_floor_in_another_currency_is_refused() {
        let rule = MinimumPaymentRule::chinese_default();
        let balance = Money::from_minor(100_000, Currency::USD);
        assert!(matches!(
            rule.minimum_for(balance),
            Err(DomainError::CurrencyMismatch(..))
        ));
    }

    #[rstest]
    #[case(0, DueRule::DayOfMonth(25), CardTermsError::StatementDay(0))]
    #[case(32, DueRule::DayOfMonth(25), CardTermsError::StatementDay(32))]
    #[case(5, DueRule::DayOfMonth(0), CardTermsError::DueDay(0))]
    #[case(5, DueRule::DayOfMonth(32), CardTermsError::DueDay(32))]
    #[case(
        5,
        DueRule::DaysAfterStatement(0),
        CardTermsError::DaysAfterStatement(0)
    )]
    #[case(
        5,
        DueRule::DaysAfterStatement(61),
        CardTermsError::DaysAfterStatement(61)
    )]
    fn terms_outside_the_calendar_are_refused(
        #[case] statement_day: u32,
        #[case] due: DueRule,
        #[case] error: CardTermsError,
    ) {
        assert_eq!(CardTerms::new(statement_day, due), Err(error));
    }
}
