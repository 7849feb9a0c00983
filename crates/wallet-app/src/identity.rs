//! Which wallet a folder holds (issue 17, item 4). A wallet id, made with the wallet, is kept in the
//! wallet file and with its key (the keyring entry, or a passphrase wallet's sealed vault) and checked at
//! every open. A wallet file (or vault, or salt) that is missing, or is not the wallet's own, beside a key
//! that is still kept is refused and nothing is changed: deleting or replacing a file never turns into a
//! new, empty wallet without the PIN, the app password or the second factor. `Wallet::start_over` is
//! the owner's way to begin again (and link the bank again).

use std::path::Path;

use wallet_store::{DatabaseKey, Store, StoreOptions};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::keychain::Keychain;
use crate::paths::WALLET_FILE;
use crate::vault::{SALT_FILE, VAULT_FILE};

/// The settings row holding the wallet's id in the wallet file.
const WALLET_ID: &str = "wallet_id";

/// What the person can do about a refused folder, at the end of each refusal.
const WAY_OUT: &str = "Nothing was changed: put the wallet's own file back, or start over \
                       (`purse start-over`), which makes a new wallet that links its bank again.";

pub(crate) fn missing(data_dir: &Path, file: &str) -> ApiError {
    ApiError::new(
        ErrorCode::WalletMissing,
        format!(
            "{file} is missing from the wallet folder {} while the rest of the wallet is there. {WAY_OUT}",
            data_dir.display()
        ),
    )
}

pub(crate) fn foreign(data_dir: &Path, file: &str) -> ApiError {
    ApiError::new(
        ErrorCode::WalletForeign,
        format!(
            "{file} in the wallet folder {} is not this wallet's (another wallet's, or a new file put in \
             its place). {WAY_OUT}",
            data_dir.display()
        ),
    )
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The key of a keyring wallet, after checking its files. With a key kept for the folder the wallet file
/// must be there and encrypted; without one, the folder is a new wallet (a key is made and kept now). A
/// plain SQLite file is never a wallet: it is refused, with a key or without.
pub(crate) fn keyring_key(data_dir: &Path, keychain: &Keychain) -> ApiResult<DatabaseKey> {
    let wallet_file = data_dir.join(WALLET_FILE);
    if exists(&data_dir.join(VAULT_FILE)) {
        return Err(missing(data_dir, SALT_FILE));
    }
    if let Some(key) = keychain.database_key()? {
        if !exists(&wallet_file) {
            return Err(missing(data_dir, WALLET_FILE));
        }
        if wallet_store::is_plaintext_sqlite(&wallet_file)? || empty(&wallet_file) {
            return Err(foreign(data_dir, WALLET_FILE));
        }
        return Ok(key);
    }
    if wallet_store::is_plaintext_sqlite(&wallet_file)? {
        return Err(foreign(data_dir, WALLET_FILE));
    }
    if !empty(&wallet_file) {
        return Err(ApiError::new(
            ErrorCode::WrongKey,
            format!(
                "The wallet at {} is encrypted, and the keyring holds no key for it (was it copied from \
                 another computer or user?). Nothing was changed.",
                wallet_file.display()
            ),
        ));
    }
    let key = DatabaseKey::generate();
    keychain.keep_database_key(&key)?;
    Ok(key)
}

/// Whether the file is missing or holds nothing (SQLite would make a new database in it).
fn empty(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.len() == 0) || !exists(path)
}

/// Whether a passphrase wallet is new in this folder (no salt yet), after checking its files: with a
/// salt, the wallet file must be there and encrypted; without, no sealed vault may be.
pub(crate) fn passphrase_wallet_is_new(data_dir: &Path) -> ApiResult<bool> {
    let wallet_file = data_dir.join(WALLET_FILE);
    if !exists(&data_dir.join(SALT_FILE)) {
        if exists(&data_dir.join(VAULT_FILE)) {
            return Err(missing(data_dir, SALT_FILE));
        }
        return Ok(true);
    }
    if !exists(&wallet_file) {
        return Err(missing(data_dir, WALLET_FILE));
    }
    if wallet_store::is_plaintext_sqlite(&wallet_file)? || empty(&wallet_file) {
        return Err(foreign(data_dir, WALLET_FILE));
    }
    Ok(false)
}

