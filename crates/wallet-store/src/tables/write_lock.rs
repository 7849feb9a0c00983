//! The wallet's write lock, held from a payment's risk check to its row in the outbox (issue 17): one
//! `BEGIN IMMEDIATE` transaction reads what left today and writes the payment, so parallel payments, from
//! threads or processes, each see the ones before them and the daily limit holds. Everything read or
//! written while it is held goes through it: another pool connection would wait on it.

use chrono::{DateTime, Utc};
use sqlx::{Sqlite, Transaction};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::tables::payees::{Payee, insert_payee_with};
use crate::tables::payments::{PaymentRecord, insert_payment_with};
use crate::tables::rewards::OfferDiscount;
use crate::tables::risk_facts::payments_since_with;
use crate::tables::settings::setting_with;

/// Held until [`WriteLock::commit`]; dropped without it, nothing written through it is kept.
pub struct WriteLock {
    tx: Transaction<'static, Sqlite>,
}

impl std::fmt::Debug for WriteLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteLock")
    }
}

impl Store {
    /// Takes SQLite's write lock (waiting, up to the busy timeout, for another writer to finish).
    pub async fn write_lock(&self) -> Result<WriteLock> {
        Ok(WriteLock {
            tx: self.pool().begin_with("BEGIN IMMEDIATE").await?,
        })
    }
}

impl WriteLock {
    /// [`Store::payments_since`], as the lock sees it.
    pub async fn payments_since(&mut self, since: DateTime<Utc>) -> Result<Vec<PaymentRecord>> {
        payments_since_with(&mut *self.tx, since).await
    }

    /// [`Store::setting`], as the lock sees it.
    pub async fn setting(&mut self, key: &str) -> Result<Option<String>> {
        setting_with(&mut *self.tx, key).await
    }

    /// [`Store::insert_payee`], kept only if the lock commits.
    pub async fn insert_payee(&mut self, payee: &Payee) -> Result<()> {
        insert_payee_with(&mut *self.tx, payee).await
    }

    /// Writes a payment into the outbox.
    pub async fn insert_payment(&mut self, payment: &PaymentRecord) -> Result<()> {
        insert_payment_with(&mut *self.tx, payment).await
    }

    /// The offer a payment was confirmed with (written before the payment, with it).
    pub async fn set_payment_offer(
        &mut self,
        payment_id: &str,
        offer: &OfferDiscount,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO payment_offers (payment_id, offer_id, offer_title, discount_minor, currency)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(payment_id)
        .bind(&offer.offer_id)
        .bind(&offer.offer_title)
        .bind(offer.discount.to_minor()?)
        .bind(offer.discount.currency().code())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Writes the payment into the outbox and links it to its quote, together: a quote is paid once.
    pub async fn insert_payment_of_quote(
        &mut self,
        payment: &PaymentRecord,
        quote_id: &str,
    ) -> Result<()> {
        insert_payment_with(&mut *self.tx, payment).await?;
        // The quote's own consent: the payment needs none of its own.
        sqlx::query("UPDATE payments SET consent_id = ? WHERE id = ?")
            .bind(&payment.consent_id)
            .bind(&payment.id)
            .execute(&mut *self.tx)
            .await?;
        let linked = sqlx::query(
            "UPDATE international_quotes SET payment_id = ? WHERE id = ? AND payment_id IS NULL",
        )
        .bind(&payment.id)
        .bind(quote_id)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if linked != 1 {
            // The caller drops the lock, which rolls the payment back.
            return Err(StoreError::Duplicate(format!(
                "quote {quote_id} is already paid, or unknown"
            )));
        }
        Ok(())
    }

    /// Keeps what was written and lets the next writer in.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}
