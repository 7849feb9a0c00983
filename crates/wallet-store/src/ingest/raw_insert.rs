//! An account's first lines inserted through SQLite's C API (rusqlite on sqlx's own connection, inside
//! its open transaction): the same multi-row statements, each value bound straight from the line. Through
//! sqlx every value is first copied into an argument list, copied again to cross to its SQLite thread,
//! and bound there: for a first load of a million lines that cost about as much as SQLite's own work
//! (docs/benchmarks.md). Only this insert goes this way; everything else stays on sqlx.

use rusqlite::types::ToSql;
use sqlx::sqlite::SqliteConnection;

use crate::error::{Result, StoreError};
use crate::ingest::line_upsert::{BATCH, NewLine, stored_description};
use crate::ingest::tally::Tally;
use crate::time::to_millis;

const COLUMNS: &str =
    "INSERT INTO transactions (account_no, bank_transaction_id, status, booked_at,
        booked_month, value_at, amount_minor, currency, original_minor, original_currency, merchant,
        mcc, counterparty, description, category_id) VALUES ";
const VALUES_PER_LINE: usize = 15;

/// How far an insert got.
#[derive(Debug)]
pub(crate) struct Inserted {
    pub count: usize,
    /// The sums of the inserted lines, when asked for (a bulk load: its insert triggers stand aside).
    pub totals: Option<Tally>,
}

/// Inserts the lines [`BATCH`] to a statement, stopping at the first statement that holds a line
/// already written (that statement changes nothing; the caller looks the rest up). The totals are
/// added up on another core meanwhile.
pub(crate) async fn insert_new_lines(
    conn: &mut SqliteConnection,
    lines: &[NewLine<'_>],
    with_totals: bool,
) -> Result<Inserted> {
    let mut handle = conn.lock_handle().await?;
    // SAFETY: the pointer is sqlx's open connection, locked for us until `handle` drops (declared
    // before `db`, so dropped after it); sqlx's own thread waits for it meanwhile, and rusqlite does not
    // close a connection it was handed. Statements made here are finalised when `db` drops.
    #[allow(unsafe_code)]
    let db = unsafe { rusqlite::Connection::from_handle(handle.as_raw_handle().as_ptr()) }
        .map_err(raw_error)?;
    std::thread::scope(|scope| {
        let adding_up = with_totals.then(|| scope.spawn(|| Tally::of(lines)));
        let count = insert_batches(&db, lines)?;
        let totals = match adding_up {
            Some(_) if count < lines.len() => Some(Tally::of(&lines[..count])),
            Some(adding_up) => Some(
                adding_up
                    .join()
                    .map_err(|_| StoreError::Corrupt("adding up the new lines failed".into()))?,
            ),
            None => None,
        };
        Ok(Inserted { count, totals })
    })
}

fn insert_batches(db: &rusqlite::Connection, lines: &[NewLine<'_>]) -> Result<usize> {
    let mut full = None;
    let mut done = 0;
    for batch in lines.chunks(BATCH) {
        let mut partial;
        let statement = if batch.len() == BATCH {
            match &mut full {
                Some(statement) => statement,
                None => full.insert(db.prepare(&insert_sql(BATCH)).map_err(raw_error)?),
            }
        } else {
            partial = db.prepare(&insert_sql(batch.len())).map_err(raw_error)?;
            &mut partial
        };
        for (index, new) in batch.iter().enumerate() {
            bind_line(statement, index * VALUES_PER_LINE, new)?;
        }
        match statement.raw_execute() {
            Ok(_) => done += batch.len(),
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                statement.clear_bindings();
                return Ok(done);
            }
            Err(other) => return Err(raw_error(other)),
        }
        statement.clear_bindings();
    }
    Ok(done)
}

fn insert_sql(lines: usize) -> String {
    let row = format!("({})", vec!["?"; VALUES_PER_LINE].join(","));
    let mut sql = String::with_capacity(COLUMNS.len() + lines * (row.len() + 1));
    sql.push_str(COLUMNS);
    for index in 0..lines {
        if index > 0 {
            sql.push(',');
        }
        sql.push_str(&row);
    }
    sql
}

fn bind_line(
    statement: &mut rusqlite::Statement<'_>,
    offset: usize,
    new: &NewLine<'_>,
) -> Result<()> {
    let line = new.line;
    let values: [&dyn ToSql; VALUES_PER_LINE] = [
        &new.account_no,
        &line.bank_transaction_id,
        &line.status.as_str(),
        &to_millis(line.booked_at),
        &new.month,
        &line.value_at.map(to_millis),
        &new.minor,
        &new.currency.code(),
        &new.original_minor,
        &new.original_currency.as_ref().map(|c| c.code()),
        &line.merchant,
        &line.mcc,
        &line.counterparty,
        &stored_description(line),
        &line.category_id,
    ];
    for (column, value) in values.into_iter().enumerate() {
        statement
            .raw_bind_parameter(offset + column + 1, value)
            .map_err(raw_error)?;
    }
    Ok(())
}

fn raw_error(error: rusqlite::Error) -> StoreError {
    StoreError::Sql(sqlx::Error::Protocol(format!("SQLite: {error}")))
}
