//! The desktop's own commands: those that need more than the wallet (the window's events, the app's
//! state, opening the wallet again). Every other command is a wallet-app method, called by name through
//! `crate::invoke`; these are listed in `with_commands`' `generate_handler!`.

use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use wallet_app::ApiError;
use wallet_app::dto::abroad::PayInternationalRequest;
use wallet_app::dto::rewards::OfferChoice;
use wallet_app::dto::security::LockStatus;
use wallet_app::dto::{Payment, PaymentRequest, SyncProgress, SyncReport};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
pub async fn sync_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Reply<SyncReport> {
    let wallet = state.wallet()?;
    // The sync carries on unfinished payments first; the window hears when one changes.
    let report = wallet
        .links()?
        .sync_now_telling(&progress_to(&app), &payment_status_to(&app))
        .await?;
    crate::alerts::tell_alerts(&app, &wallet).await;
    Ok(report)
}

#[tauri::command]
pub async fn submit_payment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PaymentRequest,
) -> Reply<Payment> {
    state
        .wallet()?
        .payments()?
        .submit_payment(request, &payment_status_to(&app))
        .await
}

#[tauri::command]
pub async fn pay_international<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PayInternationalRequest,
) -> Reply<Payment> {
    state
        .wallet()?
        .payments()?
        .pay_international(request, &payment_status_to(&app))
        .await
}

/// The window listens to events now: the start-up sync may tell its alerts.
#[tauri::command]
pub fn window_listening(state: State<'_, AppState>) {
    state.window_listens();
}

/// The window has shown its first screen with the wallet in it: how long the start took goes to the log
/// (at info, e.g. `RUST_LOG=purse_desktop=info`), once.
#[tauri::command]
pub fn first_screen_shown(state: State<'_, AppState>, screen: String) {
    if let Some(after) = state.first_screen_shown() {
        tracing::info!(
            screen,
            after_ms = after.as_millis() as u64,
            "first screen shown"
        );
    }
}

/// Payment status changes go to the window as `payment-status` events.
pub fn payment_status_to<R: Runtime>(
    app: &AppHandle<R>,
) -> impl Fn(Payment) + Send + Sync + use<R> {
    let app = app.clone();
    move |payment| {
        if let Err(error) = app.emit("payment-status", payment) {
            tracing::warn!(%error, "could not send a payment status to the window");
        }
    }
}

/// Sync progress goes to the window as `sync-progress` events; while Purse is locked without the
/// account's name.
pub fn progress_to<R: Runtime>(app: &AppHandle<R>) -> impl Fn(SyncProgress) + Send + Sync + use<R> {
    let app = app.clone();
    move |mut progress| {
        let state = app.state::<AppState>();
        if state.wallet().is_ok_and(|wallet| wallet.is_locked()) {
            progress.account_name = None;
        }
        if let Err(error) = app.emit("sync-progress", progress) {
            tracing::warn!(%error, "could not send sync progress to the window");
        }
    }
}

/// Closes the account (注销) with the payment PIN (and the second factor when set up); afterwards every
/// command says the wallet is closed, and the window's own data (WebView storage, caches) is deleted.
#[tauri::command]
pub async fn close_account<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    pin: wallet_app::Sensitive<String>,
    second_factor: Option<wallet_app::Sensitive<String>>,
) -> Reply<()> {
    let wallet = state.wallet()?;
    let code = second_factor.as_ref().map(|code| code.expose().as_str());
    wallet.closure()?.close_account(pin.expose(), code).await?;
    state.wallet_closed();
    crate::webview_data::forget_webview_data(&app);
    Ok(())
}

/// Unlocks; the alerts that came while locked are told now, in full.
#[tauri::command]
pub async fn unlock_app<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    password: Option<wallet_app::Sensitive<String>>,
) -> Reply<LockStatus> {
    let password = password.as_ref().map(|p| p.expose().as_str());
    let status = state.wallet()?.app_lock().unlock_app(password).await?;
    crate::alerts::tell_held_alerts(&app);
    Ok(status)
}

