//! Whether a file is plain (unencrypted) SQLite: never a wallet, whose file SQLCipher encrypts from its
//! first byte. The wallet's identity checks refuse such a file planted in the wallet's place.

use std::io::Read;
use std::path::Path;

use crate::error::{Result, StoreError};

/// Every plain SQLite file starts with these 16 bytes; an encrypted one starts with random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file exists and is plain (unencrypted) SQLite.
pub fn is_plaintext_sqlite(path: &Path) -> Result<bool> {
    let mut header = [0u8; 16];
    match std::fs::File::open(path) {
        Ok(mut file) => Ok(file.read_exact(&mut header).is_ok() && &header == PLAIN_HEADER),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(StoreError::Read {
            path: path.display().to_string(),
            source,
        }),
    }
}
