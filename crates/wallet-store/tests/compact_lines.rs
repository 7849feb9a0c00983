//! Lines kept compactly (row numbers, account numbers): a bulk load copes with a bank that sends a line
//! twice and keeps every line and total.

use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};
use wallet_store::{BankLink, Store, StoreOptions, TransactionFilter};

/// One fixed key for the test wallets (each lives in its own temporary folder).
fn test_key() -> wallet_store::DatabaseKey {
    wallet_store::DatabaseKey::from_bytes([7; wallet_store::KEY_BYTES])
}

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, day, 12, 0, 0).unwrap()
}

fn account(link: BankLinkId, bank_id: &str) -> Account {
    Account {
        id: AccountId::new(),
        bank_link: link,
        bank_account_id: bank_id.into(),
        bank_name: "Bank".into(),
        kind: AccountKind::DebitCard,
        masked_number: "•••• 0001".into(),
        currency: Currency::CNY,
        name: format!("Card {bank_id}"),
        nickname: None,
        balance: Money::zero(Currency::CNY),
        available: None,
        credit_limit: None,
        routing: None,
    }
}

fn line(
    account: AccountId,
    bank_id: &str,
    day: u32,
    amount: &str,
    status: TransactionStatus,
) -> Transaction {
    Transaction {
        account_id: account,
        bank_transaction_id: bank_id.into(),
        status,
        booked_at: at(day),
        value_at: None,
        amount: Money::parse(amount, Currency::CNY).unwrap(),
        original_amount: None,
        merchant: Some(format!("shop {day}")),
        mcc: None,
        counterparty: None,
        description: "purchase".into(),
        category_id: "food.groceries".into(),
    }
}

async fn new_wallet(dir: &TempDir) -> (Store, BankLinkId) {
    let store = Store::open(&StoreOptions::at(dir.path().join("wallet.db"), test_key()))
        .await
        .unwrap();
    let link = BankLinkId::new();
    store
        .insert_bank_link(&BankLink {
            id: link,
            kind: wallet_store::LinkKind::OpenBanking,
            bank_name: "Bank".into(),
            base_url: None,
            embedded: true,
            customer: None,
            created_at: at(1),
            last_synced_at: None,
        })
        .await
        .unwrap();
    (store, link)
}

async fn assert_consistent(store: &Store) {
    let kept = store.monthly_totals(0, 999_999, None).await.unwrap();
    assert_eq!(kept, store.monthly_totals_recomputed().await.unwrap());
    let kept = store.payee_totals(202610, None, &[], 1000).await.unwrap();
    assert_eq!(kept, store.payee_totals_recomputed(202610).await.unwrap());
}

#[tokio::test]
async fn a_first_bulk_load_keeps_one_line_when_the_bank_sends_it_twice() {
    use TransactionStatus::{Booked, Pending};
    let dir = TempDir::new().unwrap();
    let (store, link) = new_wallet(&dir).await;
    let card = store
        .upsert_account(&account(link, "a"), at(1))
        .await
        .unwrap();
    let other = store
        .upsert_account(&account(link, "b"), at(1))
        .await
        .unwrap();

    let mut bulk = store.begin_bulk_ingest().await.unwrap();
    let mut first: Vec<Transaction> = (0..1500)
        .map(|i| line(card, &format!("t{i}"), 1 + i % 28, "-2.50", Booked))
        .collect();
    first.push(line(card, "late", 9, "-30.00", Pending));
    // The same line twice within one batch, as a bank paging through a changing history may send it.
    first.push(line(other, "twice", 10, "-4.00", Booked));
    first.push(line(other, "twice", 10, "-4.00", Booked));
    bulk.add(&first).await.unwrap();
    // A later page: the pending line has booked, at another amount; an early line comes again.
    let mut booked = line(card, "late", 9, "-31.00", Booked);
    booked.merchant = Some("shop booked".into());
    bulk.add(&[booked, line(card, "t3", 4, "-2.50", Booked)])
        .await
        .unwrap();
    let counts = bulk.finish().await.unwrap();

    assert_eq!(
        (counts.added, counts.updated, counts.unchanged),
        (1502, 1, 2)
    );
    assert_eq!(store.count_transactions(Some(card)).await.unwrap(), 1501);
    assert_eq!(store.count_transactions(Some(other)).await.unwrap(), 1);
    assert_consistent(&store).await;
}

#[tokio::test]
async fn a_description_that_repeats_the_merchant_reads_back_as_it_came() {
    let dir = TempDir::new().unwrap();
    let (store, link) = new_wallet(&dir).await;
    let card = store
        .upsert_account(&account(link, "a"), at(1))
        .await
        .unwrap();
    let mut same = line(card, "same", 3, "-5.00", TransactionStatus::Booked);
    same.description = "shop 3".into();
    let other = line(card, "other", 4, "-6.00", TransactionStatus::Booked);
    let mut no_merchant = line(card, "none", 5, "-7.00", TransactionStatus::Booked);
    no_merchant.merchant = None;
    store
        .upsert_transactions(&[same.clone(), other.clone(), no_merchant.clone()])
        .await
        .unwrap();
    let page = store
        .page_transactions(&TransactionFilter::default(), None, 10)
        .await
        .unwrap();
    let read: Vec<Transaction> = page.items.into_iter().map(|t| t.line).collect();
    assert_eq!(read, vec![no_merchant, other, same]);
}

#[tokio::test]
async fn a_wallet_closed_after_a_bulk_load_is_one_whole_file_with_no_log_beside_it() {
    let dir = TempDir::new().unwrap();
    let (store, link) = new_wallet(&dir).await;
    let card = store
        .upsert_account(&account(link, "a"), at(1))
        .await
        .unwrap();
    let mut bulk = store.begin_bulk_ingest().await.unwrap();
    let lines: Vec<Transaction> = (0..5000)
        .map(|i| {
            line(
                card,
                &format!("t{i}"),
                1 + i % 28,
                "-2.50",
                TransactionStatus::Booked,
            )
        })
        .collect();
    bulk.add(&lines).await.unwrap();
    bulk.finish().await.unwrap();
    assert_eq!(store.count_transactions(Some(card)).await.unwrap(), 5000);
    store.close().await;
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["wallet.db".to_string()]);
    let reopened = Store::open(&StoreOptions::at(dir.path().join("wallet.db"), test_key()))
        .await
        .unwrap();
    assert_eq!(reopened.count_transactions(Some(card)).await.unwrap(), 5000);
}
