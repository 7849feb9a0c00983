//! One line per command: each forwards to the wallet-app handler of the same name.

use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use wallet_app::ApiError;
use wallet_app::dto::abroad::{
    InternationalQuoteDto, InternationalQuoteRequest, PayInternationalRequest,
    RecipientAbroadCheck, RecipientAbroadDraft,
};
use wallet_app::dto::{
    AccountDto, AccountsOverviewDto, BudgetDto, CardStatusDto, CategoryNode, ExportResult,
    NewPayee, PayeeDto, PaymentDto, PaymentRequest, PinStatus, Recategorise, RecategoriseResult,
    ReceiveCode, RecurringOverview, ScannedCode, SetBudget, Settings, SettingsPatch, StatementDto,
    StatementQuery, SyncProgress, SyncReport, TransactionPage, TransactionQuery, TrendDto,
    TrendQuery,
};

use wallet_app::dto::PaymentDraft;
use wallet_app::dto::security::{
    BeginSecondFactor, ConfirmSecondFactor, LockStatus, PaymentLimitsDto, RecoveryCodesDto,
    RemoveSecondFactor, RiskAssessmentDto, SecondFactorSetup, SecondFactorStatus, SecurityEventDto,
    SecurityLogQuery, SetAppPassword, SetAutoLock, SetPaymentLimits,
};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Reply<AccountsOverviewDto> {
    state.wallet()?.list_accounts().await
}

#[tauri::command]
pub async fn get_account(state: State<'_, AppState>, account_id: String) -> Reply<AccountDto> {
    state.wallet()?.get_account(&account_id).await
}

#[tauri::command]
pub async fn page_transactions(
    state: State<'_, AppState>,
    query: TransactionQuery,
) -> Reply<TransactionPage> {
    state.wallet()?.page_transactions(query).await
}

#[tauri::command]
pub async fn sync_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Reply<SyncReport> {
    let wallet = state.wallet()?;
    // The sync carries on unfinished payments first; the window hears when one changes.
    let report = wallet
        .sync_now_telling(&progress_to(&app), &payment_status_to(&app))
        .await?;
    crate::alerts::tell_alerts(&app, &wallet).await;
    Ok(report)
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.wallet()?.get_settings().await
}

#[tauri::command]
pub async fn update_settings(state: State<'_, AppState>, patch: SettingsPatch) -> Reply<Settings> {
    state.wallet()?.update_settings(patch).await
}

#[tauri::command]
pub async fn pin_status(state: State<'_, AppState>) -> Reply<PinStatus> {
    state.wallet()?.pin_status().await
}

#[tauri::command]
pub async fn set_payment_pin(
    state: State<'_, AppState>,
    pin: wallet_app::Sensitive<String>,
) -> Reply<PinStatus> {
    state.wallet()?.set_payment_pin(pin.expose()).await
}

#[tauri::command]
pub async fn list_payees(state: State<'_, AppState>) -> Reply<Vec<PayeeDto>> {
    state.wallet()?.list_payees().await
}

#[tauri::command]
pub async fn add_payee(state: State<'_, AppState>, payee: NewPayee) -> Reply<PayeeDto> {
    state.wallet()?.add_payee(payee).await
}

#[tauri::command]
pub async fn remove_payee(state: State<'_, AppState>, payee_id: String) -> Reply<()> {
    state.wallet()?.remove_payee(&payee_id).await
}

#[tauri::command]
pub async fn submit_payment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PaymentRequest,
) -> Reply<PaymentDto> {
    state
        .wallet()?
        .submit_payment(request, &payment_status_to(&app))
        .await
}

#[tauri::command]
pub async fn check_recipient_abroad(
    state: State<'_, AppState>,
    draft: RecipientAbroadDraft,
) -> Reply<RecipientAbroadCheck> {
    state.wallet()?.check_recipient_abroad(draft).await
}

#[tauri::command]
pub async fn quote_international(
    state: State<'_, AppState>,
    request: InternationalQuoteRequest,
) -> Reply<InternationalQuoteDto> {
    state.wallet()?.quote_international(request).await
}

