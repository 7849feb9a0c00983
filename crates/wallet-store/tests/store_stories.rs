//! The wallet file as a user depends on it: reopened intact, lines never doubled, every page reachable.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal_macros::dec;
use tempfile::TempDir;
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};
use wallet_store::{BankLink, Cursor, Store, StoreOptions, TransactionFilter};

/// One fixed key for the test wallets (each lives in its own temporary folder).
fn test_key() -> wallet_store::DatabaseKey {
    wallet_store::DatabaseKey::from_bytes([7; wallet_store::KEY_BYTES])
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap()
}

async fn new_wallet(dir: &TempDir) -> Store {
    Store::open(&StoreOptions::at(dir.path().join("wallet.db"), test_key()))
        .await
        .unwrap()
}

async fn with_account(store: &Store) -> AccountId {
    let link = BankLink {
        id: BankLinkId::new(),
        kind: wallet_store::LinkKind::OpenBanking,
        bank_name: "Sandbox".into(),
        base_url: None,
        embedded: true,
        customer: Some("demo".into()),
        created_at: start(),
        last_synced_at: None,
    };
    store.insert_bank_link(&link).await.unwrap();
    let account = Account {
        id: AccountId::new(),
        bank_link: link.id,
        bank_account_id: "acc-1".into(),
        bank_name: "Sandbox".into(),
        kind: AccountKind::DebitCard,
        masked_number: "•••• 1234".into(),
        currency: Currency::CNY,
        name: "Salary card".into(),
        nickname: None,
        balance: Money::parse("100.00", Currency::CNY).unwrap(),
        available: None,
        credit_limit: None,
        routing: None,
    };
    store.upsert_account(&account, start()).await.unwrap()
}

fn line(
    account: AccountId,
    bank_id: &str,
    at: DateTime<Utc>,
    amount: &str,
    merchant: &str,
) -> Transaction {
    Transaction {
        account_id: account,
        bank_transaction_id: bank_id.into(),
        status: TransactionStatus::Booked,
        booked_at: at,
        value_at: Some(at),
        amount: Money::parse(amount, Currency::CNY).unwrap(),
        original_amount: None,
        merchant: Some(merchant.into()),
        mcc: Some("5411".into()),
        counterparty: None,
        description: format!("{merchant} purchase"),
        category_id: "food.groceries".into(),
    }
}

#[tokio::test]
async fn a_wallet_reopens_with_its_data_and_in_wal_mode() {
    let dir = TempDir::new().unwrap();
    let account = {
        let store = new_wallet(&dir).await;
        let account = with_account(&store).await;
        store
            .upsert_transactions(&[line(account, "t1", start(), "-12.50", "盒马")])
            .await
            .unwrap();
        store.close().await;
        account
    };
    let store = new_wallet(&dir).await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(store.count_transactions(Some(account)).await.unwrap(), 1);
    let stored: i64 = sqlx::query_scalar("SELECT amount_minor FROM transactions")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(stored, -1250, "money is stored as integer minor units");
}

#[tokio::test]
async fn the_same_bank_lines_written_twice_are_stored_once() {
    let dir = TempDir::new().unwrap();
    let store = new_wallet(&dir).await;
    let account = with_account(&store).await;
    let batch = vec![
        line(account, "t1", start(), "-1.00", "A"),
        line(account, "t2", start(), "-2.00", "B"),
    ];
    let first = store.upsert_transactions(&batch).await.unwrap();
    let again: Vec<_> = batch.iter().map(|t| Transaction { ..t.clone() }).collect();
    let second = store.upsert_transactions(&again).await.unwrap();
    assert_eq!((first.added, second.added, second.unchanged), (2, 0, 2));
    assert_eq!(store.count_transactions(None).await.unwrap(), 2);
}

