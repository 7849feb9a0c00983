//! Monthly statements and trends: income, spending and balances for a month or a run of months, for one
//! account or the whole wallet, read from the monthly totals (kept exact by the store), never by summing a
//! decade of lines. Foreign money is brought into the home currency at its month's booking rate.

use crate::commands::commands;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use wallet_core::category::{self, Category};
use wallet_core::{Account, AccountId, Currency, Money};
use wallet_store::CategoryTotal;

use super::transactions::category_label;
use crate::booking_rates::BookingRates;
use crate::charts;
use crate::context::Context;
use crate::dto::{
    CategoryNode, CategorySeries, CategoryShare, MoneyDto, MonthSummary, MonthlyStatement,
    PayeeShare, StatementQuery, Trend, TrendQuery,
};
use crate::error::{ApiError, ApiResult};
use crate::parts::Bills;

const TOP_PAYEES: u32 = 10;
const MAX_TREND_MONTHS: u32 = 120;

/// A month as YYYYMM and its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Month(pub i64);

impl Month {
    pub fn parse(text: &str) -> ApiResult<Month> {
        let date = NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d").map_err(
            |_| {
                ApiError::invalid(format!(
                    "\"{text}\" is not a month; use YYYY-MM, e.g. 2026-10."
                ))
            },
        )?;
        Ok(Month::of(date))
    }

    pub fn of(date: NaiveDate) -> Month {
        Month(i64::from(date.year()) * 100 + i64::from(date.month()))
    }

    pub fn plus(self, months: i64) -> Month {
        let index = (self.0 / 100) * 12 + (self.0 % 100 - 1) + months;
        Month((index.div_euclid(12)) * 100 + index.rem_euclid(12) + 1)
    }

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Which accounts a report covers and how their money is brought into one currency.
pub(crate) struct Scope {
    accounts: HashMap<AccountId, Account>,
    currency: Currency,
    /// Rates into `currency` by month; money in a currency without one is left out.
    rates: BookingRates,
    whole_wallet: bool,
}

impl Scope {
    /// An account's money of `month` in the scope's currency (None without a rate).
    pub(crate) fn convert(&self, minor: i64, account: AccountId, month: Month) -> Option<Money> {
        self.convert_from(minor, self.accounts.get(&account)?.currency, month)
    }

    /// The categories a report leaves out: the whole wallet leaves out money moving between the user's
    /// own accounts; one account counts everything that went in or out of it.
    pub(crate) fn left_out(&self) -> &'static [&'static str] {
        if self.whole_wallet {
            category::OWN_MONEY_MOVEMENTS
        } else {
            &[]
        }
    }

    /// An amount in `currency` of `month` brought into the scope's currency (None without a rate).
    pub(crate) fn convert_from(
        &self,
        minor: i64,
        currency: Currency,
        month: Month,
    ) -> Option<Money> {
        let money = Money::from_minor(minor, currency);
        if currency == self.currency {
            return Some(money);
        }
        money
            .convert(self.rates.rate(currency, month.0)?, self.currency)
            .ok()
    }

    pub(crate) fn counts(&self, total: &CategoryTotal) -> bool {
        self.accounts.contains_key(&total.account_id)
            && !self.left_out().contains(&total.category_id.as_str())
    }

    pub(crate) fn zero(&self) -> Money {
        Money::zero(self.currency)
    }
}

/// Income and spending of the totals that count, in the scope's currency.
fn summarise(scope: &Scope, month: Month, totals: &[CategoryTotal]) -> ApiResult<MonthSummary> {
    summarise_rows(scope, month, totals.iter().filter(|t| t.month == month.0))
}

/// The same, over rows already known to be in `month`.
fn summarise_rows<'a>(
    scope: &Scope,
    month: Month,
    rows: impl Iterator<Item = &'a CategoryTotal>,
) -> ApiResult<MonthSummary> {
    let (mut income, mut spending) = (scope.zero(), scope.zero());
    for total in rows.filter(|t| scope.counts(t)) {
        if let Some(received) = scope.convert(total.received_minor, total.account_id, month) {
            income = income.checked_add(&received)?;
        }
        if let Some(spent) = scope.convert(total.spent_minor, total.account_id, month) {
            spending = spending.checked_add(&spent)?;
        }
    }
    Ok(MonthSummary {
        month: month.label(),
        net: income.checked_add(&spending.negate())?.into(),
        income: income.into(),
        spending: spending.into(),
    })
}

