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
