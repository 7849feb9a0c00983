//! The open wallet: its parts (crate::parts) over one shared context (crate::context). Every front end
//! (desktop, CLI, tests) holds one, composes the bank it opens with (`WalletConfig::bank`: the wallet
//! reaches it only through the seam, `bank_link`), and reaches each part through the lock's gate.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bank_link::{BankConnection, BankSource};
use tokio::sync::Mutex;
use url::Url;
use wallet_core::BankLinkId;
use wallet_core::clock::SharedClock;
use wallet_store::{BankLink, Store};

use crate::banks::OpenBanking;
use crate::context::{Context, LockState, Opened};
use crate::dto::security::SecurityEventKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::folder::{self, FolderLock};
use crate::identity;
use crate::keychain::Keychain;
use crate::parts::app_lock::key_digest;
use crate::parts::security::{PASSWORD_HASH, chosen_idle_minutes};
use crate::parts::{
    Accounts, AppLock, Bills, Budgets, Cards, Closure, Imports, Links, Payments, Preferences,
    Rewards, Security,
};
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

/// The open wallet: its parts, each reached through the lock's gate (see `parts`).
pub struct Wallet {
    cx: Arc<Context>,
    parts: Parts,
}

/// The wallet's parts, one per domain (crate::parts).
pub struct Parts {
    accounts: Accounts,
    app_lock: AppLock,
    bills: Bills,
    budgets: Budgets,
    cards: Cards,
    closure: Closure,
    imports: Imports,
    links: Arc<Links>,
    payments: Arc<Payments>,
    preferences: Preferences,
    rewards: Rewards,
    security: Arc<Security>,
}

impl std::fmt::Debug for Wallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wallet")
            .field("data_dir", &self.cx.data_dir())
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
        let key_digest = key_digest(&key);
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
        let key_digest = key_digest(&keys.database);
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
        let idle_minutes = chosen_idle_minutes(&store).await?;
        let opened_at = config.clock.now();
        // With an app password, Purse starts locked; without, the keyring handing over the key was the
        // unlock.
        let starts_locked = store.setting(PASSWORD_HASH).await?.is_some();
        let bank = match &config.bank {
            Some(source) => Some(connect(source.as_ref(), &config, &store, &keychain).await?),
            None => None,
        };
        let cx = Arc::new(Context::new(Opened {
            store,
            clock: config.clock,
            keychain,
            key_digest,
            bank,
            bank_source: config.bank,
            lock: LockState {
                locked: starts_locked,
                last_activity: opened_at,
                idle_minutes,
            },
            data_dir: config.data_dir,
            folder,
        }));
        cx.record(SecurityEventKind::WalletOpened, None).await;
        Ok(Wallet {
            parts: Parts::of(&cx),
            cx,
        })
    }
    pub fn data_dir(&self) -> &std::path::Path {
        self.cx.data_dir()
    }

    /// The address the wallet's bank answers on (for the built-in demo bank, a loopback port).
    pub fn bank_url(&self) -> Option<&Url> {
        self.cx.bank_url()
    }

    /// Whether Purse is locked now, or would be at the next command (its idle minutes are up). Changes
    /// nothing: for what the app says by itself (notifications), not for commands.
    pub fn is_locked(&self) -> bool {
        self.cx.is_locked()
    }

    /// How this front end shows a bank's page in the person's browser (signing in at a bank, approving a
    /// payment there); set by a front end that can open one.
    pub fn set_browser(&self, browser: Arc<dyn browser_sign_in::Browser>) {
        self.cx.set_browser(browser);
    }

    /// The lock's own commands: the one part reached without passing the gate.
    pub fn app_lock(&self) -> &AppLock {
        &self.parts.app_lock
    }

    /// Every part without the gate, for what the app does by itself while no one is at it (the sync at
    /// start, the alerts it holds for the unlock), never for a person's command: what it reads is not
    /// shown until the unlock.
    pub fn unattended(&self) -> &Parts {
        &self.parts
    }

    /// Stops the bank, if it runs here, closes the wallet file and releases the folder.
    pub async fn close(self) {
        self.cx.stop_bank().await;
        self.cx.store.close().await;
    }
}

/// A part for a person's command: through the gate (refused while Purse is locked; locked first after
/// the idle minutes; passing counts as being used).
macro_rules! through_the_gate {
    ($($part:ident: $type:ty),* $(,)?) => {
        impl Wallet {
            $(
                pub fn $part(&self) -> ApiResult<&$type> {
                    self.cx.pass_gate()?;
                    Ok(&self.parts.$part)
                }
            )*
        }

        impl Parts {
            $(
                pub fn $part(&self) -> &$type {
                    &self.$part
                }
            )*
        }

        $(
            impl crate::commands::Part for $type {
                fn of(wallet: &Wallet) -> ApiResult<&Self> {
                    wallet.$part()
                }
            }
        )*
    };
}

through_the_gate! {
    accounts: Accounts,
    bills: Bills,
    budgets: Budgets,
    cards: Cards,
    closure: Closure,
    imports: Imports,
    links: Links,
    payments: Payments,
    preferences: Preferences,
    rewards: Rewards,
    security: Security,
}

impl crate::commands::Part for AppLock {
    fn of(wallet: &Wallet) -> ApiResult<&Self> {
        Ok(wallet.app_lock())
    }
}

impl Parts {
    /// Each part over the one context, with the parts it calls on.
    fn of(cx: &Arc<Context>) -> Parts {
        let security = Arc::new(Security {
            cx: cx.clone(),
            pending_second_factor: Mutex::new(None),
            second_factor_lock: Mutex::new(()),
        });
        let links = Arc::new_cyclic(|links| Links {
            cx: cx.clone(),
            payments: Arc::new(Payments {
                cx: cx.clone(),
                security: security.clone(),
                links: links.clone(),
                payment_lock: Arc::new(Mutex::new(())),
            }),
            sync_lock: Arc::new(Mutex::new(())),
        });
        let payments = links.payments.clone();
        Parts {
            accounts: Accounts { cx: cx.clone() },
            app_lock: AppLock {
                cx: cx.clone(),
                security: security.clone(),
            },
            bills: Bills { cx: cx.clone() },
            budgets: Budgets { cx: cx.clone() },
            cards: Cards { cx: cx.clone() },
            closure: Closure {
                cx: cx.clone(),
                security: security.clone(),
                links: links.clone(),
                payments: payments.clone(),
            },
            imports: Imports { cx: cx.clone() },
            payments,
            preferences: Preferences { cx: cx.clone() },
            rewards: Rewards {
                cx: cx.clone(),
                security: security.clone(),
                links: links.clone(),
            },
            links,
            security,
        }
    }
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
                kind: wallet_store::LinkKind::OpenBanking,
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
