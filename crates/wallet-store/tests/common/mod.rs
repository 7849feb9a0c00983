//! A test wallet in a temporary folder: one fixed key, a bank link and one CNY card, in October 2026.
// Each test file compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;
use wallet_core::{Account, AccountId, AccountKind, BankLinkId, Currency, Money};
use wallet_store::{BankLink, Store, StoreOptions};

/// One fixed key for the test wallets (each lives in its own temporary folder).
pub fn test_key() -> wallet_store::DatabaseKey {
    wallet_store::DatabaseKey::from_bytes([7; wallet_store::KEY_BYTES])
}

/// Noon UTC on a day of October 2026.
pub fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, day, 12, 0, 0).unwrap()
}

/// A new wallet with one CNY debit card (`•••• 0001`), made on the 1st.
pub async fn wallet_with_a_card(dir: &TempDir) -> (Store, AccountId) {
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
    let account = Account {
        id: AccountId::new(),
        bank_link: link,
        bank_account_id: "a".into(),
        bank_name: "Bank".into(),
        kind: AccountKind::DebitCard,
        masked_number: "•••• 0001".into(),
        currency: Currency::CNY,
        name: "Card".into(),
        nickname: None,
        balance: Money::zero(Currency::CNY),
        available: None,
        credit_limit: None,
        routing: None,
    };
    let id = store.upsert_account(&account, at(1)).await.unwrap();
    (store, id)
}
