//! Saved payees: people and accounts the user pays again, kept by their full account number.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    pub id: String,
    pub name: String,
    pub scheme: String,
    pub identification: String,
    pub bank_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn payee_from_row(row: &SqliteRow) -> Result<Payee> {
    Ok(Payee {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        scheme: row.try_get("scheme")?,
        identification: row.try_get("identification")?,
        bank_name: row.try_get("bank_name")?,
        created_at: from_millis(row.try_get("created_at")?)?,
    })
}

impl Store {
    /// Saves a payee; the same account number saved twice is refused rather than duplicated.
    pub async fn insert_payee(&self, payee: &Payee) -> Result<()> {
        insert_payee_with(self.pool(), payee).await
    }

    /// The saved payee with this account (scheme and number), if any: a payee is known by its account,
    /// never by the name a request or a QR code gives.
    pub async fn payee_with_account(
        &self,
        scheme: &str,
        identification: &str,
    ) -> Result<Option<Payee>> {
        let row = sqlx::query("SELECT * FROM payees WHERE scheme = ? AND identification = ?")
            .bind(scheme)
            .bind(identification)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(payee_from_row).transpose()
    }

    pub async fn list_payees(&self) -> Result<Vec<Payee>> {
        let rows = sqlx::query("SELECT * FROM payees ORDER BY name, created_at")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(payee_from_row).collect()
    }

    pub async fn payee(&self, id: &str) -> Result<Option<Payee>> {
        let row = sqlx::query("SELECT * FROM payees WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(payee_from_row).transpose()
    }

    /// True when a payee was removed.
    pub async fn delete_payee(&self, id: &str) -> Result<bool> {
        Ok(sqlx::query("DELETE FROM payees WHERE id = ?")
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected()
            == 1)
    }
}

/// [`Store::insert_payee`] through any executor: the pool, or the write lock a payment holds.
pub(crate) async fn insert_payee_with<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    payee: &Payee,
) -> Result<()> {
    let inserted = sqlx::query(
        "INSERT INTO payees (id, name, scheme, identification, bank_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scheme, identification) DO NOTHING",
    )
    .bind(&payee.id)
    .bind(&payee.name)
    .bind(&payee.scheme)
    .bind(&payee.identification)
    .bind(&payee.bank_name)
    .bind(to_millis(payee.created_at))
    .execute(executor)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(StoreError::Duplicate(
            "a payee with this account number".into(),
        ));
    }
    Ok(())
}
