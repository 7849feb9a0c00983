//! The bank's books: materialising the demo customer's days up to "now", and reading accounts, balances
//! and transactions as they stand at a given moment (a card payment is Pending until it books).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::{Row, SqlitePool};

use crate::counterparties;
use crate::seed::{self, CREDIT, local_day};

/// Days of history a new demo customer starts with (a little over two years).
const HISTORY_DAYS: i64 = 800;

pub async fn ensure_seeded(pool: &SqlitePool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let seeded: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'history_start'")
            .fetch_optional(pool)
            .await?;
    if seeded.is_some() {
        let mut conn = pool.acquire().await?;
        return Ok(counterparties::ensure(&mut conn, now.timestamp_millis()).await?);
    }
    let start = local_day(now) - Duration::days(HISTORY_DAYS);
    let mut tx = pool.begin().await?;
    let opened = seed::opening_time(start);
    seed::seed_customer(&mut tx, opened).await?;
    counterparties::ensure(&mut tx, opened.timestamp_millis()).await?;
    // The opening balance is itself a booked line, so every balance is the sum of its history.
    for account in seed::DEMO_ACCOUNTS.iter().filter(|a| a.opening_minor != 0) {
        sqlx::query(
            "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor, information, bank_code)
             VALUES (?, ?, ?, ?, ?, '期初余额 Opening balance', 'OPENING')",
        )
        .bind(format!("tx-open-{}", account.id))
        .bind(account.id)
        .bind(opened.timestamp_millis())
        .bind(opened.timestamp_millis())
        .bind(account.opening_minor)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ('history_start', ?), ('materialized_through', ?)",
    )
    .bind(start.to_string())
    .bind((start - Duration::days(1)).to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    materialize(pool, now).await
}

/// Generates every day not yet on the books, up to and including today. Idempotent.
pub async fn materialize(pool: &SqlitePool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let today = local_day(now);
    let through: String =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'materialized_through'")
            .fetch_one(pool)
            .await?;
    let through: NaiveDate = through.parse()?;
    if through >= today {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    // Take the write lock first (a read-then-write transaction could not wait for it), then look again:
    // another process may have caught up meanwhile.
    sqlx::query("UPDATE meta SET value = value WHERE key = 'materialized_through'")
        .execute(&mut *tx)
        .await?;
    let through: NaiveDate = sqlx::query_scalar::<_, String>(
        "SELECT value FROM meta WHERE key = 'materialized_through'",
    )
    .fetch_one(&mut *tx)
    .await?
    .parse()?;
    if through >= today {
        return Ok(());
    }
    let mut day = through + Duration::days(1);
    let mut card_balance_at_month_start = 0;
    while day <= today {
        if day == through + Duration::days(1) || chrono::Datelike::day(&day) == 1 {
            let month_start = day.with_day0_safe();
            let cutoff = (month_start
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc()
                - Duration::hours(8))
            .timestamp_millis();
            card_balance_at_month_start = sqlx::query_scalar::<_, i64>(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions
                 WHERE account_id = ? AND rejected = 0 AND book_at < ?",
            )
            .bind(CREDIT)
            .bind(cutoff)
            .fetch_one(&mut *tx)
            .await?;
        }
        for (index, line) in seed::day_activity(day, card_balance_at_month_start)
            .into_iter()
            .enumerate()
        {
            let (fx_currency, fx_minor, fx_rate) = match line.fx {
                Some((currency, minor, rate)) => (Some(currency), Some(minor), Some(rate)),
                None => (None, None, None),
            };
            sqlx::query(
                "INSERT OR IGNORE INTO transactions (transaction_id, account_id, auth_at, book_at, rejected, amount_minor,
                     information, merchant, mcc, bank_code, counterparty, fx_currency, fx_minor, fx_rate)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(format!("tx-{}-{index:02}", day.format("%Y%m%d")))
            .bind(line.account)
            .bind(line.auth_at.timestamp_millis())
            .bind(line.book_at.timestamp_millis())
            .bind(i64::from(line.rejected))
            .bind(line.amount_minor)
            .bind(line.information)
            .bind(line.merchant)
            .bind(line.mcc)
            .bind(line.bank_code)
            .bind(line.counterparty)
            .bind(fx_currency)
            .bind(fx_minor)
            .bind(fx_rate)
            .execute(&mut *tx)
            .await?;
        }
        day += Duration::days(1);
    }
    sqlx::query("UPDATE meta SET value = ? WHERE key = 'materialized_through'")
        .bind(today.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

trait MonthStart {
    fn with_day0_safe(&self) -> NaiveDate;
}

impl MonthStart for NaiveDate {
    fn with_day0_safe(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            chrono::Datelike::year(self),
            chrono::Datelike::month(self),
            1,
        )
        .unwrap_or(*self)
    }
}

#[derive(Debug, Clone)]
pub struct BankAccount {
    pub account_id: String,
    pub currency: String,
    pub sub_type: String,
    pub nickname: String,
    pub holder_name: String,
    pub scheme_name: String,
    pub identification: String,
    pub opening_minor: i64,
    pub credit_limit_minor: Option<i64>,
    pub opened_at: i64,
}

pub async fn accounts_of(pool: &SqlitePool, customer: &str) -> sqlx::Result<Vec<BankAccount>> {
    let rows = sqlx::query("SELECT * FROM accounts WHERE customer_id = ? ORDER BY account_id")
        .bind(customer)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(BankAccount {
                account_id: row.try_get("account_id")?,
                currency: row.try_get("currency")?,
                sub_type: row.try_get("sub_type")?,
                nickname: row.try_get("nickname")?,
                holder_name: row.try_get("holder_name")?,
                scheme_name: row.try_get("scheme_name")?,
                identification: row.try_get("identification")?,
                opening_minor: row.try_get("opening_minor")?,
                credit_limit_minor: row.try_get("credit_limit_minor")?,
                opened_at: row.try_get("opened_at")?,
            })
        })
        .collect()
}

/// (booked, pending debits) in minor units at `now`.
pub async fn balance(
    pool: &SqlitePool,
    account: &BankAccount,
    now: i64,
) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COALESCE(SUM(CASE WHEN book_at <= ?1 AND rejected = 0 THEN amount_minor END), 0) AS booked,
                COALESCE(SUM(CASE WHEN auth_at <= ?1 AND book_at > ?1 AND amount_minor < 0 THEN amount_minor END), 0)
                    AS pending
         FROM transactions WHERE account_id = ?2",
    )
    .bind(now)
    .bind(&account.account_id)
    .fetch_one(pool)
    .await?;
    Ok((
        account.opening_minor + row.try_get::<i64, _>("booked")?,
        row.try_get("pending")?,
    ))
}

