//! What the risk checks need to know before a payment is sent: the payments made through the wallet
//! lately and to one payee, and what a payee or a category is usually paid according to the bills (from
//! the kept monthly totals, so a decade of lines is never read).

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::file::open::Store;
use crate::tables::payments::{PaymentRecord, record_from_row};
use crate::tables::transactions::{SELECT_LINES, transaction_from_row};
use crate::time::to_millis;

/// Payments read for "usually paid": the newest this many.
const HISTORY: i64 = 50;

impl Store {
    /// Payments made through the wallet since `since` that were not refused or failed, oldest first.
    pub async fn payments_since(&self, since: DateTime<Utc>) -> Result<Vec<PaymentRecord>> {
        payments_since_with(self.pool(), since).await
    }

    /// The newest payments that reached the bank for this account (scheme and number).
    pub async fn payments_to(
        &self,
        scheme: &str,
        identification: &str,
    ) -> Result<Vec<PaymentRecord>> {
        let rows = sqlx::query(
            "SELECT * FROM payments WHERE payee_scheme = ? AND payee_identification = ?
               AND status IN ('sent', 'completed')
             ORDER BY created_at DESC LIMIT ?",
        )
        .bind(scheme)
        .bind(identification)
        .bind(HISTORY)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(record_from_row).collect()
    }

    /// What one line to this payee came to on average, month by month before `before_month` (YYYYMM;
    /// newest first, at most `months`), per currency of the account paid from:
    /// `(currency, average minor units)`.
    pub async fn payee_monthly_averages(
        &self,
        payee: &str,
        before_month: i64,
        months: i64,
    ) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT a.currency, SUM(p.spent_minor) / SUM(p.lines) FROM monthly_payees p
             JOIN accounts a ON a.id = p.account_id
             WHERE p.payee = ? AND p.month < ? AND p.lines > 0 GROUP BY p.month, a.currency
             ORDER BY p.month DESC LIMIT ?",
        )
        .bind(payee)
        .bind(before_month)
        .bind(months)
        .fetch_all(self.pool())
        .await?)
    }

    /// The same for a category and its sub-categories, from `since_month` up to before `before_month`.
    pub async fn category_monthly_averages(
        &self,
        category_id: &str,
        since_month: i64,
        before_month: i64,
    ) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT a.currency, SUM(t.spent_minor) / SUM(t.lines) FROM monthly_totals t
             JOIN accounts a ON a.id = t.account_id
             WHERE t.month >= ? AND t.month < ? AND (t.category_id = ? OR t.category_id LIKE ? || '.%')
               AND t.spent_minor > 0 AND t.lines > 0
             GROUP BY t.month, a.currency ORDER BY t.month DESC",
        )
        .bind(since_month)
        .bind(before_month)
        .bind(category_id)
        .bind(category_id)
        .fetch_all(self.pool())
        .await?)
    }
}

/// [`Store::payments_since`] through any executor: the pool, or the write lock a payment holds.
pub(crate) async fn payments_since_with<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    since: DateTime<Utc>,
) -> Result<Vec<PaymentRecord>> {
    let rows = sqlx::query(
        "SELECT * FROM payments WHERE created_at >= ? AND status NOT IN ('rejected', 'failed')
         ORDER BY created_at, id",
    )
    .bind(to_millis(since))
    .fetch_all(executor)
    .await?;
    rows.iter().map(record_from_row).collect()
}

impl Store {
    /// How many booked lines took money for this payee, over the whole history.
    pub async fn payee_line_count(&self, payee: &str) -> Result<i64> {
        Ok(
            sqlx::query_scalar(
                "SELECT COALESCE(SUM(lines), 0) FROM monthly_payees WHERE payee = ?",
            )
            .bind(payee)
            .fetch_one(self.pool())
            .await?,
        )
    }

    /// The newest line's row number (0 for none): lines arrive with ever higher numbers.
    pub async fn newest_line_no(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM transactions")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Lines that took money out, numbered after `after_no` and made since `since`, oldest first
    /// (at most `limit`): what a sync brought that the person may not recognise.
    pub async fn money_out_lines_after(
        &self,
        after_no: i64,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<wallet_core::StoredTransaction>> {
        let rows = sqlx::query(&format!(
            "{SELECT_LINES} WHERE t.id > ? AND t.amount_minor < 0 AND t.status != 'rejected'
               AND t.booked_at >= ? ORDER BY t.id LIMIT ?"
        ))
        .bind(after_no)
        .bind(to_millis(since))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(transaction_from_row).collect()
    }
}