#[tauri::command]
pub async fn pay_international<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PayInternationalRequest,
) -> Reply<PaymentDto> {
    state
        .wallet()?
        .pay_international(request, &payment_status_to(&app))
        .await
}

#[tauri::command]
pub async fn list_payments(state: State<'_, AppState>) -> Reply<Vec<PaymentDto>> {
    state.wallet()?.list_payments().await
}

#[tauri::command]
pub async fn get_payment(state: State<'_, AppState>, payment_id: String) -> Reply<PaymentDto> {
    state.wallet()?.get_payment(&payment_id).await
}

#[tauri::command]
pub async fn read_qr_code(state: State<'_, AppState>, payload: String) -> Reply<ScannedCode> {
    state.wallet()?.read_qr_code(&payload).await
}

#[tauri::command]
pub async fn decode_qr_image(
    state: State<'_, AppState>,
    image_base64: String,
) -> Reply<ScannedCode> {
    state.wallet()?.decode_qr_image(&image_base64).await
}

#[tauri::command]
pub async fn receive_code(
    state: State<'_, AppState>,
    account_id: String,
    amount: Option<String>,
) -> Reply<ReceiveCode> {
    state.wallet()?.receive_code(&account_id, amount).await
}

#[tauri::command]
pub async fn monthly_statement(
    state: State<'_, AppState>,
    query: StatementQuery,
) -> Reply<StatementDto> {
    state.wallet()?.monthly_statement(query).await
}

#[tauri::command]
pub async fn spending_trend(state: State<'_, AppState>, query: TrendQuery) -> Reply<TrendDto> {
    state.wallet()?.spending_trend(query).await
}

#[tauri::command]
pub async fn list_categories(state: State<'_, AppState>) -> Reply<Vec<CategoryNode>> {
    state.wallet()?.list_categories().await
}

#[tauri::command]
pub async fn recategorise(
    state: State<'_, AppState>,
    request: Recategorise,
) -> Reply<RecategoriseResult> {
    state.wallet()?.recategorise(request).await
}

#[tauri::command]
pub async fn recurring_payments(state: State<'_, AppState>) -> Reply<RecurringOverview> {
    state.wallet()?.recurring_payments().await
}

#[tauri::command]
pub async fn budget_progress(state: State<'_, AppState>) -> Reply<Vec<BudgetDto>> {
    state.wallet()?.budget_progress().await
}

#[tauri::command]
pub async fn set_budget(state: State<'_, AppState>, request: SetBudget) -> Reply<Vec<BudgetDto>> {
    state.wallet()?.set_budget(request).await
}

#[tauri::command]
pub async fn remove_budget(
    state: State<'_, AppState>,
    category_id: String,
) -> Reply<Vec<BudgetDto>> {
    state.wallet()?.remove_budget(&category_id).await
}

#[tauri::command]
pub async fn card_status(state: State<'_, AppState>, account_id: String) -> Reply<CardStatusDto> {
    state.wallet()?.card_status(&account_id).await
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

/// Bills as CSV into the user's Downloads folder (the window has no file dialog).
#[tauri::command]
pub async fn export_bills_csv(
    state: State<'_, AppState>,
    query: TransactionQuery,
) -> Reply<ExportResult> {
    state.wallet()?.export_bills_csv(query, None).await
}

/// Payment status changes go to the window as `payment-status` events.
pub fn payment_status_to<R: Runtime>(
    app: &AppHandle<R>,
) -> impl Fn(PaymentDto) + Send + Sync + use<R> {
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
        if state
            .wallet_even_locked()
            .is_ok_and(|wallet| wallet.is_locked())
        {
            progress.account_name = None;
        }
        if let Err(error) = app.emit("sync-progress", progress) {
            tracing::warn!(%error, "could not send sync progress to the window");
        }
    }
}

#[tauri::command]
pub async fn security_log(
    state: State<'_, AppState>,
    query: SecurityLogQuery,
) -> Reply<Vec<SecurityEventDto>> {
    state.wallet()?.security_log(query).await
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
    wallet.close_account(pin.expose(), code).await?;
    state.wallet_closed();
    crate::webview_data::forget_webview_data(&app);
    Ok(())
}