/// A transaction as it stands at a moment: its status and booking time follow from the clock.
#[derive(Debug, Clone)]
pub struct Entry {
    pub transaction_id: String,
    pub account_id: String,
    pub status: &'static str,
    pub booking_at: i64,
    pub value_at: i64,
    pub amount_minor: i64,
    /// The account's booked balance just after this line, for booked lines.
    pub running_minor: Option<i64>,
    pub information: String,
    pub merchant: Option<String>,
    pub mcc: Option<String>,
    pub bank_code: Option<String>,
    pub counterparty: Option<String>,
    pub fx_currency: Option<String>,
    pub fx_minor: Option<i64>,
    pub fx_rate: Option<String>,
}

/// The booking time the API shows: the booking once booked, else the authorisation.
const EFFECTIVE: &str =
    "CASE WHEN t.book_at <= ?1 AND t.rejected = 0 THEN t.book_at ELSE t.auth_at END";

/// The balance after each line, in booking order over all the account's lines (only booked ones count;
/// a line not yet booked sorts after every booked one, so the sum is right for every booked line).
const RUNNING: &str =
    "SUM(CASE WHEN t.book_at <= ?1 AND t.rejected = 0 THEN t.amount_minor ELSE 0 END)
        OVER (PARTITION BY t.account_id ORDER BY t.book_at, t.transaction_id)";

fn account_placeholders(query: &EntryQuery<'_>) -> String {
    (0..query.accounts.len())
        .map(|i| format!("?{}", i + 4))
        .collect::<Vec<_>>()
        .join(", ")
}

pub struct EntryQuery<'a> {
    pub accounts: &'a [String],
    pub now: i64,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub offset: i64,
    pub limit: i64,
}

