//! The wallet's secrets as a thief with the laptop, or a machine without a keyring, would meet them:
//! the wallet file's key lives only in the OS keyring (a real Secret Service here: gnome-keyring in a
//! private D-Bus session, see scripts/with-keyring.sh), the file is unreadable without it, and with no
//! keyring the wallet stays closed rather than falling back to an unencrypted file.

mod common;

use std::process::Command;

use tempfile::TempDir;
use wallet_app::dto::TransactionQuery;
use wallet_app::keychain::Keychain;
use wallet_app::{ErrorCode, Wallet, WalletConfig};
use wallet_store::DatabaseKey;

fn config(dir: &std::path::Path, bank: &bank_sandbox::RunningSandbox) -> WalletConfig {
    WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: dir.to_path_buf(),
        clock: std::sync::Arc::new(wallet_app::clock::ManualClock::at(common::start_time())),
        bank: Some(bank_sandbox::demo::composed(Some(bank.base_url()))),
    }
}

#[tokio::test]
async fn a_key_kept_in_the_keyring_reads_back_the_same_and_stays_per_wallet_folder() {
    let (one, two) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let key = DatabaseKey::generate();
    Keychain::for_wallet(one.path())
        .keep_database_key(&key)
        .unwrap();

    let read = Keychain::for_wallet(one.path()).database_key().unwrap();
    assert_eq!(
        read.map(|k| k.to_hex().expose().clone()),
        Some(key.to_hex().expose().clone())
    );
    assert!(
        Keychain::for_wallet(two.path())
            .database_key()
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_new_wallet_puts_its_key_in_the_keyring_and_opens_again_with_it_after_a_sync() {
    let world = common::world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .expect("first sync");
    let dir = world.wallet.data_dir().to_path_buf();
    let key = Keychain::for_wallet(&dir).database_key().unwrap();
    assert!(key.is_some(), "the keyring holds the new wallet's key");
    let bills = common::all_bills(&world.wallet, TransactionQuery::default())
        .await
        .len();
    assert!(bills > 0);
    let bank = world.bank.expect("the test's bank");
    world.wallet.close().await;

    let again = Wallet::open(config(&dir, &bank)).await.expect("reopens");
    let kept = common::all_bills(&again, TransactionQuery::default()).await;
    assert_eq!(kept.len(), bills);
}

#[tokio::test]
async fn a_wallet_whose_key_is_not_in_the_keyring_stays_closed_and_untouched() {
    let world = common::world().await;
    let dir = world.wallet.data_dir().to_path_buf();
    let bank = world.bank.expect("the test's bank");
    world.wallet.close().await;
    let before = std::fs::read(dir.join("wallet.db")).unwrap();
    // The wallet copied to another folder: its key stays filed under the first one.
    let elsewhere = TempDir::new().unwrap();
    std::fs::copy(dir.join("wallet.db"), elsewhere.path().join("wallet.db")).unwrap();

    let error = Wallet::open(config(elsewhere.path(), &bank))
        .await
        .expect_err("opens without its key");
    assert_eq!(error.code, ErrorCode::WrongKey);
    assert_eq!(
        std::fs::read(elsewhere.path().join("wallet.db")).unwrap(),
        before
    );
}

/// Runs in a child process whose D-Bus session address leads nowhere (see the test below).
#[tokio::test]
#[ignore = "run by with_no_keyring_the_wallet_stays_closed_and_writes_no_file, in its own process"]
async fn child_opening_a_wallet_with_no_keyring() {
    let dir = TempDir::new().unwrap();
    let clock = wallet_app::clock::ManualClock::at(common::start_time());
    let bank = common::start_bank(&dir, &clock).await;
    let wallet_dir = dir.path().join("wallet");
    let error = Wallet::open(config(&wallet_dir, &bank))
        .await
        .expect_err("a wallet opened with no keyring");
    assert_eq!(error.code, ErrorCode::KeyringUnavailable);
    assert!(error.message.contains("keyring"), "{}", error.message);
    assert!(!wallet_dir.join("wallet.db").exists());
}

#[test]
fn with_no_keyring_the_wallet_stays_closed_and_writes_no_file() {
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_opening_a_wallet_with_no_keyring",
            "--ignored",
            "--nocapture",
        ])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/purse-no-bus",
        )
        .status()
        .unwrap();
    assert!(status.success(), "the child's assertions failed");
}

/// The wallet file opened with its own key (from the keyring), as a second reader would.
async fn open_file(dir: &std::path::Path) -> wallet_store::Store {
    let key = Keychain::for_wallet(dir).database_key().unwrap().unwrap();
    wallet_store::Store::open(&wallet_store::StoreOptions::at(dir.join("wallet.db"), key))
        .await
        .unwrap()
}

/// Whether the wallet file has anywhere to hold the bank link's tokens, and the link.
async fn tokens_in_the_file(dir: &std::path::Path) -> (bool, wallet_core::BankLinkId) {
    let store = open_file(dir).await;
    let link = store.embedded_bank_link().await.unwrap().unwrap().id;
    let token_columns: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pragma_table_info('bank_links') WHERE name LIKE '%token%' OR name = 'consent_id'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    let held = token_columns > 0;
    store.close().await;
    (held, link)
}

