//! The credit card's statements: one per closed cycle, on the 5th, due 20 days later, with the closing
//! balance and a minimum of 10 % (at least ¥100, never more than owed).

mod common;

use bank_api::Permission;
use bank_api::wire::{CLOSING_BALANCE, MINIMUM_PAYMENT, PAYMENT_DUE};
use chrono::{Datelike, Duration};
use common::{ALL, bank};
use rust_decimal::Decimal;

#[tokio::test]
async fn the_credit_card_has_a_statement_per_closed_cycle_with_balance_minimum_and_due_date() {
    let bank = bank().await;
    let mut permissions = ALL.to_vec();
    permissions.push(Permission::ReadStatementsDetail);
    let token = bank.link(&permissions).await.0.access_token;
    let statements = bank
        .client
        .statements(&token, "acc-demo-credit")
        .await
        .unwrap();
    assert_eq!(statements.len(), 12);
    let card = bank.history(&token, "acc-demo-credit").await;
    let latest = &statements[0];
    // The clock is 2026-11-20: the last closed cycle ended on 5 November.
    let end = (latest.end_date_time + Duration::hours(8)).date_naive();
    assert_eq!((end.month(), end.day()), (11, 5));
    let due = latest
        .statement_date_time
        .iter()
        .find(|d| d.kind == PAYMENT_DUE)
        .unwrap();
    assert_eq!(
        (due.date_time + Duration::hours(8)).date_naive(),
        end + Duration::days(20)
    );
    for statement in &statements {
        let amount = |kind: &str| {
            statement
                .statement_amount
                .iter()
                .find(|a| a.kind == kind)
                .unwrap()
                .amount
                .amount
        };
        let (owed, minimum) = (amount(CLOSING_BALANCE), amount(MINIMUM_PAYMENT));
        // What the card's booked history owed at the end of the cycle.
        let booked: Decimal = card
            .iter()
            .filter(|t| {
                t.status == bank_api::wire::EntryStatus::Booked
                    && t.booking_date_time <= statement.end_date_time
            })
            .map(|t| common::signed(&t.amount, t.credit_debit_indicator))
            .sum();
        assert_eq!(owed, (-booked).max(Decimal::ZERO), "{statement:?}");
        let expected = (owed * Decimal::new(10, 2))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero);
        assert_eq!(
            minimum,
            expected.max(Decimal::new(100, 0)).min(owed),
            "{statement:?}"
        );
    }
    assert!(
        bank.client
            .statements(&token, "acc-demo-salary")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn statements_need_the_statements_permission() {
    let bank = bank().await;
    let token = bank.token().await;
    assert!(
        bank.client
            .statements(&token, "acc-demo-credit")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_statement_window_keeps_only_the_statements_that_end_in_it() {
    let bank = bank().await;
    let mut permissions = ALL.to_vec();
    permissions.push(Permission::ReadStatementsBasic);
    let token = bank.link(&permissions).await.0.access_token;
    let url = bank.url("/accounts/acc-demo-credit/statements?fromStatementDateTime=2026-09-01T00:00:00Z&toStatementDateTime=2026-10-31T00:00:00Z");
    let body: serde_json::Value = reqwest::Client::new()
        .get(url)
        .bearer_auth(token.expose())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = body["Data"]["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["StatementId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["st-20261005", "st-20260905"]);
}
