//! The open wallet: its store, its clock and its bank. Every front end (desktop, CLI, tests) holds one,
//! and composes the bank it opens with (`WalletConfig::bank`): the wallet reaches it only through the
//! seam (`bank_link`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bank_link::{BankConnection, BankSource};
use tokio::sync::Mutex;
use url::Url;
use wallet_core::clock::SharedClock;
use wallet_core::{BankLinkId, Currency};
use wallet_store::{BankLink, Store};

use crate::banks::OpenBanking;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::folder::{self, FolderLock};
use crate::identity;
use crate::keychain::Keychain;
use crate::paths::{WALLET_FILE, local_bank_dir};
use crate::vault::{self, Vault};

#[derive(Debug, Clone)]
pub struct WalletConfig {
    pub data_dir: PathBuf,
    pub clock: SharedClock,
    /// The bank the wallet opens with, as the front end composed it (the built-in demo bank, by the
    /// binaries' default `demo-bank` feature); `None`: a wallet without a bank (statement imports only).
    pub bank: Option<Arc<dyn BankSource>>,
    /// How long to wait for another Purse holding the wallet open (see `folder`) before saying so
    /// (`WalletInUse`): 30 s for the CLI, so parallel commands queue; a few seconds for the app.
    pub lock_wait: Duration,
}

pub struct Wallet {
    pub(crate) store: Store,
    pub(crate) clock: SharedClock,
    /// The bank, through the seam; `None` when the wallet was opened without one.
    bank: Option<Box<dyn BankConnection>>,
    /// Where the bank came from: closing the account asks it to forget what it keeps on this machine.
    bank_source: Option<Arc<dyn BankSource>>,
    link: Option<BankLinkId>,
    /// Where the wallet's secrets are kept: the OS keyring, or a passphrase wallet's sealed vault.
    pub(crate) keychain: Keychain,
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
    /// The OS lock on the wallet folder: no other process opens the wallet while this one has it. Last,
    /// so it is released after the wallet file is closed.
    _folder: FolderLock,
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
    /// bank. Does not sync. A wallet protected by a passphrase instead says so (`PassphraseNeeded`); one
    /// open in another process, after `lock_wait`, `WalletInUse`; a wallet file missing or not the
    /// wallet's own beside its kept key, `WalletMissing` / `WalletForeign`.
    pub async fn open(config: WalletConfig) -> ApiResult<Wallet> {
        if vault::uses_passphrase(&config.data_dir) {
            return Err(ApiError::new(
                ErrorCode::PassphraseNeeded,
                "This wallet is protected by a passphrase: type it to open the wallet.",
            ));
        }
        let folder = hold_folder(&config).await?;
        let dir = &config.data_dir;
        let keychain = Keychain::for_wallet(dir);
        let key = identity::keyring_key(dir, &keychain)?;
        let key_digest = crate::handlers::key_digest(&key);
        let store = identity::open_store(dir, key, || identity::foreign(dir, WALLET_FILE)).await?;
        let bound = identity::bind(dir, &store, &keychain).await;
        Self::open_with(config, store, bound.map(|()| keychain), key_digest, folder).await
    }

    /// Opens (or creates) a wallet whose keys come from a passphrase rather than the OS keyring: for a
    /// machine without a keyring, chosen by the person, never fallen back to silently.
    pub async fn open_with_passphrase(config: WalletConfig, passphrase: &str) -> ApiResult<Wallet> {
        let folder = hold_folder(&config).await?;
        let dir = &config.data_dir;
        if identity::passphrase_wallet_is_new(dir)? {
            let wallet_file = dir.join(WALLET_FILE);
            let in_keyring = Keychain::for_wallet(dir).database_key().ok().flatten();
            let encrypted = wallet_file.metadata().is_ok_and(|m| m.len() > 0)
                && !wallet_store::is_plaintext_sqlite(&wallet_file)?;
            if in_keyring.is_some() || encrypted {
                return Err(ApiError::invalid(
                    "This wallet is locked with a key in the system keyring, not a passphrase. Nothing was changed.",
                ));
            }
            vault::new_salt(dir, passphrase)?;
        }
        let keys = vault::keys_for(dir, passphrase)?;
        let key_digest = crate::handlers::key_digest(&keys.database);
        let vault_there = dir.join(vault::VAULT_FILE).exists();
        let wrong_passphrase = || {
            ApiError::new(
                ErrorCode::WrongPassword,
                "That passphrase does not open this wallet. Nothing was changed.",
            )
        };
        let opened = identity::open_store(dir, keys.database, wrong_passphrase).await;
        let vault = Vault::open(dir, keys.vault);
        let store = match (opened, vault.is_ok() && vault_there) {
            // The passphrase opens the vault, so the file is another wallet's.
            (Err(error), true) if error.code == ErrorCode::WrongPassword => {
                return Err(identity::foreign(dir, WALLET_FILE));
            }
            (opened, _) => opened?,
        };
        let keychain = match vault {
            Ok(_) if !vault_there && identity::has_id(&store).await? => {
                Err(identity::missing(dir, vault::VAULT_FILE))
            }
            Ok(vault) => Ok(Keychain::sealed(vault)),
            // The passphrase opens the wallet file, so the vault is another wallet's.
            Err(_) => Err(identity::foreign(dir, vault::VAULT_FILE)),
        };
        let bound = match keychain {
            Ok(keychain) => identity::bind(dir, &store, &keychain)
                .await
                .map(|()| keychain),
            Err(error) => Err(error),
        };
        Self::open_with(config, store, bound, key_digest, folder).await
    }

