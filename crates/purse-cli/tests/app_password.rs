//! The command line meets the app lock as the window does (issue 18): a wallet with an app password
//! answers a `purse` command only once the password unlocks it, from `PURSE_APP_PASSWORD` or standard
//! input; a wrong one is refused, shows nothing and is logged. Runs inside scripts/with-keyring.sh (the
//! wallet's key is in the keyring).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use wallet_app::clock::SystemClock;
use wallet_app::dto::security::SetAppPassword;
use wallet_app::{Wallet, WalletConfig};

const PIN: &str = "258036";
const PASSWORD: &str = "correct horse battery";

fn config(dir: &Path) -> WalletConfig {
    WalletConfig {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(SystemClock),
        bank: Some(bank_sandbox::demo::composed(None)),
        lock_wait: Duration::from_secs(10),
    }
}

/// A wallet with its accounts synced, a PIN and an app password, closed again.
async fn wallet_with_an_app_password(dir: &Path) {
    let wallet = Wallet::open(config(dir)).await.expect("the wallet opens");
    wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    let security = wallet.security().unwrap();
    security.set_payment_pin(&PIN.into()).await.unwrap();
    security
        .set_app_password(SetAppPassword {
            password: Some(PASSWORD.into()),
            current: None,
            pin: PIN.into(),
        })
        .await
        .unwrap();
    wallet.close().await;
}

/// `purse --json accounts`, given `stdin` and, when set, `PURSE_APP_PASSWORD`.
fn accounts(dir: &Path, password_in_env: Option<&str>, stdin: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_purse"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(["--json", "accounts"])
        .env_remove("PURSE_APP_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(password) = password_in_env {
        command.env("PURSE_APP_PASSWORD", password);
    }
    let mut child = command.spawn().expect("purse starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wallet_with_an_app_password_answers_the_command_line_only_once_the_password_unlocks_it()
{
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().join("wallet");
    wallet_with_an_app_password(&dir).await;

    let (dir_for_tries, password_line) = (dir.clone(), format!("{PASSWORD}\n"));
    let (nothing, wrong, from_env, from_stdin) = tokio::task::spawn_blocking(move || {
        (
            accounts(&dir_for_tries, None, ""),
            accounts(&dir_for_tries, Some("wrong horse"), ""),
            accounts(&dir_for_tries, Some(PASSWORD), ""),
            accounts(&dir_for_tries, None, &password_line),
        )
    })
    .await
    .unwrap();

    for refused in [&nothing, &wrong] {
        assert!(!refused.status.success());
        assert!(refused.stdout.is_empty(), "nothing of the wallet is shown");
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(said.contains("not the app password"), "{said}");
        assert!(!said.contains("wrong horse"), "{said}");
    }
    for unlocked in [&from_env, &from_stdin] {
        assert!(
            unlocked.status.success(),
            "{}",
            String::from_utf8_lossy(&unlocked.stderr)
        );
        let overview: serde_json::Value = serde_json::from_slice(&unlocked.stdout).unwrap();
        assert!(!overview["accounts"].as_array().unwrap().is_empty());
    }

    // Each try was counted and logged, as the window's are.
    let wallet = Wallet::open(config(&dir)).await.unwrap();
    wallet.app_lock().unlock_app(Some(PASSWORD)).await.unwrap();
    let log = wallet
        .security()
        .unwrap()
        .security_log(Default::default())
        .await
        .unwrap();
    let kinds: Vec<_> = log
        .iter()
        .map(|event| serde_json::to_value(event.kind).unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|kind| *kind == "unlockFailed").count(),
        2,
        "{kinds:?}"
    );
    assert!(kinds.iter().filter(|kind| *kind == "appUnlocked").count() >= 3);
    wallet.close().await;
}
