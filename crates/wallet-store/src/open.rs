//! Opening the wallet file: WAL, foreign keys, and every migration applied before anything else runs.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::background_checkpoint::BackgroundCheckpoints;
use crate::error::{Result, StoreError};

/// How to open a wallet. Encryption (a key from the OS keyring) will be one more field here.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub path: PathBuf,
    pub create_if_missing: bool,
    pub max_connections: u32,
}

impl StoreOptions {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            create_if_missing: true,
            max_connections: 4,
        }
    }
}

/// The open wallet database. Cheap to clone: clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    pub(crate) checkpoints: BackgroundCheckpoints,
}

impl Store {
    pub async fn open(options: &StoreOptions) -> Result<Store> {
        let open_error = |source| StoreError::Open {
            path: options.path.display().to_string(),
            source,
        };
        let connect = SqliteConnectOptions::from_str("sqlite:")
            .map_err(open_error)?
            .filename(&options.path)
            .create_if_missing(options.create_if_missing)
            // 16 KiB pages for a new wallet (an existing one keeps its own): a million-line first load
            // writes a quarter faster than with SQLite's 4 KiB (docs/benchmarks.md).
            .page_size(16_384)
            .journal_mode(SqliteJournalMode::Wal)
            // A first sync of a long history grows the write-ahead log to the size of its lines; once
            // copied into the file, the log is cut back to this rather than kept at that size.
            .pragma("journal_size_limit", (16 * 1024 * 1024).to_string())
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // A sync holds the write lock until its last page (all or nothing): a first sync of a long
            // history takes seconds, and a write made meanwhile waits for it rather than fails.
            .busy_timeout(Duration::from_secs(60));
        let pool = SqlitePoolOptions::new()
            .max_connections(options.max_connections)
            .connect_with(connect)
            .await
            .map_err(open_error)?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store {
            pool,
            checkpoints: BackgroundCheckpoints::default(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Closes the wallet with the write-ahead log copied into the file (best effort; cheap when there
    /// is nothing to copy), so the file is whole on its own: a bulk load's background checkpoint may
    /// have been held back by a reader, and SQLite's own copy on close is lost if the process exits
    /// first.
    pub async fn close(&self) {
        self.checkpoints.wait().await;
        let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }

    /// Copies everything in the write-ahead log into the wallet file and empties the log (what a bulk
    /// load leaves to the background, done now).
    pub async fn checkpoint(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