pub(crate) fn top_level(id: &str) -> &'static Category {
    let found = category::find(id).or_else(|| category::find(category::UNCATEGORISED));
    let found = found.expect("the default tree has an uncategorised node");
    match found.parent.and_then(category::find) {
        Some(parent) => parent,
        None => found,
    }
}

pub(crate) fn percent(part: Money, whole: Money) -> String {
    if whole.amount().is_zero() {
        return "0.0".into();
    }
    (part.amount() * Decimal::from(100) / whole.amount())
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_string()
}

/// Money per category as a two-level list, biggest first; `pick` chooses spent or received.
fn shares(
    scope: &Scope,
    month: Month,
    totals: &[CategoryTotal],
    pick: fn(&CategoryTotal) -> i64,
) -> ApiResult<Vec<CategoryShare>> {
    let mut by_category: BTreeMap<String, (Money, u32)> = BTreeMap::new();
    for total in totals
        .iter()
        .filter(|t| t.month == month.0 && scope.counts(t) && pick(t) > 0)
    {
        let Some(amount) = scope.convert(pick(total), total.account_id, month) else {
            continue;
        };
        let entry = by_category
            .entry(total.category_id.clone())
            .or_insert((scope.zero(), 0));
        entry.0 = entry.0.checked_add(&amount)?;
        entry.1 += u32::try_from(total.lines).unwrap_or(0);
    }
    let whole = by_category
        .values()
        .try_fold(scope.zero(), |sum, (amount, _)| sum.checked_add(amount))?;
    let mut tops: BTreeMap<&'static str, (Money, u32, Vec<CategoryShare>)> = BTreeMap::new();
    for (id, (amount, lines)) in &by_category {
        let parent = top_level(id);
        let entry = tops
            .entry(parent.id)
            .or_insert((scope.zero(), 0, Vec::new()));
        entry.0 = entry.0.checked_add(amount)?;
        entry.1 += lines;
        if id != parent.id {
            entry.2.push(CategoryShare {
                category: category_label(id),
                amount: (*amount).into(),
                lines: *lines,
                percent: percent(*amount, whole),
                children: Vec::new(),
            });
        }
    }
    let mut result: Vec<(Money, CategoryShare)> = tops
        .into_iter()
        .map(|(id, (amount, lines, mut children))| {
            children.sort_by_key(|child| std::cmp::Reverse(decimal(&child.amount)));
            (
                amount,
                CategoryShare {
                    category: category_label(id),
                    amount: amount.into(),
                    lines,
                    percent: percent(amount, whole),
                    children,
                },
            )
        })
        .collect();
    result.sort_by(|a, b| {
        b.0.amount()
            .cmp(&a.0.amount())
            .then(a.1.category.id.cmp(&b.1.category.id))
    });
    Ok(result.into_iter().map(|(_, share)| share).collect())
}

fn decimal(money: &MoneyDto) -> Decimal {
    money.amount.parse().unwrap_or_default()
}

