//! Encrypting a wallet that an earlier release left as plain SQLite: its whole content is copied into
//! a new encrypted file beside it (SQLCipher's `sqlcipher_export`), which then replaces it in one
//! rename. Until that rename the plain wallet is untouched, so a failure part-way loses nothing.

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::error::{Result, StoreError};
use crate::files::{encrypting, remove_companions, remove_database_files};
use crate::key::DatabaseKey;
use crate::open::CIPHER_PAGE_SIZE;

/// Every plain SQLite file starts with these 16 bytes; an encrypted one starts with random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file exists and is plain (unencrypted) SQLite.
pub fn is_plaintext_sqlite(path: &Path) -> Result<bool> {
    let mut header = [0u8; 16];
    match std::fs::File::open(path) {
        Ok(mut file) => Ok(file.read_exact(&mut header).is_ok() && &header == PLAIN_HEADER),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(failed(path, error)),
    }
}

pub(crate) async fn encrypt_in_place(path: &Path, key: &DatabaseKey) -> Result<()> {
    let encrypted = encrypting(path);
    remove_database_files(&encrypted).map_err(|error| failed(path, error))?;
    let mut plain = SqliteConnectOptions::from_str("sqlite:")
        .map_err(|error| failed(path, error))?
        .filename(path)
        // The flag ATTACH needs to create the encrypted file (the plain one exists: it was just read).
        .create_if_missing(true)
        // The ATTACH below carries the key in its SQL, which sqlx would log.
        .disable_statement_logging()
        .connect()
        .await
        .map_err(|error| failed(path, error))?;
    let exported = async {
        let target = encrypted.to_str().ok_or_else(|| {
            StoreError::Corrupt(format!(
                "a wallet path that is not UTF-8: {}",
                path.display()
            ))
        })?;
        sqlx::query(&format!(
            "ATTACH DATABASE ? AS encrypted KEY {}",
            key.pragma_value()
        ))
        .bind(target)
        .execute(&mut plain)
        .await?;
        sqlx::query(&format!(
            "PRAGMA encrypted.cipher_page_size = {CIPHER_PAGE_SIZE}"
        ))
        .execute(&mut plain)
        .await?;
        sqlx::query("SELECT sqlcipher_export('encrypted')")
            .execute(&mut plain)
            .await?;
        sqlx::query("DETACH DATABASE encrypted")
            .execute(&mut plain)
            .await?;
        Ok::<_, StoreError>(())
    }
    .await;
    // The plain file's log was read into the export; closing folds it into the file before it goes.
    let closed = plain.close().await;
    if let Err(error) = exported {
        let _ = std::fs::remove_file(&encrypted);
        return Err(failed(path, error));
    }
    closed.map_err(|error| failed(path, error))?;
    std::fs::File::open(&encrypted)
        .and_then(|file| file.sync_all())
        .map_err(|error| failed(path, error))?;
    remove_companions(path).map_err(|error| failed(path, error))?;
    std::fs::rename(&encrypted, path).map_err(|error| failed(path, error))?;
    Ok(())
}

fn failed(path: &Path, error: impl std::fmt::Display) -> StoreError {
    StoreError::Encrypt {
        path: path.display().to_string(),
        reason: error.to_string(),
    }
}
