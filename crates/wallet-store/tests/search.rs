//! A text search through the search index finds exactly the lines a look at every line would (any part
//! of a merchant, counterparty or description, Latin letters in either case, Chinese names, one or two
//! characters), page after page newest first, with the account, month and category filters, and stays
//! right as lines are synced, changed, recategorised, imported, undone, bulk loaded and unlinked.

mod common;

use chrono::{DateTime, Utc};
use common::{at, test_key, wallet_with_a_card};
use tempfile::TempDir;
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, StoredTransaction, Transaction,
    TransactionStatus,
};
use wallet_store::{BankLink, Cursor, NewImport, Store, StoreOptions, TransactionFilter};

fn line(account: AccountId, key: &str, booked_at: DateTime<Utc>, merchant: &str) -> Transaction {
    Transaction {
        account_id: account,
        bank_transaction_id: key.into(),
        status: TransactionStatus::Booked,
        booked_at,
        value_at: None,
        amount: Money::parse("-10.00", Currency::CNY).unwrap(),
        original_amount: None,
        merchant: Some(merchant.into()),
        mcc: None,
        counterparty: None,
        description: merchant.into(),
        category_id: "food.dining".into(),
    }
}

/// A line with its own counterparty and description besides the merchant.
fn line_with(
    account: AccountId,
    key: &str,
    day: u32,
    merchant: Option<&str>,
    counterparty: Option<&str>,
    description: &str,
) -> Transaction {
    Transaction {
        merchant: merchant.map(String::from),
        counterparty: counterparty.map(String::from),
        description: description.into(),
        ..line(account, key, at(day), "")
    }
}

/// Every page of a search, in order.
async fn search_all(
    store: &Store,
    filter: &TransactionFilter,
    limit: u32,
) -> Vec<StoredTransaction> {
    let mut found = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = store
            .page_transactions(filter, after.as_ref(), limit)
            .await
            .unwrap();
        found.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => return found,
        }
    }
}

/// What a look at every line finds: the lines whose merchant, counterparty or description holds the
/// text, Latin letters in either case (as SQLite's LIKE), newest first.
async fn every_line_holding(store: &Store, filter: &TransactionFilter) -> Vec<StoredTransaction> {
    let text = filter.text.as_deref().unwrap().trim().to_ascii_lowercase();
    let unfiltered = TransactionFilter {
        text: None,
        ..filter.clone()
    };
    search_all(store, &unfiltered, 500)
        .await
        .into_iter()
        .filter(|found| {
            let line = &found.line;
            [
                line.merchant.as_deref(),
                line.counterparty.as_deref(),
                Some(line.description.as_str()),
            ]
            .into_iter()
            .flatten()
            .any(|field| field.to_ascii_lowercase().contains(&text))
        })
        .collect()
}

fn ids(lines: &[StoredTransaction]) -> Vec<i64> {
    lines.iter().map(|line| line.id.0).collect()
}

fn text(text: &str) -> TransactionFilter {
    TransactionFilter {
        text: Some(text.into()),
        ..TransactionFilter::default()
    }
}

/// The search finds what a look at every line finds, in pages of `limit`.
async fn assert_found_as_by_every_line(store: &Store, filter: &TransactionFilter, limit: u32) {
    let expected = every_line_holding(store, filter).await;
    let found = search_all(store, filter, limit).await;
    assert_eq!(
        ids(&found),
        ids(&expected),
        "searching {:?} in pages of {limit}",
        filter.text
    );
}

/// The index holds exactly the lines' words (FTS5 reads the lines and compares).
async fn assert_index_right(store: &Store) {
    sqlx::query("INSERT INTO line_search (line_search, rank) VALUES ('integrity-check', 1)")
        .execute(store.pool())
        .await
        .expect("the search index matches the lines");
}

