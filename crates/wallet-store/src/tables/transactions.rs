//! Reading bill lines: keyset pages (never OFFSET) ordered newest first by (booking time, id), and the
//! few sums the app asks of them. Writing them is `line_upsert`.

use chrono::{DateTime, Utc};

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use wallet_core::{
    AccountId, Currency, Money, StoredTransaction, Transaction, TransactionId, TransactionStatus,
};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::tables::line_search::{SearchWay, search_way};
use crate::time::{from_millis, to_millis};

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
    pub id: TransactionId,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.booked_at_millis, self.id)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let (millis, id) = text.split_once('_')?;
        Some(Cursor {
            booked_at_millis: millis.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct TransactionPage {
    pub items: Vec<StoredTransaction>,
    pub next: Option<Cursor>,
}

/// Every line column, with the account's id found from its number (lines keep the small number).
pub(crate) const SELECT_LINES: &str =
    "SELECT t.*, a.id AS account_id FROM transactions t JOIN accounts a ON a.no = t.account_no";

/// The number lines refer to an account by (see the baseline migration), as a SQL expression.
pub(crate) const ACCOUNT_NO_OF: &str = "(SELECT no FROM accounts WHERE id = ?)";

pub(crate) fn transaction_from_row(row: &SqliteRow) -> Result<StoredTransaction> {
    let account: String = row.try_get("account_id")?;
    let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
    let original = match (
        row.try_get::<Option<i64>, _>("original_minor")?,
        row.try_get::<Option<String>, _>("original_currency")?,
    ) {
        (Some(minor), Some(code)) => Some(Money::from_minor(minor, code.parse()?)),
        _ => None,
    };
    let merchant: Option<String> = row.try_get("merchant")?;
    // Not stored when it repeats the merchant's name (see the baseline migration).
    let description = match row.try_get::<Option<String>, _>("description")? {
        Some(description) => description,
        None => merchant.clone().unwrap_or_default(),
    };
    Ok(StoredTransaction {
        id: TransactionId(row.try_get("id")?),
        line: Transaction {
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
            merchant,
            mcc: row.try_get("mcc")?,
            counterparty: row.try_get("counterparty")?,
            description,
            category_id: row.try_get("category_id")?,
        },
    })
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

/// A text search first reads this many pages' worth of lines newest first: a text one line in
/// 40 or more holds fills its page there, without the search index.
const NEWEST_FIRST_PAGES: i64 = 40;

/// Which lines a page query reads.
enum LinesRead {
    /// Newest first, to the end of the page.
    Newest,
    /// Newest first, no more than this many lines (before the text is looked at).
    NewestAtMost(i64),
    /// The lines this search-index query names (`line_search`), then sorted.
    Named(String),
}

/// The page query: the filter's account, months, category and text, after the cursor, newest first.
fn lines_query<'a>(
    read: &LinesRead,
    filter: &TransactionFilter,
    text: Option<&str>,
    after: Option<&Cursor>,
    limit: u32,
) -> QueryBuilder<'a, Sqlite> {
    let mut query = match read {
        LinesRead::Newest => QueryBuilder::new(format!("{SELECT_LINES} WHERE 1 = 1")),
        LinesRead::NewestAtMost(_) => QueryBuilder::new(
            "SELECT t.*, a.id AS account_id FROM (SELECT * FROM transactions t WHERE 1 = 1",
        ),
        LinesRead::Named(index_query) => {
            // The named lines first (CROSS JOIN keeps that order), each looked up by its id.
            let mut query = QueryBuilder::new("SELECT t.*, a.id AS account_id FROM line_search(");
            query.push_bind(index_query.clone()).push(
                ") named CROSS JOIN transactions t ON t.id = named.rowid
                 JOIN accounts a ON a.no = t.account_no WHERE 1 = 1",
            );
            query
        }
    };
    if let Some(account) = filter.account {
        query
            .push(" AND t.account_no = (SELECT no FROM accounts WHERE id = ")
            .push_bind(account.to_string())
            .push(")");
    }
    if let Some(from) = filter.from {
        query
            .push(" AND t.booked_at >= ")
            .push_bind(to_millis(from));
    }
    if let Some(until) = filter.until {
        query
            .push(" AND t.booked_at < ")
            .push_bind(to_millis(until));
    }
    if let Some(category) = &filter.category {
        query
            .push(" AND (t.category_id = ")
            .push_bind(category.clone())
            .push(" OR t.category_id LIKE ")
            .push_bind(format!("{}.%", category.replace(['%', '_'], "")))
            .push(")");
    }
    if let Some(cursor) = after {
        query
            .push(" AND (t.booked_at, t.id) < (")
            .push_bind(cursor.booked_at_millis)
            .push(", ")
            .push_bind(cursor.id.0)
            .push(")");
    }
    if let LinesRead::NewestAtMost(most) = read {
        query
            .push(" ORDER BY t.booked_at DESC, t.id DESC LIMIT ")
            .push_bind(*most)
            .push(") t JOIN accounts a ON a.no = t.account_no WHERE 1 = 1");
    }
    // The search index only names lines that may hold the text: each is confirmed here, as before it.
    if let Some(text) = text {
        let pattern = escape_like(text);
        query
            .push(" AND (t.merchant LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR t.counterparty LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR t.description LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
    query
        .push(" ORDER BY t.booked_at DESC, t.id DESC LIMIT ")
        .push_bind(i64::from(limit) + 1);
    query
}

/// The page in these rows (one more than `limit` when there is a next page).
fn page_of(rows: &[SqliteRow], limit: u32) -> Result<TransactionPage> {
    let mut items = rows
        .iter()
        .map(transaction_from_row)
        .collect::<Result<Vec<_>>>()?;
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| Cursor {
            booked_at_millis: to_millis(last.line.booked_at),
            id: last.id,
        })
    } else {
        None
    };
    Ok(TransactionPage { items, next })
}

impl Store {
    pub async fn transaction(&self, id: TransactionId) -> Result<Option<StoredTransaction>> {
        let row = sqlx::query(&format!("{SELECT_LINES} WHERE t.id = ?"))
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(transaction_from_row).transpose()
    }

    /// One page, newest first, starting after `after`. Uses the (booked_at, id) indexes: cost does not
    /// grow with how deep in the history the page is. A text search first reads a few pages' worth of
    /// lines newest first, which a common text fills; otherwise it asks the search index
    /// (`line_search`): a text few lines hold is read from the lines the index names, one no line holds
    /// is answered at once, and one still common is read newest first to the end of the page.
    pub async fn page_transactions(
        &self,
        filter: &TransactionFilter,
        after: Option<&Cursor>,
        limit: u32,
    ) -> Result<TransactionPage> {
        let limit = limit.clamp(1, 500);
        let text = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let mut conn = self.pool().acquire().await?;
        let way = match text {
            Some(text) => {
                let first_lines = lines_query(
                    &LinesRead::NewestAtMost(NEWEST_FIRST_PAGES * (i64::from(limit) + 1)),
                    filter,
                    Some(text),
                    after,
                    limit,
                )
                .build()
                .fetch_all(&mut *conn)
                .await?;
                if first_lines.len() > limit as usize {
                    return page_of(&first_lines, limit);
                }
                match search_way(&mut conn, text, filter.account, limit).await? {
                    SearchWay::NoLine => return page_of(&[], limit),
                    SearchWay::Named(index_query) => LinesRead::Named(index_query),
                    SearchWay::Newest => LinesRead::Newest,
                }
            }
            None => LinesRead::Newest,
        };
        let rows = lines_query(&way, filter, text, after, limit)
            .build()
            .fetch_all(&mut *conn)
            .await?;
        drop(conn);
        page_of(&rows, limit)
    }

    pub async fn count_transactions(&self, account: Option<AccountId>) -> Result<i64> {
        let count = match account {
            Some(account) => {
                sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM transactions WHERE account_no = {ACCOUNT_NO_OF}"
                ))
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
            &format!("SELECT MIN(booked_at) FROM transactions WHERE account_no = {ACCOUNT_NO_OF} AND status = 'pending'"),
        )
        .bind(account.to_string())
        .fetch_one(self.pool())
        .await?;
        millis.map(from_millis).transpose()
    }

    /// Sum of the lines that count (booked and pending), in minor units, for consistency checks.
    pub async fn counted_total_minor(&self, account: AccountId) -> Result<i64> {
        let total: Option<i64> = sqlx::query_scalar(
            &format!("SELECT SUM(amount_minor) FROM transactions WHERE account_no = {ACCOUNT_NO_OF} AND status != ?"),
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
        let rows = sqlx::query(&format!(
            "{SELECT_LINES}
             JOIN (SELECT original_currency, MAX(booked_at) AS latest FROM transactions
                   WHERE currency = ?1 AND original_currency IS NOT NULL AND original_currency != ?1
                         AND status != 'rejected' AND original_minor != 0
                   GROUP BY original_currency) newest
               ON t.original_currency = newest.original_currency AND t.booked_at = newest.latest
             WHERE t.currency = ?1 AND t.status != 'rejected' AND t.original_minor != 0
             ORDER BY t.original_currency, t.id"
        ))
        .bind(home.code())
        .fetch_all(self.pool())
        .await?;
        let mut conversions: Vec<Conversion> = Vec::new();
        for row in &rows {
            let line = transaction_from_row(row)?.line;
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
