//! The window's commands are the wallet-app methods marked `#[commands]`: their TypeScript client
//! (ui/src/lib/ipc/commands.ts) is generated from them, and this fails when the committed file is stale.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p wallet-app --test commands`.

mod committed;

use std::sync::Arc;

use serde_json::{Value, json};
use wallet_app::clock::SystemClock;
use wallet_app::{ErrorCode, Wallet, WalletConfig, commands};

#[test]
fn the_committed_typescript_client_matches_the_commands() {
    committed::assert_fresh("commands.ts", &commands::typescript_client(), "commands");
}

#[test]
fn every_command_has_its_own_name_and_typescript_function() {
    let all = commands::all();
    let mut names: Vec<_> = all.iter().map(|c| c.name).collect();
    names.dedup();
    assert_eq!(names.len(), all.len(), "a command name is registered twice");
    let mut functions: Vec<_> = all.iter().map(|c| (c.ts)().function).collect();
    functions.sort();
    functions.dedup();
    assert_eq!(
        functions.len(),
        all.len(),
        "two commands share a TypeScript name"
    );
    for name in [
        "list_accounts",
        "get_account",
        "set_payment_pin",
        "lock_status",
        "still_here",
    ] {
        assert!(commands::find(name).is_some(), "{name} is not a command");
    }
}

#[test]
fn methods_that_need_the_desktop_are_not_wallet_commands() {
    for name in [
        "sync_now",
        "submit_payment",
        "unlock_app",
        "close_account",
        "check_budget_alerts",
    ] {
        assert!(
            commands::find(name).is_none(),
            "{name} should not be a wallet command"
        );
    }
}

#[test]
fn an_argument_is_typed_by_its_rust_type_under_its_camel_case_name() {
    let get_account = (commands::find("get_account").unwrap().ts)();
    assert_eq!(get_account.function, "getAccount");
    assert_eq!(get_account.arguments, [("accountId", "string".to_string())]);
    assert_eq!(get_account.answer, "AccountDto");
    let receive_code = (commands::find("receive_code").unwrap().ts)();
    assert_eq!(
        receive_code.arguments,
        [
            ("accountId", "string".to_string()),
            ("amount", "string | null".to_string())
        ]
    );
    assert_eq!(
        (commands::find("list_payees").unwrap().ts)().answer,
        "PayeeDto[]"
    );
    assert_eq!(
        (commands::find("remove_payee").unwrap().ts)().answer,
        "null"
    );
    // A PIN is a string on the wire, kept wrapped as a secret on the Rust side.
    let set_pin = (commands::find("set_payment_pin").unwrap().ts)();
    assert_eq!(set_pin.arguments, [("pin", "string".to_string())]);
    // A 64-bit id crosses IPC as a JSON number.
    let undo = (commands::find("undo_import").unwrap().ts)();
    assert_eq!(undo.arguments, [("importId", "number".to_string())]);
}

/// A wallet in a fresh folder without a bank (with a passphrase: no keyring needed).
async fn wallet(dir: &tempfile::TempDir) -> Wallet {
    let config = WalletConfig {
        data_dir: dir.path().join("wallet"),
        lock_wait: std::time::Duration::ZERO,
        clock: Arc::new(SystemClock),
        bank: None,
    };
    Wallet::open_with_passphrase(config, "a passphrase for the tests")
        .await
        .expect("the wallet opens")
}

async fn call(
    wallet: &Wallet,
    name: &str,
    arguments: Value,
) -> Result<Value, wallet_app::ApiError> {
    commands::call(wallet, name, arguments)
        .expect("a wallet command")
        .await
}

#[tokio::test]
async fn a_command_called_by_name_reads_its_arguments_and_answers_json() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    let status = call(&wallet, "set_payment_pin", json!({ "pin": "258036" }))
        .await
        .unwrap();
    assert_eq!(status["isSet"], true);
    assert_eq!(
        call(&wallet, "pin_status", Value::Null).await.unwrap()["isSet"],
        true
    );
    let overview = call(&wallet, "list_accounts", json!({})).await.unwrap();
    assert!(overview["accounts"].is_array(), "{overview}");
    assert!(commands::call(&wallet, "no_such_command", json!({})).is_none());
    wallet.close().await;
}

#[tokio::test]
async fn a_missing_or_misshapen_argument_is_refused_as_invalid_input_naming_it_but_not_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    for (name, arguments, key) in [
        ("get_account", json!({}), "accountId"),
        ("get_account", json!({ "account_id": "x" }), "accountId"),
        ("set_payment_pin", json!({ "pin": 975310 }), "pin"),
        (
            "page_transactions",
            json!({ "query": "everything" }),
            "query",
        ),
        ("undo_import", json!({ "importId": "seven" }), "importId"),
    ] {
        let error = call(&wallet, name, arguments).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput, "{name}: {error}");
        assert!(error.message.contains(key), "{name}: {error}");
        assert!(!error.message.contains("975310"), "{error}");
    }
    let error = call(&wallet, "list_accounts", json!(["positional"]))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        !call(&wallet, "pin_status", json!({})).await.unwrap()["isSet"]
            .as_bool()
            .unwrap()
    );
    wallet.close().await;
}

#[tokio::test]
async fn a_locked_wallet_answers_only_the_locks_own_commands_whoever_calls() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet(&dir).await;
    call(&wallet, "lock_app", json!({})).await.unwrap();
    let mut answered = Vec::new();
    for command in commands::all() {
        match call(&wallet, command.name, json!({})).await {
            Err(error) if error.code == ErrorCode::Locked => {}
            _ => answered.push(command.name),
        }
    }
    assert_eq!(answered, ["lock_app", "lock_status"]);
    // A front end that calls the parts itself (the CLI) meets the same gate.
    let refused = wallet.accounts().map(|_| ()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Locked);
    assert_eq!(
        wallet.security().map(|_| ()).unwrap_err().code,
        ErrorCode::Locked
    );
    wallet
        .app_lock()
        .unlock_app(Some("a passphrase for the tests"))
        .await
        .unwrap();
    assert!(wallet.accounts().is_ok());
    wallet.close().await;
}
