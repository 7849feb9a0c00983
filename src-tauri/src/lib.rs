//! Tauri glue: open the wallet on its embedded demo bank, answer the window's calls (every wallet-app
//! command by name, and the desktop's own few), and forward sync progress to the UI as events. No wallet
//! logic lives here.

pub mod alerts;
mod commands;
mod invoke;
mod state;
pub mod webview_data;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager, Runtime};
use wallet_app::clock::SystemClock;
use wallet_app::dto::SyncOutcome;
use wallet_app::{BankSource, Wallet, WalletConfig};

pub use crate::state::AppState;

pub fn run() {
    let started = Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let bank = match configured_bank(std::env::var("PURSE_BANK_URL").ok()) {
        Ok(bank) => bank,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    // First, as its docs say: a second launch focuses this window and exits before opening anything.
    let builder =
        tauri::Builder::default().plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main_window(app);
        }));
    let app = with_commands(builder.setup(move |app| {
        let config = WalletConfig {
            data_dir: wallet_app::paths::default_data_dir(),
            // A second window is focused instead (single instance); a `purse` command running now
            // finishes within seconds.
            lock_wait: Duration::from_secs(5),
            clock: Arc::new(SystemClock),
            bank: bank.clone(),
        };
        let opened = tauri::async_runtime::block_on(open_wallet(app.handle(), config.clone()));
        app.manage(AppState::new(opened.clone(), config).started_at(started));
        if let Ok(wallet) = opened {
            tauri::async_runtime::spawn(sync_at_start(app.handle().clone(), wallet));
        }
        Ok(())
    }))
    .build(tauri::generate_context!())
    .expect("Purse could not start its window");
    let handle = app.handle().clone();
    let code = app.run_return(|_, _| {});
    // The window and its WebView have gone: what WebKit wrote after a closure is deleted too.
    if handle.state::<AppState>().was_closed() {
        webview_data::forget_webview_data(&handle);
    }
    std::process::exit(code);
}

/// The main window to the front (a second launch of Purse asked for it); false when there is none.
pub fn focus_main_window<R: Runtime>(app: &tauri::AppHandle<R>) -> bool {
    let Some(window) = app.get_webview_window("main") else {
        return false;
    };
    for (what, done) in [
        ("unminimize", window.unminimize()),
        ("show", window.show()),
        ("focus", window.set_focus()),
    ] {
        if let Err(error) = done {
            tracing::warn!(%error, what, "the open Purse window could not be brought forward");
        }
    }
    true
}

/// The bank the wallet syncs with: `PURSE_BANK_URL` names a demo bank already running elsewhere
/// (`bank-sandbox serve`); without it the demo bank starts inside Purse, so a newcomer sees a living wallet.
#[cfg(feature = "demo-bank")]
pub fn configured_bank(url: Option<String>) -> Result<Option<Arc<dyn BankSource>>, String> {
    let url = match url.filter(|url| !url.trim().is_empty()) {
        None => None,
        Some(url) => {
            Some(wallet_app::bank_url(&url).map_err(|error| format!("PURSE_BANK_URL: {error}"))?)
        }
    };
    Ok(Some(bank_sandbox::demo::composed(url)))
}

/// Built without the demo bank: a wallet without a bank; `PURSE_BANK_URL` refused rather than ignored.
#[cfg(not(feature = "demo-bank"))]
pub fn configured_bank(url: Option<String>) -> Result<Option<Arc<dyn BankSource>>, String> {
    match url.filter(|url| !url.trim().is_empty()) {
        None => Ok(None),
        Some(_) => {
            Err("PURSE_BANK_URL names a demo bank, and this Purse was built without it".into())
        }
    }
}

/// Every command the window may call (the wallet's, by name, then the desktop's own), and the plugins
/// they use. Shared with the IPC tests, which drive it
/// on Tauri's mock runtime.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(|invoke| invoke::answer(invoke, desktop_commands))
}

/// The desktop's own commands: those that need the window's events or the app's state beyond the wallet.
fn desktop_commands<R: Runtime>(invoke: tauri::ipc::Invoke<R>) -> bool {
    let handler: fn(tauri::ipc::Invoke<R>) -> bool = tauri::generate_handler![
        commands::sync_now,
        commands::submit_payment,
        commands::submit_payment_with_offer,
        commands::pay_international,
        commands::window_listening,
        commands::first_screen_shown,
        commands::close_account,
        commands::unlock_app,
        commands::open_with_passphrase,
        commands::start_over,
        commands::retry_open,
        commands::link_bank_in_browser,
    ];
    handler(invoke)
}

/// Opens the wallet as at start (its key in the keyring); why it could not be goes to the log too.
async fn open_wallet<R: Runtime>(
    app: &tauri::AppHandle<R>,
    config: WalletConfig,
) -> Result<Arc<Wallet>, wallet_app::ApiError> {
    let opened = Wallet::open(config).await.map(Arc::new);
    if let Ok(wallet) = &opened {
        commands::show_banks_in_the_browser(app, wallet);
    }
    if let Err(error) = &opened {
        tracing::error!(%error, "the wallet could not be opened");
    }
    opened
}

/// Opens the wallet again as at start, after it could not be (started over, or tried again): the
/// commands see the outcome from now on, and a wallet that opens syncs as at start.
pub(crate) async fn open_again<R: Runtime>(
    handle: &tauri::AppHandle<R>,
    state: &AppState,
) -> Result<(), wallet_app::ApiError> {
    let opened = open_wallet(handle, state.config().clone()).await;
    state.reopened(opened.clone());
    let wallet = opened?;
    tauri::async_runtime::spawn(sync_at_start(handle.clone(), wallet));
    Ok(())
}

/// The wallet is brought up to date as soon as it opens (unfinished payments first), so the first screen
/// is a living wallet.
pub async fn sync_at_start<R: Runtime>(handle: tauri::AppHandle<R>, wallet: Arc<Wallet>) {
    // The sync first carries on any payment a crash or a closed window interrupted; the window hears of it.
    let progress = commands::progress_to(&handle);
    let payments = commands::payment_status_to(&handle);
    let outcome = match wallet
        .unattended()
        .links()
        .sync_now_telling(&progress, &payments)
        .await
    {
        Ok(report) => SyncOutcome {
            report: Some(report),
            error: None,
        },
        Err(error) => SyncOutcome {
            report: None,
            error: Some(error),
        },
    };
    let window_listens = handle
        .state::<AppState>()
        .until_window_listens(Duration::from_secs(30));
    window_listens.await;
    alerts::tell_alerts(&handle, &wallet).await;
    if let Err(error) = handle.emit("sync-finished", outcome) {
        tracing::warn!(%error, "could not tell the window the start-up sync finished");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "demo-bank")]
    fn purse_starts_its_own_demo_bank_unless_a_loopback_http_or_an_https_bank_address_is_configured()
     {
        let composed = |url: Option<&str>| format!("{:?}", configured_bank(url.map(String::from)));
        assert!(composed(None).contains("EmbeddedDemoBank"));
        assert!(composed(Some(" ")).contains("EmbeddedDemoBank"));
        let elsewhere = composed(Some("http://127.0.0.1:8080/"));
        assert!(elsewhere.contains("DemoBankAt") && elsewhere.contains("8080"));
        for wrong in [
            "127.0.0.1:8080",
            "ftp://bank.example/",
            "not a url",
            "http://bank.example/",
            "http://192.168.1.20:8080/",
        ] {
            let error = configured_bank(Some(wrong.into())).unwrap_err();
            assert!(error.contains("PURSE_BANK_URL"), "{error}");
        }
    }
}
