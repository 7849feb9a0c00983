//! Whether a line the bank sent looks like one the person may not recognise (a card number used by
//! someone else, a charge far above the usual), so the wallet can ask "don't recognise this?" (issue 5).
//!
//! Pure and exact like [`crate::risk`], whose reasons it reuses. A line is unusual when
//! - it is 10× or more what this payee usually takes (the payee's usual needs three months of bills), or
//! - the payee is new and the line is 5× or more what the category usually takes, or is in a foreign
//!   currency, or was made between 00:00 and 05:59 local time.
//!
//! A new payee alone is not unusual: people try new shops every week.

use crate::money::Money;
use crate::risk::{RiskReason, Usual, median, times_usual};

/// What is known of a line that took money out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFacts {
    /// What left the account (positive), in the account's currency.
    pub amount: Money,
    /// The currency the purchase was made in, when the bank converted it.
    pub original: Option<Money>,
    /// What this payee took before, month by month (average per line), in the account's currency.
    pub payee_history: Vec<Money>,
    /// Whether the payee appears in earlier bills at all.
    pub payee_known: bool,
    /// What lines of this category usually come to, month by month.
    pub category_history: Vec<Money>,
    /// The local hour the line was made, 0–23.
    pub local_hour: u32,
}

/// The reasons a line looks unusual, strongest first; empty when it does not.
pub fn unusual_line(facts: &LineFacts) -> Vec<RiskReason> {
    let currency = facts.amount.currency();
    if let Some(usual) = median(&facts.payee_history, currency)
        && let Some(times) = times_usual(facts.amount, usual, 10)
    {
        return vec![RiskReason::FarAboveUsual {
            usual,
            times,
            compared_with: Usual::Payee,
        }];
    }
    if facts.payee_known {
        return Vec::new();
    }
    let mut reasons = Vec::new();
    if let Some(usual) = median(&facts.category_history, currency)
        && let Some(times) = times_usual(facts.amount, usual, 5)
    {
        reasons.push(RiskReason::FarAboveUsual {
            usual,
            times,
            compared_with: Usual::Category,
        });
    }
    if let Some(original) = facts.original.filter(|o| o.currency() != currency) {
        reasons.push(RiskReason::ForeignCurrency {
            currency: original.currency(),
        });
    }
    if facts.local_hour < 6 {
        reasons.push(RiskReason::NightTime {
            hour: facts.local_hour,
        });
    }
    if !reasons.is_empty() {
        reasons.insert(0, RiskReason::NewPayee);
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn cny(amount: &str) -> Money {
        Money::parse(amount, Currency::CNY).unwrap()
    }

    /// ¥38 at a coffee shop paid ¥30–45 a month before, in the afternoon.
    fn coffee() -> LineFacts {
        LineFacts {
            amount: cny("38.00"),
            original: None,
            payee_history: vec![cny("30.00"), cny("41.00"), cny("45.00")],
            payee_known: true,
            category_history: vec![cny("35.00"), cny("60.00"), cny("48.00")],
            local_hour: 15,
        }
    }

    #[test]
    fn an_ordinary_line_at_a_known_payee_is_not_unusual() {
        assert!(unusual_line(&coffee()).is_empty());
    }

    #[test]
    fn ten_times_the_payees_usual_is_unusual_and_says_how_many_times() {
        let facts = LineFacts {
            amount: cny("450.00"),
            ..coffee()
        };
        assert_eq!(
            unusual_line(&facts),
            vec![RiskReason::FarAboveUsual {
                usual: cny("41.00"),
                times: 10,
                compared_with: Usual::Payee
            }]
        );
    }

    #[test]
    fn a_new_shop_alone_is_not_unusual_but_a_new_shop_far_above_the_category_is() {
        let new_shop = LineFacts {
            payee_history: Vec::new(),
            payee_known: false,
            ..coffee()
        };
        assert!(unusual_line(&new_shop).is_empty());
        let big = LineFacts {
            amount: cny("2400.00"),
            ..new_shop
        };
        assert_eq!(
            unusual_line(&big),
            vec![
                RiskReason::NewPayee,
                RiskReason::FarAboveUsual {
                    usual: cny("48.00"),
                    times: 50,
                    compared_with: Usual::Category
                }
            ]
        );
    }

    #[test]
    fn a_new_payee_abroad_at_night_gives_both_reasons() {
        let facts = LineFacts {
            payee_history: Vec::new(),
            payee_known: false,
            original: Some(Money::parse("5.20", Currency::USD).unwrap()),
            local_hour: 3,
            ..coffee()
        };
        assert_eq!(
            unusual_line(&facts),
            vec![
                RiskReason::NewPayee,
                RiskReason::ForeignCurrency {
                    currency: Currency::USD
                },
                RiskReason::NightTime { hour: 3 }
            ]
        );
    }
}
