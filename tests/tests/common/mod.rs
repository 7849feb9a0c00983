//! A real sandbox bank on 127.0.0.1:0 with its own file, and a wallet in a temp folder, sharing a clock
//! that only the test moves.
// Each story file compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use std::sync::Arc;

use bank_sandbox::{RunningSandbox, Sandbox, SandboxConfig};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;
use wallet_app::clock::ManualClock;
use wallet_app::dto::{
    AccountDto, Payment, PaymentRequest, PaymentTarget, SyncProgress, TransactionDto,
    TransactionQuery,
};
use wallet_app::{Wallet, WalletConfig};

pub struct World {
    /// Kept so the folder lives as long as the world.
    pub _dir: TempDir,
    pub clock: ManualClock,
    pub bank: Option<RunningSandbox>,
    pub wallet: Wallet,
}

pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap()
}

pub async fn start_bank(dir: &TempDir, clock: &ManualClock) -> RunningSandbox {
    let sandbox = Sandbox::open(SandboxConfig {
        db_path: dir.path().join("bank.db"),
        clock: Arc::new(clock.clone()),
    })
    .await
    .expect("sandbox opens");
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    sandbox.serve(listener).await.expect("sandbox serves")
}

pub async fn world() -> World {
    let dir = TempDir::new().unwrap();
    let clock = ManualClock::at(start_time());
    let bank = start_bank(&dir, &clock).await;
    let wallet = Wallet::open(WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: dir.path().join("wallet"),
        clock: Arc::new(clock.clone()),
        bank: Some(bank_sandbox::demo::composed(Some(bank.base_url()))),
    })
    .await
    .expect("wallet opens");
    // The stories move the clock by days; the idle lock (5 minutes) is not what they tell of.
    wallet
        .security()
        .unwrap()
        .set_auto_lock(wallet_app::dto::security::SetAutoLock { minutes: 0 })
        .await
        .expect("auto-lock off");
    World {
        _dir: dir,
        clock,
        bank: Some(bank),
        wallet,
    }
}

pub fn ignore_progress(_: SyncProgress) {}

/// Every bill line, by following `nextCursor` to the end.
pub async fn all_bills(wallet: &Wallet, query: TransactionQuery) -> Vec<TransactionDto> {
    let mut lines = Vec::new();
    let mut cursor = None;
    loop {
        let page = wallet
            .bills()
            .unwrap()
            .page_transactions(TransactionQuery {
                cursor: cursor.clone(),
                limit: Some(200),
                ..query.clone()
            })
            .await
            .expect("page loads");
        lines.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return lines,
        }
    }
}

/// The payment PIN the payment stories set.
pub const PIN: &str = "258036";

pub fn no_payment_events(_: Payment) {}

/// Zhang Wei's card, at the demo customer's own bank.
pub const ZHANG_WEI: &str = "6222 0212 3456 7890 128";

/// A payment of `amount` to Zhang Wei from `from`, confirmed with `pin`, not saving him as a payee.
pub fn pay_zhang_wei(from: &AccountDto, amount: &str, pin: &str) -> PaymentRequest {
    PaymentRequest {
        from_account_id: from.id.clone(),
        to: PaymentTarget::Person {
            name: "张伟".into(),
            account_number: ZHANG_WEI.into(),
            bank_name: None,
            save: false,
        },
        amount: amount.into(),
        currency: from.currency.clone(),
        note: None,
        pin: pin.into(),
        second_factor: None,
    }
}

/// Starts setting up the second factor with the PIN, as the window does: what the window shows, and the
/// key as the authenticator app keeps it after scanning.
pub async fn begin_second_factor(
    wallet: &Wallet,
) -> (
    wallet_app::dto::security::SecondFactorSetup,
    second_factor::Secret,
) {
    let setup = wallet
        .security()
        .unwrap()
        .begin_second_factor(wallet_app::dto::security::BeginSecondFactor { pin: PIN.into() })
        .await
        .expect("the second factor's setup starts");
    let key = second_factor::Secret::import_base32(&setup.key.replace(' ', "")).unwrap();
    (setup, key)
}

/// A synced wallet with its payment PIN set.
pub async fn ready_to_pay() -> World {
    let w = world().await;
    w.wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap();
    w.wallet
        .security()
        .unwrap()
        .set_payment_pin(&PIN.into())
        .await
        .unwrap();
    w
}

/// The wallet's account whose name contains `name_part` ("Salary", "E-wallet").
pub async fn account_named(wallet: &Wallet, name_part: &str) -> AccountDto {
    wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts
        .into_iter()
        .find(|a| a.name.contains(name_part))
        .unwrap_or_else(|| panic!("no account named like {name_part}"))
}

impl World {
    /// "Sync now", as the person presses it; the stories need it to work.
    pub async fn sync(&self) -> wallet_app::dto::SyncReport {
        self.wallet
            .links()
            .unwrap()
            .sync_now(&ignore_progress)
            .await
            .expect("the sync runs")
    }

    /// Restarts the wallet on its same file against `bank` (e.g. a bank restarted on its same books, at a
    /// new port), as after the app was closed or killed.
    pub async fn restart_wallet(&mut self, bank: &RunningSandbox) {
        let data_dir = self.wallet.data_dir().to_path_buf();
        // The old wallet first: it holds the folder's lock (one process, one open wallet per folder).
        let placeholder = Wallet::open(WalletConfig {
            lock_wait: std::time::Duration::ZERO,
            data_dir: self._dir.path().join("between-restarts"),
            clock: Arc::new(self.clock.clone()),
            bank: Some(bank_sandbox::demo::composed(Some(bank.base_url()))),
        })
        .await
        .expect("a placeholder wallet opens");
        std::mem::replace(&mut self.wallet, placeholder)
            .close()
            .await;
        let reopened = Wallet::open(WalletConfig {
            lock_wait: std::time::Duration::ZERO,
            data_dir,
            clock: Arc::new(self.clock.clone()),
            bank: Some(bank_sandbox::demo::composed(Some(bank.base_url()))),
        })
        .await
        .expect("the wallet reopens");
        std::mem::replace(&mut self.wallet, reopened).close().await;
    }
}

/// Every account-access consent the bank holds for the wallet, with its status, as the bank's own file
/// says (not as the wallet remembers).
pub async fn consents_at_the_bank(bank_file: &std::path::Path) -> Vec<(String, String)> {
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;
    let mut db =
        sqlx::sqlite::SqliteConnectOptions::from_str(&format!("sqlite:{}", bank_file.display()))
            .unwrap()
            .read_only(true)
            .connect()
            .await
            .expect("the bank's file opens");
    let rows = sqlx::query_as(
        "SELECT consent_id, status FROM consents WHERE kind = 'accounts' ORDER BY created_at",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    db.close().await.unwrap();
    rows
}

/// The consents the bank still honours (not revoked).
pub fn still_open(consents: &[(String, String)]) -> Vec<&(String, String)> {
    consents
        .iter()
        .filter(|(_, status)| status != "Deleted")
        .collect()
}
