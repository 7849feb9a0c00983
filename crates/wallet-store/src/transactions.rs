//! Bill lines: idempotent upserts keyed by the bank's transaction id, and keyset pages (never OFFSET)
//! ordered newest first by (booking time, id).

use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::{QueryBuilder, Row, Sqlite};
use wallet_core::{AccountId, Currency, Money, Transaction, TransactionId, TransactionStatus};

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::time::{from_millis, local_month, to_millis};

/// What an upsert did, so a sync can report "12 new, 1 updated".
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct UpsertCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Which lines a page draws from. Times are a half-open range [from, until).
#[derive(Debug, Default, Clone)]
pub struct TransactionFilter {
    pub account: Option<AccountId>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Matched case-insensitively against merchant, counterparty and description.
    pub text: Option<String>,
    /// A category id: the lines in it or in one of its sub-categories ("food" takes "food.dining").
    pub category: Option<String>,
}

/// Where the next page starts: just after this (booking time, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub booked_at_millis: i64,
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.booked_at_millis, self.id)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let (millis, id) = text.split_once('_')?;
        let id = id.parse::<TransactionId>().ok()?.to_string();
        Some(Cursor {
            booked_at_millis: millis.parse().ok()?,
            id,
        })
    }
}

#[derive(Debug, Clone)]
pub struct TransactionPage {
    pub items: Vec<Transaction>,
    pub next: Option<Cursor>,
}

fn transaction_from_row(row: &SqliteRow) -> Result<Transaction> {
    let id: String = row.try_get("id")?;
    let account: String = row.try_get("account_id")?;
    let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
    let original = match (
        row.try_get::<Option<i64>, _>("original_minor")?,
        row.try_get::<Option<String>, _>("original_currency")?,
    ) {
        (Some(minor), Some(code)) => Some(Money::from_minor(minor, code.parse()?)),
        _ => None,
    };
    Ok(Transaction {
        id: id
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("transaction id {id}")))?,
        account_id: account
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("account id {account}")))?,
        bank_transaction_id: row.try_get("bank_transaction_id")?,
        status: row.try_get::<String, _>("status")?.parse()?,
        booked_at: from_millis(row.try_get("booked_at")?)?,
        value_at: row
            .try_get::<Option<i64>, _>("value_at")?
            .map(from_millis)
            .transpose()?,
        amount: Money::from_minor(row.try_get("amount_minor")?, currency),
        original_amount: original,
        merchant: row.try_get("merchant")?,
        mcc: row.try_get("mcc")?,
        counterparty: row.try_get("counterparty")?,
        description: row.try_get("description")?,
        category_id: row.try_get("category_id")?,
    })
}

/// The fields a bank may change on a line it already sent (pending → booked, amount settled).
fn differs(existing: &Transaction, incoming: &Transaction) -> bool {
    existing.status != incoming.status
        || existing.booked_at != incoming.booked_at
        || existing.value_at != incoming.value_at
        || existing.amount != incoming.amount
        || existing.original_amount != incoming.original_amount
        || existing.merchant != incoming.merchant
        || existing.counterparty != incoming.counterparty
        || existing.description != incoming.description
}

fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    escaped.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}

/// Lines per statement when writing a sync: large enough that a million lines take a few thousand
/// statements, small enough to stay far below SQLite's limit on bound values.
const BATCH: usize = 400;

/// The upsert itself, inside a caller's database transaction so a whole sync lands at once or not at all.
/// Works a batch at a time: one query finds which lines are known, one statement inserts the new ones.
pub(crate) async fn upsert_transactions_in(
    tx: &mut SqliteConnection,
    incoming: &[Transaction],
) -> Result<UpsertCounts> {
    let mut counts = UpsertCounts::default();
    for batch in incoming.chunks(BATCH) {
        let known = known_lines(tx, batch).await?;
        let mut fresh = Vec::new();
        for line in batch {
            match known.get(&(line.account_id, line.bank_transaction_id.as_str())) {
                None => fresh.push(line),
                Some(existing) if differs(existing, line) => {
                    update_line(tx, &existing.id, line).await?;
                    counts.updated += 1;
                }
                Some(_) => counts.unchanged += 1,
            }
        }
        insert_lines(tx, &fresh).await?;
        counts.added += fresh.len();
    }
    Ok(counts)
}

