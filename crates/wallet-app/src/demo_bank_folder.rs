//! The built-in demo bank's books in their own folder beside the wallet folder (issue 17, item 1): they
//! are plain SQLite — the bank's history, payees, tokens and signing key — and the wallet folder holds
//! nothing readable without the wallet's key. The folder is private like the wallet's, and books an
//! earlier release kept inside the wallet folder are moved out when the wallet opens.

use std::path::{Path, PathBuf};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::folder;
use crate::paths::{SANDBOX_FILE, demo_bank_dir};

/// The demo bank's database file, its folder made (private) if missing.
pub(crate) fn prepare(data_dir: &Path) -> ApiResult<PathBuf> {
    let dir = demo_bank_dir(data_dir);
    folder::create_private(&dir)?;
    Ok(dir.join(SANDBOX_FILE))
}

/// Moves demo-bank books an earlier release kept in the wallet folder to the demo bank's own folder
/// (or, when that folder has books already, deletes the stale copy): none is left in the wallet folder.
pub(crate) fn move_out_of_wallet(data_dir: &Path) -> ApiResult<()> {
    let stale = data_dir.join(SANDBOX_FILE);
    if !stale.exists() {
        return Ok(());
    }
    let target = prepare(data_dir)?;
    let moved = if target.exists() {
        wallet_store::remove_database_files(&stale)
    } else {
        wallet_store::move_database_files(&stale, &target)
    };
    moved.map_err(|error| {
        ApiError::new(
            ErrorCode::Storage,
            format!("The demo bank's books could not be moved out of the wallet folder: {error}"),
        )
    })?;
    folder::make_private(&demo_bank_dir(data_dir))
}
