//! Statements and trends on a small fixed history, every figure worked out by hand: salary, rent, food, a
//! refund, a top-up between own accounts, a pending taxi ride that books, a declined payment, a purchase
//! from a USD account, two card payments abroad that the bank converted (September at 7.10, October at
//! 7.18: the months' booking rates), a re-categorisation and a rule. Today's rate is 7.20.

use std::sync::Arc;

use chrono::{DateTime, Local, TimeZone, Utc};
use rust_decimal::Decimal;
use tempfile::TempDir;
use wallet_app::clock::ManualClock;
use wallet_app::dto::{Recategorise, StatementQuery, TransactionQuery, TrendQuery};
use wallet_app::{Wallet, WalletConfig};
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};
use wallet_store::{BankLink, FxRate, Store, StoreOptions};

/// One fixed key for the test wallets (each lives in its own temporary folder).
fn test_key() -> wallet_store::DatabaseKey {
    wallet_store::DatabaseKey::from_bytes([7; wallet_store::KEY_BYTES])
}

/// Noon, local time, on a day: far from any month edge in every time zone the tests run in.
fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(y, m, d, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn cny(amount: &str) -> Money {
    Money::parse(amount, Currency::CNY).unwrap()
}

struct Book {
    _dir: TempDir,
    wallet: Wallet,
    card: AccountId,
}

fn account(
    id: AccountId,
    link: BankLinkId,
    name: &str,
    kind: AccountKind,
    balance: Money,
) -> Account {
    Account {
        id,
        bank_link: link,
        bank_account_id: name.to_lowercase(),
        bank_name: "Test Bank".into(),
        kind,
        masked_number: "•••• 0001".into(),
        currency: balance.currency(),
        name: name.into(),
        nickname: None,
        balance,
        available: None,
        credit_limit: None,
        routing: None,
    }
}

fn line(
    account: AccountId,
    bank_id: &str,
    at: DateTime<Utc>,
    amount: Money,
    payee: &str,
    category: &str,
    status: TransactionStatus,
) -> Transaction {
    Transaction {
        account_id: account,
        bank_transaction_id: bank_id.into(),
        status,
        booked_at: at,
        value_at: None,
        amount,
        original_amount: None,
        merchant: Some(payee.into()),
        mcc: None,
        counterparty: None,
        description: payee.into(),
        category_id: category.into(),
    }
}

/// A card payment made in dollars, as the bank books it: the line in yuan, the dollars beside it.
fn abroad(mut line: Transaction, dollars: &str) -> Transaction {
    line.original_amount = Some(Money::parse(dollars, Currency::USD).unwrap());
    line
}

/// The history, written straight into a wallet file, then the wallet opened on it (no bank is called).
async fn book() -> Book {
    use TransactionStatus::{Booked, Pending, Rejected};
    let dir = TempDir::new().unwrap();
    let store = Store::open(&StoreOptions::at(dir.path().join("wallet.db"), test_key()))
        .await
        .unwrap();
    let link = BankLinkId::new();
    store
        .insert_bank_link(&BankLink {
            id: link,
            kind: wallet_store::LinkKind::OpenBanking,
            bank_name: "Test Bank".into(),
            base_url: None,
            embedded: true,
            customer: None,
            created_at: day(2024, 1, 1),
            last_synced_at: Some(day(2026, 11, 20)),
        })
        .await
        .unwrap();
    let (card, ewallet, usd, visa) = (
        AccountId::new(),
        AccountId::new(),
        AccountId::new(),
        AccountId::new(),
    );
    let now = day(2026, 11, 20);
    for a in [
        account(card, link, "Card", AccountKind::DebitCard, cny("10000.00")),
        account(ewallet, link, "Wallet", AccountKind::EWallet, cny("500.00")),
        account(
            usd,
            link,
            "Dollars",
            AccountKind::DebitCard,
            Money::parse("100.00", Currency::USD).unwrap(),
        ),
        // Owes what the two payments abroad came to.
        account(visa, link, "Visa", AccountKind::CreditCard, cny("-781.80")),
    ] {
        store.upsert_account(&a, now).await.unwrap();
    }
    let mut taxi = line(
        card,
        "taxi",
        day(2026, 10, 20),
        cny("-45.60"),
        "滴滴出行 DiDi",
        "transport.taxi",
        Pending,
    );
    let lines = vec![
        line(
            card,
            "sal-9",
            day(2026, 9, 10),
            cny("8000.00"),
            "ACME Ltd",
            "income.salary",
            Booked,
        ),
        line(
            card,
            "rent-9",
            day(2026, 9, 1),
            cny("-3000.00"),
            "Landlord",
            "housing.rent",
            Booked,
        ),
        line(
            card,
            "sal-10",
            day(2026, 10, 10),
            cny("8000.00"),
            "ACME Ltd",
            "income.salary",
            Booked,
        ),
        line(
            card,
            "groc",
            day(2026, 10, 12),
            cny("-250.40"),
            "盒马 Hema",
            "food.groceries",
            Booked,
        ),
        line(
            card,
            "dine",
            day(2026, 10, 15),
            cny("-180.00"),
            "西贝 Xibei",
            "food.dining",
            Booked,
        ),
        line(
            card,
            "refund",
            day(2026, 10, 16),
            cny("30.00"),
            "西贝 Xibei",
            "income.refund",
            Booked,
        ),
        line(
            card,
            "topup",
            day(2026, 10, 18),
            cny("-500.00"),
            "Wallet",
            "transfers.topup",
            Booked,
        ),
        line(
            ewallet,
            "topup-in",
            day(2026, 10, 18),
            cny("500.00"),
            "Card",
            "transfers.topup",
            Booked,
        ),
        line(
            card,
            "declined",
            day(2026, 10, 19),
            cny("-999.00"),
            "Shady Shop",
            "shopping.general",
            Rejected,
        ),
        taxi.clone(),
        line(
            card,
            "groc-11",
            day(2026, 11, 3),
            cny("-100.00"),
            "盒马 Hema",
            "food.groceries",
            Booked,
        ),
        line(
            card,
            "dine-last-year",
            day(2025, 10, 5),
            cny("-200.00"),
            "西贝 Xibei",
            "food.dining",
            Booked,
        ),
        line(
            usd,
            "usd-buy",
            day(2026, 10, 22),
            Money::parse("-20.00", Currency::USD).unwrap(),
            "Amazon",
            "shopping.general",
            Booked,
        ),
        abroad(
            line(
                visa,
                "hotel",
                day(2026, 9, 5),
                cny("-710.00"),
                "Hilton San Francisco",
                "travel.hotels",
                Booked,
            ),
            "-100.00",
        ),
        abroad(
            line(
                visa,
                "apple",
                day(2026, 10, 8),
                cny("-71.80"),
                "Apple Store",
                "shopping.general",
                Booked,
            ),
            "-10.00",
        ),
    ];
    store.upsert_transactions(&lines).await.unwrap();
    // The taxi ride books (same bank id): it must now count, once.
    taxi.status = Booked;
    store.upsert_transactions(&[taxi]).await.unwrap();
    store
        .upsert_fx_rate(&FxRate {
            from: Currency::USD,
            to: Currency::CNY,
            rate: Decimal::new(72, 1),
            as_of: "2026-11-19".into(),
            source: "test".into(),
        })
        .await
        .unwrap();
    store.close().await;
    wallet_app::keychain::Keychain::for_wallet(dir.path())
        .keep_database_key(&test_key())
        .unwrap();
    let wallet = Wallet::open(WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: dir.path().to_path_buf(),
        clock: Arc::new(ManualClock::at(now)),
        // Never called: statements read only the wallet file.
        bank: Some(bank_sandbox::demo::composed(Some(
            "http://127.0.0.1:9".parse().unwrap(),
        ))),
    })
    .await
    .unwrap();
    Book {
        _dir: dir,
        wallet,
        card,
    }
}

