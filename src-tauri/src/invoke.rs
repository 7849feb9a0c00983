//! How the window's calls reach Rust: a wallet command (any wallet-app method marked `#[commands]`) is
//! called by name through `wallet_app::commands`, its part reached through the lock's gate; the desktop's own few commands
//! (crate::commands) go through Tauri's `generate_handler!`. No per-command wrapper is written here.

use serde_json::Value;
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{Manager, Runtime};
use wallet_app::{ApiError, ErrorCode};

use crate::state::AppState;

/// Answers `invoke` when it names a wallet command, else hands it to `desktop` (the desktop's own
/// commands); false when neither knows it.
pub fn answer<R: Runtime>(invoke: Invoke<R>, desktop: fn(Invoke<R>) -> bool) -> bool {
    let Some(command) = wallet_app::commands::find(invoke.message.command()) else {
        return desktop(invoke);
    };
    let webview = invoke.message.webview();
    let arguments = match invoke.message.payload() {
        InvokeBody::Json(arguments) => arguments.clone(),
        InvokeBody::Raw(_) => Value::Null,
    };
    // The lock's gate is passed inside the task, on the async runtime, as in a `#[tauri::command]`:
    // locking after the idle minutes records its event there.
    invoke.resolver.respond_async(async move {
        let wallet = match webview.try_state::<AppState>() {
            Some(state) => state.wallet(),
            None => Err(ApiError::new(
                ErrorCode::Internal,
                "The wallet is not ready yet.",
            )),
        }
        .map_err(InvokeError::from)?;
        (command.call)(&wallet, arguments)
            .await
            .map_err(InvokeError::from)
    });
    true
}
