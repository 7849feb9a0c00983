//! The desktop commands over Tauri's real IPC path (invoke key, argument names, error shape), on Tauri's
//! mock runtime with a real wallet and the embedded sandbox bank: what the UI's `invoke` calls get back.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use purse_desktop::{AppState, with_commands};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, Manager, WebviewWindow, WebviewWindowBuilder};
use wallet_app::clock::ManualClock;
use wallet_app::{Wallet, WalletConfig};

struct Window {
    /// Kept so the wallet's folder lives as long as the app.
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    clock: ManualClock,
}

/// A window whose commands reach a fresh wallet on the embedded sandbox bank, as on a first launch.
fn window() -> Window {
    let window = window_after(|_| {});
    window
        .webview
        .state::<AppState>()
        .wallet()
        .expect("the wallet opens");
    window
}

/// A window started as Purse starts: `prepare` leaves the wallet folder as it is found, then the wallet
/// is opened there the same way (`Wallet::open`), or not, and why.
fn window_after(prepare: impl FnOnce(&WalletConfig)) -> Window {
    let dir = tempfile::tempdir().unwrap();
    let (clock, config) = folder_config(&dir);
    prepare(&config);
    // On Tauri's own runtime, where the commands will run, so the embedded bank's tasks live there too.
    let opened = tauri::async_runtime::block_on(Wallet::open(config.clone())).map(Arc::new);
    window_with(dir, clock, opened, config)
}

/// A wallet folder in `dir` on the embedded sandbox bank (its own folder beside it, both inside `dir`),
/// on a clock the test moves.
fn folder_config(dir: &tempfile::TempDir) -> (ManualClock, WalletConfig) {
    let clock = ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap());
    let config = WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: dir.path().join("wallet"),
        clock: Arc::new(clock.clone()),
        bank: Some(Arc::new(bank_sandbox::demo::EmbeddedDemoBank)),
    };
    (clock, config)
}

/// A window whose commands see `opened`: the wallet, or why it could not be opened.
fn window_with(
    dir: tempfile::TempDir,
    clock: ManualClock,
    opened: Result<Arc<Wallet>, wallet_app::ApiError>,
    config: WalletConfig,
) -> Window {
    let app = with_commands(mock_builder())
        .manage(AppState::new(opened, config))
        .build(mock_context(noop_assets()))
        .expect("the app builds");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the window opens");
    Window {
        _dir: dir,
        _app: app,
        webview,
        clock,
    }
}

/// The id of the account whose name contains `name`, as `list_accounts` gives it to the window.
fn account_id_named(window: &Window, name: &str) -> Value {
    let overview = invoke(window, "list_accounts", json!({})).unwrap();
    overview["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"].as_str().unwrap().contains(name))
        .unwrap()["id"]
        .clone()
}

/// What `invoke(command, args)` resolves to (Ok) or rejects with (Err), as JSON.
fn invoke(window: &Window, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // The app's own origin (the custom protocol the window loads from), as the real UI calls from.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&window.webview, request).map(|body| {
        body.deserialize::<Value>()
            .expect("a command answers with JSON")
    })
}