fn amount(money: &wallet_app::dto::MoneyDto) -> &str {
    &money.amount
}

#[tokio::test]
async fn one_accounts_october_adds_up_to_its_bills() {
    let b = book().await;
    let s = b
        .wallet
        .bills()
        .unwrap()
        .monthly_statement(StatementQuery {
            month: "2026-10".into(),
            account_id: Some(b.card.to_string()),
        })
        .await
        .unwrap();
    assert_eq!(amount(&s.summary.income), "8030.00"); // salary + refund
    assert_eq!(amount(&s.summary.spending), "976.00"); // 250.40 + 180 + 500 top-up + 45.60 taxi; not the declined 999
    assert_eq!(amount(&s.summary.net), "7054.00");
    assert_eq!(amount(&s.closing_balance), "10100.00"); // today's 10,000 less November's -100
    assert_eq!(amount(&s.opening_balance), "3046.00"); // closing less October's net
    assert_eq!(amount(&s.previous_month.spending), "3000.00");
    assert_eq!(amount(&s.same_month_last_year.spending), "200.00");
    let food = s
        .spending_by_category
        .iter()
        .find(|c| c.category.id == "food")
        .unwrap();
    assert_eq!(amount(&food.amount), "430.40");
    assert_eq!(food.children.len(), 2);
    assert_eq!(s.top_payees[0].payee, "Wallet");
}

