//! The security log: events appended as they happen and read back newest first, a page at a time.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::Result;
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// A name the wallet chose (`pinWrong`, `payeeAdded`…).
    pub kind: String,
    pub detail: Option<String>,
}

impl Store {
    pub async fn record_security_event(
        &self,
        at: DateTime<Utc>,
        kind: &str,
        detail: Option<&str>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO security_events (at, kind, detail) VALUES (?, ?, ?)")
            .bind(to_millis(at))
            .bind(kind)
            .bind(detail)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Newest first; `before` is the id of the last event of the previous page.
    pub async fn security_events(
        &self,
        limit: u32,
        before: Option<i64>,
    ) -> Result<Vec<SecurityEvent>> {
        let rows = sqlx::query(
            "SELECT id, at, kind, detail FROM security_events WHERE id < ? ORDER BY id DESC LIMIT ?",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SecurityEvent {
                    id: row.try_get("id")?,
                    at: from_millis(row.try_get("at")?)?,
                    kind: row.try_get("kind")?,
                    detail: row.try_get("detail")?,
                })
            })
            .collect()
    }
}