#[test]
fn after_a_sync_the_window_lists_the_demo_accounts_and_their_bills() {
    let window = window();
    let report = invoke(&window, "sync_now", json!({})).expect("the sync succeeds");
    assert_eq!(report["accounts"], 5);
    assert!(
        report["transactionsAdded"].as_u64().unwrap() > 1000,
        "{report}"
    );

    let overview = invoke(&window, "list_accounts", json!({})).unwrap();
    let accounts = overview["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 5);
    assert_eq!(overview["homeCurrency"], "CNY");

    let first = accounts[0]["id"].as_str().unwrap();
    let account = invoke(&window, "get_account", json!({ "accountId": first })).unwrap();
    assert_eq!(account["id"], first);

    let query = json!({ "query": { "accountId": first, "month": null, "text": null, "cursor": null, "limit": 20 } });
    let page = invoke(&window, "page_transactions", query).unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    assert!(items.iter().all(|item| item["accountId"] == first));
    assert!(
        page["nextCursor"].is_string(),
        "two years of bills need more than one page"
    );
}

#[test]
fn an_account_that_is_not_in_the_wallet_is_refused_as_not_found_with_a_message() {
    let window = window();
    let unknown = "01890000-0000-7000-8000-000000000000";
    let error = invoke(&window, "get_account", json!({ "accountId": unknown }))
        .expect_err("there is no such account");
    assert_eq!(error["code"], "notFound", "{error}");
    assert!(!error["message"].as_str().unwrap().is_empty(), "{error}");
}

#[test]
fn an_account_id_that_is_not_an_id_is_refused_as_invalid_input() {
    let window = window();
    let error = invoke(
        &window,
        "get_account",
        json!({ "accountId": "no-such-account" }),
    )
    .expect_err("that is not an id");
    assert_eq!(error["code"], "invalidInput", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("no-such-account"),
        "{error}"
    );
}

#[test]
fn a_malformed_month_is_refused_as_invalid_input() {
    let window = window();
    let query = json!({ "query": { "accountId": null, "month": "2026-13", "text": null, "cursor": null, "limit": null } });
    let error = invoke(&window, "page_transactions", query).expect_err("month 13 does not exist");
    assert_eq!(error["code"], "invalidInput", "{error}");
}

#[test]
fn the_start_up_alerts_wait_until_the_window_says_it_listens() {
    let window = window();
    let state = window.webview.state::<AppState>();
    assert!(!state.is_window_listening());
    invoke(&window, "window_listening", json!({})).unwrap();
    assert!(state.is_window_listening());
}

#[test]
fn the_first_screen_is_timed_once_however_often_the_window_says_it_showed() {
    let window = window();
    let state = window.webview.state::<AppState>();
    invoke(&window, "first_screen_shown", json!({ "screen": "home" })).unwrap();
    assert_eq!(
        state.first_screen_shown(),
        None,
        "the first call already told it"
    );
    assert_eq!(
        invoke(&window, "first_screen_shown", json!({ "screen": "bills" })),
        Ok(Value::Null)
    );
}

#[test]
fn the_language_setting_changes_and_reads_back_through_the_window() {
    let window = window();
    let changed = invoke(
        &window,
        "update_settings",
        json!({ "patch": { "language": "zh-CN" } }),
    )
    .unwrap();
    assert_eq!(changed["language"], "zh-CN");
    assert_eq!(
        invoke(&window, "get_settings", json!({})).unwrap()["language"],
        "zh-CN"
    );
}

#[test]
fn a_payment_sent_in_the_uis_shape_is_made_and_its_status_comes_back() {
    let window = window();
    invoke(&window, "sync_now", json!({})).unwrap();
    let pin = invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    assert_eq!(pin["isSet"], true);
    let salary = account_id_named(&window, "Salary");
    let request = json!({ "request": {
        "fromAccountId": salary,
        "to": { "kind": "person", "name": "张伟", "accountNumber": "6222 0212 3456 7890 128", "bankName": null, "save": true },
        "amount": "12.30", "currency": "CNY", "note": null, "pin": "258036",
    }});
    let paid = invoke(&window, "submit_payment", request).unwrap();
    assert_eq!(paid["status"], "completed", "{paid}");
    assert_eq!(paid["amount"]["amount"], "12.30");
    assert_eq!(
        invoke(&window, "list_payees", json!({})).unwrap()[0]["maskedNumber"],
        "•••• 0128"
    );
    let wrong = json!({ "request": {
        "fromAccountId": salary,
        "to": { "kind": "qr", "payload": "000201" },
        "amount": "1", "currency": "CNY", "note": null, "pin": "258036",
    }});
    let refused = invoke(&window, "submit_payment", wrong).expect_err("not a payment code");
    assert_eq!(refused["code"], "invalidInput", "{refused}");
}

#[test]
fn invalid_input_to_a_command_is_refused_as_such_and_changes_nothing() {
    let window = window();
    invoke(&window, "sync_now", json!({})).unwrap();
    let log_before = invoke(&window, "security_log", json!({ "query": {} })).unwrap();

    for pin in ["12345", "12a456", "111111", ""] {
        let refused = invoke(&window, "set_payment_pin", json!({ "pin": pin })).unwrap_err();
        assert_eq!(refused["code"], "invalidInput", "{pin:?}: {refused}");
    }
    assert_eq!(
        invoke(&window, "pin_status", json!({})).unwrap()["isSet"],
        false
    );

    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    let accounts = invoke(&window, "list_accounts", json!({})).unwrap()["accounts"].clone();
    let salary = accounts[0]["id"].clone();
    for (amount, currency, number) in [
        ("12.345", "CNY", "6222 0212 3456 7890 128"),
        ("-5", "CNY", "6222 0212 3456 7890 128"),
        ("1", "XYZ", "6222 0212 3456 7890 128"),
        ("1", "CNY", "not a number"),
    ] {
        let request = json!({ "request": {
            "fromAccountId": salary,
            "to": { "kind": "person", "name": "张伟", "accountNumber": number, "bankName": null, "save": true },
            "amount": amount, "currency": currency, "note": null, "pin": "258036",
        }});
        let refused = invoke(&window, "submit_payment", request).unwrap_err();
        assert_eq!(
            refused["code"], "invalidInput",
            "{amount} {currency} {number}: {refused}"
        );
    }
    assert_eq!(
        invoke(&window, "list_payments", json!({})).unwrap(),
        json!([])
    );
    assert_eq!(
        invoke(&window, "list_payees", json!({})).unwrap(),
        json!([])
    );
    // The log gained the PIN being set, and nothing for the refused requests.
    let log_after = invoke(&window, "security_log", json!({ "query": {} })).unwrap();
    assert_eq!(
        log_after.as_array().unwrap().len(),
        log_before.as_array().unwrap().len() + 1
    );
    assert_eq!(log_after[0]["kind"], "pinSet");
}

#[test]
fn a_payment_abroad_is_checked_and_quoted_in_the_uis_shape_and_an_unknown_quote_is_not_paid() {
    let window = window();
    invoke(&window, "sync_now", json!({})).unwrap();
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    let recipient = json!({
        "name": "Anna Schmidt", "account": "DE88 3704 0044 0532 0130 00", "bic": "COBADEFF", "country": "de",
    });
    let checked = invoke(
        &window,
        "check_recipient_abroad",
        json!({ "draft": recipient }),
    )
    .unwrap();
    assert_eq!(checked["valid"], false, "{checked}");
    assert!(
        checked["accountError"]
            .as_str()
            .unwrap()
            .contains("check digits")
    );
    let accounts = invoke(&window, "list_accounts", json!({})).unwrap()["accounts"].clone();
    let salary = accounts[0]["id"].clone();
    let request = json!({ "request": {
        "fromAccountId": salary,
        "recipient": { "name": "Anna Schmidt", "account": "DE89 3704 0044 0532 0130 00", "bic": "COBADEFF", "country": "DE" },
        "currency": "EUR", "amount": "100", "chargeBearer": "borneByDebtor", "note": null,
    }});
    let quote = invoke(&window, "quote_international", request).unwrap();
    assert_eq!(quote["fee"]["amount"], "150.00", "{quote}");
    assert_eq!(quote["delivered"]["amount"], "100.00", "{quote}");
    let unknown = invoke(
        &window,
        "pay_international",
        json!({ "request": { "quoteId": "no-such-quote", "pin": "258036", "secondFactor": null } }),
    )
    .unwrap_err();
    assert_eq!(unknown["code"], "notFound", "{unknown}");
}

#[test]
fn closing_the_account_from_the_window_leaves_an_empty_folder_and_every_command_says_so() {
    let window = window();
    invoke(&window, "sync_now", json!({})).unwrap();
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    let wrong = invoke(&window, "close_account", json!({ "pin": "975310" })).unwrap_err();
    assert_eq!(wrong["code"], "wrongPin", "{wrong}");

    invoke(&window, "close_account", json!({ "pin": "258036" })).unwrap();

    let left: Vec<_> = std::fs::read_dir(window._dir.path())
        .map(|entries| entries.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left behind: {left:?}");
    let after = invoke(&window, "list_accounts", json!({})).unwrap_err();
    assert!(
        after["message"].as_str().unwrap().contains("closed"),
        "{after}"
    );
}

#[test]
fn a_locked_window_learns_nothing_of_the_wallet_until_the_app_password_unlocks_it() {
    let window = window();
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    let short = invoke(
        &window,
        "set_app_password",
        json!({ "request": { "password": "short", "pin": "258036" } }),
    )
    .unwrap_err();
    assert_eq!(short["code"], "invalidInput", "{short}");
    let set = invoke(
        &window,
        "set_app_password",
        json!({ "request": { "password": "correct horse", "pin": "258036" } }),
    )
    .unwrap();
    assert_eq!(set["hasPassword"], true);

    let locked = invoke(&window, "lock_app", json!({})).unwrap();
    assert_eq!(locked["locked"], true);
    for command in ["list_accounts", "security_log", "payment_limits"] {
        let refused = invoke(&window, command, json!({ "query": {} })).unwrap_err();
        assert_eq!(refused["code"], "locked", "{command}: {refused}");
    }
    let wrong = invoke(&window, "unlock_app", json!({ "password": "wrong horse" })).unwrap_err();
    assert_eq!(wrong["code"], "wrongPassword");
    assert_eq!(
        invoke(&window, "lock_status", json!({})).unwrap()["locked"],
        true
    );
    invoke(
        &window,
        "unlock_app",
        json!({ "password": "correct horse" }),
    )
    .unwrap();
    assert!(invoke(&window, "list_accounts", json!({})).is_ok());
    let log = invoke(&window, "security_log", json!({ "query": {} })).unwrap();
    let kinds: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        &kinds[..4],
        &[
            "appUnlocked",
            "unlockFailed",
            "appLocked",
            "appPasswordChanged"
        ]
    );
}

#[test]
fn a_second_factor_is_set_up_only_with_the_pin_and_wrong_app_passwords_lock_unlocking() {
    let window = window();
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    assert!(
        invoke(&window, "begin_second_factor", json!({})).is_err(),
        "no PIN, no key"
    );
    let wrong = invoke(
        &window,
        "begin_second_factor",
        json!({ "request": { "pin": "000001" } }),
    )
    .unwrap_err();
    assert_eq!(wrong["code"], "wrongPin", "{wrong}");
    let setup = invoke(
        &window,
        "begin_second_factor",
        json!({ "request": { "pin": "258036" } }),
    )
    .unwrap();
    assert!(setup["key"].as_str().is_some_and(|key| !key.is_empty()));

    invoke(
        &window,
        "set_app_password",
        json!({ "request": { "password": "correct horse", "pin": "258036" } }),
    )
    .unwrap();
    invoke(&window, "lock_app", json!({})).unwrap();
    let refusals: Vec<Value> = (0..5)
        .map(|_| invoke(&window, "unlock_app", json!({ "password": "wrong horse" })).unwrap_err())
        .collect();
    let codes: Vec<&str> = refusals
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "wrongPassword",
            "wrongPassword",
            "wrongPassword",
            "wrongPassword",
            "tooManyTries"
        ]
    );
    let right = invoke(
        &window,
        "unlock_app",
        json!({ "password": "correct horse" }),
    )
    .unwrap_err();
    assert_eq!(right["code"], "tooManyTries", "{right}");
    window.clock.advance(chrono::Duration::minutes(16));
    let status = invoke(
        &window,
        "unlock_app",
        json!({ "password": "correct horse" }),
    )
    .unwrap();
    assert_eq!(status["locked"], false);
}

