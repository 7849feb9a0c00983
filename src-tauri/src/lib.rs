//! Tauri glue: one-line commands over wallet-app.
