//! Link and sync as a user lives them: the wallet against a real sandbox bank over HTTP on loopback.

mod common;

use std::collections::HashSet;
use std::sync::Mutex;

use chrono::Duration;
use common::{all_bills, ignore_progress, world};
use wallet_app::ErrorCode;
use wallet_app::dto::{
    AccountKindDto, SyncProgress, SyncStage, TransactionQuery, TransactionStatusDto,
};

#[tokio::test]
async fn the_first_sync_links_the_demo_customer_and_brings_every_account_with_two_years_of_history()
{
    let w = world().await;
    let report = w
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .expect("sync works");
    let overview = w.wallet.accounts().unwrap().list_accounts().await.unwrap();

    assert_eq!(report.accounts, 5);
    let kinds: Vec<_> = overview
        .accounts
        .iter()
        .map(|a| (a.kind, a.currency.as_str()))
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == (AccountKindDto::DebitCard, "CNY"))
            .count(),
        2,
        "{kinds:?}"
    );
    assert!(kinds.contains(&(AccountKindDto::CreditCard, "CNY")));
    assert!(kinds.iter().any(|(_, currency)| *currency == "USD"));
    assert!(
        kinds
            .iter()
            .any(|(kind, _)| *kind == AccountKindDto::EWallet)
    );
    let card = overview
        .accounts
        .iter()
        .find(|a| a.kind == AccountKindDto::CreditCard)
        .unwrap();
    assert!(
        card.credit_limit.is_some(),
        "the credit card shows its credit line"
    );
    assert!(
        overview
            .accounts
            .iter()
            .all(|a| a.masked_number.starts_with("••••"))
    );

    let lines = all_bills(&w.wallet, TransactionQuery::default()).await;
    assert_eq!(lines.len(), report.transactions_added as usize);
    let oldest = lines.iter().map(|l| l.booked_at.clone()).min().unwrap();
    let two_years_ago = (common::start_time() - Duration::days(700)).to_rfc3339();
    assert!(oldest < two_years_ago, "history starts {oldest}");
    assert!(lines.iter().any(|l| {
        l.original_amount
            .as_ref()
            .is_some_and(|o| o.currency == "USD")
    }));
    assert!(lines.iter().any(|l| {
        l.original_amount
            .as_ref()
            .is_some_and(|o| o.currency == "JPY")
    }));
    assert!(lines.iter().any(|l| l.category.id == "income.salary"));
    assert!(lines.iter().any(|l| l.category.id == "food.groceries"));
}

#[tokio::test]
async fn syncing_twice_adds_nothing() {
    let w = world().await;
    let first = w.sync().await;
    let count = all_bills(&w.wallet, TransactionQuery::default())
        .await
        .len();
    let second = w.sync().await;
    assert!(first.transactions_added > 0);
    assert_eq!(
        (second.transactions_added, second.transactions_updated),
        (0, 0)
    );
    assert_eq!(
        all_bills(&w.wallet, TransactionQuery::default())
            .await
            .len(),
        count
    );
}

#[tokio::test]
async fn a_pending_purchase_that_books_later_updates_the_same_bill_line() {
    let w = world().await;
    w.sync().await;
    let before = all_bills(&w.wallet, TransactionQuery::default()).await;
    let pending: Vec<_> = before
        .iter()
        .filter(|l| l.status == TransactionStatusDto::Pending)
        .collect();
    assert!(
        !pending.is_empty(),
        "the demo bank has card authorisations still pending"
    );

    w.clock.advance(Duration::days(3));
    let report = w.sync().await;
    assert!(report.transactions_updated > 0);
    let after = all_bills(&w.wallet, TransactionQuery::default()).await;
    for line in pending {
        let now = after.iter().find(|l| l.id == line.id);
        match now {
            Some(now) => assert_ne!(
                now.status,
                TransactionStatusDto::Pending,
                "{} still pending",
                line.id
            ),
            None => panic!("pending line {} vanished instead of booking", line.id),
        }
    }
    let ids: HashSet<_> = after.iter().map(|l| l.id.clone()).collect();
    assert_eq!(ids.len(), after.len(), "no line appears twice");
}

#[tokio::test]
async fn new_purchases_at_the_bank_appear_on_the_next_sync() {
    let w = world().await;
    w.sync().await;
    w.clock.advance(Duration::days(2));
    let report = w.sync().await;
    assert!(report.transactions_added > 0, "two days of new activity");
}

