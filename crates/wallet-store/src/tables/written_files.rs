//! The files the wallet wrote outside its folder (exports), by path: closing the account deletes them.

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::file::open::Store;

impl Store {
    /// Remembers a file about to be written (once per path; writing it again keeps one row).
    pub async fn remember_written_file(&self, path: &str, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("INSERT INTO written_files (path, written_at) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET written_at = excluded.written_at")
            .bind(path)
            .bind(at.timestamp_millis())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every file the wallet wrote, oldest first.
    pub async fn written_files(&self) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT path FROM written_files ORDER BY written_at, path")
                .fetch_all(self.pool())
                .await?,
        )
    }
}
