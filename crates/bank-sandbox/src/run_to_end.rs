//! A client that goes away mid-request (a paying process killed) must not leave the bank's SQLite write lock
//! held. Two guards: every request runs to its end in a task of its own, whatever the client does, and a
//! pooled connection that comes back still inside a transaction is closed (SQLite rolls it back) instead of
//! being handed to the next request with the write lock held.

use std::future::Future;
use std::pin::Pin;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sqlx::sqlite::{SqliteConnection, SqlitePoolOptions, SqliteTransactionManager};
use sqlx::{Connection, TransactionManager};

use crate::ob_error::ObError;

/// The outermost layer. hyper drops a request's future when its client closes the connection; here that
/// drops only the wait for the answer, never a handler halfway through a transaction.
pub async fn detach(request: Request, next: Next) -> Response {
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) => ObError::internal(error).into_response(),
    }
}

/// The bank's pool, with the check on every connection handed back.
pub fn pool_options() -> SqlitePoolOptions {
    SqlitePoolOptions::new().after_release(|conn, _| release_outside_transaction(conn))
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
        let options = SqliteConnectOptions::from_str("sqlite:")
            .unwrap()
            .filename(dir.path().join("bank.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5));
        let pool = pool_options()
            .max_connections(2)
            .connect_with(options)
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
