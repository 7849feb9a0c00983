//! The bills screens through the handlers: pages, filters, and clear refusals of bad requests.

mod common;

use std::collections::HashSet;

use common::{all_bills, world};
use wallet_app::ErrorCode;
use wallet_app::dto::{Language, SettingsPatch, TransactionQuery};

#[tokio::test]
async fn paging_through_one_account_visits_each_of_its_lines_once_newest_first() {
    let w = world().await;
    w.sync().await;
    let account = w
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts[0]
        .id
        .clone();
    let lines = all_bills(
        &w.wallet,
        TransactionQuery {
            account_id: Some(account.clone()),
            ..Default::default()
        },
    )
    .await;
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l.account_id == account));
    assert_eq!(
        lines.iter().map(|l| &l.id).collect::<HashSet<_>>().len(),
        lines.len()
    );
    assert!(
        lines
            .windows(2)
            .all(|pair| pair[0].booked_at >= pair[1].booked_at)
    );
}

#[tokio::test]
async fn a_month_filter_shows_only_that_months_bills_and_search_finds_a_merchant() {
    let w = world().await;
    w.sync().await;
    let october = all_bills(
        &w.wallet,
        TransactionQuery {
            month: Some("2026-10".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(!october.is_empty());
    for line in &october {
        let local = chrono::DateTime::parse_from_rfc3339(&line.booked_at)
            .unwrap()
            .with_timezone(&chrono::Local);
        assert_eq!(local.format("%Y-%m").to_string(), "2026-10");
    }
    let merchant = october
        .iter()
        .find_map(|l| l.merchant.clone())
        .expect("some October line has a merchant");
    let found = all_bills(
        &w.wallet,
        TransactionQuery {
            text: Some(merchant.clone()),
            ..Default::default()
        },
    )
    .await;
    assert!(!found.is_empty());
    assert!(found.iter().all(|l| {
        [
            l.merchant.as_deref(),
            l.counterparty.as_deref(),
            Some(l.description.as_str()),
        ]
        .iter()
        .flatten()
        .any(|field| field.contains(merchant.as_str()))
    }));
}

#[tokio::test]
async fn a_search_finds_a_part_of_a_name_in_either_case_within_an_account_and_nothing_when_none_holds_it()
 {
    let w = world().await;
    w.sync().await;
    let everything = all_bills(&w.wallet, TransactionQuery::default()).await;
    let holding = |text: &str, account: Option<&str>| {
        let text = text.to_ascii_lowercase();
        everything
            .iter()
            .filter(|l| account.is_none_or(|a| l.account_id == a))
            .filter(|l| {
                [
                    l.merchant.as_deref(),
                    l.counterparty.as_deref(),
                    Some(l.description.as_str()),
                ]
                .iter()
                .flatten()
                .any(|field| field.to_ascii_lowercase().contains(&text))
            })
            .map(|l| l.id.clone())
            .collect::<Vec<_>>()
    };
    let search = |text: &str, account: Option<&str>, limit: u32| {
        let query = TransactionQuery {
            text: Some(text.into()),
            account_id: account.map(String::from),
            limit: Some(limit),
            ..Default::default()
        };
        let wallet = &w.wallet;
        async move {
            let mut found = Vec::new();
            let mut cursor = None;
            loop {
                let page = wallet
                    .bills()
                    .unwrap()
                    .page_transactions(TransactionQuery {
                        cursor: cursor.clone(),
                        ..query.clone()
                    })
                    .await
                    .expect("page loads");
                found.extend(page.items.into_iter().map(|l| l.id));
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => return found,
                }
            }
        }
    };
    let merchant = everything
        .iter()
        .find_map(|l| l.merchant.clone().filter(|m| m.chars().count() >= 5))
        .expect("some line has a merchant");
    let part: String = merchant.chars().skip(1).take(3).collect();
    let two: String = merchant.chars().take(2).collect();
    let account = everything[0].account_id.clone();
    for text in [merchant.clone(), merchant.to_ascii_uppercase(), part, two] {
        for limit in [3, 50] {
            assert_eq!(
                search(&text, None, limit).await,
                holding(&text, None),
                "{text:?}"
            );
            assert_eq!(
                search(&text, Some(&account), limit).await,
                holding(&text, Some(&account)),
                "{text:?} in one account"
            );
        }
    }
    assert!(search("必胜客 no such shop", None, 50).await.is_empty());
}

#[tokio::test]
async fn bad_requests_are_refused_with_a_clear_reason() {
    let w = world().await;
    let bad_month = w
        .wallet
        .bills()
        .unwrap()
        .page_transactions(TransactionQuery {
            month: Some("13/2026".into()),
            ..Default::default()
        });
    assert_eq!(bad_month.await.unwrap_err().code, ErrorCode::InvalidInput);
    let bad_cursor = w
        .wallet
        .bills()
        .unwrap()
        .page_transactions(TransactionQuery {
            cursor: Some("x".into()),
            ..Default::default()
        });
    assert_eq!(bad_cursor.await.unwrap_err().code, ErrorCode::InvalidInput);
    let too_big = w
        .wallet
        .bills()
        .unwrap()
        .page_transactions(TransactionQuery {
            limit: Some(10_000),
            ..Default::default()
        });
    assert_eq!(too_big.await.unwrap_err().code, ErrorCode::InvalidInput);
    let unknown = w
        .wallet
        .accounts()
        .unwrap()
        .get_account(&uuid_like())
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert_eq!(
        w.wallet
            .accounts()
            .unwrap()
            .get_account("nonsense")
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
}

fn uuid_like() -> String {
    "0190d9a8-0000-7000-8000-000000000000".into()
}

#[tokio::test]
async fn the_chosen_language_is_remembered_after_the_wallet_reopens() {
    let w = world().await;
    let changed = w
        .wallet
        .preferences()
        .unwrap()
        .update_settings(SettingsPatch {
            language: Some(Language::ZhCn),
        })
        .await
        .unwrap();
    assert_eq!(changed.language, Language::ZhCn);
    let data_dir = w.wallet.data_dir().to_path_buf();
    let base_url = w.wallet.bank_url().unwrap().clone();
    let clock = w.clock.clone();
    w.wallet.close().await;
    let reopened = wallet_app::Wallet::open(wallet_app::WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir,
        clock: std::sync::Arc::new(clock),
        bank: Some(bank_sandbox::demo::composed(Some(base_url))),
    })
    .await
    .unwrap();
    assert_eq!(
        reopened
            .preferences()
            .unwrap()
            .get_settings()
            .await
            .unwrap()
            .language,
        Language::ZhCn
    );
}
