//! The payment outbox: a payment is written here before anything is sent, and every step it takes with
//! the bank (its consent, its token, the bank's answer) is written as it happens, so a crash loses nothing.

use chrono::{DateTime, Utc};
use sensitive::Sensitive;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use wallet_core::{AccountId, Currency, Money, PaymentKind, PaymentStatus};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

/// Who is paid: the account number the bank finds them by, and for merchants their category code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentPayee {
    pub name: String,
    pub scheme: String,
    pub identification: String,
    pub mcc: Option<String>,
}

#[derive(Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: String,
    pub idempotency_key: String,
    pub kind: PaymentKind,
    pub from_account: AccountId,
    pub payee: PaymentPayee,
    pub amount: Money,
    pub note: Option<String>,
    pub status: PaymentStatus,
    pub status_reason: Option<String>,
    pub consent_id: Option<String>,
    pub access_token: Option<Sensitive<String>>,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub bank_payment_id: Option<String>,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl std::fmt::Debug for PaymentRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentRecord")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("amount", &self.amount)
            .field("status", &self.status)
            .field("status_reason", &self.status_reason)
            .field("consent_id", &self.consent_id)
            .field("access_token", &self.access_token)
            .field("bank_payment_id", &self.bank_payment_id)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

pub(crate) fn record_from_row(row: &SqliteRow) -> Result<PaymentRecord> {
    let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
    let from: String = row.try_get("from_account_id")?;
    Ok(PaymentRecord {
        id: row.try_get("id")?,
        idempotency_key: row.try_get("idempotency_key")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        from_account: from
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("account id {from}")))?,
        payee: PaymentPayee {
            name: row.try_get("payee_name")?,
            scheme: row.try_get("payee_scheme")?,
            identification: row.try_get("payee_identification")?,
            mcc: row.try_get("payee_mcc")?,
        },
        amount: Money::from_minor(row.try_get("amount_minor")?, currency),
        note: row.try_get("note")?,
        status: row.try_get::<String, _>("status")?.parse()?,
        status_reason: row.try_get("status_reason")?,
        consent_id: row.try_get("consent_id")?,
        access_token: row
            .try_get::<Option<String>, _>("access_token")?
            .map(Sensitive::new),
        token_expires_at: row
            .try_get::<Option<i64>, _>("token_expires_at")?
            .map(from_millis)
            .transpose()?,
        bank_payment_id: row.try_get("bank_payment_id")?,
        attempts: row.try_get::<i64, _>("attempts")?.max(0) as u32,
        created_at: from_millis(row.try_get("created_at")?)?,
        updated_at: from_millis(row.try_get("updated_at")?)?,
    })
}

impl Store {
    pub async fn insert_payment(&self, payment: &PaymentRecord) -> Result<()> {
        insert_payment_with(self.pool(), payment).await
    }

    pub async fn payment(&self, id: &str) -> Result<Option<PaymentRecord>> {
        let row = sqlx::query("SELECT * FROM payments WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(record_from_row).transpose()
    }

    /// The newest payments first.
    pub async fn list_payments(&self, limit: u32) -> Result<Vec<PaymentRecord>> {
        let rows = sqlx::query("SELECT * FROM payments ORDER BY created_at DESC, id DESC LIMIT ?")
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(record_from_row).collect()
    }

    /// Queued and sent payments, oldest first: what must be resumed or followed up.
    pub async fn unfinished_payments(&self) -> Result<Vec<PaymentRecord>> {
        let rows = sqlx::query(
            "SELECT * FROM payments WHERE status IN ('queued', 'sent') ORDER BY created_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(record_from_row).collect()
    }

    pub async fn set_payment_consent(
        &self,
        id: &str,
        consent_id: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE payments SET consent_id = ?, updated_at = ? WHERE id = ?")
            .bind(consent_id)
            .bind(to_millis(now))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn set_payment_token(
        &self,
        id: &str,
        token: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE payments SET access_token = ?, token_expires_at = ?, updated_at = ? WHERE id = ?")
            .bind(token)
            .bind(to_millis(expires_at))
            .bind(to_millis(now))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets a token the bank no longer accepts, so the next attempt asks for a new one.
    pub async fn clear_payment_token(&self, id: &str, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE payments SET access_token = NULL, token_expires_at = NULL, updated_at = ? WHERE id = ?")
            .bind(to_millis(now))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Counts an attempt that did not reach an answer, and says why (shown while it stays queued).
    pub async fn record_payment_attempt(
        &self,
        id: &str,
        problem: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE payments SET attempts = attempts + 1, status_reason = ?, updated_at = ? WHERE id = ?",
        )
        .bind(problem)
        .bind(to_millis(now))
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Moves a payment on. A final status forgets the payment's token: it is no use any more.
    pub async fn set_payment_status(
        &self,
        id: &str,
        status: PaymentStatus,
        reason: Option<&str>,
        bank_payment_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE payments SET status = ?, status_reason = ?, bank_payment_id = COALESCE(?, bank_payment_id),
                 access_token = CASE WHEN ? THEN NULL ELSE access_token END,
                 token_expires_at = CASE WHEN ? THEN NULL ELSE token_expires_at END,
                 updated_at = ?
             WHERE id = ?",
        )
        .bind(status.as_str())
        .bind(reason)
        .bind(bank_payment_id)
        .bind(status.is_final())
        .bind(status.is_final())
        .bind(to_millis(now))
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Per account, what queued and sent payments are taking out (in the account's currency, which every
    /// payment is made in).
    pub async fn pending_outflows(&self) -> Result<Vec<(AccountId, Money)>> {
        let rows = sqlx::query(
            "SELECT from_account_id, currency, SUM(amount_minor) AS total FROM payments
             WHERE status IN ('queued', 'sent') GROUP BY from_account_id, currency",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("from_account_id")?;
                let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
                Ok((
                    id.parse()
                        .map_err(|_| StoreError::Corrupt(format!("account id {id}")))?,
                    Money::from_minor(row.try_get("total")?, currency),
                ))
            })
            .collect()
    }
}

/// Writes a new payment through any executor: the pool, or a database transaction that writes more with it.
pub(crate) async fn insert_payment_with<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    payment: &PaymentRecord,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO payments (id, idempotency_key, kind, from_account_id, payee_name, payee_scheme,
             payee_identification, payee_mcc, amount_minor, currency, note, status, status_reason,
             attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
    )
    .bind(&payment.id)
    .bind(&payment.idempotency_key)
    .bind(payment.kind.as_str())
    .bind(payment.from_account.to_string())
    .bind(&payment.payee.name)
    .bind(&payment.payee.scheme)
    .bind(&payment.payee.identification)
    .bind(&payment.payee.mcc)
    .bind(payment.amount.to_minor()?)
    .bind(payment.amount.currency().code())
    .bind(&payment.note)
    .bind(payment.status.as_str())
    .bind(&payment.status_reason)
    .bind(to_millis(payment.created_at))
    .bind(to_millis(payment.updated_at))
    .execute(executor)
    .await?;
    Ok(())
}
