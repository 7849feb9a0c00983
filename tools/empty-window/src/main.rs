//! An empty Tauri window that says when it has painted, exactly as Purse does (the `first screen shown`
//! line on stderr that tests/install/measure_start.py waits for), so both are measured the same way.

use std::time::Instant;

#[tauri::command]
fn first_screen_shown(screen: String, started: tauri::State<'_, Instant>) {
    eprintln!(
        "first screen shown screen={screen:?} after_ms={}",
        started.elapsed().as_millis()
    );
}

fn main() {
    let started = Instant::now();
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![first_screen_shown])
        .run(tauri::generate_context!())
        .expect("the empty window could not start");
}