#[tauri::command]
pub async fn assess_payment(
    state: State<'_, AppState>,
    draft: PaymentDraft,
) -> Reply<RiskAssessmentDto> {
    state.wallet()?.assess_payment(draft).await
}

#[tauri::command]
pub async fn payment_limits(state: State<'_, AppState>) -> Reply<PaymentLimitsDto> {
    state.wallet()?.payment_limits().await
}

#[tauri::command]
pub async fn set_payment_limits(
    state: State<'_, AppState>,
    request: SetPaymentLimits,
) -> Reply<PaymentLimitsDto> {
    state.wallet()?.set_payment_limits(request).await
}

#[tauri::command]
pub async fn second_factor_status(state: State<'_, AppState>) -> Reply<SecondFactorStatus> {
    state.wallet()?.second_factor_status().await
}

#[tauri::command]
pub async fn begin_second_factor(
    state: State<'_, AppState>,
    request: BeginSecondFactor,
) -> Reply<SecondFactorSetup> {
    state.wallet()?.begin_second_factor(request).await
}

#[tauri::command]
pub async fn confirm_second_factor(
    state: State<'_, AppState>,
    request: ConfirmSecondFactor,
) -> Reply<RecoveryCodesDto> {
    state.wallet()?.confirm_second_factor(request).await
}

#[tauri::command]
pub async fn remove_second_factor(
    state: State<'_, AppState>,
    request: RemoveSecondFactor,
) -> Reply<SecondFactorStatus> {
    state.wallet()?.remove_second_factor(request).await
}

#[tauri::command]
pub async fn lock_status(state: State<'_, AppState>) -> Reply<LockStatus> {
    state.wallet_even_locked()?.lock_status().await
}

#[tauri::command]
pub async fn lock_app(state: State<'_, AppState>) -> Reply<LockStatus> {
    state.wallet_even_locked()?.lock_app().await
}

/// Unlocks; the alerts that came while locked are told now, in full.
#[tauri::command]
pub async fn unlock_app<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    password: Option<wallet_app::Sensitive<String>>,
) -> Reply<LockStatus> {
    let password = password.as_ref().map(|p| p.expose().as_str());
    let status = state.wallet_even_locked()?.unlock_app(password).await?;
    crate::alerts::tell_held_alerts(&app);
    Ok(status)
}

#[tauri::command]
pub async fn set_app_password(
    state: State<'_, AppState>,
    request: SetAppPassword,
) -> Reply<LockStatus> {
    state.wallet()?.set_app_password(request).await
}

#[tauri::command]
pub async fn set_auto_lock(state: State<'_, AppState>, request: SetAutoLock) -> Reply<LockStatus> {
    state.wallet()?.set_auto_lock(request).await
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
    match state.wallet_even_locked() {
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
    state.opened(wallet.clone());
    tauri::async_runtime::spawn(crate::sync_at_start(app, wallet));
    Ok(())
}

/// The person is still at the window (reading, moving the pointer): the idle lock counts from now.
#[tauri::command]
pub fn still_here(state: State<'_, AppState>) -> Reply<()> {
    state.wallet().map(|_| ())
}

#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    request: wallet_app::dto::imports::ImportRequest,
) -> Reply<wallet_app::dto::imports::ImportPreview> {
    state.wallet()?.preview_import(request).await
}

#[tauri::command]
pub async fn commit_import(
    state: State<'_, AppState>,
    request: wallet_app::dto::imports::ImportRequest,
) -> Reply<wallet_app::dto::imports::ImportRecordDto> {
    state.wallet()?.commit_import(request).await
}

#[tauri::command]
pub async fn list_imports(
    state: State<'_, AppState>,
) -> Reply<Vec<wallet_app::dto::imports::ImportRecordDto>> {
    state.wallet()?.list_imports().await
}

#[tauri::command]
pub async fn undo_import(
    state: State<'_, AppState>,
    import_id: i64,
) -> Reply<Vec<wallet_app::dto::imports::ImportRecordDto>> {
    state.wallet()?.undo_import(import_id).await
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