/// The stored lines among `batch`, by (account, bank id).
async fn known_lines<'a>(
    tx: &mut SqliteConnection,
    batch: &'a [Transaction],
) -> Result<HashMap<(AccountId, &'a str), Transaction>> {
    let mut found = HashMap::new();
    let accounts: HashSet<AccountId> = batch.iter().map(|l| l.account_id).collect();
    for account in accounts {
        let mut query =
            QueryBuilder::<Sqlite>::new("SELECT * FROM transactions WHERE account_id = ");
        query.push_bind(account.to_string());
        query.push(" AND bank_transaction_id IN (");
        let mut ids = query.separated(", ");
        for line in batch.iter().filter(|l| l.account_id == account) {
            ids.push_bind(line.bank_transaction_id.as_str());
        }
        query.push(")");
        for row in query.build().fetch_all(&mut *tx).await? {
            let existing = transaction_from_row(&row)?;
            if let Some(line) = batch.iter().find(|l| {
                l.account_id == account && l.bank_transaction_id == existing.bank_transaction_id
            }) {
                found.insert((account, line.bank_transaction_id.as_str()), existing);
            }
        }
    }
    Ok(found)
}

async fn insert_lines(tx: &mut SqliteConnection, lines: &[&Transaction]) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(lines.len());
    for line in lines {
        rows.push((
            line,
            line.amount.to_minor()?,
            line.original_amount.map(|m| m.to_minor()).transpose()?,
        ));
    }
    let mut query = QueryBuilder::<Sqlite>::new(
        "INSERT INTO transactions (id, account_id, bank_transaction_id, status, booked_at, booked_month,
             value_at, amount_minor, currency, original_minor, original_currency, merchant, mcc,
             counterparty, description, category_id) ",
    );
    query.push_values(rows, |mut row, (line, minor, original_minor)| {
        row.push_bind(line.id.to_string())
            .push_bind(line.account_id.to_string())
            .push_bind(line.bank_transaction_id.clone())
            .push_bind(line.status.as_str())
            .push_bind(to_millis(line.booked_at))
            .push_bind(local_month(line.booked_at))
            .push_bind(line.value_at.map(to_millis))
            .push_bind(minor)
            .push_bind(line.amount.currency().code().to_string())
            .push_bind(original_minor)
            .push_bind(
                line.original_amount
                    .map(|m| m.currency().code().to_string()),
            )
            .push_bind(line.merchant.clone())
            .push_bind(line.mcc.clone())
            .push_bind(line.counterparty.clone())
            .push_bind(line.description.clone())
            .push_bind(line.category_id.clone());
    });
    query.build().execute(&mut *tx).await?;
    Ok(())
}

/// A line the bank changed (pending → booked, amount settled); the wallet's id and category stay.
async fn update_line(
    tx: &mut SqliteConnection,
    id: &TransactionId,
    line: &Transaction,
) -> Result<()> {
    sqlx::query(
        "UPDATE transactions SET status = ?, booked_at = ?, booked_month = ?, value_at = ?, amount_minor = ?,
             currency = ?, original_minor = ?, original_currency = ?, merchant = ?, mcc = ?,
             counterparty = ?, description = ?
         WHERE id = ?",
    )
    .bind(line.status.as_str())
    .bind(to_millis(line.booked_at))
    .bind(local_month(line.booked_at))
    .bind(line.value_at.map(to_millis))
    .bind(line.amount.to_minor()?)
    .bind(line.amount.currency().code())
    .bind(line.original_amount.map(|m| m.to_minor()).transpose()?)
    .bind(line.original_amount.map(|m| m.currency().code().to_string()))
    .bind(&line.merchant)
    .bind(&line.mcc)
    .bind(&line.counterparty)
    .bind(&line.description)
    .bind(id.to_string())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Drops pending lines in [since, ∞) that the bank no longer reports: their authorisation was released.
pub(crate) async fn remove_vanished_pending_in(
    tx: &mut SqliteConnection,
    account: AccountId,
    since: DateTime<Utc>,
    still_reported: &HashSet<&str>,
) -> Result<usize> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, bank_transaction_id FROM transactions
         WHERE account_id = ? AND status = 'pending' AND booked_at >= ?",
    )
    .bind(account.to_string())
    .bind(to_millis(since))
    .fetch_all(&mut *tx)
    .await?;
    let mut removed = 0;
    for (id, bank_id) in rows {
        if !still_reported.contains(bank_id.as_str()) {
            sqlx::query("DELETE FROM transactions WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            removed += 1;
        }
    }
    Ok(removed)
}

