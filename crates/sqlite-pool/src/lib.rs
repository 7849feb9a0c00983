//! Every Purse database (the wallet's file, the demo bank's) is reached through a pool of connections, and a
//! future dropped halfway through `BEGIN IMMEDIATE` (a client gone, a task aborted, a timeout) must not hand
//! the next user a connection still holding SQLite's write lock: such a connection is closed (SQLite rolls it
//! back) instead of being reused.

use std::future::Future;
use std::pin::Pin;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnection, SqlitePoolOptions, SqliteTransactionManager};
use sqlx::{Connection, TransactionManager};

/// A pool that checks every connection handed back (set its size and connect as usual).
pub fn options() -> SqlitePoolOptions {
    SqlitePoolOptions::new().after_release(|conn, _| release_outside_transaction(conn))
}

/// Closes the pool and every connection in it before returning, so SQLite has folded and removed its
/// `-wal` and `-shm` files when this returns. sqlx's own `close` can miss a connection that a drop task
/// hands back at the same moment (it lands idle in the closed pool and stays open until the pool is
/// dropped, later): close again until none is left, giving up after a second.
pub async fn close(pool: &SqlitePool) {
    pool.close().await;
    for _ in 0..100 {
        if pool.size() == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        pool.close().await;
    }
    tracing::warn!(
        left = pool.size(),
        "connections still open after the pool was closed"
    );
}

/// Keeps a returned connection only when no transaction is open on it. sqlx cannot roll back a `BEGIN`
/// whose future was dropped after SQLite ran it but before the `Transaction` existed (sqlx-sqlite 0.8's
/// `begin` checks the custom statement with one more round trip to the connection's worker): such a
/// connection would keep `BEGIN IMMEDIATE` open, and every other writer would wait out the busy timeout.
fn release_outside_transaction(
    conn: &mut SqliteConnection,
) -> Pin<Box<dyn Future<Output = sqlx::Result<bool>> + Send + '_>> {
    Box::pin(async move {
        // The ping goes through the worker after any rollback a dropped `Transaction` queued.
        conn.ping().await?;
        let depth = SqliteTransactionManager::get_transaction_depth(conn);
        if depth > 0 {
            tracing::warn!(
                depth,
                "a connection came back inside a transaction; closing it, which rolls it back"
            );
        }
        Ok(depth == 0)
    })
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;
    use std::task::Poll;
    use std::time::Duration;

    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};

    use super::*;

    async fn pool(dir: &tempfile::TempDir) -> sqlx::SqlitePool {
        let connect = SqliteConnectOptions::from_str("sqlite:")
            .unwrap()
            .filename(dir.path().join("bank.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5));
        let pool = options()
            .max_connections(2)
            .connect_with(connect)
            .await
            .unwrap();
        sqlx::query("CREATE TABLE writes (n INTEGER)")
            .execute(&pool)
            .await
            .unwrap();
        pool
    }

    /// `BEGIN IMMEDIATE` polled `polls` times, the worker given time to move on after each, then dropped.
    async fn begin_cut_off_after(pool: &sqlx::SqlitePool, polls: usize) {
        let mut begin = Box::pin(pool.begin_with("BEGIN IMMEDIATE"));
        for _ in 0..polls {
            let step = std::future::poll_fn(|cx| Poll::Ready(begin.as_mut().poll(cx))).await;
            if step.is_ready() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_begin_immediate_dropped_at_any_await_leaves_no_write_lock_behind() {
        let dir = tempfile::TempDir::new().unwrap();
        let pool = pool(&dir).await;
        for polls in 0..8 {
            begin_cut_off_after(&pool, polls).await;
            // Both connections in turn: neither may be stuck inside the dropped transaction.
            for n in 0..2 {
                let write = async {
                    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                    sqlx::query("INSERT INTO writes (n) VALUES (?)")
                        .bind(n)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await
                };
                let written = tokio::time::timeout(Duration::from_secs(2), write).await;
                assert!(
                    matches!(written, Ok(Ok(()))),
                    "after a BEGIN dropped at poll {polls}: {written:?}"
                );
            }
        }
    }
}