/// `FROM … WHERE …` with ?1 = now, ?2 = from, ?3 = to and the accounts from ?4 on. Lines appear once
/// authorised; they are listed by authorisation time, which never changes, so paging stays stable while
/// pending lines book and new ones arrive at the end.
fn filter_sql(query: &EntryQuery<'_>) -> String {
    let mut sql = format!(
        "WHERE t.auth_at <= ?1 AND t.account_id IN ({})",
        account_placeholders(query)
    );
    if query.from.is_some() {
        sql.push_str(&format!(" AND {EFFECTIVE} >= ?2"));
    }
    if query.to.is_some() {
        sql.push_str(&format!(" AND {EFFECTIVE} <= ?3"));
    }
    sql
}

/// Binds now, from, to and the accounts, in the order `filter_sql` numbers them.
macro_rules! bind_all {
    ($q:expr, $query:expr) => {{
        let mut q = $q
            .bind($query.now)
            .bind($query.from.unwrap_or(0))
            .bind($query.to.unwrap_or(0));
        for account in $query.accounts {
            q = q.bind(account);
        }
        q
    }};
}

/// How many lines match, and the earliest authorisation among all the accounts' lines.
pub async fn count_entries(
    pool: &SqlitePool,
    query: &EntryQuery<'_>,
) -> sqlx::Result<(i64, Option<i64>)> {
    if query.accounts.is_empty() {
        return Ok((0, None));
    }
    let sql = format!(
        "SELECT COUNT(*), NULL FROM transactions t {}",
        filter_sql(query)
    );
    let (count, _): (i64, Option<i64>) = bind_all!(sqlx::query_as(&sql), query)
        .fetch_one(pool)
        .await?;
    let everything = EntryQuery {
        from: None,
        to: None,
        ..*query
    };
    let sql = format!(
        "SELECT 0, MIN(t.auth_at) FROM transactions t {}",
        filter_sql(&everything)
    );
    let (_, first): (i64, Option<i64>) = bind_all!(sqlx::query_as(&sql), &everything)
        .fetch_one(pool)
        .await?;
    Ok((count, first))
}

pub async fn entries(pool: &SqlitePool, query: &EntryQuery<'_>) -> sqlx::Result<Vec<Entry>> {
    if query.accounts.is_empty() {
        return Ok(Vec::new());
    }
    // The running balance is computed over every line before the window and page are cut.
    let everything = EntryQuery {
        from: None,
        to: None,
        ..*query
    };
    let sql = format!(
        "SELECT * FROM (
           SELECT t.*, {EFFECTIVE} AS effective,
                  CASE WHEN t.book_at <= ?1 AND t.rejected = 0 THEN {RUNNING} + a.opening_minor END AS running
           FROM transactions t JOIN accounts a ON a.account_id = t.account_id {}) t
         {} ORDER BY t.auth_at, t.transaction_id LIMIT {} OFFSET {}",
        filter_sql(&everything),
        filter_sql(query),
        query.limit,
        query.offset
    );
    let rows = bind_all!(sqlx::query(&sql), query).fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let book_at: i64 = row.try_get("book_at")?;
            let auth_at: i64 = row.try_get("auth_at")?;
            let rejected = row.try_get::<i64, _>("rejected")? == 1;
            let status = match (book_at <= query.now, rejected) {
                (false, _) => "Pending",
                (true, true) => "Rejected",
                (true, false) => "Booked",
            };
            Ok(Entry {
                transaction_id: row.try_get("transaction_id")?,
                account_id: row.try_get("account_id")?,
                status,
                booking_at: row.try_get("effective")?,
                value_at: auth_at,
                amount_minor: row.try_get("amount_minor")?,
                running_minor: row.try_get("running")?,
                information: row.try_get("information")?,
                merchant: row.try_get("merchant")?,
                mcc: row.try_get("mcc")?,
                bank_code: row.try_get("bank_code")?,
                counterparty: row.try_get("counterparty")?,
                fx_currency: row.try_get("fx_currency")?,
                fx_minor: row.try_get("fx_minor")?,
                fx_rate: row.try_get("fx_rate")?,
            })
        })
        .collect()
}
