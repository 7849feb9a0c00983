//! Subscriptions and regular bills: the last two years of spending, read by `wallet_core::recurring`.

use crate::commands::commands;
use std::collections::{BTreeMap, HashMap};

use chrono::Duration;
use wallet_core::recurring::{AmountPattern, Cadence, Charge, find_recurring};
use wallet_core::{Currency, Money};

use super::transactions::category_label;
use crate::dto::{MoneyDto, RecurringBill, RecurringOverview};
use crate::error::ApiResult;
use crate::parts::Bills;

/// Far enough back for a yearly bill to show twice.
const LOOK_BACK_DAYS: i64 = 2 * 366;

fn cadence_name(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Weekly => "weekly",
        Cadence::Biweekly => "biweekly",
        Cadence::Monthly => "monthly",
        Cadence::Quarterly => "quarterly",
        Cadence::Yearly => "yearly",
    }
}

#[commands]
impl Bills {
    /// Subscriptions and regular bills found in the last two years, and what the active ones cost a month.
    pub async fn recurring_payments(&self) -> ApiResult<RecurringOverview> {
        let now = self.cx.clock.now();
        let lines = self
            .cx
            .store
            // Movements between the user's own accounts recur too, but are not bills.
            .spending_since(
                now - Duration::days(LOOK_BACK_DAYS),
                wallet_core::category::OWN_MONEY_MOVEMENTS,
            )
            .await?;
        let mut category_of: HashMap<String, String> = HashMap::new();
        let mut charges = Vec::with_capacity(lines.len());
        for line in lines {
            let Ok(currency) = line.currency.parse::<Currency>() else {
                continue;
            };
            let on = line.booked_at.with_timezone(&chrono::Local).date_naive();
            category_of.insert(line.payee.clone(), line.category_id);
            charges.push(Charge::new(
                line.payee,
                on,
                Money::from_minor(line.spent_minor, currency),
            ));
        }
        let today = now.with_timezone(&chrono::Local).date_naive();
        let found = find_recurring(&charges, today);
        let mut totals: BTreeMap<Currency, Money> = BTreeMap::new();
        for series in found.iter().filter(|s| s.still_active) {
            let currency = series.monthly_cost.currency();
            let total = totals.entry(currency).or_insert(Money::zero(currency));
            *total = total.checked_add(&series.monthly_cost)?;
        }
        let mut series: Vec<RecurringBill> = found
            .iter()
            .map(|s| RecurringBill {
                payee: s.payee.clone(),
                category: category_label(
                    category_of
                        .get(&s.payee)
                        .map(String::as_str)
                        .unwrap_or(wallet_core::category::UNCATEGORISED),
                ),
                cadence: cadence_name(s.cadence).to_string(),
                typical_amount: s.typical_amount.into(),
                amount_range: match s.amount_pattern {
                    AmountPattern::Fixed => None,
                    AmountPattern::Varies { min, max } => Some((min.into(), max.into())),
                },
                last_date: s.last_date.to_string(),
                next_expected: s.next_expected.to_string(),
                monthly_cost: s.monthly_cost.into(),
                active: s.still_active,
                times_seen: u32::try_from(s.dates.len()).unwrap_or(u32::MAX),
            })
            .collect();
        // Active first; within each, the order find_recurring gave (by monthly cost).
        series.sort_by_key(|s| !s.active);
        Ok(RecurringOverview {
            series,
            monthly_total: totals.into_values().map(MoneyDto::from).collect(),
        })
    }
}
