//! The payment PIN's row: its hash and the count of wrong tries, so a lock outlives a restart.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::Result;
use crate::open::Store;
use crate::time::{from_millis, to_millis};

#[derive(Clone, PartialEq, Eq)]
pub struct PinRecord {
    /// argon2id PHC string; never the PIN.
    pub hash: String,
    pub failed_attempts: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for PinRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PinRecord")
            .field("hash", &"<redacted>")
            .field("failed_attempts", &self.failed_attempts)
            .field("locked_until", &self.locked_until)
            .finish()
    }
}

impl Store {
    pub async fn payment_pin(&self) -> Result<Option<PinRecord>> {
        let row =
            sqlx::query("SELECT hash, failed_attempts, locked_until FROM payment_pin WHERE id = 1")
                .fetch_optional(self.pool())
                .await?;
        row.map(|row| {
            Ok(PinRecord {
                hash: row.try_get("hash")?,
                failed_attempts: row.try_get::<i64, _>("failed_attempts")?.max(0) as u32,
                locked_until: row
                    .try_get::<Option<i64>, _>("locked_until")?
                    .map(from_millis)
                    .transpose()?,
            })
        })
        .transpose()
    }

    /// Sets the PIN only if none is set yet; true when it was set.
    pub async fn set_payment_pin_once(&self, hash: &str) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO payment_pin (id, hash, failed_attempts) VALUES (1, ?, 0) ON CONFLICT (id) DO NOTHING",
        )
        .bind(hash)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }

    pub async fn record_pin_attempt(
        &self,
        failed_attempts: u32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<()> {
        sqlx::query("UPDATE payment_pin SET failed_attempts = ?, locked_until = ? WHERE id = 1")
            .bind(i64::from(failed_attempts))
            .bind(locked_until.map(to_millis))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
