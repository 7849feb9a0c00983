//! Scores an outgoing payment before it is sent, with reasons a person can read, so an unusual payment
//! is stopped and explained before money moves (issue 5).
//!
//! The input is plain facts gathered by the caller (the payment, what the person usually pays, what was
//! paid today and in the last minutes, the local time, their limits); the engine is pure and exact
//! (amounts compared as `Decimal`, never floats).
//!
//! # Rules
//!
//! Hard limits come first: a payment over the per-payment limit, or one that takes the day's total over
//! the daily limit, is blocked whatever its score. Otherwise each signal adds points:
//!
//! | signal | points |
//! |---|---|
//! | the amount is 10× or more what this payee is usually paid (or, for a new payee, the category) | 50 |
//! | … 3× or more | 25 |
//! | a payee never paid before | 30 |
//! | three or more payments in the last ten minutes before this one | 30 |
//! | between 00:00 and 05:59 local time | 15 |
//! | a currency other than the home currency | 15 |
//! | a payee in another country | 20 |
//! | after this payment, 80 % or more of the daily limit is used | 20 |
//!
//! "Usually" is the median of the earlier payments, and needs at least three of them. Below 40 points the
//! payment goes ahead; from 40 it needs the second factor with the PIN; from 80 it is blocked.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::money::Money;

/// From this many points a payment needs the second factor.
pub const SECOND_FACTOR_FROM: u32 = 40;
/// From this many points a payment is blocked.
pub const BLOCK_FROM: u32 = 80;

/// Payments within this many minutes count towards "many payments in a short time".
pub const BURST_MINUTES: u32 = 10;
/// This many earlier payments within [`BURST_MINUTES`] make a burst.
pub const BURST_COUNT: u32 = 3;
/// A "usual" amount needs at least this many earlier payments.
pub const USUAL_NEEDS: usize = 3;

/// What the caller knows about a payment about to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts {
    /// The amount leaving the account (positive).
    pub amount: Money,
    /// The amount in the home currency (the same as `amount` for a home-currency payment); limits and
    /// the day's total are in the home currency.
    pub amount_home: Money,
    pub home_currency: Currency,
    /// Earlier payments to this payee, in the payment's currency (empty for a new payee).
    pub payee_history: Vec<Money>,
    /// Whether the person has paid this payee before (a payee can be known with few amounts to go on).
    pub payee_known: bool,
    /// Earlier payments in the payee's category, in the payment's currency.
    pub category_history: Vec<Money>,
    /// Outgoing payments sent in the last [`BURST_MINUTES`] minutes.
    pub recent_payments: u32,
    /// The local hour of day, 0–23.
    pub local_hour: u32,
    /// The payee's country differs from the person's (ISO 3166 codes compared by the caller).
    pub foreign_country: bool,
    /// What has already left today, in the home currency.
    pub spent_today: Money,
    pub limits: Limits,
}

/// The person's own limits, in the home currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub per_payment: Money,
    pub daily: Money,
}

/// Why a payment was scored as it was, with the numbers a message needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum RiskReason {
    /// Over the per-payment limit.
    OverPaymentLimit {
        limit: Money,
    },
    /// Takes the day's total over the daily limit.
    OverDailyLimit {
        limit: Money,
        spent_today: Money,
    },
    /// Far above what this payee (or category) is usually paid.
    FarAboveUsual {
        usual: Money,
        /// How many times the usual amount, rounded down.
        times: u32,
        compared_with: Usual,
    },
    NewPayee,
    ManyPaymentsInShortTime {
        count: u32,
        minutes: u32,
    },
    NightTime {
        hour: u32,
    },
    ForeignCurrency {
        currency: Currency,
    },
    ForeignCountry,
    CloseToDailyLimit {
        limit: Money,
        left_after: Money,
    },
}

/// What an amount was compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Usual {
    Payee,
    Category,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Pay,
    SecondFactor,
    Block,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub score: u32,
    pub verdict: Verdict,
    /// Strongest first.
    pub reasons: Vec<RiskReason>,
}

