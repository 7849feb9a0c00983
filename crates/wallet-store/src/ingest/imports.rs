//! Imported statement files (issue 6): an import's new bill lines written in one database transaction
//! (all or nothing), the rows it found already in the wallet linked to their line instead of doubled,
//! and the whole import undone by deleting the lines it added (the monthly totals' triggers follow).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use wallet_core::{AccountId, StoredTransaction, Transaction, TransactionId};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::ingest::line_upsert::LineWriter;
use crate::tables::monthly_totals::{KEYS_PER_STATEMENT, push_list};
use crate::tables::transactions::{ACCOUNT_NO_OF, SELECT_LINES, transaction_from_row};
use crate::time::{from_millis, to_millis};

/// One import, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: i64,
    pub account_id: AccountId,
    pub file_name: String,
    pub format: String,
    pub imported_at: DateTime<Utc>,
    pub added: i64,
    pub linked: i64,
    pub duplicates: i64,
    pub undone_at: Option<DateTime<Utc>>,
}

/// An import about to be written.
#[derive(Debug, Clone)]
pub struct NewImport<'a> {
    pub account: AccountId,
    pub file_name: &'a str,
    pub format: &'a str,
    pub at: DateTime<Utc>,
    /// New lines, each with its row key as `bank_transaction_id`.
    pub lines: &'a [Transaction],
    /// Rows that are lines the wallet already has.
    pub links: &'a [ImportLink],
    /// Rows an earlier import already brought.
    pub duplicates: usize,
    /// Refunds and the payments they are for, as row keys: (refund, payment).
    pub refunds: &'a [(String, String)],
}

/// An imported row found to be a line the wallet already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLink {
    /// The row's key (as its line's `bank_transaction_id` would be).
    pub row_key: String,
    pub line: TransactionId,
    /// The real merchant and item, for a card line that only says 财付通 or 支付宝.
    pub enrich: Option<(String, String)>,
}

fn record_from_row(row: &SqliteRow) -> Result<ImportRecord> {
    let account: String = row.try_get("account_id")?;
    Ok(ImportRecord {
        id: row.try_get("id")?,
        account_id: account
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("account id {account}")))?,
        file_name: row.try_get("file_name")?,
        format: row.try_get("format")?,
        imported_at: from_millis(row.try_get("imported_at")?)?,
        added: row.try_get("added")?,
        linked: row.try_get("linked")?,
        duplicates: row.try_get("duplicates")?,
        undone_at: row
            .try_get::<Option<i64>, _>("undone_at")?
            .map(from_millis)
            .transpose()?,
    })
}

impl Store {
    /// Which of these row keys the account already holds (as lines, or as rows linked to a line).
    pub async fn known_row_keys(
        &self,
        account: AccountId,
        keys: &[String],
    ) -> Result<HashSet<String>> {
        let mut known = HashSet::new();
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let mut query = QueryBuilder::<Sqlite>::new(
                "SELECT bank_transaction_id AS key FROM transactions
                 WHERE account_no = (SELECT no FROM accounts WHERE id = ",
            );
            query
                .push_bind(account.to_string())
                .push(") AND bank_transaction_id IN ");
            push_list(&mut query, chunk);
            query.push(
                " UNION SELECT l.row_key FROM import_links l JOIN imports i ON i.id = l.import_id
                  WHERE i.undone_at IS NULL AND i.account_id = ",
            );
            query
                .push_bind(account.to_string())
                .push(" AND l.row_key IN ");
            push_list(&mut query, chunk);
            for row in query.build().fetch_all(self.pool()).await? {
                known.insert(row.try_get("key")?);
            }
        }
        Ok(known)
    }

