//! The client's edge cases against a tiny real HTTP bank on 127.0.0.1:0: retries, relinking,
//! unreachable banks, timeouts, refusals and `Links.Next` paging.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bank_api::{AccessToken, BankClient, BankError, RefreshToken};
use serde_json::json;
use url::Url;

mod common;

use common::serve;

const TOKEN: &str = "tok-very-secret";

#[derive(Clone, Default)]
struct Calls(Arc<AtomicUsize>);

impl Calls {
    fn next(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst)
    }
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

fn client(base_url: Url) -> BankClient {
    common::client_with(base_url, Duration::from_secs(2), 2)
}

fn token() -> AccessToken {
    AccessToken::from(TOKEN.to_string())
}

fn accounts_body() -> serde_json::Value {
    json!({
        "Data": {"Account": [{"AccountId": "a1", "Currency": "CNY", "AccountType": "Personal",
                              "AccountSubType": "CurrentAccount", "Nickname": "工资卡"}]},
        "Links": {"Self": "http://bank/accounts"},
        "Meta": {"TotalPages": 1}
    })
}

#[tokio::test]
async fn a_server_error_is_retried_until_the_bank_answers() {
    let calls = Calls::default();
    let app = Router::new()
        .route(
            "/open-banking/v3.1/aisp/accounts",
            get(
                |State(calls): State<Calls>, headers: HeaderMap| async move {
                    assert!(headers.contains_key("x-fapi-interaction-id"));
                    assert_eq!(headers["authorization"], format!("Bearer {TOKEN}"));
                    if calls.next() == 0 {
                        StatusCode::INTERNAL_SERVER_ERROR.into_response()
                    } else {
                        axum::Json(accounts_body()).into_response()
                    }
                },
            ),
        )
        .with_state(calls.clone());
    let accounts = client(serve(app).await).accounts(&token()).await.unwrap();
    assert_eq!(accounts[0].account_id, "a1");
    assert_eq!(calls.count(), 2);
}

#[tokio::test]
async fn rate_limiting_that_never_ends_is_reported_after_the_last_retry() {
    let calls = Calls::default();
    let app = Router::new()
        .route(
            "/open-banking/v3.1/aisp/accounts",
            get(|State(calls): State<Calls>| async move {
                calls.next();
                StatusCode::TOO_MANY_REQUESTS
            }),
        )
        .with_state(calls.clone());
    let error = client(serve(app).await)
        .accounts(&token())
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::RateLimited), "{error:?}");
    assert_eq!(calls.count(), 3, "the first try and two retries");
}

#[tokio::test]
async fn a_401_on_a_data_call_means_the_bank_must_be_linked_again() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts/{id}/balances",
        get(|| async { StatusCode::UNAUTHORIZED }),
    );
    let error = client(serve(app).await)
        .balances(&token(), "a1")
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::RelinkNeeded), "{error:?}");
}

#[tokio::test]
async fn an_invalid_grant_on_refresh_means_the_bank_must_be_linked_again() {
    let app = Router::new().route(
        "/oauth2/token",
        post(|| async {
            (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({"error": "invalid_grant", "error_description": "expired"})),
            )
        }),
    );
    let error = client(serve(app).await)
        .refresh(&RefreshToken::from("r-secret".to_string()))
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::RelinkNeeded), "{error:?}");
}

#[tokio::test]
async fn a_refusal_carries_the_banks_open_banking_error_code_and_message() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts/{id}/transactions",
        get(|| async {
            (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({"Code": "400", "Message": "Bad Request", "Errors": [
                    {"ErrorCode": "UK.OBIE.Field.InvalidDate", "Message": "fromBookingDateTime is not a date."}
                ]})),
            )
        }),
    );
    let error = client(serve(app).await)
        .transactions(&token(), "a1", None, None, &mut |_| {})
        .await
        .unwrap_err();
    match &error {
        BankError::Rejected {
            status,
            code,
            message,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(code, "UK.OBIE.Field.InvalidDate");
            assert_eq!(message, "fromBookingDateTime is not a date.");
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
    assert!(!error.to_string().contains(TOKEN));
}

#[tokio::test]
async fn a_bank_that_refuses_connections_is_unreachable() {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let error = client(Url::parse(&format!("http://{addr}")).unwrap())
        .accounts(&token())
        .await
        .unwrap_err();
    match &error {
        BankError::Unreachable { url, .. } => assert!(url.contains(&addr.port().to_string())),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert!(!error.to_string().contains(TOKEN));
}

#[tokio::test]
async fn a_bank_that_does_not_answer_in_time_is_a_timeout() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            StatusCode::OK
        }),
    );
    let error = client(serve(app).await)
        .accounts(&token())
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::Timeout), "{error:?}");
}