async fn second_link_with_a_card(store: &Store) -> (BankLinkId, AccountId) {
    let link = BankLinkId::new();
    store
        .insert_bank_link(&BankLink {
            id: link,
            kind: wallet_store::LinkKind::OpenBanking,
            bank_name: "Other bank".into(),
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
        bank_account_id: "b".into(),
        bank_name: "Other bank".into(),
        kind: AccountKind::CreditCard,
        masked_number: "•••• 0002".into(),
        currency: Currency::CNY,
        name: "Other card".into(),
        nickname: None,
        balance: Money::zero(Currency::CNY),
        available: None,
        credit_limit: None,
        routing: None,
    };
    let id = store.upsert_account(&account, at(1)).await.unwrap();
    (link, id)
}

#[tokio::test]
async fn chinese_names_and_parts_of_words_are_found_in_merchant_counterparty_and_description() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    store
        .upsert_transactions(&[
            line_with(card, "1", 2, Some("星巴克 Starbucks 国贸店"), None, "拿铁"),
            line_with(
                card,
                "2",
                3,
                None,
                Some("中国移动 China Mobile"),
                "话费充值",
            ),
            line_with(card, "3", 4, Some("财付通"), None, "美团外卖 订单 8812"),
            line_with(card, "4", 5, Some("STARBUCKS RESERVE"), None, "coffee"),
            line_with(card, "5", 6, Some("滴滴"), None, "滴滴"),
            line_with(card, "6", 7, Some("滴滴出行"), None, "快车 滴滴"),
            line_with(card, "7", 8, Some("Walmart 50%_off"), None, "C:\\path"),
        ])
        .await
        .unwrap();
    let merchants = |found: Vec<StoredTransaction>| {
        found
            .into_iter()
            .map(|t| t.line.bank_transaction_id)
            .collect::<Vec<_>>()
    };
    let search = |what: &'static str| {
        let store = store.clone();
        async move { merchants(search_all(&store, &text(what), 50).await) }
    };
    assert_eq!(search("星巴克").await, ["1"]);
    assert_eq!(search("中国移动").await, ["2"], "a counterparty");
    assert_eq!(search("美团外卖").await, ["3"], "a description");
    assert_eq!(
        search("arbuc").await,
        ["4", "1"],
        "part of a word, either case"
    );
    assert_eq!(search("starbucks").await, ["4", "1"]);
    assert_eq!(search("  Starbucks ").await, ["4", "1"], "spaces around it");
    assert_eq!(
        search("滴滴").await,
        ["6", "5"],
        "two characters, a whole value"
    );
    assert_eq!(search("滴").await, ["6", "5"], "one character");
    assert_eq!(search("行").await, ["6"], "one character at the end");
    assert_eq!(search("国").await, ["2", "1"]);
    assert_eq!(search("8812").await, ["3"]);
    assert_eq!(search("12").await, ["3"], "two digits at the end");
    assert_eq!(search("Cs").await, Vec::<String>::new());
    assert_eq!(
        search("50%_").await,
        ["7"],
        "LIKE's wildcards are plain characters"
    );
    assert_eq!(search("%").await, ["7"]);
    assert_eq!(search("_").await, ["7"]);
    assert_eq!(search(":\\p").await, ["7"]);
    assert_eq!(search("\"").await, Vec::<String>::new(), "a double quote");
    assert_eq!(search("必胜客").await, Vec::<String>::new());
    assert_eq!(search("星巴克 Pizza").await, Vec::<String>::new());
    for what in [
        "星巴克",
        "arbuc",
        "滴滴",
        "滴",
        "o",
        "C",
        "国贸",
        "Éé",
        "a\"b",
        "\u{1}",
    ] {
        assert_found_as_by_every_line(&store, &text(what), 2).await;
    }
    assert_index_right(&store).await;
}

#[tokio::test]
async fn a_search_pages_newest_first_through_every_line_it_matches_few_or_many() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    // 300 lines: one in three at 海底捞 Haidilao, one in 60 at 星巴克, the rest at 永辉超市; several
    // at the very same time, so the paging's tie on time is crossed too.
    let lines: Vec<Transaction> = (0..300)
        .map(|i| {
            let merchant = match i {
                i if i % 60 == 7 => "星巴克 Starbucks",
                i if i % 3 == 0 => "海底捞 Haidilao",
                _ => "永辉超市 Yonghui",
            };
            line(
                card,
                &format!("l{i}"),
                at(1) + chrono::Duration::minutes((i / 4) * 7),
                merchant,
            )
        })
        .collect();
    store.upsert_transactions(&lines).await.unwrap();
    // Pages of 3: five Starbucks lines are few (read from the index), a hundred Haidilao lines are many
    // (read newest first), and a text in no line is answered at once.
    for what in [
        "星巴克",
        "starbucks",
        "Haidilao",
        "海底",
        "超市",
        "a",
        "ai",
        "Pizza",
        "披萨",
    ] {
        for limit in [1, 3, 50] {
            assert_found_as_by_every_line(&store, &text(what), limit).await;
        }
    }
    let month = TransactionFilter {
        text: Some("haidilao".into()),
        from: Some(at(1)),
        until: Some(at(1) + chrono::Duration::hours(30)),
        category: Some("food".into()),
        ..TransactionFilter::default()
    };
    assert_found_as_by_every_line(&store, &month, 4).await;
    assert_index_right(&store).await;
}

