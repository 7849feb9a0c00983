//! The checkpoint a bulk load leaves running after its commit (copying its pages from the write-ahead
//! log into the wallet file), kept track of so that closing the wallet waits for it: a process that
//! exits with it still running would leave the log beside the file instead of one whole file.

use std::sync::{Arc, Mutex};

use sqlx::SqlitePool;
use tokio::task::JoinHandle;

#[derive(Debug, Clone, Default)]
pub(crate) struct BackgroundCheckpoints(Arc<Mutex<Vec<JoinHandle<()>>>>);

impl BackgroundCheckpoints {
    pub fn start(&self, pool: SqlitePool) {
        let task = tokio::spawn(async move {
            // Best effort: if it cannot run now, SQLite's own checkpoint after a later write will.
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await;
        });
        let mut running = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        running.retain(|task| !task.is_finished());
        running.push(task);
    }

    pub async fn wait(&self) {
        let running: Vec<_> = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .drain(..)
            .collect();
        for task in running {
            let _ = task.await;
        }
    }
}
