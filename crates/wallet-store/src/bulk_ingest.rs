//! Loading a great many lines at once (a first sync of a long history, a benchmark): the lines go in
//! batch after batch inside one database transaction, the per-line trigger work stands aside, and the
//! monthly totals of the touched accounts are rebuilt in one pass before the commit. All or nothing, like
//! any sync, with memory bounded by one batch.

use std::collections::HashSet;

use sqlx::{QueryBuilder, Sqlite, Transaction as DbTransaction};
use wallet_core::{AccountId, Transaction};

use crate::error::Result;
use crate::monthly_totals::{PAYEE_SQL, push_list};
use crate::open::Store;
use crate::transactions::{UpsertCounts, upsert_transactions_in};

pub struct BulkIngest<'a> {
    tx: DbTransaction<'a, Sqlite>,
    accounts: HashSet<AccountId>,
    counts: UpsertCounts,
}

impl Store {
    /// Starts a bulk load. Nothing is visible to anyone else until `finish`; dropping it undoes it all.
    pub async fn begin_bulk_ingest(&self) -> Result<BulkIngest<'_>> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO bulk_load (active) VALUES (1)")
            .execute(&mut *tx)
            .await?;
        Ok(BulkIngest {
            tx,
            accounts: HashSet::new(),
            counts: UpsertCounts::default(),
        })
    }
}

impl BulkIngest<'_> {
    /// Adds or updates lines, exactly as a sync does (keyed by the bank's transaction id).
    pub async fn add(&mut self, lines: &[Transaction]) -> Result<()> {
        self.accounts.extend(lines.iter().map(|l| l.account_id));
        let counts = upsert_transactions_in(&mut self.tx, lines).await?;
        self.counts.added += counts.added;
        self.counts.updated += counts.updated;
        self.counts.unchanged += counts.unchanged;
        Ok(())
    }

    /// Rebuilds the touched accounts' monthly totals from their lines, then commits everything.
    pub async fn finish(mut self) -> Result<UpsertCounts> {
        if !self.accounts.is_empty() {
            for table in ["monthly_totals", "monthly_payees"] {
                let mut delete = QueryBuilder::<Sqlite>::new(format!(
                    "DELETE FROM {table} WHERE account_id IN "
                ));
                push_list(&mut delete, &self.accounts);
                delete.build().execute(&mut *self.tx).await?;
            }
            let mut totals = QueryBuilder::<Sqlite>::new(
                "INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines)
                 SELECT account_id, booked_month, category_id, SUM(MAX(-amount_minor, 0)),
                        SUM(MAX(amount_minor, 0)), COUNT(*)
                 FROM transactions WHERE status = 'booked' AND account_id IN ",
            );
            push_list(&mut totals, &self.accounts);
            totals.push(" GROUP BY account_id, booked_month, category_id");
            totals.build().execute(&mut *self.tx).await?;
            let mut payees = QueryBuilder::<Sqlite>::new(format!(
                "INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines)
                 SELECT account_id, booked_month, {payee}, category_id, SUM(-amount_minor), COUNT(*)
                 FROM transactions WHERE status = 'booked' AND amount_minor < 0 AND account_id IN ",
                payee = PAYEE_SQL
            ));
            push_list(&mut payees, &self.accounts);
            payees.push(format!(
                " GROUP BY account_id, booked_month, {}, category_id",
                PAYEE_SQL
            ));
            payees.build().execute(&mut *self.tx).await?;
        }
        sqlx::query("DELETE FROM bulk_load")
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(self.counts)
    }
}