#[test]
fn after_the_chosen_idle_minutes_the_next_command_finds_purse_locked_and_the_keyring_unlocks_it() {
    let window = window();
    let set = invoke(
        &window,
        "set_auto_lock",
        json!({ "request": { "minutes": 5 } }),
    )
    .unwrap();
    assert_eq!(set["idleMinutes"], 5);
    window.clock.advance(chrono::Duration::minutes(4));
    assert!(
        invoke(&window, "list_accounts", json!({})).is_ok(),
        "4 minutes: still open"
    );
    window.clock.advance(chrono::Duration::minutes(5));
    let refused = invoke(&window, "list_accounts", json!({})).unwrap_err();
    assert_eq!(refused["code"], "locked", "{refused}");
    // No app password: the OS keyring handing over the wallet's key again is the unlock.
    let status = invoke(&window, "unlock_app", json!({})).unwrap();
    assert_eq!(status["locked"], false);
    assert!(invoke(&window, "list_accounts", json!({})).is_ok());
}

#[test]
fn with_no_keyring_the_window_opens_the_wallet_with_a_passphrase_the_person_chose() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, config) = folder_config(&dir);
    // As at a start where the keyring did not answer: no wallet, and why.
    let no_keyring =
        wallet_app::ApiError::new(wallet_app::ErrorCode::KeyringUnavailable, "no keyring");
    let window = window_with(dir, clock, Err(no_keyring), config);
    let closed = invoke(&window, "list_accounts", json!({})).unwrap_err();
    assert_eq!(closed["code"], "keyringUnavailable");
    let short = invoke(
        &window,
        "open_with_passphrase",
        json!({ "passphrase": "short" }),
    )
    .unwrap_err();
    assert_eq!(short["code"], "invalidInput");
    invoke(
        &window,
        "open_with_passphrase",
        json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap();
    assert!(
        window
            ._dir
            .path()
            .join("wallet")
            .join("passphrase.salt")
            .exists()
    );
    assert!(invoke(&window, "list_accounts", json!({})).is_ok());
    let again = invoke(
        &window,
        "open_with_passphrase",
        json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap_err();
    assert_eq!(again["code"], "invalidInput", "already open");
}

#[test]
fn points_offers_and_a_quote_go_through_the_window_in_the_uis_shape() {
    let window = window();
    invoke(&window, "sync_now", json!({})).unwrap();
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    let points = invoke(&window, "points_overview", json!({})).unwrap();
    assert!(points["balance"].as_i64().unwrap() > 0, "{points}");
    let offers = invoke(&window, "list_offers", json!({})).unwrap();
    assert_eq!(offers.as_array().unwrap().len(), 4, "{offers}");
    let refused = invoke(
        &window,
        "redeem_points",
        json!({ "request": { "kind": "billCredit", "points": 100, "voucherId": null,
                             "requestId": "ipc-1", "pin": "147036" } }),
    )
    .expect_err("a wrong PIN");
    assert_eq!(refused["code"], "wrongPin", "{refused}");

    let salary = account_id_named(&window, "Salary");
    let draft = json!({ "fromAccountId": salary,
        "to": { "kind": "person", "name": "张伟", "accountNumber": "6222 0212 3456 7890 128", "bankName": null, "save": false },
        "amount": "120", "currency": "CNY", "note": null });
    let quote = invoke(&window, "quote_offer", json!({ "draft": draft })).unwrap();
    assert_eq!(
        quote["offer"],
        Value::Null,
        "no offer for a person: {quote}"
    );
    assert_eq!(quote["toPay"]["amount"], "120.00", "{quote}");
    assert!(
        quote["notApplied"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["reason"] == "wrongMerchant"),
        "{quote}"
    );
    let mut request = draft.clone();
    request["pin"] = json!("258036");
    let paid = invoke(
        &window,
        "submit_payment_with_offer",
        json!({ "request": request, "offer": null }),
    )
    .unwrap();
    assert_eq!(paid["status"], "completed", "{paid}");
    assert_eq!(paid["discount"], Value::Null, "{paid}");
}

#[test]
fn while_locked_the_desktop_hears_only_that_something_needs_attention_and_the_window_the_details_after_the_unlock()
 {
    let window = window();
    let state = window.webview.state::<AppState>();
    let wallet = state.wallet().unwrap();
    tauri::async_runtime::block_on(wallet.links().unwrap().sync_now(&|_| {}))
        .expect("the sync runs");
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    // Spent past a budget of ¥1 this month: an alert naming the category and amounts.
    let budget = json!({ "request": { "categoryId": "food", "amount": "1" } });
    invoke(&window, "set_budget", budget).unwrap();
    let password = json!({ "request": { "password": "correct horse", "pin": "258036" } });
    invoke(&window, "set_app_password", password).unwrap();
    invoke(&window, "lock_app", json!({})).unwrap();

    let heard = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    for event in ["budget-alert", "card-reminder", "unusual-line"] {
        let heard = heard.clone();
        window._app.listen_any(event, move |told| {
            heard.lock().unwrap().push(told.payload().to_string());
        });
    }
    let said = tauri::async_runtime::block_on(purse_desktop::alerts::tell_alerts(
        window._app.handle(),
        &wallet,
    ));
    assert_eq!(said, vec![purse_desktop::alerts::locked_words(false)]);
    let names: Vec<String> = wallet_names(&wallet);
    for (title, body) in &said {
        let words = format!("{title} {body}");
        assert!(!words.chars().any(|c| c.is_ascii_digit()), "{words}");
        for name in &names {
            assert!(!words.contains(name.as_str()), "{words} names {name}");
        }
    }
    assert!(
        heard.lock().unwrap().is_empty(),
        "the locked window heard details"
    );

    invoke(
        &window,
        "unlock_app",
        json!({ "password": "correct horse" }),
    )
    .unwrap();
    let heard = heard.lock().unwrap().clone();
    assert!(
        heard.iter().any(|payload| payload.contains("\"food\"")),
        "after the unlock the window hears the budget alert: {heard:?}"
    );
}

/// Every account, category and payee name the wallet could put in an alert (read as the test's
/// witness, past the lock).
fn wallet_names(wallet: &Wallet) -> Vec<String> {
    tauri::async_runtime::block_on(async {
        let accounts = wallet
            .unattended()
            .accounts()
            .list_accounts()
            .await
            .unwrap()
            .accounts;
        let mut names: Vec<String> = accounts.into_iter().map(|a| a.name).collect();
        let categories = wallet.unattended().bills().list_categories().await.unwrap();
        names.extend(
            categories
                .into_iter()
                .flat_map(|c| [c.category.en, c.category.zh_cn]),
        );
        let bills = wallet
            .unattended()
            .bills()
            .page_transactions(Default::default())
            .await
            .unwrap()
            .items;
        names.extend(
            bills
                .into_iter()
                .filter_map(|line| line.merchant.or(line.counterparty)),
        );
        names
    })
}

#[test]
fn a_second_launch_brings_the_open_window_forward() {
    let app = with_commands(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("the app builds");
    assert!(
        !purse_desktop::focus_main_window(app.handle()),
        "no window yet"
    );
    let window = window();
    assert!(purse_desktop::focus_main_window(window._app.handle()));
}

#[test]
fn while_locked_the_start_up_syncs_progress_names_no_account() {
    let window = window();
    let wallet = window.webview.state::<AppState>().wallet().unwrap();
    invoke(&window, "set_payment_pin", json!({ "pin": "258036" })).unwrap();
    let password = json!({ "request": { "password": "correct horse", "pin": "258036" } });
    invoke(&window, "set_app_password", password).unwrap();
    invoke(&window, "lock_app", json!({})).unwrap();
    invoke(&window, "window_listening", json!({})).unwrap();
    let heard = Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let progress = heard.clone();
    window._app.listen_any("sync-progress", move |told| {
        progress
            .lock()
            .unwrap()
            .push(serde_json::from_str(told.payload()).unwrap());
    });

    tauri::async_runtime::block_on(purse_desktop::sync_at_start(
        window._app.handle().clone(),
        wallet.clone(),
    ));

    let heard = heard.lock().unwrap().clone();
    assert!(
        heard.len() > 5,
        "the sync ran and told its progress: {heard:?}"
    );
    assert!(
        heard
            .iter()
            .all(|progress| progress["accountName"].is_null()),
        "{heard:?}"
    );
    assert!(
        !tauri::async_runtime::block_on(wallet.unattended().accounts().list_accounts())
            .unwrap()
            .accounts
            .is_empty(),
        "the sync ran while locked"
    );
}

/// Makes a wallet in the folder, with a payment PIN, then deletes its wallet file (its key stays kept).
fn wallet_file_deleted(config: &WalletConfig) {
    tauri::async_runtime::block_on(async {
        let wallet = Wallet::open(config.clone()).await.unwrap();
        wallet
            .security()
            .unwrap()
            .set_payment_pin(&"258036".into())
            .await
            .unwrap();
    });
    for file in ["wallet.db", "wallet.db-wal", "wallet.db-shm"] {
        let _ = std::fs::remove_file(config.data_dir.join(file));
    }
}

/// Waits for the start-up sync a (re)opened wallet runs, as the window hears of it.
fn start_up_sync_finishes(window: &Window) -> Value {
    let (told, heard) = std::sync::mpsc::channel();
    window._app.listen_any("sync-finished", move |event| {
        let _ = told.send(serde_json::from_str::<Value>(event.payload()).unwrap());
    });
    invoke(window, "window_listening", json!({})).unwrap();
    heard
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the start-up sync finishes")
}

#[test]
fn a_wallet_whose_file_was_deleted_is_refused_until_its_owner_starts_over_with_a_new_wallet_and_a_new_bank_link()
 {
    let window = window_after(wallet_file_deleted);
    let refused = invoke(&window, "lock_status", json!({})).unwrap_err();
    assert_eq!(refused["code"], "walletMissing", "{refused}");
    assert!(!window._dir.path().join("wallet/wallet.db").exists());
    // Trying again is for a wallet another Purse has open: the refusal is told as it is.
    let again = invoke(&window, "retry_open", json!({})).unwrap_err();
    assert_eq!(again["code"], "walletMissing", "{again}");

    invoke(&window, "start_over", json!({})).expect("the owner starts over");

    let status = invoke(&window, "lock_status", json!({})).unwrap();
    assert_eq!(status["locked"], false, "{status}");
    assert_eq!(
        invoke(&window, "pin_status", json!({})).unwrap()["isSet"],
        false,
        "a new wallet, without the old one's PIN"
    );
    let synced = start_up_sync_finishes(&window);
    assert_eq!(synced["report"]["accounts"], 5, "{synced}");
    let overview = invoke(&window, "list_accounts", json!({})).unwrap();
    assert_eq!(overview["accounts"].as_array().unwrap().len(), 5);

    let open = invoke(&window, "start_over", json!({})).unwrap_err();
    assert_eq!(open["code"], "invalidInput", "{open}");
    assert!(open["message"].as_str().unwrap().contains("open"), "{open}");
    assert!(
        invoke(&window, "list_accounts", json!({})).is_ok(),
        "the open wallet is left alone"
    );
}

#[test]
fn a_passphrase_wallet_whose_file_was_deleted_says_so_after_its_passphrase_and_starts_over() {
    let window = window_after(|config| {
        tauri::async_runtime::block_on(Wallet::open_with_passphrase(
            config.clone(),
            "correct horse battery",
        ))
        .unwrap();
        std::fs::remove_file(config.data_dir.join("wallet.db")).unwrap();
    });
    let needed = invoke(&window, "lock_status", json!({})).unwrap_err();
    assert_eq!(needed["code"], "passphraseNeeded", "{needed}");
    let refused = invoke(&window, "start_over", json!({})).unwrap_err();
    assert_eq!(
        refused["code"], "passphraseNeeded",
        "not before the refusal"
    );

    let missing = invoke(
        &window,
        "open_with_passphrase",
        json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap_err();
    assert_eq!(missing["code"], "walletMissing", "{missing}");
    let status = invoke(&window, "lock_status", json!({})).unwrap_err();
    assert_eq!(
        status["code"], "walletMissing",
        "the window's start-over screen"
    );

    invoke(&window, "start_over", json!({})).unwrap();
    let folder = window._dir.path().join("wallet");
    assert!(!folder.join("passphrase.salt").exists());
    assert!(!folder.join("secrets.vault").exists());
    assert!(invoke(&window, "list_accounts", json!({})).is_ok());
}

#[test]
fn a_wallet_open_in_another_purse_is_refused_until_it_is_closed_and_the_window_tries_again() {
    let holder = std::sync::Mutex::new(None);
    let window = window_after(|config| {
        let wallet = tauri::async_runtime::block_on(Wallet::open(config.clone())).unwrap();
        *holder.lock().unwrap() = Some(wallet);
    });
    let in_use = invoke(&window, "lock_status", json!({})).unwrap_err();
    assert_eq!(in_use["code"], "walletInUse", "{in_use}");
    let not_over = invoke(&window, "start_over", json!({})).unwrap_err();
    assert_eq!(not_over["code"], "walletInUse", "start over is not the way");
    let still = invoke(&window, "retry_open", json!({})).unwrap_err();
    assert_eq!(still["code"], "walletInUse", "{still}");

    drop(holder.lock().unwrap().take());
    invoke(&window, "retry_open", json!({})).expect("the other Purse closed it");

    assert_eq!(
        invoke(&window, "lock_status", json!({})).unwrap()["locked"],
        false
    );
    let open = invoke(&window, "retry_open", json!({})).unwrap_err();
    assert_eq!(open["code"], "invalidInput", "{open}");
}