#[tokio::test]
async fn a_search_within_one_account_finds_only_that_accounts_lines() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    let (_, other) = second_link_with_a_card(&store).await;
    let mut lines = Vec::new();
    for i in 0..40 {
        lines.push(line(
            card,
            &format!("c{i}"),
            at(2 + i / 4),
            "星巴克 Starbucks",
        ));
        lines.push(line(
            other,
            &format!("o{i}"),
            at(2 + i / 4),
            "海底捞 Haidilao",
        ));
    }
    lines.push(line(other, "o-star", at(20), "星巴克 Starbucks"));
    store.upsert_transactions(&lines).await.unwrap();
    for (account, what) in [
        (card, "星巴克"),
        (other, "星巴克"),
        (card, "海底捞"),
        (other, "Haidilao"),
        (card, "星"),
    ] {
        let filter = TransactionFilter {
            account: Some(account),
            ..text(what)
        };
        assert_found_as_by_every_line(&store, &filter, 5).await;
    }
    let only_the_other = TransactionFilter {
        account: Some(other),
        ..text("星巴克")
    };
    let found = search_all(&store, &only_the_other, 5).await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line.bank_transaction_id, "o-star");
    let none = TransactionFilter {
        account: Some(card),
        ..text("海底捞")
    };
    assert!(search_all(&store, &none, 5).await.is_empty());
    let unknown = TransactionFilter {
        account: Some(AccountId::new()),
        ..text("星巴克")
    };
    assert!(search_all(&store, &unknown, 5).await.is_empty());
}

#[tokio::test]
async fn a_line_the_bank_renames_is_found_by_its_new_name_only_and_a_recategorised_one_still_is() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    store
        .upsert_transactions(&[
            line(card, "1", at(3), "财付通"),
            line(card, "2", at(4), "星巴克"),
        ])
        .await
        .unwrap();
    store
        .upsert_transactions(&[line(card, "1", at(3), "西贝莜面村")])
        .await
        .unwrap();
    assert!(search_all(&store, &text("财付通"), 10).await.is_empty());
    assert_eq!(search_all(&store, &text("莜面"), 10).await.len(), 1);

    let coffee = search_all(&store, &text("星巴克"), 10).await;
    assert!(store.set_category(coffee[0].id, "food.fast").await.unwrap());
    let fast = TransactionFilter {
        category: Some("food.fast".into()),
        ..text("星巴克")
    };
    assert_eq!(ids(&search_all(&store, &fast, 10).await), ids(&coffee));
    let dining = TransactionFilter {
        category: Some("food.dining".into()),
        ..text("星巴克")
    };
    assert!(search_all(&store, &dining, 10).await.is_empty());
    store
        .apply_category_rule("西贝莜面村", "food.fast", at(5))
        .await
        .unwrap();
    let ruled = TransactionFilter {
        category: Some("food.fast".into()),
        ..text("莜面")
    };
    assert_eq!(search_all(&store, &ruled, 10).await.len(), 1);
    assert_index_right(&store).await;
}

#[tokio::test]
async fn an_import_is_found_and_after_its_undo_is_not_and_a_line_it_named_says_the_banks_words_again()
 {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    store
        .upsert_transactions(&[line(card, "bank-1", at(5), "财付通")])
        .await
        .unwrap();
    let synced = search_all(&store, &text("财付通"), 10).await;
    let new_lines = [
        line(card, "import:1", at(3), "中国移动 话费"),
        line(card, "import:2", at(4), "美团外卖"),
    ];
    let links = [wallet_store::ImportLink {
        row_key: "import:3".into(),
        line: synced[0].id,
        enrich: Some(("西贝莜面村 望京店".into(), "莜面 x2".into())),
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
            refunds: &[],
        })
        .await
        .unwrap();
    assert_eq!(search_all(&store, &text("中国移动"), 10).await.len(), 1);
    assert_eq!(search_all(&store, &text("美团"), 10).await.len(), 1);
    assert_eq!(search_all(&store, &text("莜面 x2"), 10).await.len(), 1);
    assert!(search_all(&store, &text("财付通"), 10).await.is_empty());
    assert_index_right(&store).await;

    store.undo_import(record.id, at(21)).await.unwrap();
    assert!(search_all(&store, &text("中国移动"), 10).await.is_empty());
    assert!(search_all(&store, &text("美团"), 10).await.is_empty());
    assert!(search_all(&store, &text("莜面"), 10).await.is_empty());
    assert_eq!(
        ids(&search_all(&store, &text("财付通"), 10).await),
        ids(&synced)
    );
    assert_index_right(&store).await;
}

