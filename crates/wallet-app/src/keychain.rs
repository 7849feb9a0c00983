//! The wallet's secrets in the OS keyring (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), never in the wallet file or a log: the key the wallet file is encrypted with,
//! each bank link's consent and tokens, the ids of the consents not yet revoked, and the second factor's
//! TOTP key. A wallet opened with a
//! passphrase (no keyring on the machine) keeps the same entries in its sealed vault instead. Entries are per wallet folder, so two wallets (and every
//! test's wallet) keep apart.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::DateTime;
use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use wallet_core::BankLinkId;
use wallet_store::{DatabaseKey, LinkTokens};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::vault::Vault;

/// The keyring "service" every Purse entry is filed under.
pub const SERVICE: &str = "Purse";

/// The entry of the wallet file's key (followed by the wallet folder, like every entry's name).
const DATABASE_KEY: &str = "database-key";

/// A passphrase wallet's id, in its vault (a keyring wallet's is in its key's entry).
const WALLET_ID: &str = "wallet-id";

/// The entry of the second factor's TOTP key (base32).
const SECOND_FACTOR: &str = "second-factor";

/// The entry of a bank link's consent and tokens.
fn link_entry(link: BankLinkId) -> String {
    format!("bank-link {link}")
}

/// The entry of the ids of every consent the wallet created for a link and has not revoked yet (JSON).
fn consents_entry(link: BankLinkId) -> String {
    format!("bank-consents {link}")
}

/// The entry of a bank link's credential (a SimpleFIN access URL; an Enable Banking key and session).
fn credential_entry(link: BankLinkId) -> String {
    format!("bank-link-credential {link}")
}

/// The keyring entries of one wallet folder.
#[derive(Debug, Clone)]
pub struct Keychain {
    backend: Backend,
}

#[derive(Debug, Clone)]
enum Backend {
    /// The OS keyring; the folder's absolute path is part of every entry's name.
    Os { wallet: String },
    /// A passphrase wallet's sealed vault (see `vault`).
    Sealed(Arc<Vault>),
}

impl Keychain {
    pub fn for_wallet(data_dir: &Path) -> Keychain {
        let absolute = std::fs::canonicalize(data_dir).unwrap_or_else(|_| PathBuf::from(data_dir));
        Keychain {
            backend: Backend::Os {
                wallet: absolute.display().to_string(),
            },
        }
    }

    /// Whether the entries are a passphrase wallet's sealed vault.
    pub(crate) fn is_sealed(&self) -> bool {
        matches!(self.backend, Backend::Sealed(_))
    }

    /// The entries of a wallet opened with a passphrase.
    pub(crate) fn sealed(vault: Vault) -> Keychain {
        Keychain {
            backend: Backend::Sealed(Arc::new(vault)),
        }
    }

    /// The wallet file's key, if the keyring holds one for this folder.
    pub fn database_key(&self) -> ApiResult<Option<DatabaseKey>> {
        self.database_entry()?
            .map(|entry| {
                DatabaseKey::from_hex(&entry.key).map_err(|_| {
                    ApiError::new(
                        ErrorCode::WrongKey,
                        "The wallet's key in the keyring is damaged. Nothing was changed.",
                    )
                })
            })
            .transpose()
    }

    pub fn keep_database_key(&self, key: &DatabaseKey) -> ApiResult<()> {
        self.keep_database_entry(&KeptKey {
            key: key.to_hex().expose().clone(),
            wallet: None,
        })
    }

    /// The id of the wallet these entries belong to (see `identity`), if one was kept: in the keyring
    /// entry of the wallet file's key, or in a passphrase wallet's vault.
    pub fn wallet_id(&self) -> ApiResult<Option<String>> {
        if let Backend::Sealed(vault) = &self.backend {
            return Ok(vault.get(WALLET_ID));
        }
        Ok(self.database_entry()?.and_then(|entry| entry.wallet))
    }

