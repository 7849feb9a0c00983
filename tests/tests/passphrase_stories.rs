//! A machine with no keyring, as its user meets it: the wallet says so and stays closed, the person
//! chooses a passphrase instead, and from then on the folder reveals nothing without it — the wallet
//! file is encrypted, the bank's tokens and the second factor's key are sealed beside it, and a wrong
//! passphrase opens nothing; closing the account leaves nothing behind. Each story runs in a child process whose D-Bus address leads nowhere.

mod common;

use std::process::Command;

use tempfile::TempDir;
use wallet_app::clock::Clock;
use wallet_app::dto::TransactionQuery;
use wallet_app::dto::security::ConfirmSecondFactor;
use wallet_app::{ErrorCode, Wallet, WalletConfig};

const PASSPHRASE: &str = "correct horse battery";

fn config(
    dir: &std::path::Path,
    bank: &bank_sandbox::RunningSandbox,
    clock: &wallet_app::clock::ManualClock,
) -> WalletConfig {
    WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: dir.to_path_buf(),
        clock: std::sync::Arc::new(clock.clone()),
        bank: Some(bank_sandbox::demo::composed(Some(bank.base_url()))),
    }
}

/// Every file in the folder, read whole.
fn folder_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test]
#[ignore = "run by without_a_keyring_a_passphrase_protects_the_wallet, in its own process"]
async fn child_choosing_a_passphrase_with_no_keyring() {
    let dir = TempDir::new().unwrap();
    let clock = wallet_app::clock::ManualClock::at(common::start_time());
    let bank = common::start_bank(&dir, &clock).await;
    let wallet_dir = dir.path().join("wallet");
    let opened = Wallet::open(config(&wallet_dir, &bank, &clock)).await;
    assert_eq!(opened.unwrap_err().code, ErrorCode::KeyringUnavailable);

    let short = Wallet::open_with_passphrase(config(&wallet_dir, &bank, &clock), "short")
        .await
        .unwrap_err();
    assert_eq!(short.code, ErrorCode::InvalidInput);
    assert!(!wallet_dir.join("wallet.db").exists());

    let wallet = Wallet::open_with_passphrase(config(&wallet_dir, &bank, &clock), PASSPHRASE)
        .await
        .expect("a passphrase wallet opens");
    wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .unwrap();
    wallet
        .security()
        .unwrap()
        .set_payment_pin(&common::PIN.into())
        .await
        .unwrap();
    let (setup, key) = common::begin_second_factor(&wallet).await;
    let now = u64::try_from(clock.now().timestamp()).unwrap();
    wallet
        .security()
        .unwrap()
        .confirm_second_factor(ConfirmSecondFactor {
            code: second_factor::code_at(&key, now).into(),
            pin: common::PIN.into(),
        })
        .await
        .unwrap();
    let bills = common::all_bills(&wallet, TransactionQuery::default())
        .await
        .len();
    assert!(bills > 100);
    wallet.close().await;

    let on_disk = folder_bytes(&wallet_dir);
    for plain in [
        "星巴克",
        "Starbucks",
        "SQLite format 3",
        &setup.key.replace(' ', ""),
    ] {
        assert!(!contains(&on_disk, plain), "{plain} readable in the folder");
    }

    let again = Wallet::open(config(&wallet_dir, &bank, &clock)).await;
    assert_eq!(again.unwrap_err().code, ErrorCode::PassphraseNeeded);
    let wrong =
        Wallet::open_with_passphrase(config(&wallet_dir, &bank, &clock), "wrong horse battery")
            .await
            .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::WrongPassword);

    let wallet = Wallet::open_with_passphrase(config(&wallet_dir, &bank, &clock), PASSPHRASE)
        .await
        .unwrap();
    assert_eq!(
        common::all_bills(&wallet, TransactionQuery::default())
            .await
            .len(),
        bills
    );
    assert!(
        wallet
            .security()
            .unwrap()
            .second_factor_status()
            .await
            .unwrap()
            .enrolled,
        "the second factor's key was kept, sealed"
    );
    wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .expect("the bank link still works");

    // Closing the account leaves nothing of it: no wallet file, no salt, no sealed secrets.
    clock.advance(chrono::Duration::seconds(31));
    let now = u64::try_from(clock.now().timestamp()).unwrap();
    wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, Some(&second_factor::code_at(&key, now)))
        .await
        .expect("the account closes");
    assert!(
        !wallet_dir.exists(),
        "something was left in the wallet folder"
    );
}

#[test]
fn without_a_keyring_a_passphrase_protects_the_wallet() {
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_choosing_a_passphrase_with_no_keyring",
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