#[commands]
impl Bills {
    /// A month's statement: balances, income and spending, by category and payee, and the donut's chart
    /// option.
    pub async fn monthly_statement(&self, query: StatementQuery) -> ApiResult<MonthlyStatement> {
        let month = Month::parse(&query.month)?;
        let scope = self.cx.scope(query.account_id.as_deref()).await?;
        let single = (!scope.whole_wallet)
            .then(|| scope.accounts.values().next())
            .flatten();
        let year_ago = month.plus(-12);
        // Only the three months the statement shows: this one, the one before, a year ago.
        let account = single.map(|a| a.id);
        let mut totals = self
            .cx
            .store
            .monthly_totals(month.plus(-1).0, month.0, account)
            .await?;
        totals.extend(
            self.cx
                .store
                .monthly_totals(year_ago.0, year_ago.0, account)
                .await?,
        );
        let summary = summarise(&scope, month, &totals)?;
        let ends = [month.plus(-1), month];
        // The month's net per account, from the totals already read (every category counts here).
        let mut nets: HashMap<(AccountId, i64), i64> = HashMap::new();
        for total in totals.iter().filter(|t| t.month == month.0) {
            *nets.entry((total.account_id, month.0)).or_default() +=
                total.received_minor - total.spent_minor;
        }
        let balances = self.balances_at_ends(&scope, &ends, &nets).await?;
        let (opening, closing) = (balances[0], balances[1]);
        let mut payees: BTreeMap<String, (Money, u32)> = BTreeMap::new();
        let leave_out = scope.left_out();
        for payee in self
            .cx
            .store
            .payee_totals(month.0, single.map(|a| a.id), leave_out, TOP_PAYEES * 3)
            .await?
        {
            if let Some(amount) = scope.convert(payee.spent_minor, payee.account_id, month) {
                let entry = payees.entry(payee.payee).or_insert((scope.zero(), 0));
                entry.0 = entry.0.checked_add(&amount)?;
                entry.1 += u32::try_from(payee.lines).unwrap_or(0);
            }
        }
        let mut top_payees: Vec<(Money, PayeeShare)> = payees
            .into_iter()
            .map(|(payee, (amount, lines))| {
                (
                    amount,
                    PayeeShare {
                        payee,
                        amount: amount.into(),
                        lines,
                    },
                )
            })
            .collect();
        top_payees.sort_by(|a, b| {
            b.0.amount()
                .cmp(&a.0.amount())
                .then(a.1.payee.cmp(&b.1.payee))
        });
        top_payees.truncate(TOP_PAYEES as usize);
        let spending_by_category = shares(&scope, month, &totals, |t| t.spent_minor)?;
        let language = self.cx.settings().await?.language;
        Ok(MonthlyStatement {
            month: month.label(),
            account_id: single.map(|a| a.id.to_string()),
            account_name: single.map(|a| a.display_name().to_string()),
            currency: scope.currency.code().to_string(),
            opening_balance: opening.into(),
            closing_balance: closing.into(),
            income_by_category: shares(&scope, month, &totals, |t| t.received_minor)?,
            category_chart: charts::category_donut(&spending_by_category, language),
            spending_by_category,
            top_payees: top_payees.into_iter().map(|(_, share)| share).collect(),
            previous_month: summarise(&scope, month.plus(-1), &totals)?,
            same_month_last_year: summarise(&scope, year_ago, &totals)?,
            converted: scope.whole_wallet
                && scope
                    .accounts
                    .values()
                    .any(|a| a.currency != scope.currency),
            summary,
        })
    }

    /// The last `months` months (12 or 24 here): totals, spending by category, balances, and two chart
    /// options.
    pub async fn spending_trend(&self, query: TrendQuery) -> ApiResult<Trend> {
        if !(1..=MAX_TREND_MONTHS).contains(&query.months) {
            return Err(ApiError::invalid(format!(
                "A trend covers 1 to {MAX_TREND_MONTHS} months."
            )));
        }
        let scope = self.cx.scope(query.account_id.as_deref()).await?;
        let single = (!scope.whole_wallet)
            .then(|| scope.accounts.values().next())
            .flatten();
        let last = self.cx.this_month();
        let first = last.plus(1 - i64::from(query.months));
        let months: Vec<Month> = (0..i64::from(query.months))
            .map(|i| first.plus(i))
            .collect();
        let leave_out = scope.left_out();
        let totals = self
            .cx
            .store
            .monthly_totals_by_currency(first.0, last.0, single.map(|a| a.id), leave_out)
            .await?;
        let index_of: HashMap<i64, usize> =
            months.iter().enumerate().map(|(i, m)| (m.0, i)).collect();
        let mut income = vec![scope.zero(); months.len()];
        let mut spending = vec![scope.zero(); months.len()];
        let mut by_top: BTreeMap<&'static str, Vec<Money>> = BTreeMap::new();
        for total in &totals {
            let (Some(&index), Ok(currency)) = (
                index_of.get(&total.month),
                total.currency.parse::<Currency>(),
            ) else {
                continue;
            };
            let month = months[index];
            if let Some(received) = scope.convert_from(total.received_minor, currency, month) {
                income[index] = income[index].checked_add(&received)?;
            }
            let Some(spent) = scope.convert_from(total.spent_minor, currency, month) else {
                continue;
            };
            spending[index] = spending[index].checked_add(&spent)?;
            if total.spent_minor > 0 {
                let series = by_top
                    .entry(top_level(&total.category_id).id)
                    .or_insert_with(|| vec![scope.zero(); months.len()]);
                series[index] = series[index].checked_add(&spent)?;
            }
        }
        let mut summaries = Vec::with_capacity(months.len());
        for ((month, income), spending) in months.iter().zip(income).zip(spending) {
            summaries.push(MonthSummary {
                month: month.label(),
                net: income.checked_add(&spending.negate())?.into(),
                income: income.into(),
                spending: spending.into(),
            });
        }
        let mut spending_by_category: Vec<(Money, CategorySeries)> = Vec::new();
        for (id, amounts) in by_top {
            let sum = amounts
                .iter()
                .try_fold(scope.zero(), |s, a| s.checked_add(a))?;
            spending_by_category.push((
                sum,
                CategorySeries {
                    category: category_label(id),
                    amounts: amounts.into_iter().map(MoneyDto::from).collect(),
                },
            ));
        }
        spending_by_category.sort_by_key(|series| std::cmp::Reverse(series.0.amount()));
        let spending_by_category: Vec<CategorySeries> =
            spending_by_category.into_iter().map(|(_, s)| s).collect();

        let nets = self
            .cx
            .store
            .monthly_nets(first.0, last.0, single.map(|a| a.id))
            .await?;
        let balances: Vec<MoneyDto> = self
            .balances_at_ends(&scope, &months, &nets)
            .await?
            .into_iter()
            .map(MoneyDto::from)
            .collect();
        let labels: Vec<String> = months.iter().map(|m| m.label()).collect();
        let language = self.cx.settings().await?.language;
        Ok(Trend {
            spending_chart: charts::spending_bars(&labels, &spending_by_category, language),
            cash_flow_chart: charts::cash_flow_lines(&labels, &summaries, &balances, language),
            months: labels,
            currency: scope.currency.code().to_string(),
            summaries,
            spending_by_category,
            balances,
        })
    }

