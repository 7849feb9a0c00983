//! A passphrase instead of the OS keyring (issue 5): when no keyring is available the person may choose a
//! passphrase, never a silent fall-back to plaintext. Argon2id turns it (with a random salt kept beside
//! the wallet) into two keys: one opens the SQLCipher wallet file, the other seals the secrets a keyring
//! would otherwise keep — bank tokens, the second factor's key — in `secrets.vault` (ChaCha20-Poly1305).
//! Neither key is stored anywhere: without the passphrase the folder reveals nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use argon2::Argon2;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use rand::rngs::OsRng;
use sensitive::Sensitive;
use wallet_store::{DatabaseKey, KEY_BYTES};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::folder::write_whole;

/// Beside the wallet file: its presence says the wallet is opened with a passphrase.
pub const SALT_FILE: &str = "passphrase.salt";
/// The sealed secrets.
pub const VAULT_FILE: &str = "secrets.vault";
/// Shorter passphrases are refused: this one key guards the whole wallet.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 12;

/// The two keys a passphrase gives.
pub(crate) struct PassphraseKeys {
    pub database: DatabaseKey,
    pub vault: Sensitive<[u8; 32]>,
}

fn storage(what: &str, error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Storage, format!("{what}: {error}"))
}

fn wrong_passphrase() -> ApiError {
    ApiError::new(
        ErrorCode::WrongPassword,
        "That passphrase does not open this wallet. Nothing was changed.",
    )
}

/// Whether the wallet in `data_dir` is opened with a passphrase.
pub fn uses_passphrase(data_dir: &Path) -> bool {
    data_dir.join(SALT_FILE).exists()
}

/// Makes the salt of a new passphrase wallet (refusing a passphrase too short to guard it).
pub(crate) fn new_salt(data_dir: &Path, passphrase: &str) -> ApiResult<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ApiError::invalid(format!(
            "A passphrase has at least {MIN_PASSPHRASE_CHARS} characters."
        )));
    }
    let mut salt = vec![0; SALT_BYTES];
    OsRng.fill_bytes(&mut salt);
    write_whole(&data_dir.join(SALT_FILE), &salt)
}

/// The keys for `passphrase` with the folder's salt (never made here: a missing salt is the caller's to
/// judge).
pub(crate) fn keys_for(data_dir: &Path, passphrase: &str) -> ApiResult<PassphraseKeys> {
    let salt = std::fs::read(data_dir.join(SALT_FILE))
        .map_err(|error| storage("The passphrase salt could not be read", error))?;
    let mut both = Zeroizing::new([0u8; KEY_BYTES + 32]);
    Argon2::default()
        .hash_password_into(passphrase.as_bytes(), &salt, both.as_mut())
        .map_err(|error| ApiError::new(ErrorCode::Internal, error.to_string()))?;
    let mut database = [0u8; KEY_BYTES];
    database.copy_from_slice(&both[..KEY_BYTES]);
    let mut vault = [0u8; 32];
    vault.copy_from_slice(&both[KEY_BYTES..]);
    let keys = PassphraseKeys {
        database: DatabaseKey::from_bytes(database),
        vault: Sensitive::new(vault),
    };
    database.zeroize();
    vault.zeroize();
    Ok(keys)
}

/// Secrets sealed in one file, read whole and written whole (a handful of short entries).
pub(crate) struct Vault {
    path: PathBuf,
    key: Sensitive<[u8; 32]>,
    entries: Mutex<BTreeMap<String, Sensitive<String>>>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// The folder's vault (empty when it has none yet); a vault the key does not open is a wrong
    /// passphrase (or, once the wallet file opened with it, another wallet's vault).
    pub fn open(data_dir: &Path, key: Sensitive<[u8; 32]>) -> ApiResult<Vault> {
        let path = data_dir.join(VAULT_FILE);
        let entries = match std::fs::read(&path) {
            Ok(sealed) => unseal(key.expose(), &sealed)?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(error) => return Err(storage("The secrets file could not be read", error)),
        };
        Ok(Vault {
            path,
            key,
            entries: Mutex::new(entries),
        })
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.entries().get(name).map(|value| value.expose().clone())
    }

    pub fn set(&self, name: &str, value: &str) -> ApiResult<()> {
        let mut entries = self.entries();
        entries.insert(name.to_string(), Sensitive::from(value));
        self.save(&entries)
    }

    pub fn remove(&self, name: &str) -> ApiResult<()> {
        let mut entries = self.entries();
        if entries.remove(name).is_some() {
            self.save(&entries)?;
        }
        Ok(())
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Sensitive<String>>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn save(&self, entries: &BTreeMap<String, Sensitive<String>>) -> ApiResult<()> {
        let plain: BTreeMap<&str, &str> = entries
            .iter()
            .map(|(name, value)| (name.as_str(), value.expose().as_str()))
            .collect();
        let json = Zeroizing::new(
            serde_json::to_vec(&plain)
                .map_err(|error| ApiError::new(ErrorCode::Internal, error.to_string()))?,
        );
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let cipher = ChaCha20Poly1305::new(Key::from_slice(self.key.expose()));
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), json.as_slice())
            .map_err(|_| ApiError::new(ErrorCode::Internal, "The secrets could not be sealed."))?;
        let mut file = nonce.to_vec();
        file.extend(sealed);
        write_whole(&self.path, &file)
    }
}

fn unseal(key: &[u8; 32], sealed: &[u8]) -> ApiResult<BTreeMap<String, Sensitive<String>>> {
    if sealed.len() < NONCE_BYTES {
        return Err(wrong_passphrase());
    }
    let (nonce, body) = sealed.split_at(NONCE_BYTES);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let plain = Zeroizing::new(
        cipher
            .decrypt(Nonce::from_slice(nonce), body)
            .map_err(|_| wrong_passphrase())?,
    );
    let entries: BTreeMap<String, String> = serde_json::from_slice(&plain)
        .map_err(|error| storage("The secrets file is damaged", error))?;
    Ok(entries
        .into_iter()
        .map(|(name, value)| (name, Sensitive::new(value)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_sealed_with_a_passphrase_read_back_only_with_it() {
        let dir = tempfile::tempdir().unwrap();
        new_salt(dir.path(), "correct horse battery").unwrap();
        let keys = keys_for(dir.path(), "correct horse battery").unwrap();
        let vault = Vault::open(dir.path(), keys.vault).unwrap();
        vault.set("second-factor", "JBSWY3DPEHPK3PXP").unwrap();
        let on_disk = std::fs::read(dir.path().join(VAULT_FILE)).unwrap();
        assert!(!on_disk.windows(16).any(|w| w == b"JBSWY3DPEHPK3PXP"));

        let again = keys_for(dir.path(), "correct horse battery").unwrap();
        let reopened = Vault::open(dir.path(), again.vault).unwrap();
        assert_eq!(
            reopened.get("second-factor").as_deref(),
            Some("JBSWY3DPEHPK3PXP")
        );
        let wrong = keys_for(dir.path(), "wrong horse battery").unwrap();
        let refused = Vault::open(dir.path(), wrong.vault).unwrap_err();
        assert_eq!(refused.code, ErrorCode::WrongPassword);
    }

    #[test]
    fn a_short_passphrase_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let refused = new_salt(dir.path(), "short").err().unwrap();
        assert_eq!(refused.code, ErrorCode::InvalidInput);
        assert!(!uses_passphrase(dir.path()));
    }
}