impl Store {
    pub async fn transaction(&self, id: TransactionId) -> Result<Option<Transaction>> {
        let row = sqlx::query("SELECT * FROM transactions WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(transaction_from_row).transpose()
    }

    /// Writes a batch from the bank in one database transaction: new lines are added, known ones updated
    /// in place (keeping the wallet's id and the user's category), identical ones left alone.
    pub async fn upsert_transactions(&self, incoming: &[Transaction]) -> Result<UpsertCounts> {
        let mut tx = self.pool().begin().await?;
        let counts = upsert_transactions_in(&mut tx, incoming).await?;
        tx.commit().await?;
        Ok(counts)
    }

    /// One page, newest first, starting after `after`. Uses the (booked_at, id) indexes: cost does not
    /// grow with how deep in the history the page is.
    pub async fn page_transactions(
        &self,
        filter: &TransactionFilter,
        after: Option<&Cursor>,
        limit: u32,
    ) -> Result<TransactionPage> {
        let limit = limit.clamp(1, 500);
        let mut query = QueryBuilder::<Sqlite>::new("SELECT * FROM transactions WHERE 1 = 1");
        if let Some(account) = filter.account {
            query
                .push(" AND account_id = ")
                .push_bind(account.to_string());
        }
        if let Some(from) = filter.from {
            query.push(" AND booked_at >= ").push_bind(to_millis(from));
        }
        if let Some(until) = filter.until {
            query.push(" AND booked_at < ").push_bind(to_millis(until));
        }
        if let Some(category) = &filter.category {
            query
                .push(" AND (category_id = ")
                .push_bind(category.clone())
                .push(" OR category_id LIKE ")
                .push_bind(format!("{}.%", category.replace(['%', '_'], "")))
                .push(")");
        }
        if let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let pattern = escape_like(text);
            query
                .push(" AND (merchant LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR counterparty LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR description LIKE ")
                .push_bind(pattern)
                .push(" ESCAPE '\\')");
        }
        if let Some(cursor) = after {
            query
                .push(" AND (booked_at, id) < (")
                .push_bind(cursor.booked_at_millis)
                .push(", ")
                .push_bind(cursor.id.clone())
                .push(")");
        }
        query
            .push(" ORDER BY booked_at DESC, id DESC LIMIT ")
            .push_bind(i64::from(limit) + 1);
        let rows = query.build().fetch_all(self.pool()).await?;
        let mut items = rows
            .iter()
            .map(transaction_from_row)
            .collect::<Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|last| Cursor {
                booked_at_millis: to_millis(last.booked_at),
                id: last.id.to_string(),
            })
        } else {
            None
        };
        Ok(TransactionPage { items, next })
    }

    pub async fn count_transactions(&self, account: Option<AccountId>) -> Result<i64> {
        let count = match account {
            Some(account) => {
                sqlx::query_scalar("SELECT COUNT(*) FROM transactions WHERE account_id = ?")
                    .bind(account.to_string())
                    .fetch_one(self.pool())
                    .await?
            }
            None => {
                sqlx::query_scalar("SELECT COUNT(*) FROM transactions")
                    .fetch_one(self.pool())
                    .await?
            }
        };
        Ok(count)
    }

    /// The oldest line still pending on this account: the next sync must look back at least this far.
    pub async fn oldest_pending(&self, account: AccountId) -> Result<Option<DateTime<Utc>>> {
        let millis: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(booked_at) FROM transactions WHERE account_id = ? AND status = 'pending'",
        )
        .bind(account.to_string())
        .fetch_one(self.pool())
        .await?;
        millis.map(from_millis).transpose()
    }

    /// Sum of the lines that count (booked and pending), in minor units, for consistency checks.
    pub async fn counted_total_minor(&self, account: AccountId) -> Result<i64> {
        let total: Option<i64> = sqlx::query_scalar(
            "SELECT SUM(amount_minor) FROM transactions WHERE account_id = ? AND status != ?",
        )
        .bind(account.to_string())
        .bind(TransactionStatus::Rejected.as_str())
        .fetch_one(self.pool())
        .await?;
        Ok(total.unwrap_or(0))
    }
}

/// A line the bank converted: what was charged abroad, what it cost at home, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub original: Money,
    pub booked: Money,
    pub booked_at: DateTime<Utc>,
}

impl Store {
    /// For each foreign currency, the most recent line converted into `home`.
    pub async fn latest_conversions(&self, home: Currency) -> Result<Vec<Conversion>> {
        let rows = sqlx::query(
            "SELECT t.* FROM transactions t
             JOIN (SELECT original_currency, MAX(booked_at) AS latest FROM transactions
                   WHERE currency = ?1 AND original_currency IS NOT NULL AND original_currency != ?1
                         AND status != 'rejected' AND original_minor != 0
                   GROUP BY original_currency) newest
               ON t.original_currency = newest.original_currency AND t.booked_at = newest.latest
             WHERE t.currency = ?1 AND t.status != 'rejected' AND t.original_minor != 0
             ORDER BY t.original_currency, t.id",
        )
        .bind(home.code())
        .fetch_all(self.pool())
        .await?;
        let mut conversions: Vec<Conversion> = Vec::new();
        for row in &rows {
            let line = transaction_from_row(row)?;
            let Some(original) = line.original_amount else {
                continue;
            };
            if conversions
                .last()
                .is_some_and(|c| c.original.currency() == original.currency())
            {
                continue;
            }
            conversions.push(Conversion {
                original,
                booked: line.amount,
                booked_at: line.booked_at,
            });
        }
        Ok(conversions)
    }
}
