//! Times are stored as Unix milliseconds (UTC); these convert at the edge.

use chrono::{DateTime, Utc};

use crate::error::{Result, StoreError};

pub fn to_millis(time: DateTime<Utc>) -> i64 {
    time.timestamp_millis()
}

pub fn from_millis(millis: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| StoreError::Corrupt(format!("timestamp {millis} out of range")))
}

/// The calendar month a moment falls in, in the user's local time zone, as `YYYYMM` (202610). Stored beside
/// each line so monthly totals group by a number; a user who changes time zone keeps the months they had.
pub fn local_month(time: DateTime<Utc>) -> i64 {
    use chrono::Datelike;
    let local = time.with_timezone(&chrono::Local);
    i64::from(local.year()) * 100 + i64::from(local.month())
}
