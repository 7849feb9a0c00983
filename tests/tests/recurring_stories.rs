//! Subscriptions and regular bills found in the demo customer's two years of history.

mod common;

use common::world;

#[tokio::test]
async fn the_demo_customers_rent_and_subscriptions_are_found_with_their_next_dates() {
    let w = world().await;
    w.sync().await;
    let overview = w
        .wallet
        .bills()
        .unwrap()
        .recurring_payments()
        .await
        .unwrap();
    let find = |payee: &str| {
        overview
            .series
            .iter()
            .find(|s| s.payee == payee)
            .unwrap_or_else(|| panic!("{payee} not found in {:?}", overview.series))
    };
    let rent = find("自如 Ziroom");
    assert_eq!(
        (rent.cadence.as_str(), rent.typical_amount.amount.as_str()),
        ("monthly", "5500.00")
    );
    assert_eq!(rent.next_expected, "2026-12-01");
    let netflix = find("Netflix");
    assert_eq!(netflix.monthly_cost.amount, "68.00");
    assert_eq!(netflix.next_expected, "2026-12-15");
    assert!(netflix.active);
    assert_eq!(netflix.category.id, "entertainment.subscriptions");
    assert!(
        overview
            .series
            .iter()
            .all(|s| !s.payee.contains("Starbucks") && !s.payee.contains("Meituan")),
        "everyday spending is not a subscription: {:?}",
        overview.series.iter().map(|s| &s.payee).collect::<Vec<_>>()
    );
    let total = &overview.monthly_total[0];
    assert_eq!(total.currency, "CNY");
}
