//! Linked banks: which bank, for which customer, when last synced. The link's consent and tokens are
//! kept in the OS keyring (or the passphrase vault), never in this file; [`LinkTokens`] is their shape.

use chrono::{DateTime, Utc};
use sensitive::Sensitive;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use wallet_core::BankLinkId;

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLink {
    pub id: BankLinkId,
    pub bank_name: String,
    pub base_url: Option<String>,
    pub embedded: bool,
    pub customer: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_synced_at: Option<DateTime<Utc>>,
}

/// A consent and its tokens, as the keyring keeps them. Never logged: the tokens are `Sensitive`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTokens {
    pub consent_id: String,
    pub access_token: Sensitive<String>,
    pub refresh_token: Option<Sensitive<String>>,
    pub expires_at: DateTime<Utc>,
}

fn link_from_row(row: &SqliteRow) -> Result<BankLink> {
    let id: String = row.try_get("id")?;
    Ok(BankLink {
        id: id
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("bank link id {id}")))?,
        bank_name: row.try_get("bank_name")?,
        base_url: row.try_get("base_url")?,
        embedded: row.try_get::<i64, _>("embedded")? == 1,
        customer: row.try_get("customer")?,
        created_at: from_millis(row.try_get("created_at")?)?,
        last_synced_at: row
            .try_get::<Option<i64>, _>("last_synced_at")?
            .map(from_millis)
            .transpose()?,
    })
}

impl Store {
    pub async fn insert_bank_link(&self, link: &BankLink) -> Result<()> {
        sqlx::query(
            "INSERT INTO bank_links (id, bank_name, base_url, embedded, customer, created_at, last_synced_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(link.id.to_string())
        .bind(&link.bank_name)
        .bind(&link.base_url)
        .bind(i64::from(link.embedded))
        .bind(&link.customer)
        .bind(to_millis(link.created_at))
        .bind(link.last_synced_at.map(to_millis))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn list_bank_links(&self) -> Result<Vec<BankLink>> {
        let rows = sqlx::query("SELECT * FROM bank_links ORDER BY created_at, id")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(link_from_row).collect()
    }

    pub async fn embedded_bank_link(&self) -> Result<Option<BankLink>> {
        let row =
            sqlx::query("SELECT * FROM bank_links WHERE embedded = 1 ORDER BY created_at LIMIT 1")
                .fetch_optional(self.pool())
                .await?;
        row.as_ref().map(link_from_row).transpose()
    }

    pub async fn mark_link_synced(&self, link: BankLinkId, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE bank_links SET last_synced_at = ? WHERE id = ?")
            .bind(to_millis(at))
            .bind(link.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
