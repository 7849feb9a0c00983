//! An imported statement as the wallet file keeps it: its new lines written all together and marked as
//! its own, the rows it found already there linked rather than doubled, the kept totals right, and the
//! whole import undone.

mod common;

use common::{at, wallet_with_a_card};
use tempfile::TempDir;
use wallet_core::{AccountId, Currency, Money, Transaction, TransactionStatus};
use wallet_store::{ImportLink, NewImport, Store};

fn line(account: AccountId, key: &str, day: u32, amount: &str, payee: &str) -> Transaction {
    Transaction {
        account_id: account,
        bank_transaction_id: key.into(),
        status: TransactionStatus::Booked,
        booked_at: at(day),
        value_at: None,
        amount: Money::parse(amount, Currency::CNY).unwrap(),
        original_amount: None,
        merchant: Some(payee.into()),
        mcc: None,
        counterparty: None,
        description: payee.into(),
        category_id: "food.dining".into(),
    }
}

async fn assert_totals_right(store: &Store) {
    assert_eq!(
        store.monthly_totals(0, 999_999, None).await.unwrap(),
        store.monthly_totals_recomputed().await.unwrap()
    );
}

#[tokio::test]
async fn an_import_adds_its_lines_links_the_known_one_and_undoes_as_a_whole() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    // The bank already sent the dinner of the 5th.
    store
        .upsert_transactions(&[line(card, "bank-1", 5, "-180.00", "西贝")])
        .await
        .unwrap();
    let synced = store.linkable_lines(card, at(1), at(30)).await.unwrap();
    assert_eq!(synced.len(), 1);

    let new_lines = vec![
        line(card, "import:a-1", 3, "-32.00", "星巴克"),
        line(card, "import:a-2", 3, "-32.00", "星巴克"),
        line(card, "import:a-3", 9, "500.00", "红包"),
    ];
    let links = vec![ImportLink {
        row_key: "import:a-4".to_string(),
        line: synced[0].id,
        enrich: Some(("西贝莜面村 望京店".to_string(), "莜面 x2".to_string())),
    }];
    let record = store
        .commit_import(NewImport {
            account: card,
            file_name: "alipay.csv",
            format: "alipayCurrent",
            at: at(20),
            lines: &new_lines,
            links: &links,
            duplicates: 0,
            refunds: &[("import:a-3".to_string(), "import:a-4".to_string())],
        })
        .await
        .unwrap();
    assert_eq!((record.added, record.linked, record.duplicates), (3, 1, 0));
    assert_totals_right(&store).await;
    let payees_right = |store: &Store| {
        let store = store.clone();
        async move {
            assert_eq!(
                store.payee_totals(202610, None, &[], 100).await.unwrap(),
                store.payee_totals_recomputed(202610).await.unwrap()
            );
        }
    };
    payees_right(&store).await;
    let enriched = store.linkable_lines(card, at(1), at(30)).await.unwrap();
    assert!(enriched.is_empty());
    let page = store
        .page_transactions(&Default::default(), None, 10)
        .await
        .unwrap()
        .items;
    let dinner = page.iter().find(|t| t.id == synced[0].id).unwrap();
    assert_eq!(dinner.line.merchant.as_deref(), Some("西贝莜面村 望京店"));
    assert_eq!(dinner.line.description, "莜面 x2");
    let gift = page
        .iter()
        .find(|t| t.line.bank_transaction_id == "import:a-3")
        .unwrap();
    let tied = store.refunded_payments(&[gift.id]).await.unwrap();
    assert_eq!(
        tied.get(&gift.id),
        Some(&(synced[0].id, "西贝莜面村 望京店".to_string())),
        "the refund is tied to the linked payment"
    );

    let keys: Vec<String> = ["import:a-1", "import:a-4", "import:a-9"]
        .map(String::from)
        .to_vec();
    let known = store.known_row_keys(card, &keys).await.unwrap();
    assert!(known.contains("import:a-1") && known.contains("import:a-4"));
    assert!(!known.contains("import:a-9"));
    assert!(
        store
            .linkable_lines(card, at(1), at(30))
            .await
            .unwrap()
            .is_empty(),
        "the linked line is not offered twice"
    );

    assert_eq!(store.undo_import(record.id, at(21)).await.unwrap(), Some(3));
    assert_totals_right(&store).await;
    payees_right(&store).await;
    let page = store
        .page_transactions(&Default::default(), None, 10)
        .await
        .unwrap()
        .items;
    let dinner = page.iter().find(|t| t.id == synced[0].id).unwrap();
    assert_eq!(
        dinner.line.merchant.as_deref(),
        Some("西贝"),
        "the bank's words again"
    );
    assert!(store.known_row_keys(card, &keys).await.unwrap().is_empty());
    assert_eq!(
        store
            .linkable_lines(card, at(1), at(30))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store.undo_import(record.id, at(22)).await.unwrap(),
        None,
        "once"
    );
    let history = store.imports().await.unwrap();
    assert_eq!(history[0].undone_at, Some(at(21)));
}