    /// Keeps the wallet's id with its key (the key must be kept already) or in the vault.
    pub fn keep_wallet_id(&self, id: &str) -> ApiResult<()> {
        if let Backend::Sealed(vault) = &self.backend {
            return vault.set(WALLET_ID, id);
        }
        let mut entry = self.database_entry()?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::Internal,
                "the wallet's id is kept with its key, and the keyring holds none",
            )
        })?;
        entry.wallet = Some(id.to_string());
        self.keep_database_entry(&entry)
    }

    /// The key's entry: JSON with the key and the wallet's id.
    fn database_entry(&self) -> ApiResult<Option<KeptKey>> {
        self.read(DATABASE_KEY)?
            .map(|text| {
                serde_json::from_str(&text).map_err(|_| {
                    ApiError::new(
                        ErrorCode::Internal,
                        "The keyring's entry for this wallet's key does not read back.",
                    )
                })
            })
            .transpose()
    }

    fn keep_database_entry(&self, entry: &KeptKey) -> ApiResult<()> {
        let text = zeroize::Zeroizing::new(
            serde_json::to_string(entry)
                .map_err(|error| ApiError::new(ErrorCode::Internal, error.to_string()))?,
        );
        self.write(DATABASE_KEY, &text)
    }

    /// The link's consent and tokens, if the keyring holds them.
    pub fn link_tokens(&self, link: BankLinkId) -> ApiResult<Option<LinkTokens>> {
        let Some(kept) = self.read(&link_entry(link))? else {
            return Ok(None);
        };
        // A damaged entry is as good as none: the wallet links the bank again.
        let Ok(kept) = serde_json::from_str::<KeptTokens>(&kept) else {
            tracing::warn!("a bank link's tokens in the keyring did not read back; linking again");
            return Ok(None);
        };
        let Some(expires_at) = DateTime::from_timestamp_millis(kept.expires_at_ms) else {
            return Ok(None);
        };
        Ok(Some(LinkTokens {
            consent_id: kept.consent_id,
            access_token: Sensitive::new(kept.access_token),
            refresh_token: kept.refresh_token.map(Sensitive::new),
            expires_at,
        }))
    }

    pub fn keep_link_tokens(&self, link: BankLinkId, tokens: &LinkTokens) -> ApiResult<()> {
        let kept = KeptTokens {
            consent_id: tokens.consent_id.clone(),
            access_token: tokens.access_token.expose().clone(),
            refresh_token: tokens.refresh_token.as_ref().map(|t| t.expose().clone()),
            expires_at_ms: tokens.expires_at.timestamp_millis(),
        };
        let text = serde_json::to_string(&kept)
            .map_err(|error| ApiError::new(ErrorCode::Internal, error.to_string()))?;
        self.write(&link_entry(link), &text)
    }

    /// The link's credential, as its bank's implementation wrote it.
    pub fn link_credential(&self, link: BankLinkId) -> ApiResult<Option<Sensitive<String>>> {
        Ok(self.read(&credential_entry(link))?.map(Sensitive::new))
    }

    pub fn keep_link_credential(&self, link: BankLinkId, credential: &str) -> ApiResult<()> {
        self.write(&credential_entry(link), credential)
    }

    /// Forgets one link's tokens, credential and remembered consents (unlinking).
    pub fn forget_link(&self, link: BankLinkId) -> ApiResult<()> {
        self.delete(&link_entry(link))?;
        self.delete(&credential_entry(link))?;
        self.delete(&consents_entry(link))
    }

    /// The ids of every consent the wallet created for `link` and has not revoked yet.
    pub fn open_consents(&self, link: BankLinkId) -> ApiResult<Vec<String>> {
        Ok(self
            .read(&consents_entry(link))?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default())
    }

    pub(crate) fn keep_open_consents(
        &self,
        link: BankLinkId,
        consents: &[String],
    ) -> ApiResult<()> {
        if consents.is_empty() {
            return self.delete(&consents_entry(link));
        }
        let text = serde_json::to_string(consents)
            .map_err(|error| ApiError::new(ErrorCode::Internal, error.to_string()))?;
        self.write(&consents_entry(link), &text)
    }

    /// The second factor's key, if one is enrolled.
    pub fn second_factor_key(&self) -> ApiResult<Option<second_factor::Secret>> {
        self.read(SECOND_FACTOR)?
            .map(|base32| {
                second_factor::Secret::import_base32(&base32).map_err(|_| {
                    ApiError::new(
                        ErrorCode::Internal,
                        "The second factor's key in the keyring is damaged; remove the second factor with a recovery code and set it up again.",
                    )
                })
            })
            .transpose()
    }

    pub fn keep_second_factor_key(&self, key: &second_factor::Secret) -> ApiResult<()> {
        self.write(SECOND_FACTOR, &key.export_base32())
    }

    pub fn forget_second_factor_key(&self) -> ApiResult<()> {
        self.delete(SECOND_FACTOR)
    }

    /// Deletes the wallet's key, the second factor's key and these links' tokens (closing the account). Entries already gone
    /// are fine; a keyring that refuses is an error, so the caller can say what is left.
    pub fn forget(&self, links: &[BankLinkId]) -> ApiResult<()> {
        let mut names = vec![DATABASE_KEY.to_string(), SECOND_FACTOR.to_string()];
        for &link in links {
            names.extend([
                link_entry(link),
                credential_entry(link),
                consents_entry(link),
            ]);
        }
        for name in names {
            self.delete(&name)?;
        }
        Ok(())
    }

    /// Deletes an entry; one already gone is fine.
    fn delete(&self, name: &str) -> ApiResult<()> {
        if let Backend::Sealed(vault) = &self.backend {
            return vault.remove(name);
        }
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(unavailable(&error)),
        }
    }

    /// An entry's secret; none when the keyring holds no such entry.
    fn read(&self, name: &str) -> ApiResult<Option<String>> {
        if let Backend::Sealed(vault) = &self.backend {
            return Ok(vault.get(name));
        }
        match self.entry(name)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(unavailable(&error)),
        }
    }

    fn write(&self, name: &str, secret: &str) -> ApiResult<()> {
        if let Backend::Sealed(vault) = &self.backend {
            return vault.set(name, secret);
        }
        self.entry(name)?
            .set_password(secret)
            .map_err(|error| unavailable(&error))
    }

    fn entry(&self, name: &str) -> ApiResult<keyring::Entry> {
        let Backend::Os { wallet } = &self.backend else {
            return Err(ApiError::new(
                ErrorCode::Internal,
                "a sealed vault has no keyring entries",
            ));
        };
        keyring::Entry::new(SERVICE, &format!("{name} {wallet}"))
            .map_err(|error| unavailable(&error))
    }
}

/// What a person can do about a missing or locked keyring; the underlying error is logged, not shown
/// (it can name D-Bus internals, never a secret).
fn unavailable(error: &keyring::Error) -> ApiError {
    tracing::error!(%error, "the OS keyring is unavailable");
    ApiError::new(
        ErrorCode::KeyringUnavailable,
        "Purse keeps the key to your wallet in the system keyring, and none is available or it is locked \
         (on Linux: a Secret Service such as GNOME Keyring or KWallet, unlocked). The wallet stays closed \
         and unencrypted storage is never used instead: start a keyring, or protect the wallet with a \
         passphrase.",
    )
}

/// The wallet file's key and the wallet's id, as the keyring entry's secret (JSON). Deliberately not
/// `Debug`.
#[derive(Serialize, Deserialize)]
struct KeptKey {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wallet: Option<String>,
}

/// A link's consent and tokens as the keyring entry's secret (JSON). Deliberately not `Debug`.
#[derive(Serialize, Deserialize)]
struct KeptTokens {
    consent_id: String,
    access_token: String,
    refresh_token: Option<String>,
    expires_at_ms: i64,
}
