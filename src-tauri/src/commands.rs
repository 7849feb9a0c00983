//! One line per command: each forwards to the wallet-app handler of the same name.

use tauri::{AppHandle, Emitter, Runtime, State};
use wallet_app::ApiError;
use wallet_app::dto::{
    AccountDto, AccountsOverviewDto, BudgetDto, CardStatusDto, CategoryNode, ExportResult,
    NewPayee, PayeeDto, PaymentDto, PaymentRequest, PinStatus, Recategorise, RecategoriseResult,
    ReceiveCode, RecurringOverview, ScannedCode, SetBudget, Settings, SettingsPatch, StatementDto,
    StatementQuery, SyncProgress, SyncReport, TransactionPage, TransactionQuery, TrendDto,
    TrendQuery,
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
    // Unfinished payments first, so the window hears when a sent one completes.
    if let Err(error) = wallet.resume_payments(&payment_status_to(&app)).await {
        tracing::warn!(%error, "unfinished payments could not be resumed");
    }
    let report = wallet.sync_now(&progress_to(&app)).await?;
    tell_budget_alerts(&app, wallet).await;
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
pub async fn set_payment_pin(state: State<'_, AppState>, pin: String) -> Reply<PinStatus> {
    state.wallet()?.set_payment_pin(&pin).await
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

/// Budgets newly past 80 % or 100 %: a `budget-alert` event for the window and an OS notification.
pub async fn tell_budget_alerts<R: Runtime>(app: &AppHandle<R>, wallet: &wallet_app::Wallet) {
    use tauri_plugin_notification::NotificationExt;
    let alerts = match wallet.check_budget_alerts().await {
        Ok(alerts) => alerts,
        Err(error) => {
            tracing::warn!(%error, "budgets could not be checked");
            return;
        }
    };
    let chinese = wallet
        .get_settings()
        .await
        .is_ok_and(|s| s.language == wallet_app::dto::Language::ZhCn);
    for alert in alerts {
        let (title, body) = if chinese {
            (
                format!("预算提醒：{}", alert.category.zh_cn),
                format!(
                    "本月已用 {}%：{} / {}",
                    alert.level, alert.spent.amount, alert.budget.amount
                ),
            )
        } else {
            (
                format!("Budget: {}", alert.category.en),
                format!(
                    "{}% used this month: {} of {}",
                    alert.level, alert.spent.amount, alert.budget.amount
                ),
            )
        };
        if let Err(error) = app
            .notification()
            .builder()
            .title(&title)
            .body(&body)
            .show()
        {
            tracing::info!(%error, "no OS notification (the window still hears of it)");
        }
        if let Err(error) = app.emit("budget-alert", alert) {
            tracing::warn!(%error, "could not tell the window of a budget alert");
        }
    }
    tell_card_reminders(app, wallet, chinese).await;
}

/// Credit cards due soon, due today or overdue: a `card-reminder` event and an OS notification, once each.
async fn tell_card_reminders<R: Runtime>(
    app: &AppHandle<R>,
    wallet: &wallet_app::Wallet,
    chinese: bool,
) {
    use tauri_plugin_notification::NotificationExt;
    let reminders = match wallet.check_card_reminders().await {
        Ok(reminders) => reminders,
        Err(error) => {
            tracing::warn!(%error, "card due dates could not be checked");
            return;
        }
    };
    for reminder in reminders {
        let card = &reminder.card;
        let (title, body) = if chinese {
            (
                format!("信用卡还款提醒：{}", card.account_name),
                format!(
                    "应还 {}，最低还款 {}，到期日 {}",
                    card.still_due.amount, card.minimum_payment.amount, card.due_date
                ),
            )
        } else {
            (
                format!("Card repayment: {}", card.account_name),
                format!(
                    "{} due by {} (minimum {})",
                    card.still_due.amount, card.due_date, card.minimum_payment.amount
                ),
            )
        };
        if let Err(error) = app
            .notification()
            .builder()
            .title(&title)
            .body(&body)
            .show()
        {
            tracing::info!(%error, "no OS notification (the window still hears of it)");
        }
        if let Err(error) = app.emit("card-reminder", reminder) {
            tracing::warn!(%error, "could not tell the window of a card reminder");
        }
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

/// Sync progress goes to the window as `sync-progress` events.
pub fn progress_to<R: Runtime>(app: &AppHandle<R>) -> impl Fn(SyncProgress) + Send + Sync + use<R> {
    let app = app.clone();
    move |progress| {
        if let Err(error) = app.emit("sync-progress", progress) {
            tracing::warn!(%error, "could not send sync progress to the window");
        }
    }
}
