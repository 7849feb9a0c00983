//! Budgets: a monthly amount per category, this month's progress against it, and an alert the first time
//! spending passes 80 % and 100 % (the desktop app also shows it as an OS notification).

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use wallet_core::{Money, category, payment};
use wallet_store::Budget;

use crate::charts;
use crate::dto::{BudgetAlert, BudgetProgress, SetBudget};
use crate::error::{ApiError, ApiResult};
use crate::parts::bills::statements::{Month, Scope, percent};
use crate::parts::bills::transactions::category_label;

pub struct Budgets {
    pub(crate) cx: Arc<Context>,
}

const LEVELS: [u32; 2] = [80, 100];

/// This month's spending in `category_id` and its sub-categories, for the whole wallet.
fn spent_in(
    scope: &Scope,
    month: Month,
    category_id: &str,
    totals: &[wallet_store::CategoryTotal],
) -> ApiResult<Money> {
    let prefix = format!("{category_id}.");
    let mut spent = scope.zero();
    for total in totals.iter().filter(|t| {
        scope.counts(t) && (t.category_id == category_id || t.category_id.starts_with(&prefix))
    }) {
        if let Some(amount) = scope.convert(total.spent_minor, total.account_id, month) {
            spent = spent.checked_add(&amount)?;
        }
    }
    Ok(spent)
}

/// Whether `spent` has reached `level` percent of `budget`.
fn reached(spent: Money, budget: Money, level: u32) -> bool {
    spent.amount() * rust_decimal::Decimal::from(100)
        >= budget.amount() * rust_decimal::Decimal::from(level)
}

fn state(spent: Money, budget: Money) -> &'static str {
    if reached(spent, budget, 100) {
        "over"
    } else if reached(spent, budget, 80) {
        "warning"
    } else {
        "ok"
    }
}

#[commands]
impl Budgets {
    /// Every budget with what this month has spent against it.
    async fn spent_per_budget(&self) -> ApiResult<(Month, Vec<(Budget, Money)>)> {
        let month = self.cx.this_month();
        let scope = self.cx.scope(None).await?;
        let totals = self.cx.store.monthly_totals(month.0, month.0, None).await?;
        let mut spent = Vec::new();
        for budget in self.cx.store.budgets().await? {
            let amount = spent_in(&scope, month, &budget.category_id, &totals)?;
            spent.push((budget, amount));
        }
        Ok((month, spent))
    }

    /// This month's budgets, each with what has been spent against it and its gauge's chart option.
    pub async fn budget_progress(&self) -> ApiResult<Vec<BudgetProgress>> {
        let (month, budgets) = self.spent_per_budget().await?;
        let language = self.cx.settings().await?.language;
        let mut shown = Vec::new();
        for (budget, spent) in budgets {
            shown.push(BudgetProgress {
                category: category_label(&budget.category_id),
                month: month.label(),
                gauge: charts::budget_gauge(&spent.into(), &budget.monthly.into(), language),
                budget: budget.monthly.into(),
                spent: spent.into(),
                remaining: budget.monthly.checked_add(&spent.negate())?.into(),
                percent: percent(spent, budget.monthly),
                state: state(spent, budget.monthly).to_string(),
            });
        }
        Ok(shown)
    }

    /// Sets (or replaces) a category's monthly budget, in the home currency; answers with every budget.
    pub async fn set_budget(&self, request: SetBudget) -> ApiResult<Vec<BudgetProgress>> {
        if category::find(&request.category_id).is_none() {
            return Err(ApiError::invalid(format!(
                "There is no category \"{}\".",
                request.category_id
            )));
        }
        let monthly = payment::parse_amount(
            &request.amount,
            self.cx.home_currency,
            self.cx.home_currency,
        )
        .map_err(|e| ApiError::invalid(e.to_string()))?;
        self.cx
            .store
            .set_budget(
                &Budget {
                    category_id: request.category_id,
                    monthly,
                },
                self.cx.clock.now(),
            )
            .await?;
        self.budget_progress().await
    }

    /// Removes a category's budget (`notFound` when it has none); answers with the budgets left.
    pub async fn remove_budget(&self, category_id: &str) -> ApiResult<Vec<BudgetProgress>> {
        if !self.cx.store.remove_budget(category_id).await? {
            return Err(ApiError::not_found("There is no budget for that category."));
        }
        self.budget_progress().await
    }
}

impl Budgets {
    /// The budgets that have passed 80 % or 100 % this month and were not yet told; each is told once.
    pub async fn check_budget_alerts(&self) -> ApiResult<Vec<BudgetAlert>> {
        let (month, budgets) = self.spent_per_budget().await?;
        let mut alerts = Vec::new();
        for (budget, spent) in budgets {
            for level in LEVELS {
                if reached(spent, budget.monthly, level)
                    && self
                        .cx
                        .store
                        .record_budget_alert(
                            &budget.category_id,
                            month.0,
                            level,
                            self.cx.clock.now(),
                        )
                        .await?
                {
                    alerts.push(BudgetAlert {
                        category: category_label(&budget.category_id),
                        month: month.label(),
                        level,
                        spent: spent.into(),
                        budget: budget.monthly.into(),
                    });
                }
            }
        }
        Ok(alerts)
    }
}
