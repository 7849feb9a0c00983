//! Closing the account deletes the window's WebView data (issue 17, item 9): the folders Tauri gives the
//! WebView, found from HOME / XDG folders the test makes, gone; the folders of anything else beside them
//! kept. Tauri reads those folders from the environment, so the deleting runs in a child process (this
//! test binary again, running only the ignored step below) with the test's HOME.

use std::path::Path;
use std::process::Command;

use tauri::test::{mock_builder, mock_context, noop_assets};

const IDENTIFIER: &str = "app.purse.wallet";
const STEP: &str = "forget_the_webview_data_under_this_home";

/// What WebKitGTK leaves for the app (cookies, localStorage, caches), where Tauri points it.
fn webkit_leaves(folder: &Path) {
    for file in [
        "cookies",
        "localstorage/tauri_localhost_0.localstorage",
        "WebKitCache/Version 16/salt",
    ] {
        let file = folder.join(file);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "ACME MERCHANT 1234.56").unwrap();
    }
}

#[test]
fn closing_deletes_the_webviews_data_folders_and_nothing_beside_them() {
    let home = tempfile::tempdir().unwrap();
    let (data, cache) = (home.path().join("data"), home.path().join("cache"));
    let ours = [data.join(IDENTIFIER), cache.join(IDENTIFIER)];
    let theirs = [
        data.join("other-app"),
        cache.join("other-app"),
        data.join("purse"),
    ];
    for folder in ours.iter().chain(&theirs) {
        webkit_leaves(folder);
    }

    let step = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", STEP, "--include-ignored", "--nocapture"])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .env("XDG_CACHE_HOME", &cache)
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .expect("the step runs");
    assert!(
        step.status.success(),
        "the step failed: {}\n{}",
        String::from_utf8_lossy(&step.stdout),
        String::from_utf8_lossy(&step.stderr)
    );

    for folder in &ours {
        assert!(!folder.exists(), "{} survived", folder.display());
    }
    for folder in &theirs {
        assert!(
            folder.join("cookies").exists(),
            "{} was touched",
            folder.display()
        );
    }
}

#[test]
#[ignore = "a step of closing_deletes_the_webviews_data_folders_and_nothing_beside_them, run with its HOME"]
fn forget_the_webview_data_under_this_home() {
    let home = std::env::var_os("HOME").unwrap();
    let mut context = mock_context(noop_assets());
    context.config_mut().identifier = IDENTIFIER.into();
    let app = mock_builder().build(context).expect("the app builds");
    let folders = purse_desktop::webview_data::webview_folders(app.handle());
    assert!(!folders.is_empty());
    for folder in &folders {
        assert!(
            folder.starts_with(&home),
            "{} is outside HOME",
            folder.display()
        );
    }
    let left = purse_desktop::webview_data::forget_webview_data(app.handle());
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_app_without_an_identifier_names_no_folder_to_delete() {
    let app = mock_builder()
        .build(mock_context(noop_assets()))
        .expect("the app builds");
    assert!(purse_desktop::webview_data::webview_folders(app.handle()).is_empty());
}
