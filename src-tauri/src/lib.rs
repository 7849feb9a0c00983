//! Tauri glue: one-line commands over wallet-app, the window, and events back to the UI.

pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("Purse could not start its window");
}
