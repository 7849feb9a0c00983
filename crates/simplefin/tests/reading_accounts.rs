//! A sync reads accounts, balances and transactions exactly as the server holds them.

use chrono::DateTime;
use rust_decimal::Decimal;
use simplefin::test_server::example::{CARD, CHECKING};
use simplefin::test_server::{SimTransaction, TestServer};
use simplefin::{
    AccessUrl, Account, ApiVersion, Client, ClientOptions, Currency, DateWindow, ErrorCode, Query,
    Transaction,
};

async fn setup() -> (TestServer, Client, AccessUrl) {
    let server = TestServer::with_example_data().await.expect("test server");
    let access = AccessUrl::parse(&server.demo_access_url()).expect("access");
    (
        server,
        Client::new(ClientOptions::default()).expect("client"),
        access,
    )
}

fn at(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp(seconds, 0).expect("time")
}

fn since(seconds: i64) -> Query {
    Query {
        start: Some(at(seconds)),
        pending: true,
        ..Query::default()
    }
}

fn account<'a>(accounts: &'a [Account], id: &str) -> &'a Account {
    accounts.iter().find(|a| a.id == id).expect("account")
}

fn transactions(account: &Account) -> &[Transaction] {
    account.transactions.as_deref().expect("transactions")
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

#[tokio::test]
async fn accounts_show_posted_and_pending_transactions_with_exact_amounts() {
    let (_server, client, access) = setup().await;
    let set = client
        .accounts(&access, &since(1_767_225_600))
        .await
        .expect("accounts");
    let checking = account(&set.accounts, CHECKING);
    assert_eq!(checking.balance, dec("2418.07"));
    assert_eq!(checking.available_balance, Some(dec("2391.55")));
    assert_eq!(checking.currency, Currency::Code("USD".into()));
    assert_eq!(
        checking.org.as_ref().and_then(|o| o.name.as_deref()),
        Some("Prairie Federal Credit Union")
    );
    let amounts: Vec<String> = transactions(checking)
        .iter()
        .map(|t| t.amount.to_string())
        .collect();
    assert_eq!(amounts, ["1850", "-3.5", "-64.18", "-0.125", "-26.52"]);
    let pending: Vec<&str> = transactions(checking)
        .iter()
        .filter(|t| t.pending)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(pending, ["TRN-p-55e1"]);
    assert_eq!(account(&set.accounts, CARD).balance, dec("-512.40"));
}

#[tokio::test]
async fn pending_transactions_come_only_when_asked_for() {
    let (_server, client, access) = setup().await;
    let query = Query {
        pending: false,
        ..since(1_767_225_600)
    };
    let set = client.accounts(&access, &query).await.expect("accounts");
    assert!(
        transactions(account(&set.accounts, CHECKING))
            .iter()
            .all(|t| !t.pending)
    );
}

#[tokio::test]
async fn a_pending_transaction_that_posts_comes_back_under_a_new_id_with_the_tip_added() {
    let (server, client, access) = setup().await;
    assert!(server.post_pending(
        CHECKING,
        "TRN-p-55e1",
        "TRN-a8211f",
        "-31.82",
        1_768_089_600
    ));
    server.set_now(at(1_768_100_000));
    let set = client
        .accounts(&access, &since(1_767_225_600))
        .await
        .expect("accounts");
    let checking = transactions(account(&set.accounts, CHECKING));
    assert!(checking.iter().all(|t| t.id != "TRN-p-55e1"));
    let dinner = checking
        .iter()
        .find(|t| t.id == "TRN-a8211f")
        .expect("posted dinner");
    assert!(!dinner.pending);
    assert_eq!(dinner.amount, dec("-31.82"));
    assert_eq!(dinner.posted, Some(at(1_768_089_600)));
    assert_eq!(dinner.payee.as_deref(), Some("Luigis Trattoria"));
}

#[tokio::test]
async fn start_date_is_inclusive_and_end_date_exclusive() {
    let (server, client, access) = setup().await;
    server.add_transaction(
        CARD,
        SimTransaction {
            id: "TRN-edge".into(),
            posted: 1_767_916_800,
            amount: "-1.00".into(),
            description: "AT THE END".into(),
            transacted_at: None,
            pending: false,
            payee: None,
        },
    );
    let window = DateWindow {
        start: at(1_767_830_000),
        end: at(1_767_916_800),
    };
    let set = client
        .accounts(&access, &Query::window(window).with_accounts([CARD]))
        .await
        .expect("accounts");
    assert_eq!(set.accounts.len(), 1);
    let ids: Vec<&str> = transactions(&set.accounts[0])
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["TRN-c-0001"],
        "the start instant is in, the end instant out"
    );
    assert_eq!(
        server.last_query().as_deref(),
        Some(
            format!("start-date=1767830000&end-date=1767916800&pending=1&account={CARD}").as_str()
        )
    );
}