    /// Balance at the end of each month (net worth for the whole wallet), walking back from today's
    /// balance through each month's net: one query, whatever the number of months. A foreign account's
    /// month-end balance is converted at that month's booking rate.
    async fn balances_at_ends(
        &self,
        scope: &Scope,
        months: &[Month],
        net: &HashMap<(AccountId, i64), i64>,
    ) -> ApiResult<Vec<Money>> {
        let Some(last) = months.last() else {
            return Ok(Vec::new());
        };
        let after_last = self.cx.store.net_after_month(last.0).await?;
        let mut per_month = vec![scope.zero(); months.len()];
        for account in scope.accounts.values() {
            let mut at_end =
                account.balance.to_minor()? - after_last.get(&account.id).copied().unwrap_or(0);
            for (index, month) in months.iter().enumerate().rev() {
                if let Some(converted) = scope.convert(at_end, account.id, *month) {
                    per_month[index] = per_month[index].checked_add(&converted)?;
                }
                at_end -= net.get(&(account.id, month.0)).copied().unwrap_or(0);
            }
        }
        Ok(per_month)
    }

    /// Every category, parents before their children, for pickers.
    pub async fn list_categories(&self) -> ApiResult<Vec<CategoryNode>> {
        Ok(category::DEFAULT_TREE
            .iter()
            .map(|c| CategoryNode {
                category: category_label(c.id),
                parent_id: c.parent.map(str::to_string),
            })
            .collect())
    }
}

impl Context {
    pub(crate) fn this_month(&self) -> Month {
        Month::of(self.clock.now().with_timezone(&chrono::Local).date_naive())
    }

    pub(crate) async fn scope(&self, account_id: Option<&str>) -> ApiResult<Scope> {
        let rates = BookingRates::new(
            &self.store.rates_into(self.home_currency).await?,
            self.this_month().0,
        );
        Ok(match account_id.map(str::trim).filter(|a| !a.is_empty()) {
            Some(id) => {
                let account = self.account_by_id(id).await?;
                Scope {
                    currency: account.currency,
                    accounts: HashMap::from([(account.id, account)]),
                    rates,
                    whole_wallet: false,
                }
            }
            None => Scope {
                accounts: self
                    .store
                    .list_accounts()
                    .await?
                    .into_iter()
                    .map(|a| (a.id, a))
                    .collect(),
                currency: self.home_currency,
                rates,
                whole_wallet: true,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_step_across_years_both_ways() {
        assert_eq!(Month(202612).plus(1), Month(202701));
        assert_eq!(Month(202601).plus(-1), Month(202512));
        assert_eq!(Month(202610).plus(-12), Month(202510));
        assert_eq!(Month(202610).plus(-22).label(), "2024-12");
        assert_eq!(Month::parse("2026-02").unwrap(), Month(202602));
        assert!(Month::parse("2026-13").is_err());
    }
}
