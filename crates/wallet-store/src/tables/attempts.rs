//! Tries at a secret (the payment PIN, an authenticator code, the app password), counted before each is
//! checked, in one `BEGIN IMMEDIATE` transaction: parallel tries, from threads or processes, each see the
//! ones before them, so the lock cannot be outrun. A try whose check never finishes stays counted.

use chrono::{DateTime, Duration, Utc};

use crate::error::Result;
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

/// How a secret is counted: this many wrong tries lock it for `lock_for`.
#[derive(Debug, Clone, Copy)]
pub struct TryRule {
    pub max: u32,
    pub lock_for: Duration,
}

/// What counting a try found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Try {
    /// The try may be checked: it is the `number`th in a row (counted as wrong until it proves right).
    Counted { number: u32 },
    /// Refused unchecked: the secret is locked until then.
    Locked { until: DateTime<Utc> },
}

/// The count as it stands, for showing tries left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TryCount {
    pub failed: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl TryCount {
    /// The count a try made at `now` starts from: a lock that has run out starts it again.
    fn at(self, now: DateTime<Utc>) -> TryCount {
        match self.locked_until {
            Some(until) if until <= now => TryCount::default(),
            _ => self,
        }
    }
}

impl Store {
    /// Counts a try at `secret` before it is checked. Refused while locked, or when the tries are used up
    /// by tries still being checked; the try that uses up the last one locks the secret at once (a right
    /// one unlocks it again through [`Store::forget_tries`]).
    pub async fn count_try(&self, secret: &str, now: DateTime<Utc>, rule: TryRule) -> Result<Try> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let count = read_count(&mut tx, secret).await?.at(now);
        if let Some(until) = count.locked_until {
            return Ok(Try::Locked { until });
        }
        let number = count.failed + 1;
        let locked_until = (number >= rule.max).then(|| now + rule.lock_for);
        sqlx::query(
            "INSERT INTO attempts (secret, failed, locked_until) VALUES (?, ?, ?)
             ON CONFLICT (secret) DO UPDATE SET failed = excluded.failed, locked_until = excluded.locked_until",
        )
        .bind(secret)
        .bind(i64::from(number))
        .bind(locked_until.map(to_millis))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Try::Counted { number })
    }

    /// A right try: the count starts again (and the lock the last try set, if it was that one, is lifted).
    pub async fn forget_tries(&self, secret: &str) -> Result<()> {
        sqlx::query("DELETE FROM attempts WHERE secret = ?")
            .bind(secret)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The count at `now` (a lock that has run out reads as no tries yet).
    pub async fn tries(&self, secret: &str, now: DateTime<Utc>) -> Result<TryCount> {
        let mut connection = self.pool().acquire().await?;
        Ok(read_count(&mut connection, secret).await?.at(now))
    }
}

async fn read_count(connection: &mut sqlx::SqliteConnection, secret: &str) -> Result<TryCount> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT failed, locked_until FROM attempts WHERE secret = ?")
            .bind(secret)
            .fetch_optional(connection)
            .await?;
    let Some((failed, locked_until)) = row else {
        return Ok(TryCount::default());
    };
    Ok(TryCount {
        failed: u32::try_from(failed.max(0)).unwrap_or(u32::MAX),
        locked_until: locked_until.map(from_millis).transpose()?,
    })
}