    /// The account's own lines (from the bank, not imported, not yet linked to an import) made between
    /// two times: what an imported row may turn out to be.
    pub async fn linkable_lines(
        &self,
        account: AccountId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<StoredTransaction>> {
        let rows = sqlx::query(&format!(
            "{SELECT_LINES}
             WHERE t.account_no = {ACCOUNT_NO_OF} AND t.booked_at BETWEEN ? AND ?
               AND t.import_id IS NULL AND t.status != 'rejected'
               AND NOT EXISTS (SELECT 1 FROM import_links l JOIN imports i ON i.id = l.import_id
                               WHERE l.transaction_id = t.id AND i.undone_at IS NULL)
             ORDER BY t.booked_at, t.id"
        ))
        .bind(account.to_string())
        .bind(to_millis(from))
        .bind(to_millis(to))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(transaction_from_row).collect()
    }

    /// Writes an import in one database transaction: its record, its new lines (marked as its own) and its
    /// links. Nothing is kept if any part fails.
    pub async fn commit_import(&self, new: NewImport<'_>) -> Result<ImportRecord> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (account_id, file_name, format, imported_at, added, linked, duplicates)
             VALUES (?, ?, ?, ?, 0, ?, ?) RETURNING id",
        )
        .bind(new.account.to_string())
        .bind(new.file_name)
        .bind(new.format)
        .bind(to_millis(new.at))
        .bind(i64::try_from(new.links.len()).unwrap_or(i64::MAX))
        .bind(i64::try_from(new.duplicates).unwrap_or(i64::MAX))
        .fetch_one(&mut *tx)
        .await?;
        let mut writer = LineWriter::new();
        writer.write(&mut tx, new.lines).await?;
        let keys: Vec<&str> = new
            .lines
            .iter()
            .map(|line| line.bank_transaction_id.as_str())
            .collect();
        for chunk in keys.chunks(KEYS_PER_STATEMENT) {
            let mut query = QueryBuilder::<Sqlite>::new("UPDATE transactions SET import_id = ");
            query
                .push_bind(id)
                .push(" WHERE account_no = (SELECT no FROM accounts WHERE id = ")
                .push_bind(new.account.to_string())
                .push(") AND import_id IS NULL AND bank_transaction_id IN ");
            push_list(&mut query, chunk);
            query.build().execute(&mut *tx).await?;
        }
        for link in new.links {
            sqlx::query(
                "INSERT OR IGNORE INTO import_links
                     (import_id, row_key, transaction_id, enriched, old_merchant, old_description)
                 SELECT ?, ?, id, ?, merchant, COALESCE(description, merchant) FROM transactions WHERE id = ?",
            )
            .bind(id)
            .bind(&link.row_key)
            .bind(link.enrich.is_some())
            .bind(link.line.0)
            .execute(&mut *tx)
            .await?;
            if let Some((merchant, description)) = &link.enrich {
                // Through the triggers: the month's payee totals move to the real merchant.
                sqlx::query(
                    "UPDATE transactions SET merchant = ?, description = NULLIF(?, ?) WHERE id = ?",
                )
                .bind(merchant)
                .bind(description)
                .bind(merchant)
                .bind(link.line.0)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (refund, original) in new.refunds {
            // Each side is a line this import added or a line it linked (or one an earlier import did).
            sqlx::query(
                "WITH line_of (key, id) AS (
                     SELECT bank_transaction_id, id FROM transactions
                     WHERE account_no = (SELECT no FROM accounts WHERE id = ?3) AND bank_transaction_id IN (?1, ?2)
                     UNION ALL
                     SELECT l.row_key, l.transaction_id FROM import_links l JOIN imports i ON i.id = l.import_id
                     WHERE i.undone_at IS NULL AND i.account_id = ?3 AND l.row_key IN (?1, ?2))
                 INSERT OR IGNORE INTO refund_ties (refund_id, original_id, import_id)
                 SELECT r.id, o.id, ?4 FROM line_of r, line_of o WHERE r.key = ?1 AND o.key = ?2",
            )
            .bind(refund)
            .bind(original)
            .bind(new.account.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE imports SET added = ? WHERE id = ?")
            .bind(i64::try_from(writer.counts.added).unwrap_or(i64::MAX))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query("SELECT * FROM imports WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        record_from_row(&row)
    }

    /// Every import, newest first.
    pub async fn imports(&self) -> Result<Vec<ImportRecord>> {
        let rows = sqlx::query("SELECT * FROM imports ORDER BY imported_at DESC, id DESC")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(record_from_row).collect()
    }

    /// Undoes an import: deletes the lines it added and forgets its links, in one database transaction.
    /// Returns how many lines went; None when there is no such import or it was already undone.
    pub async fn undo_import(&self, id: i64, at: DateTime<Utc>) -> Result<Option<u64>> {
        let mut tx = self.pool().begin().await?;
        let marked =
            sqlx::query("UPDATE imports SET undone_at = ? WHERE id = ? AND undone_at IS NULL")
                .bind(to_millis(at))
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if marked == 0 {
            return Ok(None);
        }
        // Lines the import told the real merchant of say again what the bank said.
        sqlx::query(
            "UPDATE transactions SET
                 merchant = (SELECT old_merchant FROM import_links l
                             WHERE l.import_id = ?1 AND l.transaction_id = transactions.id AND l.enriched),
                 description = (SELECT NULLIF(old_description, old_merchant) FROM import_links l
                                WHERE l.import_id = ?1 AND l.transaction_id = transactions.id AND l.enriched)
             WHERE id IN (SELECT transaction_id FROM import_links WHERE import_id = ?1 AND enriched)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let removed = sqlx::query("DELETE FROM transactions WHERE import_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM refund_ties WHERE import_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM import_links WHERE import_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(removed))
    }
}

impl Store {
    /// For these lines, the payment each refund is for: (that line, who was paid).
    pub async fn refunded_payments(
        &self,
        refunds: &[TransactionId],
    ) -> Result<std::collections::HashMap<TransactionId, (TransactionId, String)>> {
        let mut found = std::collections::HashMap::new();
        for chunk in refunds.chunks(KEYS_PER_STATEMENT) {
            let mut query = QueryBuilder::<Sqlite>::new(
                "SELECT r.refund_id, r.original_id,
                        COALESCE(o.merchant, o.counterparty, o.description, '') AS payee
                 FROM refund_ties r JOIN transactions o ON o.id = r.original_id WHERE r.refund_id IN ",
            );
            push_list(&mut query, chunk.iter().map(|id| id.0));
            for row in query.build().fetch_all(self.pool()).await? {
                found.insert(
                    TransactionId(row.try_get("refund_id")?),
                    (
                        TransactionId(row.try_get("original_id")?),
                        row.try_get("payee")?,
                    ),
                );
            }
        }
        Ok(found)
    }
}
