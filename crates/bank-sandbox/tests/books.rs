//! The demo customer's books as the wallet sees them: deterministic, paged exactly once, filtered by
//! booking date, moving with the clock, and balances that add up.

mod common;

use std::collections::{HashMap, HashSet};

use bank_api::{BankError, wire};
use chrono::{DateTime, Duration, Utc};
use common::{ALL, Bank, bank, bank_at, signed, start_time};
use rust_decimal::Decimal;
use serde_json::Value;
use tempfile::TempDir;
use wallet_core::clock::ManualClock;

/// Lines per page: the bank's choice.
const PAGE: usize = 1_000;

const ACCOUNTS: [&str; 5] = [
    "acc-demo-credit",
    "acc-demo-everyday",
    "acc-demo-ewallet",
    "acc-demo-salary",
    "acc-demo-usd",
];

fn balance_of(balances: &[wire::Balance], kind: wire::BalanceType) -> Decimal {
    let b = balances.iter().find(|b| b.balance_type == kind).unwrap();
    signed(&b.amount, b.credit_debit_indicator)
}

#[tokio::test]
async fn the_demo_customer_has_five_accounts_of_the_expected_kinds() {
    let bank = bank().await;
    let token = bank.token().await;
    let accounts = bank.client.accounts(&token).await.unwrap();
    let shape: Vec<_> = accounts
        .iter()
        .map(|a| {
            (
                a.account_id.as_str(),
                a.currency.as_str(),
                a.account_sub_type,
            )
        })
        .collect();
    use wire::AccountSubType::*;
    assert_eq!(
        shape,
        [
            ("acc-demo-credit", "CNY", Some(CreditCard)),
            ("acc-demo-everyday", "CNY", Some(CurrentAccount)),
            ("acc-demo-ewallet", "CNY", Some(EMoney)),
            ("acc-demo-salary", "CNY", Some(CurrentAccount)),
            ("acc-demo-usd", "USD", Some(CurrentAccount)),
        ]
    );
    assert!(
        accounts
            .iter()
            .all(|a| a.nickname.is_some() && !a.account.is_empty() && a.servicer.is_some())
    );
    let card = bank
        .client
        .balances(&token, "acc-demo-credit")
        .await
        .unwrap();
    let line = card
        .iter()
        .flat_map(|b| &b.credit_line)
        .find(|l| l.included)
        .unwrap();
    assert_eq!(
        line.amount.as_ref().unwrap().amount,
        Decimal::new(5_000_000, 2)
    );
}

#[tokio::test]
async fn the_history_is_two_years_of_a_chinese_customers_life() {
    let bank = bank().await;
    let token = bank.token().await;
    let mut all = Vec::new();
    for account in ACCOUNTS {
        all.extend(bank.history(&token, account).await);
    }
    let oldest = all.iter().map(|t| t.booking_date_time).min().unwrap();
    assert!(oldest <= start_time() - Duration::days(730));
    let merchants: HashSet<&str> = all
        .iter()
        .filter_map(|t| t.merchant_details.as_ref()?.merchant_name.as_deref())
        .collect();
    for name in [
        "盒马鲜生 Freshippo",
        "星巴克 Starbucks",
        "滴滴出行 DiDi",
        "Netflix",
        "京东 JD.com",
    ] {
        assert!(merchants.contains(name), "{name}");
    }
    let mccs: HashSet<&str> = all
        .iter()
        .filter_map(|t| {
            t.merchant_details
                .as_ref()?
                .merchant_category_code
                .as_deref()
        })
        .collect();
    for mcc in [
        "5411", "5812", "5814", "4111", "4121", "4900", "6513", "7011",
    ] {
        assert!(mccs.contains(mcc), "{mcc}");
    }
    let abroad: HashSet<&str> = all
        .iter()
        .filter_map(|t| t.currency_exchange.as_ref())
        .map(|fx| fx.source_currency.as_str())
        .collect();
    assert_eq!(abroad, HashSet::from(["JPY", "USD"]));
    let salary = all
        .iter()
        .filter(|t| t.transaction_information.as_deref() == Some("工资 Salary"))
        .count();
    assert!(salary >= 24, "{salary} salaries");
    assert!(all.iter().any(|t| t.status == wire::EntryStatus::Rejected));
    assert!(all.iter().any(|t| t.status == wire::EntryStatus::Pending));
    let refunds = all.iter().filter(|t| {
        t.credit_debit_indicator == wire::CreditDebitIndicator::Credit
            && t.merchant_details.is_some()
    });
    assert!(refunds.count() > 0);
}