#[tokio::test]
async fn after_a_sync_the_bank_tokens_are_in_the_keyring_and_not_in_the_wallet_file() {
    let world = common::world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .expect("first sync");
    let dir = world.wallet.data_dir().to_path_buf();
    world.wallet.close().await;

    let (held, link) = tokens_in_the_file(&dir).await;
    assert!(!held, "the wallet file holds the bank's tokens");
    let kept = Keychain::for_wallet(&dir).link_tokens(link).unwrap();
    assert!(kept.is_some_and(|tokens| !tokens.access_token.expose().is_empty()));
}

#[tokio::test]
async fn the_security_log_tells_of_the_sign_in_the_pin_a_new_payee_wrong_pins_and_the_lock() {
    use wallet_app::dto::NewPayee;
    use wallet_app::dto::security::{SecurityEventKind as Kind, SecurityLogQuery};

    let w = common::ready_to_pay().await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    w.wallet
        .payments()
        .unwrap()
        .add_payee(NewPayee {
            name: "王芳 Wang Fang".into(),
            account_number: "6222 6099 8877 6655 446".into(),
            bank_name: None,
            pin: common::PIN.into(),
            second_factor: None,
        })
        .await
        .unwrap();
    let wrong = common::pay_zhang_wei(&salary, "1", "000001");
    for _ in 0..5 {
        w.wallet
            .payments()
            .unwrap()
            .submit_payment(wrong.clone(), &common::no_payment_events)
            .await
            .unwrap_err();
    }

    let log = w
        .wallet
        .security()
        .unwrap()
        .security_log(SecurityLogQuery::default())
        .await
        .unwrap();
    let kinds: Vec<Kind> = log.iter().map(|event| event.kind).collect();
    assert_eq!(
        kinds,
        vec![
            Kind::PinLocked,
            Kind::PinWrong,
            Kind::PinWrong,
            Kind::PinWrong,
            Kind::PinWrong,
            Kind::PayeeAdded,
            Kind::PinSet,
            Kind::WalletOpened,
        ]
    );
    let details: Vec<Option<&str>> = log[1..6].iter().map(|e| e.detail.as_deref()).collect();
    assert_eq!(
        details,
        vec![
            Some("1"),
            Some("2"),
            Some("3"),
            Some("4"),
            Some("王芳 Wang Fang")
        ]
    );
    for event in &log {
        for secret in [common::PIN, "000001"] {
            assert!(!event.detail.as_deref().unwrap_or("").contains(secret));
        }
    }

    // A page before the fifth newest starts at the sixth.
    let older = w
        .wallet
        .security()
        .unwrap()
        .security_log(SecurityLogQuery {
            limit: Some(2),
            before: Some(log[4].id),
        })
        .await
        .unwrap();
    assert_eq!(
        older.iter().map(|e| e.kind).collect::<Vec<_>>(),
        vec![Kind::PayeeAdded, Kind::PinSet]
    );
}

/// The bank's answer to the wallet's old token, after the account was closed.
async fn accounts_with(bank: &bank_sandbox::RunningSandbox, token: &str) -> bool {
    let client = bank_api::BankClient::new(
        bank_api::BankEndpoint {
            base_url: bank.base_url(),
            client_id: bank_sandbox::DEMO_CLIENT_ID.to_string(),
            redirect_uri: "http://127.0.0.1/callback".parse().unwrap(),
        },
        bank_api::ClientOptions::default(),
    )
    .unwrap();
    client
        .accounts(&bank_api::AccessToken::from(token.to_string()))
        .await
        .is_ok()
}

#[tokio::test]
async fn closing_the_account_withdraws_the_banks_consent_and_leaves_no_file_or_keyring_entry() {
    let w = common::ready_to_pay().await;
    let dir = w.wallet.data_dir().to_path_buf();
    let (_, link) = tokens_in_the_file(&dir).await;
    let token = Keychain::for_wallet(&dir)
        .link_tokens(link)
        .unwrap()
        .unwrap()
        .access_token
        .expose()
        .clone();
    let bank = w.bank.as_ref().expect("the test's bank");
    assert!(accounts_with(bank, &token).await, "the token reads before");

    w.wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .expect("closes");

    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in the wallet folder: {left:?}");
    let keychain = Keychain::for_wallet(&dir);
    assert!(keychain.database_key().unwrap().is_none());
    assert!(keychain.link_tokens(link).unwrap().is_none());
    assert!(
        !accounts_with(bank, &token).await,
        "the bank still answers the old token"
    );
}

#[tokio::test]
async fn a_wrong_pin_or_a_payment_on_its_way_keeps_the_account_open_and_whole() {
    let mut w = common::ready_to_pay().await;
    let dir = w.wallet.data_dir().to_path_buf();
    let refused = w
        .wallet
        .closure()
        .unwrap()
        .close_account("975310", None)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::WrongPin);

    // The bank goes away, so a payment waits queued.
    w.bank.take().unwrap().shutdown().await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    w.wallet
        .payments()
        .unwrap()
        .submit_payment(
            common::pay_zhang_wei(&salary, "12", common::PIN),
            &common::no_payment_events,
        )
        .await
        .expect("queued");
    let refused = w
        .wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::PaymentsPending);

    assert!(dir.join("wallet.db").exists());
    assert!(Keychain::for_wallet(&dir).database_key().unwrap().is_some());
    assert!(
        !common::all_bills(&w.wallet, TransactionQuery::default())
            .await
            .is_empty()
    );
}
