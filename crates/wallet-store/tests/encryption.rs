//! The wallet file as a thief with the laptop would find it: encrypted throughout, no merchant or
//! account name readable in it or beside it, and nothing opens it without its key. A wallet an earlier
//! release left unencrypted is encrypted when opened, keeping everything.

use std::path::Path;

use chrono::{TimeZone, Utc};
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use tempfile::TempDir;
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};
use wallet_store::{BankLink, DatabaseKey, KEY_BYTES, Store, StoreError, StoreOptions};

const MERCHANT: &str = "海底捞 Haidilao Hotpot";
const ACCOUNT_NAME: &str = "Secret salary card";

fn key(byte: u8) -> DatabaseKey {
    DatabaseKey::from_bytes([byte; KEY_BYTES])
}

/// A wallet with one account and one card payment at a known merchant, closed.
async fn wallet_with_a_payment(path: &Path, key: DatabaseKey) -> AccountId {
    let store = Store::open(&StoreOptions::at(path, key)).await.unwrap();
    let account = add_account(&store).await;
    store
        .upsert_transactions(&[payment(account)])
        .await
        .unwrap();
    store.close().await;
    account
}

async fn add_account(store: &Store) -> AccountId {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
    let link = BankLink {
        id: BankLinkId::new(),
        kind: wallet_store::LinkKind::OpenBanking,
        bank_name: "Sandbox".into(),
        base_url: None,
        embedded: true,
        customer: Some("demo".into()),
        created_at: at,
        last_synced_at: None,
    };
    store.insert_bank_link(&link).await.unwrap();
    store
        .upsert_account(
            &Account {
                id: AccountId::new(),
                bank_link: link.id,
                bank_account_id: "acc-1".into(),
                bank_name: "Sandbox".into(),
                kind: AccountKind::DebitCard,
                masked_number: "•••• 4321".into(),
                currency: Currency::CNY,
                name: ACCOUNT_NAME.into(),
                nickname: None,
                balance: Money::zero(Currency::CNY),
                available: None,
                credit_limit: None,
                routing: None,
            },
            at,
        )
        .await
        .unwrap()
}

fn payment(account: AccountId) -> Transaction {
    Transaction {
        account_id: account,
        bank_transaction_id: "tx-1".into(),
        status: TransactionStatus::Booked,
        booked_at: Utc.with_ymd_and_hms(2026, 11, 2, 19, 30, 0).unwrap(),
        value_at: None,
        amount: Money::parse("-268.00", Currency::CNY).unwrap(),
        original_amount: None,
        merchant: Some(MERCHANT.into()),
        mcc: Some("5812".into()),
        counterparty: None,
        description: "Dinner for four".into(),
        category_id: "food.dining".into(),
    }
}

/// Every byte of every file in the folder (the wallet, and its log files if any are left).
fn everything_in(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn the_wallet_folder_holds_no_merchant_account_name_or_sqlite_header_in_plain_text() {
    let dir = TempDir::new().unwrap();
    wallet_with_a_payment(&dir.path().join("wallet.db"), key(1)).await;

    let bytes = everything_in(dir.path());
    assert!(bytes.len() > 16_384, "the wallet was written");
    for plain in [
        MERCHANT,
        "Haidilao",
        ACCOUNT_NAME,
        "Dinner for four",
        "SQLite format 3",
    ] {
        assert!(
            !contains(&bytes, plain),
            "{plain:?} is readable in the folder"
        );
    }
}

#[tokio::test]
async fn the_wallet_opens_again_with_its_key_and_keeps_the_payment() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("wallet.db");
    let account = wallet_with_a_payment(&path, key(1)).await;

    let store = Store::open(&StoreOptions::at(&path, key(1))).await.unwrap();
    assert_eq!(store.count_transactions(Some(account)).await.unwrap(), 1);
}

#[tokio::test]
async fn another_key_is_told_apart_from_a_damaged_file_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("wallet.db");
    let account = wallet_with_a_payment(&path, key(1)).await;
    let before = std::fs::read(&path).unwrap();

    let wrong = Store::open(&StoreOptions::at(&path, key(2))).await;
    assert!(
        matches!(wrong, Err(StoreError::WrongKey { .. })),
        "{wrong:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let store = Store::open(&StoreOptions::at(&path, key(1))).await.unwrap();
    assert_eq!(store.count_transactions(Some(account)).await.unwrap(), 1);
}

#[tokio::test]
async fn plain_sqlite_without_a_key_cannot_read_the_wallet() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("wallet.db");
    wallet_with_a_payment(&path, key(1)).await;

    let mut plain = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    let read = sqlx::query("SELECT count(*) FROM sqlite_schema")
        .execute(&mut plain)
        .await;
    let error = read.expect_err("the file reads without its key");
    assert!(error.to_string().contains("not a database"), "{error}");
}