/// Scores a payment. Facts in mismatched currencies are ignored rather than compared.
pub fn assess(facts: &PaymentFacts) -> Assessment {
    let mut hard = Vec::new();
    let mut scored: Vec<(u32, RiskReason)> = Vec::new();
    let home = facts.home_currency;
    let in_home = |m: &Money| m.currency() == home;

    let limits_apply = in_home(&facts.amount_home)
        && in_home(&facts.limits.per_payment)
        && in_home(&facts.limits.daily)
        && in_home(&facts.spent_today);
    let after_today = facts.spent_today.amount() + facts.amount_home.amount();
    if limits_apply {
        if facts.amount_home.amount() > facts.limits.per_payment.amount() {
            hard.push(RiskReason::OverPaymentLimit {
                limit: facts.limits.per_payment,
            });
        }
        if after_today > facts.limits.daily.amount() {
            hard.push(RiskReason::OverDailyLimit {
                limit: facts.limits.daily,
                spent_today: facts.spent_today,
            });
        }
    }

    if let Some(far) = far_above_usual(facts) {
        scored.push(far);
    }
    if !facts.payee_known {
        scored.push((30, RiskReason::NewPayee));
    }
    if facts.recent_payments >= BURST_COUNT {
        scored.push((
            30,
            RiskReason::ManyPaymentsInShortTime {
                count: facts.recent_payments + 1,
                minutes: BURST_MINUTES,
            },
        ));
    }
    if facts.foreign_country {
        scored.push((20, RiskReason::ForeignCountry));
    }
    if limits_apply && hard.is_empty() {
        // 80 % of the daily limit used once this payment is sent.
        let daily = facts.limits.daily.amount();
        if after_today * Decimal::from(5) >= daily * Decimal::from(4) {
            let left_after = Money::new(daily - after_today, home).unwrap_or(facts.limits.daily);
            scored.push((
                20,
                RiskReason::CloseToDailyLimit {
                    limit: facts.limits.daily,
                    left_after,
                },
            ));
        }
    }
    if facts.local_hour < 6 {
        scored.push((
            15,
            RiskReason::NightTime {
                hour: facts.local_hour,
            },
        ));
    }
    if facts.amount.currency() != home {
        scored.push((
            15,
            RiskReason::ForeignCurrency {
                currency: facts.amount.currency(),
            },
        ));
    }

    let score = scored.iter().map(|(points, _)| points).sum();
    // Stable: equal points keep the order above.
    scored.sort_by_key(|(points, _)| std::cmp::Reverse(*points));
    let verdict = if !hard.is_empty() || score >= BLOCK_FROM {
        Verdict::Block
    } else if score >= SECOND_FACTOR_FROM {
        Verdict::SecondFactor
    } else {
        Verdict::Pay
    };
    hard.extend(scored.into_iter().map(|(_, reason)| reason));
    Assessment {
        score,
        verdict,
        reasons: hard,
    }
}

/// The payee's usual amount when there are enough payments to it, else the category's.
fn far_above_usual(facts: &PaymentFacts) -> Option<(u32, RiskReason)> {
    let (usual, compared_with) = median(&facts.payee_history, facts.amount.currency())
        .map(|m| (m, Usual::Payee))
        .or_else(|| {
            median(&facts.category_history, facts.amount.currency()).map(|m| (m, Usual::Category))
        })?;
    let times = times_usual(facts.amount, usual, 3)?;
    let points = if times >= 10 { 50 } else { 25 };
    Some((
        points,
        RiskReason::FarAboveUsual {
            usual,
            times,
            compared_with,
        },
    ))
}

/// How many times `usual` the amount is (rounded down), when that is at least `at_least`.
pub(crate) fn times_usual(amount: Money, usual: Money, at_least: u32) -> Option<u32> {
    if usual.amount() <= Decimal::ZERO {
        return None;
    }
    let ratio = amount.amount() / usual.amount();
    (ratio >= Decimal::from(at_least)).then(|| ratio.trunc().to_u32().unwrap_or(u32::MAX))
}

