//! The open wallet: its store, its clock and its bank. Every front end (desktop, CLI, tests) holds one.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::Mutex;
use url::Url;
use wallet_core::clock::SharedClock;
use wallet_core::{BankLinkId, Currency};
use wallet_store::{BankLink, DatabaseKey, Store, StoreOptions};

use crate::bank::BankConnection;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::keychain::Keychain;
use crate::paths::WALLET_FILE;
use crate::vault::{self, Vault};

/// Which bank the wallet talks to.
#[derive(Debug, Clone)]
pub enum BankSource {
    /// Start the sandbox bank in-process on 127.0.0.1 (a random port), with its own file beside the wallet,
    /// and link its demo customer: the default, so a new user sees a living wallet.
    EmbeddedSandbox,
    /// A sandbox bank already running at this address; the wallet links its demo customer.
    Sandbox { base_url: Url },
}

#[derive(Debug, Clone)]
pub struct WalletConfig {
    pub data_dir: PathBuf,
    pub clock: SharedClock,
    pub bank: BankSource,
}

pub struct Wallet {
    pub(crate) store: Store,
    pub(crate) clock: SharedClock,
    pub(crate) bank: BankConnection,
    pub(crate) link: BankLinkId,
    pub(crate) home_currency: Currency,
    /// One sync at a time: a second request is told so rather than queued.
    pub(crate) sync_lock: Arc<Mutex<()>>,
    /// One payment driven at a time, so a resume never races a new submission for the same row.
    pub(crate) payment_lock: Arc<Mutex<()>>,
    /// A second-factor key being set up, kept in memory until a code confirms it.
    pub(crate) pending_second_factor: Mutex<Option<second_factor::Enrolment>>,
    /// One code check at a time, so two requests cannot both use one code.
    pub(crate) second_factor_lock: Mutex<()>,
    /// The app lock (see handlers/app_lock.rs).
    pub(crate) lock: std::sync::Mutex<crate::handlers::LockState>,
    /// The digest of the key the wallet file was opened with, for unlocking with the keyring.
    pub(crate) key_digest: [u8; 32],
    data_dir: PathBuf,
}

