//! Paying abroad by card, seen from the wallet: what each payment really cost (the bank's rate, its
//! conversion fee, the day's reference rate), and what is held in each currency on Home.

mod common;

use common::{account_named, all_bills, ignore_progress, world};
use rust_decimal::{Decimal, RoundingStrategy};
use wallet_app::dto::{TransactionDto, TransactionQuery};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn card_bills_of(world: &common::World, month: &str) -> Vec<TransactionDto> {
    let card = account_named(&world.wallet, "Credit").await;
    all_bills(
        &world.wallet,
        TransactionQuery {
            account_id: Some(card.id),
            month: Some(month.into()),
            ..Default::default()
        },
    )
    .await
}

#[tokio::test]
async fn every_card_payment_abroad_shows_its_conversion_fee_which_is_also_a_line_of_its_own() {
    let world = world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap();
    // The yearly San Francisco trip, 14–19 February, paid by the card in yuan.
    let bills = card_bills_of(&world, "2026-02").await;
    let abroad: Vec<_> = bills
        .iter()
        .filter(|line| line.status == wallet_app::dto::TransactionStatusDto::Booked)
        .filter_map(|line| Some((line, line.conversion.as_ref()?)))
        .collect();
    assert!(
        abroad.len() >= 6,
        "a week of payments abroad: {}",
        abroad.len()
    );
    for (line, cost) in &abroad {
        assert_eq!(cost.original.currency, "USD");
        let booked = dec(&cost.booked.amount);
        assert_eq!(booked, -dec(&line.amount.amount), "{}", line.description);
        let fee = dec(&cost.fee.as_ref().expect("the bank charged its fee").amount);
        let expected = (booked * dec("0.015"))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(fee, expected, "1.5% of {booked}");
        assert_eq!(dec(&cost.total.amount), booked + fee);
        // The fee is booked as its own line, so the account's balance is the sum of its lines.
        let merchant = line.merchant.as_deref().unwrap();
        let fee_line = bills
            .iter()
            .find(|other| {
                other.description.contains("Conversion fee")
                    && other.description.contains(merchant)
                    && dec(&other.amount.amount) == -fee
            })
            .unwrap_or_else(|| panic!("a fee line for {merchant}"));
        assert_eq!(fee_line.category.id, "fees");
    }
}

#[tokio::test]
async fn a_line_in_the_accounts_own_currency_has_no_conversion_to_show() {
    let world = world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap();
    let bills = card_bills_of(&world, "2026-10").await;
    assert!(!bills.is_empty());
    assert!(bills.iter().all(|line| line.conversion.is_none()));
}

#[tokio::test]
async fn home_shows_what_is_held_in_each_currency_with_its_value_at_home() {
    let world = world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap();
    let overview = world
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap();
    let usd_account = account_named(&world.wallet, "USD").await;
    let held: Vec<_> = overview
        .by_currency
        .iter()
        .map(|total| total.net.currency.as_str())
        .collect();
    assert_eq!(held, ["CNY", "USD"]);
    let usd = &overview.by_currency[1];
    assert_eq!(usd.net, usd_account.balance);
    assert_eq!(usd.in_home, usd_account.balance_in_home);
    // The yuan figure is everything in yuan, owned minus owed.
    let cny: Decimal = overview
        .accounts
        .iter()
        .filter(|account| account.currency == "CNY")
        .map(|account| dec(&account.balance.amount))
        .sum();
    assert_eq!(dec(&overview.by_currency[0].net.amount), cny);
}

#[tokio::test]
async fn the_true_cost_sets_the_rate_really_paid_against_that_days_published_reference_rate() {
    let world = world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap();
    let bills = card_bills_of(&world, "2026-02").await;
    let abroad: Vec<_> = bills
        .iter()
        .filter(|line| line.status == wallet_app::dto::TransactionStatusDto::Booked)
        .filter_map(|line| Some((line, line.conversion.as_ref()?)))
        .collect();
    assert!(!abroad.is_empty());
    for (line, cost) in abroad {
        let reference = cost.reference.as_ref().expect("the day's reference rate");
        assert_eq!(reference.source, bank_sandbox::REFERENCE_RATE_SOURCE);
        // The rate the bank published for the day the card was used (Beijing time).
        let used_on = chrono::DateTime::parse_from_rfc3339(line.value_at.as_deref().unwrap())
            .unwrap()
            .with_timezone(&chrono::Local)
            .date_naive();
        let published = bank_sandbox::reference_rate("USD", used_on).unwrap();
        assert_eq!(dec(&reference.rate), published.rate);
        assert_eq!(reference.day, published.date.to_string());
        let original = dec(&cost.original.amount);
        let at_reference = (original * published.rate)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(
            dec(&cost.at_reference.as_ref().unwrap().amount),
            at_reference
        );
        let above = dec(&cost.total.amount) - at_reference;
        assert_eq!(dec(&cost.above_reference.as_ref().unwrap().amount), above);
        // The card scheme's margin and the 1.5% fee: always above the market, never by more than 4%.
        let percent = dec(cost.above_reference_percent.as_deref().unwrap());
        assert!(percent > dec("1.5") && percent < dec("4"), "{percent}%");
    }
}

#[tokio::test]
async fn homes_rates_are_the_banks_latest_reference_rates_with_their_day_and_source() {
    let world = world().await;
    world
        .wallet
        .links()
        .unwrap()
        .sync_now(&ignore_progress)
        .await
        .unwrap();
    let overview = world
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap();
    let usd = overview
        .rates
        .iter()
        .find(|rate| rate.from == "USD")
        .expect("a USD rate");
    // 20 November 2026 is a Friday; the clock is past its 09:15 fixing (Beijing time).
    let fixing = bank_sandbox::reference_rate(
        "USD",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    )
    .unwrap();
    assert_eq!(usd.as_of, "2026-11-20");
    assert_eq!(dec(&usd.rate), fixing.rate);
    assert_eq!(usd.source, bank_sandbox::REFERENCE_RATE_SOURCE);
    // JPY has rates too: the July trips were paid in yen.
    assert!(overview.rates.iter().any(|rate| rate.from == "JPY"));
}
