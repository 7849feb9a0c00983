//! A database on disk is more than its file: SQLite keeps a write-ahead log, its index and (in other
//! journal modes) a rollback journal beside it, and an encryption in place writes a file of its own.
//! Whoever deletes or moves a database (an encryption in place, closing the account, the demo bank's
//! books leaving the wallet folder) deletes or moves them all here.

use std::path::{Path, PathBuf};

/// What SQLite may keep beside `wallet.db`: `wallet.db-wal`, `-shm`, `-journal`.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `wallet.db` → `wallet.db-<suffix>`, as SQLite names its companions.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The file an encryption in place writes before it replaces the plain one.
pub(crate) fn encrypting(path: &Path) -> PathBuf {
    beside(path, "-encrypting")
}

/// Deletes SQLite's companions of the database, leaving the file itself. Missing ones are fine.
pub(crate) fn remove_companions(path: &Path) -> std::io::Result<()> {
    for suffix in COMPANIONS {
        remove_if_there(&beside(path, suffix))?;
    }
    Ok(())
}

/// Deletes a database with its companions and any half-made encryption of it. Missing files are fine.
/// The database must be closed first.
pub fn remove_database_files(path: &Path) -> std::io::Result<()> {
    remove_if_there(path)?;
    remove_companions(path)?;
    let half_made = encrypting(path);
    if half_made != path {
        remove_if_there(&half_made)?;
        remove_companions(&half_made)?;
    }
    Ok(())
}

/// Moves a closed database with whichever of its companions exist to `to` (same file system).
pub fn move_database_files(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::rename(from, to)?;
    for suffix in COMPANIONS {
        let companion = beside(from, suffix);
        if companion.exists() {
            std::fs::rename(&companion, beside(to, suffix))?;
        }
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
