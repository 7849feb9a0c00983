//! The bank's books: materialising the demo customer's days up to "now", and reading accounts, balances
//! and transactions as they stand at a given moment (a card payment is Pending until it books).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::seed::{self, CREDIT, local_day};
use crate::{counterparties, customers};

/// Days of history a new demo customer starts with (a little over two years).
const HISTORY_DAYS: i64 = 800;

pub async fn ensure_seeded(pool: &SqlitePool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let seeded: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'history_start'")
            .fetch_optional(pool)
            .await?;
    if let Some(start) = seeded {
        let mut tx = pool.begin().await?;
        counterparties::ensure(&mut tx, now.timestamp_millis()).await?;
        // A bank seeded before the other customers existed gets them, with their days so far.
        let through: String =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'materialized_through'")
                .fetch_one(&mut *tx)
                .await?;
        let first = customers::first_day(start.parse()?, HISTORY_DAYS);
        customers::ensure(&mut tx, first, through.parse()?).await?;
        restate_running(&mut tx).await?;
        tx.commit().await?;
        return Ok(());
    }
    let start = local_day(now) - Duration::days(HISTORY_DAYS);
    let mut tx = pool.begin().await?;
    let opened = seed::opening_time(start);
    seed::seed_customer(&mut tx, opened).await?;
    counterparties::ensure(&mut tx, opened.timestamp_millis()).await?;
    // The other customers' days are written by `materialize`, as the demo customer's are.
    let first = customers::first_day(start, HISTORY_DAYS);
    customers::ensure(&mut tx, first, first - Duration::days(1)).await?;
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
    restate_running(&mut tx).await?;
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
                     information, merchant, mcc, bank_code, counterparty, fx_currency, fx_minor, fx_rate,
                     charge_minor)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            .bind(line.charge_minor)
            .execute(&mut *tx)
            .await?;
        }
        day += Duration::days(1);
    }
    let start: String = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'history_start'")
        .fetch_one(&mut *tx)
        .await?;
    let first = customers::first_day(start.parse()?, HISTORY_DAYS);
    customers::write_all_days(&mut tx, first, through + Duration::days(1), today).await?;
    sqlx::query("UPDATE meta SET value = ? WHERE key = 'materialized_through'")
        .bind(today.to_string())
        .execute(&mut *tx)
        .await?;
    // A new day's lines can book before yesterday's card payments do: their balances move too.
    restate_running(&mut tx).await?;
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
    pub credit_limit_minor: Option<i64>,
    pub opened_at: i64,
}

pub async fn accounts_of(pool: &SqlitePool, customer: &str) -> sqlx::Result<Vec<BankAccount>> {
    let rows = sqlx::query("SELECT * FROM accounts WHERE customer_id = ? ORDER BY account_id")
        .bind(customer)
        .fetch_all(pool)
        .await?;
    to_accounts(&rows)
}

/// The customer's accounts that the customer chose to share through `consent_id`.
pub async fn consented_accounts(
    pool: &SqlitePool,
    customer: &str,
    consent_id: &str,
) -> sqlx::Result<Vec<BankAccount>> {
    let rows = sqlx::query(
        "SELECT a.* FROM accounts a JOIN consent_accounts c ON c.account_id = a.account_id
         WHERE a.customer_id = ? AND c.consent_id = ? ORDER BY a.account_id",
    )
    .bind(customer)
    .bind(consent_id)
    .fetch_all(pool)
    .await?;
    to_accounts(&rows)
}

fn to_accounts(rows: &[sqlx::sqlite::SqliteRow]) -> sqlx::Result<Vec<BankAccount>> {
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
                credit_limit_minor: row.try_get("credit_limit_minor")?,
                opened_at: row.try_get("opened_at")?,
            })
        })
        .collect()
}

/// The account's booked balance as it stood at `at` (Unix ms, inclusive): the running balance of the last
/// line booked by then, or the opening balance before any. One step down the booking-order index.
pub async fn booked_at(pool: &SqlitePool, account_id: &str, at: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COALESCE(
             (SELECT running_minor FROM transactions
              WHERE account_id = ?1 AND book_at <= ?2 AND rejected = 0
              ORDER BY book_at DESC, transaction_id DESC LIMIT 1),
             (SELECT opening_minor FROM accounts WHERE account_id = ?1),
             0)",
    )
    .bind(account_id)
    .bind(at)
    .fetch_one(pool)
    .await
}