#[tokio::test]
async fn a_foreign_card_payment_carries_the_original_amount_and_rate() {
    let bank = bank().await;
    let token = bank.token().await;
    let card = bank.history(&token, "acc-demo-credit").await;
    let paid = card.iter().find(|t| t.currency_exchange.is_some()).unwrap();
    let fx = paid.currency_exchange.as_ref().unwrap();
    let original = fx.instructed_amount.as_ref().unwrap();
    assert_eq!(original.currency, fx.source_currency);
    assert_eq!(paid.amount.currency, "CNY");
    assert_eq!(
        (original.amount * fx.exchange_rate).round_dp(2),
        paid.amount.amount
    );
}

async fn snapshot(bank: &common::Bank) -> Value {
    let token = bank.token().await;
    let mut all = serde_json::Map::new();
    for account in ACCOUNTS {
        let lines = bank.history(&token, account).await;
        let mut balances = bank.client.balances(&token, account).await.unwrap();
        balances
            .iter_mut()
            .for_each(|b| b.date_time = DateTime::<Utc>::UNIX_EPOCH);
        all.insert(
            account.into(),
            serde_json::json!({"lines": lines, "balances": balances}),
        );
    }
    Value::Object(all)
}

#[tokio::test]
async fn the_same_clock_always_gives_the_same_bank() {
    let first = snapshot(&bank().await).await;
    let second = snapshot(&bank().await).await;
    assert!(
        first == second,
        "two sandboxes opened at the same time differ"
    );
}

#[tokio::test]
async fn catching_up_day_by_day_gives_the_same_days_as_catching_up_at_once() {
    let stepped = bank_at(start_time() - Duration::days(5)).await;
    for _ in 0..5 {
        stepped.clock.advance(Duration::days(1));
        stepped
            .client
            .accounts(&stepped.token().await)
            .await
            .unwrap();
    }
    let stepped_token = stepped.token().await;
    let at_once = bank_at(start_time()).await;
    let at_once_token = at_once.token().await;
    for account in ACCOUNTS {
        let recent = |lines: Vec<wire::Transaction>| -> Vec<wire::Transaction> {
            lines
                .into_iter()
                .filter(|t| t.value_date_time.unwrap() >= start_time() - Duration::days(4))
                .map(|mut t| {
                    t.balance = None;
                    t
                })
                .collect()
        };
        assert_eq!(
            recent(stepped.history(&stepped_token, account).await),
            recent(at_once.history(&at_once_token, account).await),
            "{account}"
        );
    }
}

