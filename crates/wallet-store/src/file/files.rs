//! A database on disk is more than its file: SQLite keeps a write-ahead log, its index and (in other
//! journal modes) a rollback journal beside it. Whoever deletes a database (closing the account, starting
//! over) deletes them all here.

use std::path::{Path, PathBuf};

/// What SQLite may keep beside `wallet.db`: `wallet.db-wal`, `-shm`, `-journal`.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `wallet.db` → `wallet.db-<suffix>`, as SQLite names its companions.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Deletes a database with its companions. Missing files are fine. The database must be closed first.
pub fn remove_database_files(path: &Path) -> std::io::Result<()> {
    remove_if_there(path)?;
    for suffix in COMPANIONS {
        remove_if_there(&beside(path, suffix))?;
    }
    Ok(())
}

/// Deletes a file; one already gone is fine.
pub fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}