/// Opens the wallet with a passphrase: on a machine with no keyring (chosen by the person), or for a
/// wallet protected that way. Only while no wallet is open.
#[tauri::command]
pub async fn open_with_passphrase<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: wallet_app::Sensitive<String>,
) -> Reply<()> {
    use wallet_app::ErrorCode;
    match state.wallet() {
        Ok(_) => return Err(ApiError::invalid("The wallet is already open.")),
        Err(error)
            if !matches!(
                error.code,
                ErrorCode::KeyringUnavailable
                    | ErrorCode::PassphraseNeeded
                    | ErrorCode::WrongPassword
            ) =>
        {
            return Err(error);
        }
        Err(_) => {}
    }
    let wallet =
        wallet_app::Wallet::open_with_passphrase(state.config().clone(), passphrase.expose())
            .await
            .map(std::sync::Arc::new)
            .inspect_err(|error| state.refused_at_open(error))?;
    show_banks_in_the_browser(&app, &wallet);
    state.opened(wallet.clone());
    tauri::async_runtime::spawn(crate::sync_at_start(app, wallet));
    Ok(())
}

/// Starts over a wallet refused as missing or not its own (its keys and files deleted, the bank to be
/// linked again), then opens a new one as at start; what that open found, `lock_status` tells.
#[tauri::command]
pub async fn start_over<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<()> {
    use wallet_app::ErrorCode::{WalletForeign, WalletMissing};
    let _turn = state
        .not_open_for(&[WalletMissing, WalletForeign], "starting over")
        .await?;
    let config = state.config();
    wallet_app::Wallet::start_over(&config.data_dir, config.lock_wait).await?;
    // The old wallet is gone whatever the new one's open finds (no keyring: its start screen).
    let _ = crate::open_again(&app, &state).await;
    Ok(())
}

/// Tries again to open a wallet another Purse had open; refused again while it still has.
#[tauri::command]
pub async fn retry_open<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<()> {
    let _turn = state
        .not_open_for(&[wallet_app::ErrorCode::WalletInUse], "trying again")
        .await?;
    crate::open_again(&app, &state).await
}

#[tauri::command]
pub async fn submit_payment_with_offer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PaymentRequest,
    offer: Option<OfferChoice>,
) -> Reply<Payment> {
    state
        .wallet()?
        .payments()?
        .submit_payment_with_offer(request, offer, &payment_status_to(&app))
        .await
}

/// The system browser, through Tauri's opener: a bank's sign-in page never opens in the app's window.
struct SystemBrowser<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> browser_sign_in::Browser for SystemBrowser<R> {
    fn open(&self, url: &url::Url) -> Result<(), String> {
        use tauri_plugin_opener::OpenerExt;
        // The window says what it waits for, and where, should the browser not have opened.
        if let Err(error) = self.app.emit("bank-page", url.as_str()) {
            tracing::warn!(%error, "could not tell the window which bank page was opened");
        }
        self.app
            .opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|error| error.to_string())
    }
}

/// Banks' pages (signing in, approving a payment) open in the system browser for this wallet.
pub fn show_banks_in_the_browser<R: Runtime>(app: &AppHandle<R>, wallet: &wallet_app::Wallet) {
    wallet.set_browser(std::sync::Arc::new(SystemBrowser { app: app.clone() }));
}

/// Links the wallet's bank as whoever signs in on its page, opened in the system browser; waits for
/// the bank to send the browser back (at most ten minutes), then syncs the new link.
#[tauri::command]
pub async fn link_bank_in_browser(state: State<'_, AppState>) -> Reply<wallet_app::dto::LinkDto> {
    state
        .wallet()?
        .links()?
        .link_in_browser(browser_sign_in::DEFAULT_PATIENCE)
        .await
}
