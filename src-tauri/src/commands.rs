//! One line per command: each forwards to the wallet-app handler of the same name.

use tauri::{AppHandle, Emitter, Runtime, State};
use wallet_app::ApiError;
use wallet_app::dto::{
    AccountDto, AccountsOverviewDto, Settings, SettingsPatch, SyncProgress, SyncReport,
    TransactionPage, TransactionQuery,
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
    state.wallet()?.sync_now(&progress_to(&app)).await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.wallet()?.get_settings().await
}

#[tauri::command]
pub async fn update_settings(state: State<'_, AppState>, patch: SettingsPatch) -> Reply<Settings> {
    state.wallet()?.update_settings(patch).await
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