/// Opens the wallet file with `key`; a file the key does not open is `otherwise` (another wallet's file
/// beside this wallet's key, or a wrong passphrase).
pub(crate) async fn open_store(
    data_dir: &Path,
    key: DatabaseKey,
    otherwise: impl FnOnce() -> ApiError,
) -> ApiResult<Store> {
    match Store::open(&StoreOptions::at(data_dir.join(WALLET_FILE), key)).await {
        Err(wallet_store::StoreError::WrongKey { .. }) => Err(otherwise()),
        other => Ok(other?),
    }
}

/// Checks that the wallet file and the kept key (or vault) carry the same wallet id. A new wallet (or
/// one from before ids, both sides without one) gets its id now, in the file first. One side without an
/// id while the other has one is a file from elsewhere (an old copy from before ids, say): refused.
pub(crate) async fn bind(data_dir: &Path, store: &Store, keychain: &Keychain) -> ApiResult<()> {
    let kept = keychain.wallet_id()?;
    let in_file = store.setting(WALLET_ID).await?;
    match (kept, in_file) {
        (Some(kept), Some(in_file)) if kept == in_file => Ok(()),
        (None, None) => {
            let id = uuid::Uuid::new_v4().to_string();
            store.set_setting(WALLET_ID, &id).await?;
            keychain.keep_wallet_id(&id)
        }
        _ if keychain.is_sealed() => Err(foreign(data_dir, VAULT_FILE)),
        _ => Err(foreign(data_dir, WALLET_FILE)),
    }
}

/// Whether the wallet file carries an id (a wallet made, or opened, by this release).
pub(crate) async fn has_id(store: &Store) -> ApiResult<bool> {
    Ok(store.setting(WALLET_ID).await?.is_some())
}

impl crate::Wallet {
    /// Starts the wallet in `data_dir` over, for its owner when its files were refused (or lost): forgets
    /// the keyring's entries for the folder (the wallet file's key, the bank link's tokens, the second
    /// factor's key) and deletes the wallet's files, so the next open makes a new wallet that links its
    /// bank again. Waits up to `lock_wait` for another Purse holding the wallet. A keyring that refuses
    /// stops it before anything is deleted. The demo bank's own folder is the bank's and stays.
    pub async fn start_over(data_dir: &Path, lock_wait: std::time::Duration) -> ApiResult<()> {
        if !data_dir.is_dir() {
            return Ok(());
        }
        let _held = crate::folder::FolderLock::take(data_dir, lock_wait).await?;
        let keychain = Keychain::for_wallet(data_dir);
        let links = match keychain.database_key() {
            Ok(Some(key)) => bank_links(data_dir, key).await,
            _ => Vec::new(),
        };
        match keychain.forget(&links) {
            // A passphrase wallet on a machine without a keyring: its secrets are in its vault.
            Err(error)
                if error.code == ErrorCode::KeyringUnavailable
                    && crate::vault::uses_passphrase(data_dir) => {}
            other => other?,
        }
        crate::folder::remove_wallet_files(data_dir)
    }
}

/// The bank links a wallet file records, when the key opens it (their tokens are kept under their ids).
async fn bank_links(data_dir: &Path, key: DatabaseKey) -> Vec<wallet_core::BankLinkId> {
    let wallet_file = data_dir.join(WALLET_FILE);
    if empty(&wallet_file) || wallet_store::is_plaintext_sqlite(&wallet_file).unwrap_or(true) {
        return Vec::new();
    }
    let options = StoreOptions {
        create_if_missing: false,
        ..StoreOptions::at(wallet_file, key)
    };
    let Ok(store) = Store::open(&options).await else {
        return Vec::new();
    };
    let links = store.list_bank_links().await.unwrap_or_default();
    store.close().await;
    links.into_iter().map(|link| link.id).collect()
}