#[tokio::test]
async fn the_whole_wallet_leaves_out_own_transfers_and_converts_dollars_at_the_months_booking_rate()
{
    let b = book().await;
    let s = b
        .wallet
        .bills()
        .unwrap()
        .monthly_statement(StatementQuery {
            month: "2026-10".into(),
            account_id: None,
        })
        .await
        .unwrap();
    assert_eq!(s.currency, "CNY");
    assert!(s.converted);
    assert_eq!(amount(&s.summary.income), "8030.00");
    // 250.40 + 180 + 45.60 + Apple 71.80 + 20 USD × 7.18 (October's booking rate, not today's 7.20)
    assert_eq!(amount(&s.summary.spending), "691.40");
    // 10,100 + 500 + 100 USD × 7.18 − 781.80 owed on the Visa
    assert_eq!(amount(&s.closing_balance), "10536.20");
    // 3,046 + 0 + 120 USD × 7.10 (September's) − 710.00 owed for the hotel
    assert_eq!(amount(&s.opening_balance), "3188.00");
    let shares: Vec<(&str, &str, &str)> = s
        .spending_by_category
        .iter()
        .map(|c| {
            (
                c.category.id.as_str(),
                c.amount.amount.as_str(),
                c.percent.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shares,
        vec![
            ("food", "430.40", "62.3"),
            ("shopping", "215.40", "31.2"), // 143.60 + 71.80
            ("transport", "45.60", "6.6")
        ]
    );
}

#[tokio::test]
async fn a_recategorised_bill_moves_between_categories_and_a_rule_takes_the_payees_other_bills() {
    let b = book().await;
    let october = || StatementQuery {
        month: "2026-10".into(),
        account_id: None,
    };
    let dinner = wallet_app::dto::TransactionQuery {
        text: Some("西贝".into()),
        ..TransactionQuery::default()
    };
    let xibei = b
        .wallet
        .bills()
        .unwrap()
        .page_transactions(dinner.clone())
        .await
        .unwrap()
        .items;
    let october_dinner = xibei.iter().find(|t| t.amount.amount == "-180.00").unwrap();

    let one = b
        .wallet
        .bills()
        .unwrap()
        .recategorise(Recategorise {
            transaction_id: october_dinner.id.clone(),
            category_id: "entertainment.leisure".into(),
            for_whole_payee: false,
        })
        .await
        .unwrap();
    assert_eq!(one.changed, 1);
    let s = b
        .wallet
        .bills()
        .unwrap()
        .monthly_statement(october())
        .await
        .unwrap();
    let ids: Vec<&str> = s
        .spending_by_category
        .iter()
        .map(|c| c.category.id.as_str())
        .collect();
    assert_eq!(ids, vec!["food", "shopping", "entertainment", "transport"]);
    assert_eq!(amount(&s.spending_by_category[0].amount), "250.40");
    assert_eq!(
        amount(&s.summary.spending),
        "691.40",
        "moving a bill changes no total"
    );

    let rule = b
        .wallet
        .bills()
        .unwrap()
        .recategorise(Recategorise {
            transaction_id: october_dinner.id.clone(),
            category_id: "food.fast".into(),
            for_whole_payee: true,
        })
        .await
        .unwrap();
    // The October dinner, last year's dinner and the refund: every 西贝 bill.
    assert_eq!(rule.changed, 3);
    assert_eq!(rule.rule_payee.as_deref(), Some("西贝 Xibei"));
    let last_year = b
        .wallet
        .bills()
        .unwrap()
        .monthly_statement(StatementQuery {
            month: "2025-10".into(),
            account_id: None,
        })
        .await
        .unwrap();
    assert_eq!(
        last_year.spending_by_category[0].children[0].category.id,
        "food.fast"
    );
}

#[tokio::test]
async fn a_trend_walks_the_balance_back_month_by_month() {
    let b = book().await;
    let t = b
        .wallet
        .bills()
        .unwrap()
        .spending_trend(TrendQuery {
            months: 3,
            account_id: Some(b.card.to_string()),
        })
        .await
        .unwrap();
    assert_eq!(t.months, vec!["2026-09", "2026-10", "2026-11"]);
    let balances: Vec<&str> = t.balances.iter().map(amount).collect();
    assert_eq!(balances, vec!["3046.00", "10100.00", "10000.00"]);
    let spending: Vec<&str> = t.summaries.iter().map(|m| amount(&m.spending)).collect();
    assert_eq!(spending, vec!["3000.00", "976.00", "100.00"]);
    assert!(
        b.wallet
            .bills()
            .unwrap()
            .spending_trend(TrendQuery {
                months: 0,
                account_id: None
            })
            .await
            .is_err()
    );
}

#[tokio::test]
async fn net_worth_over_time_values_each_months_dollars_at_that_months_booking_rate() {
    let b = book().await;
    let t = b
        .wallet
        .bills()
        .unwrap()
        .spending_trend(TrendQuery {
            months: 3,
            account_id: None,
        })
        .await
        .unwrap();
    assert_eq!(t.currency, "CNY");
    let balances: Vec<&str> = t.balances.iter().map(amount).collect();
    assert_eq!(
        balances,
        vec![
            "3188.00",  // 3,046 + 0 + 120 USD × 7.10 − 710.00
            "10536.20", // 10,100 + 500 + 100 USD × 7.18 − 781.80
            "10438.20", // today: 10,000 + 500 + 100 USD × 7.20 − 781.80
        ]
    );
    let spending: Vec<&str> = t.summaries.iter().map(|m| amount(&m.spending)).collect();
    // September: rent and the hotel; October as in its statement; November: groceries.
    assert_eq!(spending, vec!["3710.00", "691.40", "100.00"]);
    let home = b.wallet.accounts().unwrap().list_accounts().await.unwrap();
    assert_eq!(
        home.net_worth.amount, t.balances[2].amount,
        "the trend ends where Home's net worth is"
    );
}

#[tokio::test]
async fn the_kept_monthly_totals_always_equal_the_bills_recomputed() {
    let b = book().await;
    let query = || StatementQuery {
        month: "2026-10".into(),
        account_id: Some(b.card.to_string()),
    };
    let before = b
        .wallet
        .bills()
        .unwrap()
        .monthly_statement(query())
        .await
        .unwrap();
    let bills = b
        .wallet
        .bills()
        .unwrap()
        .page_transactions(TransactionQuery {
            account_id: Some(b.card.to_string()),
            month: Some("2026-10".into()),
            limit: Some(200),
            ..TransactionQuery::default()
        })
        .await
        .unwrap()
        .items;
    let spent: Decimal = bills
        .iter()
        .filter(|t| format!("{:?}", t.status) == "Booked")
        .map(|t| t.amount.amount.parse::<Decimal>().unwrap())
        .filter(|a| a.is_sign_negative())
        .map(|a| -a)
        .sum();
    assert_eq!(spent.to_string(), before.summary.spending.amount);
}

#[tokio::test]
async fn an_exported_csv_reads_back_as_exactly_the_bills_with_a_bom_for_excel() {
    let b = book().await;
    let query = TransactionQuery {
        month: Some("2026-10".into()),
        ..TransactionQuery::default()
    };
    let file = b._dir.path().join("out/october.csv");
    let result = b
        .wallet
        .bills()
        .unwrap()
        .export_bills_csv_to(query.clone(), Some(file.display().to_string()))
        .await
        .unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark first"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        wallet_app::CSV_HEADER.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let bills = b
        .wallet
        .bills()
        .unwrap()
        .page_transactions(TransactionQuery {
            limit: Some(200),
            ..query
        })
        .await
        .unwrap()
        .items;
    assert_eq!(result.lines as usize, bills.len());
    assert_eq!(rows.len(), bills.len());
    for (row, bill) in rows.iter().zip(&bills) {
        assert_eq!(&row[0], bill.booked_at);
        assert_eq!(&row[3], bill.amount.amount);
        assert_eq!(&row[9], bill.id);
        assert_eq!(&row[6], bill.merchant.as_deref().unwrap_or(""));
    }
    assert!(
        rows.iter().any(|r| &r[6] == "西贝 Xibei"),
        "Chinese survives the round trip"
    );
}

#[tokio::test]
async fn a_budget_warns_once_at_80_percent_and_once_at_100_percent() {
    use wallet_app::dto::SetBudget;
    let b = book().await;
    // November so far: 100.00 of groceries.
    let shown = b
        .wallet
        .budgets()
        .unwrap()
        .set_budget(SetBudget {
            category_id: "food".into(),
            amount: "120".into(),
        })
        .await
        .unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(
        (shown[0].spent.amount.as_str(), shown[0].percent.as_str()),
        ("100.00", "83.3")
    );
    assert_eq!(shown[0].state, "warning");
    assert_eq!(shown[0].remaining.amount, "20.00");
    assert_eq!(shown[0].gauge["series"][0]["type"], "gauge");

    let alerts = b
        .wallet
        .budgets()
        .unwrap()
        .check_budget_alerts()
        .await
        .unwrap();
    assert_eq!(alerts.iter().map(|a| a.level).collect::<Vec<_>>(), vec![80]);
    assert!(
        b.wallet
            .budgets()
            .unwrap()
            .check_budget_alerts()
            .await
            .unwrap()
            .is_empty(),
        "told once"
    );

    b.wallet
        .budgets()
        .unwrap()
        .set_budget(SetBudget {
            category_id: "food".into(),
            amount: "90".into(),
        })
        .await
        .unwrap();
    let alerts = b
        .wallet
        .budgets()
        .unwrap()
        .check_budget_alerts()
        .await
        .unwrap();
    assert_eq!(
        alerts.iter().map(|a| a.level).collect::<Vec<_>>(),
        vec![100]
    );
    assert_eq!(
        b.wallet.budgets().unwrap().budget_progress().await.unwrap()[0].state,
        "over"
    );

    let refused = b
        .wallet
        .budgets()
        .unwrap()
        .set_budget(SetBudget {
            category_id: "food".into(),
            amount: "-5".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, wallet_app::ErrorCode::InvalidInput);
    assert!(
        b.wallet
            .budgets()
            .unwrap()
            .remove_budget("food")
            .await
            .unwrap()
            .is_empty()
    );
}