/// The median of the positive amounts in `currency` (the lower middle for an even count, so it is an
/// amount that was really paid); none with fewer than [`USUAL_NEEDS`].
pub(crate) fn median(history: &[Money], currency: Currency) -> Option<Money> {
    let mut amounts: Vec<Money> = history
        .iter()
        .filter(|m| m.currency() == currency && m.amount() > Decimal::ZERO)
        .copied()
        .collect();
    if amounts.len() < USUAL_NEEDS {
        return None;
    }
    amounts.sort_by_key(|m| m.amount());
    Some(amounts[(amounts.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny(amount: &str) -> Money {
        Money::parse(amount, Currency::CNY).unwrap()
    }

    fn usd(amount: &str) -> Money {
        Money::parse(amount, Currency::USD).unwrap()
    }

    /// A daytime payment of ¥50 to a payee paid ¥40–60 before, well inside the limits.
    fn everyday() -> PaymentFacts {
        PaymentFacts {
            amount: cny("50.00"),
            amount_home: cny("50.00"),
            home_currency: Currency::CNY,
            payee_history: vec![cny("40.00"), cny("55.00"), cny("60.00"), cny("45.00")],
            payee_known: true,
            category_history: vec![cny("30.00"), cny("80.00"), cny("52.00")],
            recent_payments: 0,
            local_hour: 14,
            foreign_country: false,
            spent_today: cny("100.00"),
            limits: Limits {
                per_payment: cny("20000.00"),
                daily: cny("50000.00"),
            },
        }
    }

    #[test]
    fn an_everyday_payment_goes_ahead_with_no_reasons() {
        let assessment = assess(&everyday());
        assert_eq!(assessment.verdict, Verdict::Pay);
        assert_eq!(assessment.score, 0);
        assert!(assessment.reasons.is_empty());
    }

    #[test]
    fn ten_times_the_payees_usual_amount_to_a_known_payee_needs_the_second_factor() {
        let facts = PaymentFacts {
            amount: cny("500.00"),
            amount_home: cny("500.00"),
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!(assessment.verdict, Verdict::SecondFactor);
        assert_eq!(assessment.score, 50);
        // Median of 40, 45, 55, 60 is the lower middle: 45; 500 / 45 = 11.1.
        assert_eq!(
            assessment.reasons,
            vec![RiskReason::FarAboveUsual {
                usual: cny("45.00"),
                times: 11,
                compared_with: Usual::Payee,
            }]
        );
    }

    #[test]
    fn three_times_the_usual_amount_alone_still_goes_ahead() {
        let facts = PaymentFacts {
            amount: cny("140.00"),
            amount_home: cny("140.00"),
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!((assessment.verdict, assessment.score), (Verdict::Pay, 25));
    }

    #[test]
    fn a_new_payee_is_compared_with_the_category_and_a_large_first_payment_is_blocked() {
        let facts = PaymentFacts {
            amount: cny("3000.00"),
            amount_home: cny("3000.00"),
            payee_history: vec![],
            payee_known: false,
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!(assessment.score, 80);
        assert_eq!(assessment.verdict, Verdict::Block);
        assert_eq!(
            assessment.reasons,
            vec![
                RiskReason::FarAboveUsual {
                    usual: cny("52.00"),
                    times: 57,
                    compared_with: Usual::Category,
                },
                RiskReason::NewPayee,
            ]
        );
    }

    #[test]
    fn a_small_payment_to_a_new_payee_goes_ahead_but_says_so() {
        let facts = PaymentFacts {
            payee_history: vec![],
            payee_known: false,
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!(assessment.verdict, Verdict::Pay);
        assert_eq!(assessment.reasons, vec![RiskReason::NewPayee]);
    }

    #[test]
    fn too_few_earlier_payments_make_no_usual_amount() {
        let facts = PaymentFacts {
            amount: cny("5000.00"),
            amount_home: cny("5000.00"),
            payee_history: vec![cny("10.00"), cny("12.00")],
            category_history: vec![cny("10.00")],
            ..everyday()
        };
        assert_eq!(assess(&facts).score, 0);
    }

    #[test]
    fn a_burst_of_payments_at_night_needs_the_second_factor() {
        let facts = PaymentFacts {
            recent_payments: 3,
            local_hour: 3,
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!(assessment.score, 45);
        assert_eq!(assessment.verdict, Verdict::SecondFactor);
        assert_eq!(
            assessment.reasons,
            vec![
                RiskReason::ManyPaymentsInShortTime {
                    count: 4,
                    minutes: 10
                },
                RiskReason::NightTime { hour: 3 },
            ]
        );
    }

    #[test]
    fn a_foreign_currency_payment_abroad_needs_the_second_factor() {
        let facts = PaymentFacts {
            amount: usd("7.00"),
            amount_home: cny("50.26"),
            payee_history: vec![usd("6.00"), usd("8.00"), usd("7.50")],
            foreign_country: true,
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!(assessment.score, 35);
        assert_eq!(assessment.verdict, Verdict::Pay);
        assert_eq!(
            assessment.reasons,
            vec![
                RiskReason::ForeignCountry,
                RiskReason::ForeignCurrency {
                    currency: Currency::USD
                },
            ]
        );
        let at_night = PaymentFacts {
            local_hour: 0,
            ..facts
        };
        assert_eq!(assess(&at_night).verdict, Verdict::SecondFactor);
    }

    #[test]
    fn a_payment_using_four_fifths_of_the_daily_limit_says_how_much_is_left() {
        let facts = PaymentFacts {
            amount: cny("50.00"),
            amount_home: cny("50.00"),
            spent_today: cny("39950.00"),
            ..everyday()
        };
        let assessment = assess(&facts);
        assert_eq!(assessment.score, 20);
        assert_eq!(
            assessment.reasons,
            vec![RiskReason::CloseToDailyLimit {
                limit: cny("50000.00"),
                left_after: cny("10000.00"),
            }]
        );
        let just_under = PaymentFacts {
            spent_today: cny("39949.99"),
            ..facts
        };
        assert_eq!(assess(&just_under).score, 0);
    }

    #[test]
    fn a_payment_over_either_limit_is_blocked_whatever_else_it_looks_like() {
        let over_one = PaymentFacts {
            amount: cny("20000.01"),
            amount_home: cny("20000.01"),
            payee_history: vec![cny("20000.00"); 5],
            ..everyday()
        };
        let assessment = assess(&over_one);
        assert_eq!(assessment.verdict, Verdict::Block);
        assert_eq!(
            assessment.reasons,
            vec![RiskReason::OverPaymentLimit {
                limit: cny("20000.00")
            }]
        );

        let over_the_day = PaymentFacts {
            spent_today: cny("49950.01"),
            ..everyday()
        };
        let assessment = assess(&over_the_day);
        assert_eq!(assessment.verdict, Verdict::Block);
        assert_eq!(
            assessment.reasons,
            vec![RiskReason::OverDailyLimit {
                limit: cny("50000.00"),
                spent_today: cny("49950.01"),
            }]
        );
        // Exactly at the limit is allowed (and close to it).
        let at_the_limit = PaymentFacts {
            spent_today: cny("49950.00"),
            ..everyday()
        };
        assert_eq!(assess(&at_the_limit).verdict, Verdict::Pay);
    }

    #[test]
    fn reasons_serialise_with_a_kind_the_ui_can_branch_on() {
        let json = serde_json::to_value(RiskReason::ManyPaymentsInShortTime {
            count: 4,
            minutes: 10,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "manyPaymentsInShortTime", "count": 4, "minutes": 10})
        );
    }
}