    /// Finishes opening a wallet whose file is open and whose keys are checked (`keychain`); the file is
    /// closed again when they were refused.
    async fn open_with(
        config: WalletConfig,
        store: Store,
        keychain: ApiResult<Keychain>,
        key_digest: [u8; 32],
        folder: FolderLock,
    ) -> ApiResult<Wallet> {
        let keychain = match keychain {
            Ok(keychain) => keychain,
            Err(error) => {
                store.close().await;
                return Err(error);
            }
        };
        // SQLite made a new wallet file (and its log) readable by all; the folder already was not.
        folder::make_private(&config.data_dir)?;
        let idle_minutes = Wallet::chosen_idle_minutes(&store).await?;
        let opened_at = config.clock.now();
        // With an app password, Purse starts locked; without, the keyring handing over the key was the
        // unlock.
        let starts_locked = store
            .setting(crate::handlers::PASSWORD_HASH)
            .await?
            .is_some();
        let (bank, link) = match &config.bank {
            Some(source) => {
                let (bank, link) = connect(source.as_ref(), &config, &store, &keychain).await?;
                (Some(bank), Some(link))
            }
            None => (None, None),
        };
        let wallet = Wallet {
            store,
            clock: config.clock,
            bank,
            bank_source: config.bank,
            link,
            keychain,
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
            _folder: folder,
        };
        wallet
            .record(crate::dto::security::SecurityEventKind::WalletOpened, None)
            .await;
        Ok(wallet)
    }

    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The address the wallet's bank answers on (for the built-in demo bank, a loopback port).
    pub fn bank_url(&self) -> Option<&Url> {
        self.bank.as_ref().map(|bank| bank.base_url())
    }

    /// The wallet's bank, or why there is none.
    pub(crate) fn bank(&self) -> ApiResult<&dyn BankConnection> {
        self.bank.as_deref().ok_or_else(no_bank)
    }

    /// The bank's link in the wallet file.
    pub(crate) fn link(&self) -> ApiResult<BankLinkId> {
        self.link.ok_or_else(no_bank)
    }

    /// The bank as an Open Banking bank, for what only those offer (payments, points, rates).
    pub(crate) fn open_banking(&self) -> ApiResult<&OpenBanking> {
        self.bank()?
            .as_any()
            .downcast_ref::<OpenBanking>()
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "{} does not offer this through Purse. Nothing was changed.",
                    self.bank().map(|b| b.bank_name()).unwrap_or_default()
                ))
            })
    }

    /// Closing the account: the bank stopped if it runs here, and whatever it keeps on this machine
    /// deleted (the built-in demo bank's books). Nothing happens without a bank.
    pub(crate) async fn stop_and_forget_bank(&self) -> ApiResult<()> {
        if let Some(bank) = &self.bank {
            bank.stop().await;
        }
        if let Some(source) = &self.bank_source {
            source.forget_local(&local_bank_dir(&self.data_dir))?;
        }
        Ok(())
    }

    /// Stops the bank, if it runs here, closes the wallet file and releases the folder.
    pub async fn close(self) {
        if let Some(bank) = &self.bank {
            bank.stop().await;
        }
        self.store.close().await;
    }
}

fn no_bank() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "No bank is linked to this wallet. Nothing was changed.",
    )
}

/// Reaches the composed bank (starting it, when it runs with the wallet; its folder then private) and
/// connects the wallet's link to it, the link made on first use.
async fn connect(
    source: &dyn BankSource,
    config: &WalletConfig,
    store: &Store,
    keychain: &Keychain,
) -> ApiResult<(Box<dyn BankConnection>, BankLinkId)> {
    let bank_dir = local_bank_dir(&config.data_dir);
    let reached = source.reach(&bank_dir, config.clock.clone()).await?;
    if bank_dir.exists() {
        // SQLite made the bank's files readable by all; its folder already was not.
        folder::make_private(&bank_dir)?;
    }
    let link = match store.embedded_bank_link().await? {
        Some(link) => link.id,
        None => {
            let link = BankLink {
                id: BankLinkId::new(),
                bank_name: reached.bank_name.clone(),
                base_url: None,
                embedded: true,
                customer: Some(reached.customer.clone()),
                created_at: config.clock.now(),
                last_synced_at: None,
            };
            store.insert_bank_link(&link).await?;
            link.id
        }
    };
    let bank = OpenBanking::new(reached, link, config.clock.clone(), keychain.clone())?;
    Ok((Box::new(bank), link))
}

/// The wallet folder made (private) and held against other processes.
async fn hold_folder(config: &WalletConfig) -> ApiResult<FolderLock> {
    folder::create_private(&config.data_dir)?;
    FolderLock::take(&config.data_dir, config.lock_wait).await
}
