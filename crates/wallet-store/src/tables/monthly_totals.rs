//! Reading the monthly totals (kept by triggers, see the migration), the month's biggest payees, and
//! changing a line's category — alone, or for every line of a payee through a rule.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use wallet_core::{AccountId, TransactionId};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::json_rows::{fetch_json_rows, json_rows_of};
use crate::time::to_millis;

/// One account's booked money in one category in one month, in minor units of the account's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTotal {
    pub account_id: AccountId,
    /// YYYYMM.
    pub month: i64,
    pub category_id: String,
    pub spent_minor: i64,
    pub received_minor: i64,
    pub lines: i64,
}

/// All accounts of one currency together: one category in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub month: i64,
    pub category_id: String,
    pub currency: String,
    pub spent_minor: i64,
    pub received_minor: i64,
    pub lines: i64,
}

/// What one payee took from one account in a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeTotal {
    pub account_id: AccountId,
    pub payee: String,
    pub spent_minor: i64,
    pub lines: i64,
}

/// Keys bound per statement in an `IN` list (well under SQLite's bound-parameter limit).
pub(crate) const KEYS_PER_STATEMENT: usize = 500;

/// Pushes `(?, ?, …)` binding each item: the list of an `IN` clause.
pub(crate) fn push_list<T: ToString>(
    query: &mut QueryBuilder<'_, Sqlite>,
    items: impl IntoIterator<Item = T>,
) {
    query.push("(");
    let mut list = query.separated(", ");
    for item in items {
        list.push_bind(item.to_string());
    }
    query.push(")");
}

impl CategoryTotal {
    fn from_row(row: &SqliteRow) -> Result<Self> {
        Ok(CategoryTotal {
            account_id: account_id(row.try_get("account_id")?)?,
            month: row.try_get("month")?,
            category_id: row.try_get("category_id")?,
            spent_minor: row.try_get("spent_minor")?,
            received_minor: row.try_get("received_minor")?,
            lines: row.try_get("lines")?,
        })
    }
}

impl PayeeTotal {
    fn from_row(row: &SqliteRow) -> Result<Self> {
        Ok(PayeeTotal {
            account_id: account_id(row.try_get("account_id")?)?,
            payee: row.try_get("payee")?,
            spent_minor: row.try_get("spent")?,
            lines: row.try_get("lines")?,
        })
    }
}

fn account_id(text: String) -> Result<AccountId> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("account id {text}")))
}

/// The payee a line is grouped and ruled by: its merchant, else its counterparty, else its description.
pub const PAYEE_SQL: &str = "COALESCE(merchant, counterparty, description)";

/// A booked outgoing line, as recurring-payment detection reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendLine {
    pub payee: String,
    pub booked_at: DateTime<Utc>,
    /// Positive: what left the account, in minor units of `currency`.
    pub spent_minor: i64,
    pub currency: String,
    pub category_id: String,
}