#[tokio::test]
async fn only_the_accounts_asked_for_come_back() {
    let (_server, client, access) = setup().await;
    let both = Query::balances_only().with_accounts([CARD, CHECKING]);
    assert_eq!(
        client
            .accounts(&access, &both)
            .await
            .expect("both")
            .accounts
            .len(),
        2
    );
    let one = Query::balances_only().with_accounts([CARD]);
    let set = client.accounts(&access, &one).await.expect("one");
    assert_eq!(set.accounts.len(), 1);
    assert_eq!(set.accounts[0].id, CARD);
}

#[tokio::test]
async fn version_2_answers_show_connections_and_coded_errors_to_the_person() {
    let (server, client, access) = setup().await;
    server.add_error(
        "con.auth",
        "Authentication required for Northstar Card - Sam",
        Some("CON-2d4b"),
    );
    let query = since(1_767_225_600).with_version(ApiVersion::V2);
    let set = client.accounts(&access, &query).await.expect("accounts");
    assert_eq!(set.connections.len(), 2);
    assert_eq!(
        account(&set.accounts, CHECKING).conn_id.as_deref(),
        Some("CON-1a9f")
    );
    assert_eq!(set.errors.len(), 1);
    assert_eq!(set.errors[0].error_code(), ErrorCode::ConnectionAuth);
    assert_eq!(set.errors[0].conn_id.as_deref(), Some("CON-2d4b"));
    assert_eq!(
        set.errors[0].text,
        "Authentication required for Northstar Card - Sam"
    );
}

#[tokio::test]
async fn a_range_longer_than_90_days_is_capped_and_the_server_says_so() {
    let (_server, client, access) = setup().await;
    let query = Query {
        start: Some(at(1_767_225_600 - 200 * 86_400)),
        end: Some(at(1_768_003_200)),
        version: Some(ApiVersion::V2),
        ..Query::default()
    };
    let set = client.accounts(&access, &query).await.expect("accounts");
    assert_eq!(set.errors.len(), 1);
    assert_eq!(set.errors[0].error_code(), ErrorCode::GeneralApi);
    assert!(set.errors[0].text.contains("90 days"), "{:?}", set.errors);
    // [start, start + 90 d) is long before the example's transactions.
    assert!(transactions(account(&set.accounts, CHECKING)).is_empty());
    // The same range in 90-day windows reaches them, each without a cap.
    let windows = simplefin::date_windows(query.start.expect("start"), at(1_768_003_200));
    assert_eq!(windows.len(), 3);
    let last = client
        .accounts(
            &access,
            &Query::window(windows[2]).with_version(ApiVersion::V2),
        )
        .await
        .expect("last window");
    assert!(last.errors.is_empty());
    assert_eq!(transactions(account(&last.accounts, CHECKING)).len(), 5);
}

#[tokio::test]
async fn descriptions_keep_non_ascii_and_html_looking_text_as_plain_text() {
    let (_server, client, access) = setup().await;
    let set = client
        .accounts(&access, &since(1_767_225_600))
        .await
        .expect("accounts");
    let descriptions: Vec<&str> = transactions(account(&set.accounts, CHECKING))
        .iter()
        .map(|t| t.description.as_str())
        .collect();
    assert!(descriptions.contains(&"Café Ünïcødé — 東京ラーメン"));
    assert!(descriptions.contains(&"<b>FEE</b> <script>alert('x')</script>"));
}

#[tokio::test]
async fn an_account_re_added_in_the_bridge_comes_back_under_a_new_id() {
    let (server, client, access) = setup().await;
    assert!(server.readd_account(CARD, "ACT-new-card"));
    let set = client
        .accounts(&access, &Query::balances_only())
        .await
        .expect("accounts");
    let card = set
        .accounts
        .iter()
        .find(|a| a.name == "Northstar Rewards Visa")
        .expect("card");
    assert_eq!(card.id, "ACT-new-card");
}