#[tokio::test]
async fn unlinking_with_the_bills_deleted_leaves_nothing_of_them_to_find() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    let (link, other) = second_link_with_a_card(&store).await;
    store
        .upsert_transactions(&[
            line(card, "1", at(3), "星巴克 Starbucks"),
            line(other, "2", at(4), "星巴克 Starbucks"),
            line(other, "3", at(5), "滴滴出行"),
        ])
        .await
        .unwrap();
    store.delete_bank_link(link).await.unwrap();
    let left = search_all(&store, &text("星巴克"), 10).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].line.account_id, card);
    assert!(search_all(&store, &text("滴滴"), 10).await.is_empty());
    assert_index_right(&store).await;
}

#[tokio::test]
async fn lines_of_a_bulk_load_are_found_also_those_it_changed_or_removed_on_the_way() {
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    store
        .upsert_transactions(&[line(card, "before", at(2), "星巴克 before the load")])
        .await
        .unwrap();
    let (_, other) = second_link_with_a_card(&store).await;
    let mut bulk = store.begin_bulk_ingest().await.unwrap();
    // An account's first lines go in without being looked up.
    let first_of_the_other: Vec<Transaction> = (0..10)
        .map(|i| {
            line(
                other,
                &format!("o{i}"),
                at(3) + chrono::Duration::hours(i),
                "海底捞",
            )
        })
        .collect();
    bulk.add(&first_of_the_other).await.unwrap();
    let first: Vec<Transaction> = (0..50)
        .map(|i| {
            line(
                card,
                &format!("b{i}"),
                at(3) + chrono::Duration::hours(i),
                "美团外卖",
            )
        })
        .collect();
    bulk.add(&first).await.unwrap();
    // The bank sends some again, renamed, and lets one pending line go.
    let renamed: Vec<Transaction> = (0..5)
        .map(|i| {
            line(
                card,
                &format!("b{i}"),
                at(3) + chrono::Duration::hours(i),
                "滴滴出行",
            )
        })
        .collect();
    bulk.add(&renamed).await.unwrap();
    // A line sent twice in one step, renamed the second time: updated before the step is indexed.
    bulk.add(&[
        line(card, "twice", at(8), "美团外卖"),
        line(card, "twice", at(8), "滴滴出行"),
    ])
    .await
    .unwrap();
    bulk.remove_lines(card, &["b49".to_string()].into_iter().collect())
        .await
        .unwrap();
    bulk.add(&[line(card, "b50", at(9), "星巴克 in the load")])
        .await
        .unwrap();
    bulk.finish().await.unwrap();

    assert_eq!(search_all(&store, &text("美团"), 10).await.len(), 44);
    assert_eq!(search_all(&store, &text("滴滴"), 10).await.len(), 6);
    assert_eq!(search_all(&store, &text("星巴克"), 10).await.len(), 2);
    assert_eq!(search_all(&store, &text("海底捞"), 3).await.len(), 10);
    for what in ["美团", "滴滴出行", "星巴克", "load", "b", "海底捞"] {
        assert_found_as_by_every_line(&store, &text(what), 7).await;
    }
    assert_index_right(&store).await;

    // A load given up leaves the index as it was.
    let mut dropped = store.begin_bulk_ingest().await.unwrap();
    dropped
        .add(&[line(card, "gone", at(10), "必胜客")])
        .await
        .unwrap();
    drop(dropped);
    assert!(search_all(&store, &text("必胜客"), 10).await.is_empty());
    assert_index_right(&store).await;
}

#[tokio::test]
async fn a_wallet_made_before_the_index_has_its_lines_indexed_when_opened() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("wallet.db");
    let (store, card) = wallet_with_a_card(&dir).await;
    store
        .upsert_transactions(&[
            line(card, "1", at(3), "星巴克 Starbucks"),
            line(card, "2", at(4), "滴滴"),
        ])
        .await
        .unwrap();
    // The wallet as it was before the search index's migration.
    sqlx::raw_sql(
        "DROP TRIGGER line_search_on_insert; DROP TRIGGER line_search_on_delete;
         DROP TRIGGER line_search_on_update; DROP TABLE line_search_terms; DROP TABLE line_search;
         DROP VIEW line_search_source;
         DELETE FROM _sqlx_migrations WHERE description = 'line search';",
    )
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;

    let store = Store::open(&StoreOptions::at(&path, test_key()))
        .await
        .unwrap();
    assert_eq!(search_all(&store, &text("starbucks"), 10).await.len(), 1);
    assert_eq!(search_all(&store, &text("滴滴"), 10).await.len(), 1);
    assert_index_right(&store).await;
}