impl Store {
    /// Booked outgoing lines since `since`, oldest first, leaving out `leave_out` categories.
    pub async fn spending_since(
        &self,
        since: DateTime<Utc>,
        leave_out: &[&str],
    ) -> Result<Vec<SpendLine>> {
        let mut query = QueryBuilder::<Sqlite>::new(format!(
            "SELECT {PAYEE_SQL} AS payee, booked_at, -amount_minor AS spent, currency, category_id
             FROM transactions WHERE status = 'booked' AND amount_minor < 0 AND booked_at >= "
        ));
        query.push_bind(to_millis(since));
        if !leave_out.is_empty() {
            query.push(" AND category_id NOT IN ");
            push_list(&mut query, leave_out);
        }
        query.push(" ORDER BY booked_at");
        let rows = query.build().fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|row| {
                Ok(SpendLine {
                    payee: row.try_get("payee")?,
                    booked_at: crate::time::from_millis(row.try_get("booked_at")?)?,
                    spent_minor: row.try_get("spent")?,
                    currency: row.try_get("currency")?,
                    category_id: row.try_get("category_id")?,
                })
            })
            .collect()
    }

    /// Totals for the months in [from, to] (YYYYMM, inclusive), for one account or all.
    pub async fn monthly_totals(
        &self,
        from: i64,
        to: i64,
        account: Option<AccountId>,
    ) -> Result<Vec<CategoryTotal>> {
        let mut query =
            json_rows_of("account_id, month, category_id, spent_minor, received_minor, lines");
        query.push(
            "SELECT account_id, month, category_id, spent_minor, received_minor, lines
             FROM monthly_totals WHERE lines > 0 AND month BETWEEN ",
        );
        query.push_bind(from).push(" AND ").push_bind(to);
        if let Some(account) = account {
            query
                .push(" AND account_id = ")
                .push_bind(account.to_string());
        }
        let mut rows: Vec<(String, i64, String, i64, i64, i64)> =
            fetch_json_rows(self.pool(), query).await?;
        rows.sort_unstable_by(|a, b| (a.1, &a.0, &a.2).cmp(&(b.1, &b.0, &b.2)));
        rows.into_iter()
            .map(
                |(account, month, category_id, spent_minor, received_minor, lines)| {
                    Ok(CategoryTotal {
                        account_id: account_id(account)?,
                        month,
                        category_id,
                        spent_minor,
                        received_minor,
                        lines,
                    })
                },
            )
            .collect()
    }

    /// Totals for [from, to] added up per currency in SQL (the long reports read months × categories
    /// rows, not accounts × months × categories), for one account or all, leaving out `leave_out`.
    /// One query per currency: each adds up along the table's key (month, category, account) with
    /// nothing to sort.
    pub async fn monthly_totals_by_currency(
        &self,
        from: i64,
        to: i64,
        account: Option<AccountId>,
        leave_out: &[&str],
    ) -> Result<Vec<CurrencyTotal>> {
        let currencies: Vec<String> = sqlx::query_scalar("SELECT DISTINCT currency FROM accounts")
            .fetch_all(self.pool())
            .await?;
        let mut totals = Vec::new();
        for currency in currencies {
            let mut query = json_rows_of("month, category_id, spent, received, lines");
            query.push(
                "SELECT month, category_id, SUM(spent_minor) AS spent,
                        SUM(received_minor) AS received, SUM(lines) AS lines
                 FROM monthly_totals
                 WHERE lines > 0 AND month BETWEEN ",
            );
            query.push_bind(from).push(" AND ").push_bind(to);
            query
                .push(" AND account_id IN (SELECT id FROM accounts WHERE currency = ")
                .push_bind(currency.clone())
                .push(")");
            if let Some(account) = account {
                query
                    .push(" AND account_id = ")
                    .push_bind(account.to_string());
            }
            if !leave_out.is_empty() {
                query.push(" AND category_id NOT IN ");
                push_list(&mut query, leave_out);
            }
            query.push(" GROUP BY month, category_id");
            let rows: Vec<(i64, String, i64, i64, i64)> =
                fetch_json_rows(self.pool(), query).await?;
            totals.extend(rows.into_iter().map(
                |(month, category_id, spent_minor, received_minor, lines)| CurrencyTotal {
                    month,
                    category_id,
                    currency: currency.clone(),
                    spent_minor,
                    received_minor,
                    lines,
                },
            ));
        }
        Ok(totals)
    }

    /// Per account and month in [from, to], the net of its booked lines (every category).
    pub async fn monthly_nets(
        &self,
        from: i64,
        to: i64,
        account: Option<AccountId>,
    ) -> Result<HashMap<(AccountId, i64), i64>> {
        let mut query = json_rows_of("account_id, month, net");
        query.push(
            "SELECT account_id, month, SUM(received_minor - spent_minor) AS net FROM monthly_totals
             WHERE month BETWEEN ",
        );
        query.push_bind(from).push(" AND ").push_bind(to);
        if let Some(account) = account {
            query
                .push(" AND account_id = ")
                .push_bind(account.to_string());
        }
        query.push(" GROUP BY account_id, month");
        let rows: Vec<(String, i64, i64)> = fetch_json_rows(self.pool(), query).await?;
        rows.into_iter()
            .map(|(account, month, net)| Ok(((account_id(account)?, month), net)))
            .collect()
    }

    /// Per account, the net of every booked line after `month` (YYYYMM): today's balance less this is the
    /// balance at that month's end.
    pub async fn net_after_month(&self, month: i64) -> Result<HashMap<AccountId, i64>> {
        let rows = sqlx::query(
            "SELECT account_id, SUM(received_minor - spent_minor) AS net FROM monthly_totals
             WHERE month > ? GROUP BY account_id",
        )
        .bind(month)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| Ok((account_id(row.try_get("account_id")?)?, row.try_get("net")?)))
            .collect()
    }

    /// The payees that took the most in `month`, per account, biggest first.
    /// Lines in `leave_out` categories are not counted (the whole wallet leaves out its own transfers).
    pub async fn payee_totals(
        &self,
        month: i64,
        account: Option<AccountId>,
        leave_out: &[&str],
        limit: u32,
    ) -> Result<Vec<PayeeTotal>> {
        // From the payee totals the triggers keep (see the monthly_payees migration).
        let mut query = QueryBuilder::<Sqlite>::new(
            "SELECT account_id, payee, SUM(spent_minor) AS spent, SUM(lines) AS lines
             FROM monthly_payees WHERE lines > 0 AND month = ",
        );
        query.push_bind(month);
        if let Some(account) = account {
            query
                .push(" AND account_id = ")
                .push_bind(account.to_string());
        }
        if !leave_out.is_empty() {
            query.push(" AND category_id NOT IN ");
            push_list(&mut query, leave_out);
        }
        query
            .push(" GROUP BY account_id, payee ORDER BY spent DESC, payee LIMIT ")
            .push_bind(i64::from(limit));
        let rows = query.build().fetch_all(self.pool()).await?;
        rows.iter().map(PayeeTotal::from_row).collect()
    }

    /// Gives one line another category. False when there is no such line.
    pub async fn set_category(&self, id: TransactionId, category_id: &str) -> Result<bool> {
        Ok(
            sqlx::query("UPDATE transactions SET category_id = ? WHERE id = ?")
                .bind(category_id)
                .bind(id.0)
                .execute(self.pool())
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Keeps a rule (payee → category) and applies it to every line of that payee, past ones included, in
    /// one database transaction. Returns how many lines changed category.
    pub async fn apply_category_rule(
        &self,
        payee: &str,
        category_id: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO category_rules (payee, category_id, created_at) VALUES (?, ?, ?)
             ON CONFLICT (payee) DO UPDATE SET category_id = excluded.category_id",
        )
        .bind(payee)
        .bind(category_id)
        .bind(to_millis(now))
        .execute(&mut *tx)
        .await?;
        let changed = sqlx::query(&format!(
            "UPDATE transactions SET category_id = ? WHERE {PAYEE_SQL} = ? AND category_id <> ?"
        ))
        .bind(category_id)
        .bind(payee)
        .bind(category_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(changed)
    }

    /// The user's rules: payee → category.
    pub async fn category_rules(&self) -> Result<HashMap<String, String>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT payee, category_id FROM category_rules")
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().collect())
    }

    /// The month's payees recomputed from the lines themselves, for checking the kept payee totals.
    pub async fn payee_totals_recomputed(&self, month: i64) -> Result<Vec<PayeeTotal>> {
        let rows = sqlx::query(&format!(
            "SELECT a.id AS account_id, {PAYEE_SQL} AS payee, SUM(-amount_minor) AS spent, COUNT(*) AS lines
             FROM transactions t JOIN accounts a ON a.no = t.account_no
             WHERE booked_month = ? AND status = 'booked' AND amount_minor < 0
             GROUP BY a.id, payee ORDER BY spent DESC, payee"
        ))
        .bind(month)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(PayeeTotal::from_row).collect()
    }

    /// The totals recomputed from the lines themselves, for checking that the kept totals agree.
    pub async fn monthly_totals_recomputed(&self) -> Result<Vec<CategoryTotal>> {
        let rows = sqlx::query(
            "SELECT a.id AS account_id, booked_month AS month, category_id,
                    SUM(MAX(-amount_minor, 0)) AS spent_minor, SUM(MAX(amount_minor, 0)) AS received_minor,
                    COUNT(*) AS lines
             FROM transactions t JOIN accounts a ON a.no = t.account_no WHERE status = 'booked'
             GROUP BY a.id, booked_month, category_id ORDER BY month, account_id, category_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(CategoryTotal::from_row).collect()
    }
}