#[tokio::test]
async fn an_undecodable_body_is_a_protocol_error() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts",
        get(|| async { "<html>maintenance</html>" }),
    );
    let error = client(serve(app).await)
        .accounts(&token())
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::Protocol(_)), "{error:?}");
}

#[derive(serde::Deserialize)]
struct PageParam {
    page: Option<u32>,
    #[serde(rename = "fromBookingDateTime")]
    from: Option<String>,
}

fn page_body(base: &str, page: u32, last: u32) -> serde_json::Value {
    let next = (page < last).then(|| format!("{base}?page={}", page + 1));
    json!({
        "Data": {"Transaction": [{
            "AccountId": "a1", "TransactionId": format!("t{page}"), "CreditDebitIndicator": "Debit",
            "Status": "Booked", "BookingDateTime": "2026-01-01T00:00:00Z",
            "Amount": {"Amount": "1.00", "Currency": "CNY"}
        }]},
        "Links": {"Self": format!("{base}?page={page}"), "Next": next},
        "Meta": {"TotalPages": last}
    })
}

/// A bank serving account a1's transactions in three pages linked by `Links.Next`; the first page's
/// request must carry `from` as its booking-date window when given.
async fn three_pages_of_a1(from: Option<&'static str>) -> Url {
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let seen = base.clone();
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts/a1/transactions",
        get(move |Query(p): Query<PageParam>| {
            let base = seen.clone();
            async move {
                if p.page.is_none() && from.is_some() {
                    assert_eq!(p.from.as_deref(), from);
                }
                let url = format!(
                    "{}/open-banking/v3.1/aisp/accounts/a1/transactions",
                    base.get().unwrap()
                );
                axum::Json(page_body(&url, p.page.unwrap_or(1), 3))
            }
        }),
    );
    let url = serve(app).await;
    base.set(url.as_str().trim_end_matches('/').to_string())
        .unwrap();
    url
}

#[tokio::test]
async fn transactions_are_paged_by_links_next_until_it_is_absent() {
    let url = three_pages_of_a1(Some("2026-01-01T00:00:00Z")).await;
    let mut progress = Vec::new();
    let from = "2026-01-01T00:00:00Z".parse().unwrap();
    let lines = client(url)
        .transactions(&token(), "a1", Some(from), None, &mut |p| progress.push(p))
        .await
        .unwrap();
    let ids: Vec<_> = lines
        .iter()
        .map(|t| t.transaction_id.clone().unwrap())
        .collect();
    assert_eq!(ids, ["t1", "t2", "t3"]);
    assert_eq!(progress.len(), 3);
    assert_eq!(progress[2].page, 3);
    assert_eq!(progress[2].total_pages, Some(3));
    assert_eq!(progress[2].fetched, 3);
}

#[tokio::test]
async fn a_paged_read_carries_on_from_its_cursor_and_a_cursor_elsewhere_is_refused() {
    let url = three_pages_of_a1(None).await;
    let client = client(url);
    let token = token();
    let mut first = client.transaction_pages(&token, "a1", None, None);
    first.next_page().await.unwrap().unwrap();
    let cursor = first.cursor().expect("two more pages");
    let mut rest = client.resume_transaction_pages(&token, &cursor).unwrap();
    let (lines, progress) = rest.next_page().await.unwrap().unwrap();
    assert_eq!(lines[0].transaction_id.as_deref(), Some("t2"));
    assert_eq!((progress.page, progress.fetched), (2, 2));

    let elsewhere = cursor.replace("127.0.0.1", "evil.example");
    assert!(client.resume_transaction_pages(&token, &elsewhere).is_err());
    assert!(client.resume_transaction_pages(&token, "nonsense").is_err());
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_so_the_token_stays_home() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts/a1/transactions",
        get(|| async { axum::Json(page_body("http://evil.example/steal", 1, 2)) }),
    );
    let error = client(serve(app).await)
        .transactions(&token(), "a1", None, None, &mut |_| {})
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::Protocol(_)), "{error:?}");
}

#[tokio::test]
async fn errors_and_debug_output_never_show_a_token() {
    let app = Router::new().route(
        "/oauth2/token",
        post(|| async { (StatusCode::OK, "not json").into_response() as Response }),
    );
    let error = client(serve(app).await)
        .refresh(&RefreshToken::from(TOKEN.to_string()))
        .await
        .unwrap_err();
    assert!(!error.to_string().contains(TOKEN));
    assert!(!format!("{error:?}").contains(TOKEN));
    assert_eq!(format!("{:?}", token()), "AccessToken(<redacted>)");
}