/// (booked, pending debits) in minor units at `now`.
pub async fn balance(
    pool: &SqlitePool,
    account: &BankAccount,
    now: i64,
) -> sqlx::Result<(i64, i64)> {
    let booked = booked_at(pool, &account.account_id, now).await?;
    // Pending lines are the ones not booked yet: a short range at the end of the booking order.
    let pending: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions
         WHERE account_id = ?2 AND book_at > ?1 AND auth_at <= ?1 AND amount_minor < 0",
    )
    .bind(now)
    .bind(&account.account_id)
    .fetch_one(pool)
    .await?;
    Ok((booked, pending))
}

/// Works out the running balance of every line written without one (see the running-balances migration),
/// and of every later line of the same account, whose balance the new line moves. Runs in the writer's
/// database transaction, so no reader ever sees a line without its balance. Cheap when little is new: it
/// starts at the earliest new line of each account and only rewrites what changed.
pub async fn restate_running(conn: &mut SqliteConnection) -> sqlx::Result<()> {
    let dirty: Vec<(String, i64)> = sqlx::query_as(
        "SELECT account_id, MIN(book_at) FROM transactions
         WHERE running_minor IS NULL AND rejected = 0 GROUP BY account_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (account_id, from) in dirty {
        // Everything booked before `from` is right (a line only moves the balances after it).
        let base: i64 = sqlx::query_scalar(
            "SELECT COALESCE(
                 (SELECT running_minor FROM transactions
                  WHERE account_id = ?1 AND book_at < ?2 AND rejected = 0
                  ORDER BY book_at DESC, transaction_id DESC LIMIT 1),
                 (SELECT opening_minor FROM accounts WHERE account_id = ?1),
                 0)",
        )
        .bind(&account_id)
        .bind(from)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE transactions SET running_minor = r.running
             FROM (SELECT transaction_id,
                          ?3 + SUM(amount_minor) OVER (ORDER BY book_at, transaction_id) AS running
                   FROM transactions
                   WHERE account_id = ?1 AND book_at >= ?2 AND rejected = 0) r
             WHERE transactions.transaction_id = r.transaction_id
               AND transactions.running_minor IS NOT r.running",
        )
        .bind(&account_id)
        .bind(from)
        .bind(base)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Restates running balances if any line lacks one: every writer of this bank already does that in its own
/// transaction, so this only finds work after a write by other means (a test, a hand-made line).
pub async fn settle_running(pool: &SqlitePool) -> sqlx::Result<()> {
    let unbalanced =
        "SELECT EXISTS (SELECT 1 FROM transactions WHERE running_minor IS NULL AND rejected = 0)";
    if !sqlx::query_scalar::<_, bool>(unbalanced)
        .fetch_one(pool)
        .await?
    {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    // Take the write lock first (as `materialize` does), so the restate cannot fail on a busy database.
    sqlx::query("UPDATE meta SET value = value WHERE key = 'materialized_through'")
        .execute(&mut *tx)
        .await?;
    restate_running(&mut tx).await?;
    tx.commit().await
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
    /// What the bank charged for this line (booked as its own line too), positive minor units.
    pub charge_minor: Option<i64>,
}

impl Entry {
    /// Where the line stands in the listing order.
    pub fn key(&self) -> Key {
        Key {
            auth_at: self.value_at,
            transaction_id: self.transaction_id.clone(),
        }
    }
}

/// A line's place in the listing order: by authorisation time (which never changes, so pages stay stable
/// while pending lines book and new lines arrive at the end), then by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub auth_at: i64,
    pub transaction_id: String,
}

/// Where a page starts.
#[derive(Debug, Clone)]
pub enum Seek {
    /// After skipping this many lines from the start (a page asked for by number alone).
    Offset(i64),
    /// The lines right after this one.
    After(Key),
    /// The lines right before this one.
    Before(Key),
}

/// The booking time the API shows: the booking once booked, else the authorisation.
const EFFECTIVE: &str =
    "CASE WHEN t.book_at <= ?1 AND t.rejected = 0 THEN t.book_at ELSE t.auth_at END";

pub struct EntryQuery<'a> {
    pub accounts: &'a [String],
    pub now: i64,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// `WHERE …` for the account at `Some(index)` of `query.accounts` (bound at ?{index + 6}) or, with `None`,
/// for all of them (`IN (?6, …)`); ?1 = now, ?2 = from, ?3 = to. Lines appear once authorised.
fn filter_sql(query: &EntryQuery<'_>, account: Option<usize>) -> String {
    let mut sql = match account {
        Some(i) => format!("WHERE t.account_id = ?{}", i + 6),
        None => format!(
            "WHERE t.account_id IN ({})",
            (0..query.accounts.len())
                .map(|i| format!("?{}", i + 6))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    sql.push_str(" AND t.auth_at <= ?1");
    if query.from.is_some() {
        sql.push_str(&format!(" AND {EFFECTIVE} >= ?2"));
    }
    if query.to.is_some() {
        // The shown booking time is never before the authorisation, so the second test only narrows the
        // index range.
        sql.push_str(&format!(" AND {EFFECTIVE} <= ?3 AND t.auth_at <= ?3"));
    }
    sql
}

/// Binds now, from, to, the seek key (?4, ?5) and the accounts, in the order `filter_sql` numbers them.
macro_rules! bind_all {
    ($q:expr, $query:expr, $key:expr) => {{
        let key: Option<&Key> = $key;
        let mut q = $q
            .bind($query.now)
            .bind($query.from.unwrap_or(0))
            .bind($query.to.unwrap_or(0))
            .bind(key.map_or(0, |k| k.auth_at))
            .bind(key.map_or("", |k| k.transaction_id.as_str()));
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
        "SELECT COUNT(*) FROM transactions t {}",
        filter_sql(query, None)
    );
    let count: i64 = bind_all!(sqlx::query_scalar(&sql), query, None)
        .fetch_one(pool)
        .await?;
    // Per account, so each is one step down an index.
    let earliest = (0..query.accounts.len())
        .map(|i| {
            format!(
                "SELECT (SELECT MIN(t.auth_at) FROM transactions t WHERE t.account_id = ?{} AND t.auth_at <= ?1) AS m",
                i + 6
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let sql = format!("SELECT MIN(m) FROM ({earliest})");
    let first: Option<i64> = bind_all!(sqlx::query_scalar(&sql), query, None)
        .fetch_one(pool)
        .await?;
    Ok((count, first))
}

const COLUMNS: &str = "t.transaction_id, t.account_id, t.auth_at, t.book_at, t.rejected, t.amount_minor,
    t.information, t.merchant, t.mcc, t.bank_code, t.counterparty, t.fx_currency, t.fx_minor, t.fx_rate,
    t.running_minor, t.charge_minor";

/// Up to `limit` lines in listing order from `seek`. Each account is read along its own index and the
/// accounts are merged, so a page costs the same wherever it is in the history.
pub async fn entries(
    pool: &SqlitePool,
    query: &EntryQuery<'_>,
    seek: &Seek,
    limit: i64,
) -> sqlx::Result<Vec<Entry>> {
    if query.accounts.is_empty() {
        return Ok(Vec::new());
    }
    let (key, offset, order, after) = match seek {
        Seek::Offset(offset) => (None, *offset, "ASC", ""),
        Seek::After(key) => (
            Some(key),
            0,
            "ASC",
            " AND t.auth_at >= ?4 AND (t.auth_at > ?4 OR t.transaction_id > ?5)",
        ),
        Seek::Before(key) => (
            Some(key),
            0,
            "DESC",
            " AND t.auth_at <= ?4 AND (t.auth_at < ?4 OR t.transaction_id < ?5)",
        ),
    };
    let per_account = offset.saturating_add(limit);
    let branches = (0..query.accounts.len())
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT {COLUMNS} FROM transactions t {}{after}
                                ORDER BY t.auth_at {order}, t.transaction_id {order} LIMIT {per_account})",
                filter_sql(query, Some(i))
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let sql = format!(
        "{branches} ORDER BY auth_at {order}, transaction_id {order} LIMIT {limit} OFFSET {offset}"
    );
    let rows = bind_all!(sqlx::query(&sql), query, key)
        .fetch_all(pool)
        .await?;
    let mut entries = rows
        .iter()
        .map(|row| {
            let book_at: i64 = row.try_get("book_at")?;
            let auth_at: i64 = row.try_get("auth_at")?;
            let rejected = row.try_get::<i64, _>("rejected")? == 1;
            let booked = book_at <= query.now;
            let status = match (booked, rejected) {
                (false, _) => "Pending",
                (true, true) => "Rejected",
                (true, false) => "Booked",
            };
            Ok(Entry {
                transaction_id: row.try_get("transaction_id")?,
                account_id: row.try_get("account_id")?,
                status,
                booking_at: if booked && !rejected {
                    book_at
                } else {
                    auth_at
                },
                value_at: auth_at,
                amount_minor: row.try_get("amount_minor")?,
                running_minor: if status == "Booked" {
                    row.try_get("running_minor")?
                } else {
                    None
                },
                information: row.try_get("information")?,
                merchant: row.try_get("merchant")?,
                mcc: row.try_get("mcc")?,
                bank_code: row.try_get("bank_code")?,
                counterparty: row.try_get("counterparty")?,
                fx_currency: row.try_get("fx_currency")?,
                fx_minor: row.try_get("fx_minor")?,
                fx_rate: row.try_get("fx_rate")?,
                charge_minor: row.try_get("charge_minor")?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    if matches!(seek, Seek::Before(_)) {
        entries.reverse();
    }
    Ok(entries)
}