impl std::fmt::Debug for Wallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wallet")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl Wallet {
    /// Opens (or creates) the wallet in `config.data_dir`, its key in the OS keyring, and connects its
    /// bank. Does not sync. A wallet protected by a passphrase instead says so (`PassphraseNeeded`).
    pub async fn open(config: WalletConfig) -> ApiResult<Wallet> {
        if vault::uses_passphrase(&config.data_dir) {
            return Err(ApiError::new(
                ErrorCode::PassphraseNeeded,
                "This wallet is protected by a passphrase: type it to open the wallet.",
            ));
        }
        create_folder(&config.data_dir)?;
        let wallet_file = config.data_dir.join(WALLET_FILE);
        let key = wallet_key(&config.data_dir, &wallet_file)?;
        let keychain = Keychain::for_wallet(&config.data_dir);
        Self::open_with(config, key, keychain).await
    }

    /// Opens (or creates) a wallet whose keys come from a passphrase rather than the OS keyring: for a
    /// machine without a keyring, chosen by the person, never fallen back to silently.
    pub async fn open_with_passphrase(config: WalletConfig, passphrase: &str) -> ApiResult<Wallet> {
        create_folder(&config.data_dir)?;
        let wallet_file = config.data_dir.join(WALLET_FILE);
        if !vault::uses_passphrase(&config.data_dir) {
            let in_keyring = Keychain::for_wallet(&config.data_dir)
                .database_key()
                .ok()
                .flatten();
            let encrypted = wallet_file.metadata().is_ok_and(|m| m.len() > 0)
                && !wallet_store::is_plaintext_sqlite(&wallet_file)?;
            if in_keyring.is_some() || encrypted {
                return Err(ApiError::invalid(
                    "This wallet is locked with a key in the system keyring, not a passphrase. Nothing was changed.",
                ));
            }
        }
        let keys = vault::keys_for(&config.data_dir, passphrase)?;
        let keychain = Keychain::sealed(Vault::open(&config.data_dir, keys.vault)?);
        Self::open_with(config, keys.database, keychain)
            .await
            .map_err(|error| {
                if error.code == ErrorCode::WrongKey {
                    ApiError::new(
                        ErrorCode::WrongPassword,
                        "That passphrase does not open this wallet. Nothing was changed.",
                    )
                } else {
                    error
                }
            })
    }

    async fn open_with(
        config: WalletConfig,
        key: DatabaseKey,
        keychain: Keychain,
    ) -> ApiResult<Wallet> {
        let wallet_file = config.data_dir.join(WALLET_FILE);
        let key_digest = crate::handlers::key_digest(&key);
        let store = Store::open(&StoreOptions::at(wallet_file, key)).await?;
        let idle_minutes = Wallet::chosen_idle_minutes(&store).await?;
        let opened_at = config.clock.now();
        // With an app password, Purse starts locked; without, the keyring handing over the key was the
        // unlock.
        let starts_locked = store
            .setting(crate::handlers::PASSWORD_HASH)
            .await?
            .is_some();
        let bank = BankConnection::start(
            &config.bank,
            &config.data_dir,
            config.clock.clone(),
            keychain,
        )
        .await?;
        let link = match store.embedded_bank_link().await? {
            Some(link) => link.id,
            None => {
                let link = BankLink {
                    id: BankLinkId::new(),
                    bank_name: bank.bank_name().to_string(),
                    base_url: None,
                    embedded: true,
                    customer: Some(bank.customer().to_string()),
                    created_at: config.clock.now(),
                    last_synced_at: None,
                };
                store.insert_bank_link(&link).await?;
                link.id
            }
        };
        move_legacy_tokens_to_keyring(&store, bank.keychain(), link).await?;
        let wallet = Wallet {
            store,
            clock: config.clock,
            bank,
            link,
            home_currency: Currency::CNY,
            sync_lock: Arc::new(Mutex::new(())),
            payment_lock: Arc::new(Mutex::new(())),
            pending_second_factor: Mutex::new(None),
            second_factor_lock: Mutex::new(()),
            lock: std::sync::Mutex::new(crate::handlers::LockState {
                locked: starts_locked,
                last_activity: opened_at,
                idle_minutes,
            }),
            key_digest,
            data_dir: config.data_dir,
        };
        wallet
            .record(crate::dto::security::SecurityEventKind::WalletOpened, None)
            .await;
        Ok(wallet)
    }

    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The address the wallet's bank answers on (for the embedded sandbox, a loopback port).
    pub fn bank_url(&self) -> &Url {
        self.bank.base_url()
    }

    /// Stops the embedded bank, if any, and closes the wallet file.
    pub async fn close(self) {
        self.bank.stop().await;
        self.store.close().await;
    }
}

fn create_folder(data_dir: &std::path::Path) -> ApiResult<()> {
    std::fs::create_dir_all(data_dir).map_err(|error| {
        ApiError::new(
            ErrorCode::Storage,
            format!(
                "Cannot create the wallet folder {}: {error}",
                data_dir.display()
            ),
        )
    })
}

/// The key for the wallet file: the one the keyring keeps for this folder, or, for a new wallet (or one
/// an earlier release left unencrypted), a new random key put in the keyring before the file is made.
fn wallet_key(data_dir: &std::path::Path, wallet_file: &std::path::Path) -> ApiResult<DatabaseKey> {
    let keychain = Keychain::for_wallet(data_dir);
    if let Some(key) = keychain.database_key()? {
        return Ok(key);
    }
    let exists = wallet_file.metadata().is_ok_and(|m| m.len() > 0);
    if exists && !wallet_store::is_plaintext_sqlite(wallet_file)? {
        return Err(ApiError::new(
            crate::ErrorCode::WrongKey,
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

/// An earlier release kept the bank link's tokens in the wallet file: they move to the keyring (and
/// are erased from the file) the first time the wallet opens.
async fn move_legacy_tokens_to_keyring(
    store: &Store,
    keychain: &Keychain,
    link: BankLinkId,
) -> ApiResult<()> {
    if let Some(tokens) = store.link_tokens(link).await? {
        keychain.keep_link_tokens(link, &tokens)?;
        store.clear_link_tokens(link).await?;
    }
    Ok(())
}
