//! What the window's WebView keeps on disk for Purse: WebKitGTK's cookies, localStorage, IndexedDB and
//! caches (Tauri points them at the app's local data folder, `~/.local/share/app.purse.wallet` on Linux;
//! WebView2's `EBWebView` on Windows lives there too). Closing the account deletes these folders — at
//! once, and again when the window has gone (at exit), since WebKit may write until then.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};

/// The app's own per-user folders where the WebView keeps data: each named by the app's identifier, so
/// an app without one (as in tests) never names a shared folder like `~/.local/share` itself.
pub fn webview_folders<R: Runtime>(app: &AppHandle<R>) -> Vec<PathBuf> {
    let identifier = app.config().identifier.clone();
    if identifier.trim().is_empty() {
        return Vec::new();
    }
    let paths = app.path();
    let mut folders: Vec<PathBuf> = [
        paths.app_local_data_dir(),
        paths.app_data_dir(),
        paths.app_cache_dir(),
    ]
    .into_iter()
    .filter_map(Result::ok)
    .filter(|folder| folder.file_name().is_some_and(|name| *name == *identifier))
    .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// Deletes the WebView's folders; one already gone is fine. Says which could not be deleted (logged,
/// as the account is already closed by then).
pub fn forget_webview_data<R: Runtime>(app: &AppHandle<R>) -> Vec<PathBuf> {
    let mut left = Vec::new();
    for folder in webview_folders(app) {
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => tracing::info!(folder = %folder.display(), "the window's data was deleted"),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                tracing::error!(%error, folder = %folder.display(), "the window's data could not be deleted");
                left.push(folder);
            }
        }
    }
    left
}
