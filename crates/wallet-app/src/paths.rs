//! Where a wallet lives on disk, the same for the desktop app and the command line.

use std::path::PathBuf;

/// `$PURSE_DATA_DIR`, else the OS's per-user data folder (`directories` crate):
/// Linux `~/.local/share/purse`, macOS `~/Library/Application Support/app.purse.Purse`,
/// Windows `%APPDATA%\purse\Purse\data`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PURSE_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("app", "purse", "Purse")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("purse"))
}

pub const WALLET_FILE: &str = "wallet.db";
pub const SANDBOX_FILE: &str = "sandbox-bank.db";
