//! The built-in demo bank's books in their own folder beside the wallet folder (issue 17, item 1): they
//! are plain SQLite — the bank's history, payees, tokens and signing key — and the wallet folder holds
//! nothing readable without the wallet's key. The folder is private like the wallet's.

use std::path::{Path, PathBuf};

use crate::error::ApiResult;
use crate::folder;
use crate::paths::{SANDBOX_FILE, demo_bank_dir};

/// The demo bank's database file, its folder made (private) if missing.
pub(crate) fn prepare(data_dir: &Path) -> ApiResult<PathBuf> {
    let dir = demo_bank_dir(data_dir);
    folder::create_private(&dir)?;
    Ok(dir.join(SANDBOX_FILE))
}
