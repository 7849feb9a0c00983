//! Budgets (a monthly amount per category) and the alerts already given against them.

use chrono::{DateTime, Utc};
use sqlx::Row;
use wallet_core::{Currency, Money};

use crate::error::Result;
use crate::file::open::Store;
use crate::time::to_millis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub category_id: String,
    pub monthly: Money,
}

impl Store {
    pub async fn set_budget(&self, budget: &Budget, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "INSERT INTO budgets (category_id, monthly_minor, currency, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (category_id) DO UPDATE SET monthly_minor = excluded.monthly_minor,
                 currency = excluded.currency",
        )
        .bind(&budget.category_id)
        .bind(budget.monthly.to_minor()?)
        .bind(budget.monthly.currency().code())
        .bind(to_millis(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// True when there was a budget to remove.
    pub async fn remove_budget(&self, category_id: &str) -> Result<bool> {
        Ok(sqlx::query("DELETE FROM budgets WHERE category_id = ?")
            .bind(category_id)
            .execute(self.pool())
            .await?
            .rows_affected()
            == 1)
    }

    pub async fn budgets(&self) -> Result<Vec<Budget>> {
        let rows = sqlx::query(
            "SELECT category_id, monthly_minor, currency FROM budgets ORDER BY category_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
                Ok(Budget {
                    category_id: row.try_get("category_id")?,
                    monthly: Money::from_minor(row.try_get("monthly_minor")?, currency),
                })
            })
            .collect()
    }

    /// Records an alert; false when it had already been given (so it is given once).
    pub async fn record_budget_alert(
        &self,
        category_id: &str,
        month: i64,
        level: u32,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO budget_alerts (category_id, month, level, alerted_at) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(category_id)
        .bind(month)
        .bind(i64::from(level))
        .bind(to_millis(now))
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }
}