#[tokio::test]
async fn a_long_history_arrives_across_several_bank_pages_and_nothing_is_missed() {
    let w = world().await;
    let fetched = Mutex::new(Vec::<SyncProgress>::new());
    let record = |p: SyncProgress| fetched.lock().unwrap().push(p);
    let report = w.wallet.links().unwrap().sync_now(&record).await.unwrap();
    let events = fetched.into_inner().unwrap();

    let per_account_pages: Vec<u32> = events
        .iter()
        .filter(|p| p.stage == SyncStage::Transactions)
        .map(|p| p.transactions_fetched)
        .collect();
    assert!(
        per_account_pages.iter().any(|&n| n > 100),
        "some account needs more than one page"
    );
    assert_eq!(events.last().map(|p| p.stage), Some(SyncStage::Done));
    assert_eq!(
        all_bills(&w.wallet, TransactionQuery::default())
            .await
            .len(),
        report.transactions_added as usize
    );
}

#[tokio::test]
async fn when_the_bank_is_down_the_user_gets_a_clear_error_and_the_wallet_is_untouched() {
    let mut w = world().await;
    w.sync().await;
    let accounts_before = w.wallet.accounts().unwrap().list_accounts().await.unwrap();
    let lines_before = all_bills(&w.wallet, TransactionQuery::default()).await;

    w.bank.take().unwrap().shutdown().await;
    w.clock.advance(Duration::days(1));
    let error = w
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap_err();

    assert_eq!(error.code, ErrorCode::BankUnreachable, "{error:?}");
    assert!(
        error.message.to_lowercase().contains("bank"),
        "{}",
        error.message
    );
    assert_eq!(
        w.wallet.accounts().unwrap().list_accounts().await.unwrap(),
        accounts_before
    );
    assert_eq!(
        all_bills(&w.wallet, TransactionQuery::default()).await,
        lines_before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bank_that_fails_part_way_through_a_first_sync_leaves_nothing_behind() {
    let mut w = world().await;
    // The bank goes away once the first page of lines has been written into the sync's load.
    let bank = Mutex::new(w.bank.take());
    let cut_off = |p: SyncProgress| {
        if p.stage != SyncStage::Transactions {
            return;
        }
        if let Some(bank) = bank.lock().unwrap().take() {
            tokio::task::block_in_place(|| {
                tokio::runtime::Handle::current().block_on(bank.shutdown())
            });
        }
    };
    let error = w
        .wallet
        .links()
        .unwrap()
        .sync_now(&cut_off)
        .await
        .unwrap_err();

    assert_eq!(error.code, ErrorCode::BankUnreachable, "{error:?}");
    assert!(
        bank.lock().unwrap().is_none(),
        "the bank went away mid-sync"
    );
    assert!(
        w.wallet
            .accounts()
            .unwrap()
            .list_accounts()
            .await
            .unwrap()
            .accounts
            .is_empty()
    );
    assert!(
        all_bills(&w.wallet, TransactionQuery::default())
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn the_home_totals_add_up_to_the_accounts_in_yuan() {
    let w = world().await;
    w.sync().await;
    let overview = w.wallet.accounts().unwrap().list_accounts().await.unwrap();
    assert_eq!(overview.home_currency, "CNY");
    let usd = overview
        .accounts
        .iter()
        .find(|a| a.currency == "USD")
        .unwrap();
    assert!(
        usd.balance_in_home.is_some(),
        "the USD account is converted at the bank's latest card rate"
    );
    assert!(
        overview
            .rates
            .iter()
            .any(|r| r.from == "USD" && r.to == "CNY" && !r.as_of.is_empty())
    );

    let sum = |liability: bool| -> rust_decimal::Decimal {
        overview
            .accounts
            .iter()
            .filter(|a| (a.kind == AccountKindDto::CreditCard) == liability)
            .filter_map(|a| a.balance_in_home.as_ref())
            .map(|m| m.amount.parse::<rust_decimal::Decimal>().unwrap())
            .sum()
    };
    assert_eq!(
        overview
            .total_assets
            .amount
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        sum(false)
    );
    assert_eq!(
        overview
            .total_liabilities
            .amount
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        -sum(true)
    );
}
