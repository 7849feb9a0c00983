//! The schema starts from one baseline migration (no version of Purse was ever released before it), with
//! later changes appended after it: a new wallet gets them all, and a wallet made by a development build
//! before the squash is refused with what to do.

use tempfile::TempDir;
use wallet_store::{DatabaseKey, KEY_BYTES, Store, StoreError, StoreOptions};

fn key() -> DatabaseKey {
    DatabaseKey::from_bytes([5; KEY_BYTES])
}

#[tokio::test]
async fn a_new_wallet_starts_from_the_baseline_and_records_every_migration_after_it() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&StoreOptions::at(dir.path().join("wallet.db"), key()))
        .await
        .unwrap();
    let applied: Vec<String> =
        sqlx::query_scalar("SELECT description FROM _sqlx_migrations ORDER BY version")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    files.sort();
    assert!(files[0].ends_with("_baseline.sql"), "{files:?}");
    assert_eq!(applied.first().map(String::as_str), Some("baseline"));
    assert_eq!(applied.len(), files.len(), "{applied:?} from {files:?}");
    store.close().await;
}

#[tokio::test]
async fn a_wallet_made_by_a_development_build_before_the_baseline_is_refused_as_such() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("wallet.db");
    let store = Store::open(&StoreOptions::at(&path, key())).await.unwrap();
    // What a development build's wallet records: a migration this release no longer has.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (20261122000001, 'initial', 1, x'00', 0)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;

    let error = Store::open(&StoreOptions::at(&path, key()))
        .await
        .expect_err("an unreleased build's wallet");
    assert!(
        matches!(&error, StoreError::MadeByUnreleasedBuild { path: at } if at.ends_with("wallet.db")),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("unreleased development build")
            && error.to_string().contains("start over"),
        "{error}"
    );
}

#[tokio::test]
async fn a_plain_sqlite_file_is_not_opened_as_a_wallet_and_is_left_as_it_was() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("wallet.db");
    {
        use sqlx::ConnectOptions;
        let mut plain = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::query("CREATE TABLE notes (text TEXT)")
            .execute(&mut plain)
            .await
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    let error = Store::open(&StoreOptions::at(&path, key()))
        .await
        .expect_err("a plain file is no wallet");
    assert!(matches!(error, StoreError::WrongKey { .. }), "{error:?}");
    assert!(wallet_store::is_plaintext_sqlite(&path).unwrap());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was changed"
    );
}