#[tokio::test]
async fn a_pending_line_that_books_updates_its_row_and_keeps_its_category() {
    let dir = TempDir::new().unwrap();
    let store = new_wallet(&dir).await;
    let account = with_account(&store).await;
    let pending = Transaction {
        status: TransactionStatus::Pending,
        ..line(account, "p1", start(), "-30.00", "星巴克")
    };
    store
        .upsert_transactions(std::slice::from_ref(&pending))
        .await
        .unwrap();
    sqlx::query("UPDATE transactions SET category_id = 'food.dining'")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(store.oldest_pending(account).await.unwrap(), Some(start()));
    let pending_id = store
        .page_transactions(&TransactionFilter::default(), None, 10)
        .await
        .unwrap()
        .items[0]
        .id;

    let booked = Transaction {
        status: TransactionStatus::Booked,
        booked_at: start() + Duration::days(1),
        ..pending.clone()
    };
    let counts = store.upsert_transactions(&[booked]).await.unwrap();
    assert_eq!((counts.added, counts.updated), (0, 1));
    let page = store
        .page_transactions(&TransactionFilter::default(), None, 10)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, pending_id);
    assert_eq!(page.items[0].line.status, TransactionStatus::Booked);
    assert_eq!(page.items[0].line.category_id, "food.dining");
    assert_eq!(store.oldest_pending(account).await.unwrap(), None);
}

#[tokio::test]
async fn a_rejected_line_is_kept_but_not_counted() {
    let dir = TempDir::new().unwrap();
    let store = new_wallet(&dir).await;
    let account = with_account(&store).await;
    let rejected = Transaction {
        status: TransactionStatus::Rejected,
        ..line(account, "r", start(), "-99.00", "X")
    };
    store
        .upsert_transactions(&[line(account, "ok", start(), "-1.00", "Y"), rejected])
        .await
        .unwrap();
    assert_eq!(store.count_transactions(Some(account)).await.unwrap(), 2);
    assert_eq!(store.counted_total_minor(account).await.unwrap(), -100);
}

#[tokio::test]
async fn keyset_pages_visit_every_line_once_newest_first_even_with_equal_times() {
    let dir = TempDir::new().unwrap();
    let store = new_wallet(&dir).await;
    let account = with_account(&store).await;
    // 25 lines, in groups of 5 sharing one booking time, so ties must be broken by id.
    let batch: Vec<_> = (0..25)
        .map(|i| {
            line(
                account,
                &format!("t{i}"),
                start() + Duration::hours(i / 5),
                "-1.00",
                "M",
            )
        })
        .collect();
    store.upsert_transactions(&batch).await.unwrap();

    let mut seen = Vec::new();
    let mut cursor: Option<Cursor> = None;
    loop {
        let page = store
            .page_transactions(&TransactionFilter::default(), cursor.as_ref(), 7)
            .await
            .unwrap();
        seen.extend(page.items.iter().map(|t| (t.line.booked_at, t.id)));
        match page.next {
            Some(next) => cursor = Some(Cursor::decode(&next.encode()).unwrap()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 25);
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest first, ties by id");
    sorted.dedup();
    assert_eq!(sorted.len(), 25, "no line twice");
}

#[tokio::test]
async fn filters_narrow_by_month_and_by_text_with_wildcards_taken_literally() {
    let dir = TempDir::new().unwrap();
    let store = new_wallet(&dir).await;
    let account = with_account(&store).await;
    let october = start() + Duration::days(3);
    let november = start() + Duration::days(40);
    store
        .upsert_transactions(&[
            line(account, "a", october, "-1.00", "盒马鲜生"),
            line(account, "b", november, "-2.00", "盒马鲜生"),
            line(account, "c", october, "-3.00", "100%_Coffee"),
        ])
        .await
        .unwrap();
    let october_only = TransactionFilter {
        from: Some(start()),
        until: Some(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()),
        text: Some("盒马".into()),
        ..Default::default()
    };
    let page = store
        .page_transactions(&october_only, None, 50)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].line.amount.amount(), dec!(-1.00));

    let literal = TransactionFilter {
        text: Some("%_".into()),
        ..Default::default()
    };
    let page = store.page_transactions(&literal, None, 50).await.unwrap();
    assert_eq!(
        page.items.len(),
        1,
        "% and _ are matched as characters, not wildcards"
    );
}

#[test]
fn a_tampered_cursor_is_refused() {
    assert!(Cursor::decode("not-a-cursor").is_none());
    assert!(Cursor::decode("123_not-a-uuid").is_none());
}
