//! Opening the wallet file: encrypted with SQLCipher under the caller's key (checked with a query before
//! anything else), WAL, foreign keys, and every migration applied before anything else runs. The
//! migrations start from one baseline (migrations/*_baseline.sql): a wallet made by a development build
//! before it holds migrations this release does not know, and is refused as such
//! ([`StoreError::MadeByUnreleasedBuild`]), not upgraded.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};

use crate::error::{Result, StoreError};
use crate::file::background_checkpoint::BackgroundCheckpoints;
use crate::file::key::DatabaseKey;

/// How to open a wallet. There is no way to open one without a key.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub path: PathBuf,
    pub key: DatabaseKey,
    pub create_if_missing: bool,
    pub max_connections: u32,
}

impl StoreOptions {
    pub fn at(path: impl Into<PathBuf>, key: DatabaseKey) -> Self {
        Self {
            path: path.into(),
            key,
            create_if_missing: true,
            max_connections: 4,
        }
    }
}

/// SQLCipher's page size. It cannot be read from an encrypted file (the header is encrypted too), so
/// every open must give the same one: changing it makes existing wallets unreadable. 16 KiB: a
/// million-line first load writes a quarter faster than with 4 KiB, and each page is encrypted and
/// authenticated once (docs/benchmarks.md).
pub(crate) const CIPHER_PAGE_SIZE: u32 = 16_384;

/// The open wallet database. Cheap to clone: clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    pub(crate) checkpoints: BackgroundCheckpoints,
}

impl Store {
    pub async fn open(options: &StoreOptions) -> Result<Store> {
        // Before any connection: OpenSSL without its exit handler (see the workspace Cargo.toml).
        openssl_sys::init();
        let path = options.path.display().to_string();
        let open_error = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let connect = SqliteConnectOptions::from_str("sqlite:")
            .map_err(open_error)?
            .filename(&options.path)
            .create_if_missing(options.create_if_missing)
            .pragma("key", options.key.pragma_value())
            .pragma("cipher_page_size", CIPHER_PAGE_SIZE.to_string())
            .journal_mode(SqliteJournalMode::Wal)
            // A first sync of a long history grows the write-ahead log to the size of its lines; once
            // copied into the file, the log is cut back to this rather than kept at that size.
            .pragma("journal_size_limit", (16 * 1024 * 1024).to_string())
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // A sync holds the write lock until its last page (all or nothing): a first sync of a long
            // history takes seconds, and a write made meanwhile waits for it rather than fails.
            .busy_timeout(Duration::from_secs(60))
            // sqlx logs each statement's SQL at debug level, and the first one here carries the key.
            .disable_statement_logging();
        // A connection handed back inside a transaction (its future dropped mid-`BEGIN`) is closed.
        let pool = sqlite_pool::options()
            .max_connections(options.max_connections)
            .connect_with(connect)
            .await
            .map_err(|source| wrong_key_or(source, &path, open_error))?;
        // A wrong key is only found out by reading: do it now, not in the middle of the first report.
        let checked = sqlx::query("SELECT count(*) FROM sqlite_schema")
            .execute(&pool)
            .await
            .map_err(|source| wrong_key_or(source, &path, open_error));
        let migrated = match checked {
            Ok(_) => sqlx::migrate!("./migrations")
                .run(&pool)
                .await
                .map_err(|error| match error {
                    sqlx::migrate::MigrateError::VersionMissing(_) => {
                        StoreError::MadeByUnreleasedBuild { path: path.clone() }
                    }
                    other => StoreError::from(other),
                }),
            Err(error) => Err(error),
        };
        if let Err(error) = migrated {
            // Closed before the refusal is told: a pool merely dropped closes its connections later,
            // and SQLite would tidy the folder (its -wal and -shm files) after the caller has moved on.
            sqlite_pool::close(&pool).await;
            return Err(error);
        }
        Ok(Store {
            pool,
            checkpoints: BackgroundCheckpoints::default(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Closes the wallet with the write-ahead log copied into the file and emptied (best effort), so
    /// the file is whole on its own: a bulk load's background checkpoint may have been held back by a
    /// reader, and SQLite's own copy on close is lost if the process exits first. The copy runs on a
    /// connection closed right after, not handed back to the pool while the pool closes.
    pub async fn close(&self) {
        self.checkpoints.wait().await;
        if let Ok(mut connection) = self.pool.acquire().await {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *connection)
                .await;
            let _ = connection.detach().close().await;
        }
        sqlite_pool::close(&self.pool).await;
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

/// SQLite's "file is not a database" (26): with SQLCipher, the key does not open the file.
fn wrong_key_or(
    source: sqlx::Error,
    path: &str,
    otherwise: impl FnOnce(sqlx::Error) -> StoreError,
) -> StoreError {
    match &source {
        sqlx::Error::Database(error) if error.code().as_deref() == Some("26") => {
            StoreError::WrongKey {
                path: path.to_string(),
            }
        }
        _ => otherwise(source),
    }
}
