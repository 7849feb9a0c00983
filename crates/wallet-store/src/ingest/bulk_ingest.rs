//! Loading a great many lines at once (a first sync of a long history, a benchmark): the lines go in
//! batch after batch inside one database transaction, the insert triggers are set aside (dropped and
//! re-created inside that transaction) while the load adds up the monthly totals of what it inserts,
//! and those totals are written before the commit; the load puts its lines' words in the search index
//! itself, one statement per step. All
//! or nothing, like any sync, with memory bounded by one batch and the months it touched.

use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqliteConnection;
use sqlx::{Sqlite, SqlitePool};
use wallet_core::{AccountId, Money, Transaction};

use crate::error::Result;
use crate::file::background_checkpoint::BackgroundCheckpoints;
use crate::file::open::Store;
use crate::ingest::line_upsert::{LineWriter, UpsertCounts};
use crate::tables::conversion_costs::write_line_charge;

/// While loading: 64 MiB of page cache, and each statement's undo journal in memory (on disk it is a
/// temporary file created and deleted for every statement). SQLite's defaults afterwards.
const BULK_SETTINGS: [&str; 3] = [
    "PRAGMA wal_autocheckpoint = 0",
    "PRAGMA cache_size = -65536",
    "PRAGMA temp_store = MEMORY",
];
const DEFAULT_SETTINGS: [&str; 3] = [
    "PRAGMA wal_autocheckpoint = 1000",
    "PRAGMA cache_size = -2000",
    "PRAGMA temp_store = DEFAULT",
];

/// An open bulk load on a connection of its own. Dropped before `finish`, it closes that connection,
/// and SQLite rolls the load back: nothing of it is kept.
pub struct BulkIngest {
    connection: Option<PoolConnection<Sqlite>>,
    pool: SqlitePool,
    checkpoints: BackgroundCheckpoints,
    writer: LineWriter,
    /// The insert triggers, as the schema holds them, set aside for the load and put back before it
    /// commits (a rolled-back load never took them away).
    insert_triggers: Vec<String>,
}

/// The triggers that total or index each inserted line; the load totals and indexes its own inserts
/// instead (one statement for the lines of a step rather than a trigger run per line).
const INSERT_TRIGGERS: &str = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name IN ('monthly_totals_on_insert', 'monthly_payees_on_insert', 'line_search_on_insert')";

impl Store {
    /// Starts a bulk load. Nothing is visible to anyone else until `finish`.
    pub async fn begin_bulk_ingest(&self) -> Result<BulkIngest> {
        let mut connection = self.pool().acquire().await?;
        // The load's pages are copied from the write-ahead log into the file in the background after
        // the commit, not inside it (which would make the user wait for every page to be written twice).
        for setting in BULK_SETTINGS {
            sqlx::query(setting).execute(&mut *connection).await?;
        }
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut *connection)
            .await?;
        sqlx::query("INSERT INTO bulk_load (active) VALUES (1)")
            .execute(&mut *connection)
            .await?;
        let insert_triggers: Vec<String> = sqlx::query_scalar(INSERT_TRIGGERS)
            .fetch_all(&mut *connection)
            .await?;
        sqlx::query(
            "DROP TRIGGER monthly_totals_on_insert; DROP TRIGGER monthly_payees_on_insert;
             DROP TRIGGER line_search_on_insert;",
        )
        .execute(&mut *connection)
        .await?;
        Ok(BulkIngest {
            connection: Some(connection),
            pool: self.pool().clone(),
            checkpoints: self.checkpoints.clone(),
            writer: LineWriter::bulk(),
            insert_triggers,
        })
    }
}

impl BulkIngest {
    /// Adds or updates lines, exactly as a sync does (keyed by the bank's transaction id), and puts the
    /// new ones' words in the search index.
    pub async fn add(&mut self, lines: &[Transaction]) -> Result<()> {
        let connection = self.connection.as_mut().expect("open until finish");
        self.writer.write(connection, lines).await?;
        self.writer.index_inserted(connection).await
    }

    /// What the load has done to lines so far.
    pub fn counts(&self) -> UpsertCounts {
        self.writer.counts
    }

    pub(crate) fn connection(&mut self) -> &mut SqliteConnection {
        self.connection.as_mut().expect("open until finish")
    }

    /// Does for the lines inserted so far what their set-aside triggers would have (totals, search
    /// index), before a change the triggers see.
    pub(crate) async fn catch_up(&mut self) -> Result<()> {
        let connection = self.connection.as_mut().expect("open until finish");
        self.writer.catch_up(connection).await
    }

    /// Writes the totals of the inserted lines, then commits everything.
    pub async fn finish(mut self) -> Result<UpsertCounts> {
        let mut connection = self.connection.take().expect("open until finish");
        let committed = async {
            self.writer.catch_up(&mut connection).await?;
            for trigger in &self.insert_triggers {
                sqlx::query(trigger).execute(&mut *connection).await?;
            }
            sqlx::query("DELETE FROM bulk_load")
                .execute(&mut *connection)
                .await?;
            sqlx::query("COMMIT").execute(&mut *connection).await?;
            Ok::<_, crate::StoreError>(())
        }
        .await;
        if let Err(error) = committed {
            drop(connection.detach());
            return Err(error);
        }
        // A connection that cannot be set back is closed rather than returned to the pool as it is.
        let restored = async {
            for setting in DEFAULT_SETTINGS {
                sqlx::query(setting).execute(&mut *connection).await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await;
        if restored.is_err() {
            drop(connection.detach());
        } else {
            drop(connection);
        }
        self.checkpoints.start(self.pool.clone());
        Ok(self.writer.counts)
    }
}

impl Drop for BulkIngest {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.take() {
            // Closing a connection with its transaction open rolls the transaction back.
            drop(connection.detach());
        }
    }
}

impl BulkIngest {
    /// Keeps the bank's charge on a line of this load (by the bank's id); a line not in the wallet is skipped.
    pub async fn set_line_charge(
        &mut self,
        account: AccountId,
        bank_transaction_id: &str,
        charge: Money,
    ) -> Result<()> {
        write_line_charge(self.connection(), account, bank_transaction_id, charge).await
    }
}
