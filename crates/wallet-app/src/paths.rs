//! Where a wallet lives on disk, the same for the desktop app and the command line.

use std::path::{Path, PathBuf};

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

/// The folder a bank that runs inside Purse (the built-in demo bank) keeps its books in, for the wallet in
/// `data_dir`: beside it, never inside it (a bank's books are its own, plain SQLite), one per wallet
/// folder — `~/.local/share/purse` → `~/.local/share/purse-demo-bank`.
pub fn local_bank_dir(data_dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => {
            let mut sibling = name.to_os_string();
            sibling.push("-demo-bank");
            parent.join(sibling)
        }
        // A wallet at the root of a drive: its bank beside the other temporary things.
        _ => std::env::temp_dir().join("purse-demo-bank"),
    }
}

pub const WALLET_FILE: &str = "wallet.db";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_bank_lives_beside_the_wallet_folder_not_in_it() {
        let wallet = Path::new("/home/ann/.local/share/purse");
        let bank = local_bank_dir(wallet);
        assert_eq!(bank, Path::new("/home/ann/.local/share/purse-demo-bank"));
        assert!(!bank.starts_with(wallet));
        assert_ne!(
            local_bank_dir(Path::new("/tmp/a/wallet")),
            local_bank_dir(Path::new("/tmp/b/wallet"))
        );
    }
}