#[tokio::test]
async fn transactions_are_paged_by_links_next_and_cover_every_line_exactly_once() {
    let bank = bank().await;
    let token = bank.token().await;
    let mut pages = Vec::new();
    let lines = bank
        .client
        .transactions(&token, "acc-demo-credit", None, None, &mut |p| {
            pages.push(p)
        })
        .await
        .unwrap();
    assert!(pages.len() > 1, "the card needs several pages");
    assert!(
        pages
            .iter()
            .all(|p| p.total_pages == Some(pages.len() as u32))
    );
    assert_eq!(pages.last().unwrap().fetched, lines.len());
    let ids: HashSet<_> = lines
        .iter()
        .map(|t| t.transaction_id.clone().unwrap())
        .collect();
    assert_eq!(ids.len(), lines.len(), "no line twice");

    let first: Value = reqwest::Client::new()
        .get(bank.url("/accounts/acc-demo-credit/transactions"))
        .bearer_auth(token.expose())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first["Data"]["Transaction"].as_array().unwrap().len(), PAGE);
    let links = &first["Links"];
    assert!(
        links["Next"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert!(
        links["Last"]
            .as_str()
            .unwrap()
            .ends_with(&format!("page={}", pages.len()))
    );
    assert!(links.get("Prev").is_none());
    assert!(first["Meta"]["FirstAvailableDateTime"].is_string());
}

#[tokio::test]
async fn the_customer_wide_transactions_are_the_accounts_transactions_together() {
    let bank = bank().await;
    let token = bank.token().await;
    let mut by_account = 0;
    for account in ACCOUNTS {
        by_account += bank.history(&token, account).await.len();
    }
    let mut url = Some(bank.url("/transactions"));
    let mut together = 0;
    while let Some(next) = url {
        let page: Value = reqwest::Client::new()
            .get(next)
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        together += page["Data"]["Transaction"].as_array().unwrap().len();
        url = page["Links"]["Next"].as_str().map(str::to_string);
    }
    assert_eq!(together, by_account);
}

#[tokio::test]
async fn booking_date_filters_keep_only_lines_inside_the_window() {
    let bank = bank().await;
    let token = bank.token().await;
    let from = start_time() - Duration::days(40);
    let to = start_time() - Duration::days(10);
    let all = bank.history(&token, "acc-demo-salary").await;
    let window = bank
        .client
        .transactions(&token, "acc-demo-salary", Some(from), Some(to), &mut |_| {})
        .await
        .unwrap();
    let expected: Vec<_> = all
        .iter()
        .filter(|t| t.booking_date_time >= from && t.booking_date_time <= to)
        .map(|t| t.transaction_id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(
        window
            .iter()
            .map(|t| t.transaction_id.clone())
            .collect::<Vec<_>>(),
        expected
    );
}

#[tokio::test]
async fn a_day_later_there_is_new_activity_and_yesterdays_pending_lines_are_booked_under_the_same_id()
 {
    let bank = bank().await;
    let token = bank.link(ALL).await.0.refresh_token.unwrap();
    let access = bank.client.refresh(&token).await.unwrap();
    let mut before: HashMap<String, wire::Transaction> = HashMap::new();
    for account in ACCOUNTS {
        for line in bank.history(&access.access_token, account).await {
            before.insert(line.transaction_id.clone().unwrap(), line);
        }
    }
    let pending: Vec<_> = before
        .values()
        .filter(|t| t.status == wire::EntryStatus::Pending)
        .cloned()
        .collect();
    assert!(
        !pending.is_empty(),
        "card payments from the last day are pending"
    );
    assert!(
        pending
            .iter()
            .all(|t| t.booking_date_time > start_time() - Duration::hours(31))
    );

    bank.clock.advance(Duration::days(1) + Duration::hours(7));
    let fresh = bank
        .client
        .refresh(&access.refresh_token.unwrap())
        .await
        .unwrap();
    let mut after: HashMap<String, wire::Transaction> = HashMap::new();
    for account in ACCOUNTS {
        for line in bank.history(&fresh.access_token, account).await {
            after.insert(line.transaction_id.clone().unwrap(), line);
        }
    }
    assert!(after.len() > before.len(), "new purchases appeared");
    for old in &pending {
        let now = &after[old.transaction_id.as_ref().unwrap()];
        assert_ne!(
            now.status,
            wire::EntryStatus::Pending,
            "{:?}",
            now.transaction_id
        );
        assert_eq!(now.amount, old.amount);
        if now.status == wire::EntryStatus::Booked {
            assert!(now.booking_date_time > old.booking_date_time);
            assert_eq!(now.value_date_time, Some(old.booking_date_time));
        }
    }
    for (id, old) in &before {
        if old.status == wire::EntryStatus::Booked {
            assert_eq!(after[id].booking_date_time, old.booking_date_time, "{id}");
        }
    }
}

#[tokio::test]
async fn every_balance_is_the_sum_of_the_booked_history() {
    let bank = bank().await;
    let token = bank.token().await;
    for account in ACCOUNTS {
        let lines = bank.history(&token, account).await;
        let booked: Decimal = lines
            .iter()
            .filter(|t| t.status == wire::EntryStatus::Booked)
            .map(|t| signed(&t.amount, t.credit_debit_indicator))
            .sum();
        let pending: Decimal = lines
            .iter()
            .filter(|t| t.status == wire::EntryStatus::Pending)
            .map(|t| signed(&t.amount, t.credit_debit_indicator))
            .sum();
        let balances = bank.client.balances(&token, account).await.unwrap();
        let interim = balance_of(&balances, wire::BalanceType::InterimBooked);
        assert_eq!(interim, booked, "{account}");
        let limit = if account == "acc-demo-credit" {
            Decimal::new(5_000_000, 2)
        } else {
            Decimal::ZERO
        };
        assert_eq!(
            balance_of(&balances, wire::BalanceType::InterimAvailable),
            booked + pending + limit,
            "{account}"
        );
        let last_booked = lines
            .iter()
            .filter(|t| t.status == wire::EntryStatus::Booked)
            .max_by_key(|t| (t.booking_date_time, t.transaction_id.clone()))
            .unwrap();
        let running = last_booked.balance.as_ref().unwrap();
        assert_eq!(
            signed(&running.amount, running.credit_debit_indicator),
            interim
        );
        if account != "acc-demo-credit" {
            assert!(interim > Decimal::ZERO, "{account} stays in credit");
        } else {
            assert!(interim <= Decimal::ZERO, "the card balance is what is owed");
        }
    }
}

#[tokio::test]
async fn a_shut_down_bank_is_unreachable() {
    let bank = bank().await;
    let token = bank.token().await;
    let common::Bank {
        running,
        client,
        dir: _dir,
        ..
    } = bank;
    running.shutdown().await;
    let error = client.accounts(&token).await.unwrap_err();
    assert!(matches!(error, BankError::Unreachable { .. }), "{error:?}");
}

/// A sandbox whose demo customer also has `extra` lines of ten-year history (`bank-sandbox seed`).
async fn bank_with_history(extra: usize) -> Bank {
    let dir = TempDir::new().unwrap();
    let clock = ManualClock::at(start_time());
    let sandbox = common::open_at(&dir, &clock).await;
    sandbox.add_history(extra).await.unwrap();
    let running = common::serve(sandbox).await;
    let client = common::client_for(running.base_url());
    Bank {
        dir,
        clock,
        running,
        client,
    }
}

#[tokio::test]
async fn paging_through_a_long_history_returns_every_line_exactly_once_in_order_with_correct_running_balances()
 {
    let bank = bank_with_history(12_000).await;
    let token = bank.token().await;
    for account in ACCOUNTS {
        let pages = bank.pages(&token, account).await;
        let lines: Vec<wire::Transaction> = pages
            .iter()
            .flat_map(|p| p.data.transaction.clone())
            .collect();
        assert!(
            pages
                .iter()
                .all(|p| p.meta.total_pages == Some(pages.len() as u32)),
            "{account}: Meta.TotalPages is the number of pages"
        );
        assert!(
            pages[..pages.len() - 1]
                .iter()
                .all(|p| p.data.transaction.len() == PAGE),
            "{account}: every page but the last is full"
        );
        if account != "acc-demo-usd" {
            assert!(pages.len() >= 3, "{account}: {} pages", pages.len());
        }
        // In listing order (authorisation time, shown as ValueDateTime, then id), so none twice.
        let keys: Vec<_> = lines
            .iter()
            .map(|t| {
                (
                    t.value_date_time.unwrap(),
                    t.transaction_id.clone().unwrap(),
                )
            })
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "{account}: in order, none twice"
        );
        // None missing: every long-history line the bank holds for the account is there.
        let bulk = lines
            .iter()
            .filter(|t| t.transaction_id.as_deref().unwrap().starts_with("tx-bulk-"))
            .count();
        assert_eq!(
            bulk as i64,
            bank.running.count_lines(account, "PURCHASE").await.unwrap(),
            "{account}"
        );
        common::assert_running_balances(&lines);
        let balances = bank.client.balances(&token, account).await.unwrap();
        let last_booked = lines
            .iter()
            .filter(|t| t.status == wire::EntryStatus::Booked)
            .max_by_key(|t| (t.booking_date_time, t.transaction_id.clone()))
            .unwrap()
            .balance
            .clone()
            .unwrap();
        assert_eq!(
            signed(&last_booked.amount, last_booked.credit_debit_indicator),
            balance_of(&balances, wire::BalanceType::InterimBooked),
            "{account}: the last running balance is the booked balance"
        );

        // The other links: Last is the last page, Prev walks back through the same pages, Self gives
        // a page again, First the first.
        let last = bank
            .page(&token, pages[0].links.last.as_deref().unwrap())
            .await;
        let mut back = vec![last];
        while let Some(prev) = back.last().unwrap().links.prev.clone() {
            back.push(bank.page(&token, &prev).await);
        }
        back.reverse();
        assert_eq!(
            back.iter().map(|p| &p.data).collect::<Vec<_>>(),
            pages.iter().map(|p| &p.data).collect::<Vec<_>>(),
            "{account}: back through Links.Prev"
        );
        assert!(pages[0].links.prev.is_none() && back[0].links.prev.is_none());
        let middle = &pages[pages.len() / 2];
        assert_eq!(
            bank.page(&token, &middle.links.self_).await.data,
            middle.data
        );
        let first = pages.last().unwrap().links.first.as_deref().unwrap();
        assert_eq!(bank.page(&token, first).await.data, pages[0].data);
    }
}

#[tokio::test]
async fn a_page_asked_for_by_number_alone_is_the_page_the_links_lead_to() {
    let bank = bank_with_history(4_000).await;
    let token = bank.token().await;
    let pages = bank.pages(&token, "acc-demo-credit").await;
    assert!(pages.len() >= 2);
    for (number, page) in pages.iter().enumerate() {
        let url = bank.url(&format!(
            "/accounts/acc-demo-credit/transactions?page={}",
            number + 1
        ));
        assert_eq!(
            bank.page(&token, &url).await.data,
            page.data,
            "page {}",
            number + 1
        );
    }
    let beyond = bank.url(&format!(
        "/accounts/acc-demo-credit/transactions?page={}",
        pages.len() + 1
    ));
    let beyond = bank.page(&token, &beyond).await;
    assert!(beyond.data.transaction.is_empty() && beyond.links.next.is_none());
}

#[tokio::test]
async fn a_bank_from_before_running_balances_were_kept_gets_them_filled_in_and_answers_the_same() {
    let bank = bank_with_history(3_000).await;
    let expected = snapshot(&bank).await;
    let Bank {
        dir,
        clock,
        running,
        ..
    } = bank;
    running.shutdown().await;

    // Back to the books as an older sandbox left them: no running balances, the old index, the
    // migration not yet applied.
    let url = format!("sqlite://{}", common::db_path(&dir).display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::raw_sql(
        "DROP INDEX transactions_unbalanced;
         DROP INDEX transactions_by_authorisation;
         DROP INDEX transactions_by_booking;
         ALTER TABLE transactions DROP COLUMN running_minor;
         CREATE INDEX transactions_by_account ON transactions (account_id, book_at, auth_at);
         DELETE FROM _sqlx_migrations WHERE version = 20261124000001;",
    )
    .execute(&pool)
    .await
    .unwrap();

    let sandbox = common::open_at(&dir, &clock).await;
    let unbalanced: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM transactions WHERE running_minor IS NULL AND rejected = 0",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(unbalanced, 0, "the migration fills every line in");
    pool.close().await;
    let running = common::serve(sandbox).await;
    let client = common::client_for(running.base_url());
    let bank = Bank {
        dir,
        clock,
        running,
        client,
    };
    assert!(
        snapshot(&bank).await == expected,
        "the same lines and balances as before"
    );
}
