//! The kept monthly totals against the lines themselves, through every way a line changes: added, booked
//! late, settled at another amount, moved to another month, re-categorised, ruled, dropped, rejected;
//! and the kept monthly conversions (what a month's booking rate comes from) with them.

mod common;

use chrono::Duration;
use common::{at, wallet_with_a_card};
use tempfile::TempDir;
use wallet_core::{AccountId, Currency, Money, Transaction, TransactionStatus};
use wallet_store::Store;

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
        merchant: Some(format!("shop {}", bank_id.len() % 3)),
        mcc: None,
        counterparty: None,
        description: "purchase".into(),
        category_id: "food.groceries".into(),
    }
}

/// The line as the bank books a card payment made in dollars.
fn in_dollars(mut line: Transaction, dollars: &str) -> Transaction {
    line.original_amount = Some(Money::parse(dollars, Currency::USD).unwrap());
    line
}

async fn assert_consistent(store: &Store, when: &str) {
    let kept = store.monthly_totals(0, 999_999, None).await.unwrap();
    let recomputed = store.monthly_totals_recomputed().await.unwrap();
    assert_eq!(kept, recomputed, "after {when}");
    let kept = store.rates_into(Currency::CNY).await.unwrap().months;
    let recomputed = store
        .monthly_conversions_recomputed(Currency::CNY)
        .await
        .unwrap();
    assert_eq!(kept, recomputed, "conversions after {when}");
    for month in [202610, 202611] {
        let kept = store.payee_totals(month, None, &[], 1000).await.unwrap();
        let recomputed = store.payee_totals_recomputed(month).await.unwrap();
        assert_eq!(kept, recomputed, "payees of {month} after {when}");
    }
}

#[tokio::test]
async fn the_kept_totals_equal_the_lines_through_every_kind_of_change() {
    use TransactionStatus::{Booked, Pending, Rejected};
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    let mut lines: Vec<Transaction> = (0..900)
        .map(|i| {
            line(
                card,
                &format!("t{i}"),
                1 + (i % 28),
                if i % 7 == 0 { "12.50" } else { "-3.99" },
                Booked,
            )
        })
        .collect();
    for (i, line) in lines.iter_mut().enumerate().filter(|(i, _)| i % 10 == 3) {
        *line = in_dollars(line.clone(), if i % 20 == 3 { "-0.55" } else { "-0.56" });
    }
    lines.push(in_dollars(
        line(card, "pending", 20, "-45.60", Pending),
        "-6.40",
    ));
    lines.push(in_dollars(
        line(card, "declined", 21, "-999.00", Rejected),
        "-140.00",
    ));
    store.upsert_transactions(&lines).await.unwrap();
    assert_consistent(&store, "a first sync of 902 lines").await;
    let october = &store.rates_into(Currency::CNY).await.unwrap().months[0];
    assert_eq!(
        (
            october.month,
            october.lines,
            october.from_minor,
            october.to_minor
        ),
        // 90 dollar lines, 12 of them refunds of 12.50 (i % 7 == 0), the rest 3.99 spent.
        (202610, 90, 45 * 55 + 45 * 56, 78 * 399 + 12 * 1250),
        "booked dollar lines only: neither the pending nor the declined one"
    );

    let mut booked = lines[900].clone();
    booked.status = Booked;
    booked.amount = Money::parse("-46.00", Currency::CNY).unwrap();
    store.upsert_transactions(&[booked]).await.unwrap();
    assert_consistent(&store, "a pending line booking at another amount").await;

    let mut reconverted = lines[3].clone();
    reconverted.original_amount = Some(Money::parse("-0.50", "EUR".parse().unwrap()).unwrap());
    store.upsert_transactions(&[reconverted]).await.unwrap();
    assert_consistent(&store, "a line's conversion corrected to another currency").await;

    let mut late = lines[5].clone();
    late.booked_at = at(1) + Duration::days(40); // into November
    store.upsert_transactions(&[late]).await.unwrap();
    assert_consistent(&store, "a line moving to the next month").await;

    let some = store
        .page_transactions(&Default::default(), None, 3)
        .await
        .unwrap()
        .items;
    store
        .set_category(some[0].id, "shopping.general")
        .await
        .unwrap();
    assert_consistent(&store, "a re-categorisation").await;

    let changed = store
        .apply_category_rule("shop 1", "food.dining", at(28))
        .await
        .unwrap();
    assert!(changed > 100, "{changed}");
    assert_consistent(&store, "a rule").await;

    let total_lines: i64 = store
        .monthly_totals(0, 999_999, None)
        .await
        .unwrap()
        .iter()
        .map(|t| t.lines)
        .sum();
    assert_eq!(
        total_lines, 901,
        "booked lines only: the declined one never counts"
    );
}

#[tokio::test]
async fn a_bulk_load_leaves_the_same_totals_as_line_by_line_writes_and_undoes_itself_when_dropped()
{
    use TransactionStatus::{Booked, Pending};
    let dir = TempDir::new().unwrap();
    let (store, card) = wallet_with_a_card(&dir).await;
    store
        .upsert_transactions(&[line(card, "before", 3, "-7.00", Booked)])
        .await
        .unwrap();
    let mut bulk = store.begin_bulk_ingest().await.unwrap();
    for chunk in 0..3 {
        let lines: Vec<Transaction> = (0..500)
            .map(|i| {
                let line = line(
                    card,
                    &format!("b{chunk}-{i}"),
                    1 + (i % 28),
                    "-2.50",
                    if i == 7 { Pending } else { Booked },
                );
                if i % 4 == 3 {
                    in_dollars(line, "-0.35")
                } else {
                    line
                }
            })
            .collect();
        bulk.add(&lines).await.unwrap();
    }
    let counts = bulk.finish().await.unwrap();
    assert_eq!(counts.added, 1500);
    assert_consistent(&store, "a bulk load").await;
    store
        .upsert_transactions(&[line(card, "after", 4, "-1.00", Booked)])
        .await
        .unwrap();
    assert_consistent(&store, "a line written after the bulk load").await;

    let before = store.monthly_totals(0, 999_999, None).await.unwrap();
    {
        let mut abandoned = store.begin_bulk_ingest().await.unwrap();
        abandoned
            .add(&[line(card, "never", 5, "-9.99", Booked)])
            .await
            .unwrap();
    }
    assert_eq!(
        store.monthly_totals(0, 999_999, None).await.unwrap(),
        before,
        "dropped: nothing changed"
    );
    assert_consistent(&store, "an abandoned bulk load").await;
    store
        .upsert_transactions(&[line(card, "later", 6, "-3.00", Booked)])
        .await
        .unwrap();
    assert_consistent(&store, "a line written after an abandoned bulk load").await;
}
