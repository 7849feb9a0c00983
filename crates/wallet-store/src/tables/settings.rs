//! User settings as plain key/value pairs; the app layer decides what keys mean.

use crate::error::Result;
use crate::file::open::Store;

impl Store {
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        setting_with(self.pool(), key).await
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Sets a number only if it is above the one kept (or none is): true when it was. Two processes
    /// offering the same number cannot both see it taken (an authenticator code's time step is used once).
    pub async fn raise_setting(&self, key: &str, value: u64) -> Result<bool> {
        let value = i64::try_from(value).unwrap_or(i64::MAX);
        Ok(sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE
             SET value = excluded.value WHERE CAST(settings.value AS INTEGER) < CAST(excluded.value AS INTEGER)",
        )
        .bind(key)
        .bind(value.to_string())
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }

    /// Replaces a setting only if it still reads `was`: true when it did (nobody changed it since it was
    /// read, so what was read once cannot be spent twice).
    pub async fn swap_setting(&self, key: &str, was: &str, value: &str) -> Result<bool> {
        Ok(
            sqlx::query("UPDATE settings SET value = ? WHERE key = ? AND value = ?")
                .bind(value)
                .bind(key)
                .bind(was)
                .execute(self.pool())
                .await?
                .rows_affected()
                == 1,
        )
    }

    pub async fn delete_setting(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM settings WHERE key = ?")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// [`Store::setting`] through any executor: the pool, or the write lock a payment holds.
pub(crate) async fn setting_with<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    key: &str,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(executor)
            .await?,
    )
}
