//! A bank (or anything on the way) that answers with an endless or enormous body: the client stops at its
//! cap, refuses the answer in words, and never holds more than the cap.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bank_api::{AccessToken, BankError, MAX_BODY_BYTES};
use futures_util::StreamExt;

mod common;

const CHUNK: usize = 64 * 1024;

/// The demo accounts as a bank serving `app` gives them to a client that does not retry.
async fn accounts_from(app: Router) -> Result<Vec<bank_api::wire::Account>, BankError> {
    common::client_with(common::serve(app).await, Duration::from_secs(20), 0)
        .accounts(&AccessToken::from("t".to_string()))
        .await
}

/// A JSON-looking body that never ends, counting what it has handed to the connection.
fn endless(status: StatusCode, sent: Arc<AtomicUsize>) -> Response {
    let opening = Bytes::from_static(br#"{"Data":{"Account":["#);
    let filler = Bytes::from(
        br#"{"AccountId":"a1","Currency":"CNY","AccountType":"Personal","AccountSubType":"CurrentAccount"},"#
            .repeat(CHUNK / 96),
    );
    let chunks = futures_util::stream::iter(
        std::iter::once(opening).chain(std::iter::repeat(filler)),
    )
    .map(move |chunk| {
        sent.fetch_add(chunk.len(), Ordering::SeqCst);
        Ok::<_, std::io::Error>(chunk)
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(chunks),
    )
        .into_response()
}

fn refused_as_too_large(error: &BankError) -> bool {
    matches!(error, BankError::Protocol(message) if message.contains("larger than the 8 MiB"))
}

#[tokio::test]
async fn an_endless_answer_is_refused_at_the_cap_without_reading_on() {
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts",
        get(move || async move { endless(StatusCode::OK, counter) }),
    );
    let started = Instant::now();
    let error = accounts_from(app).await.unwrap_err();
    assert!(refused_as_too_large(&error), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "stopped at the cap, not at the timeout"
    );
    // What the server managed to push: the cap, plus what the socket buffers held when the client stopped.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let pushed = sent.load(Ordering::SeqCst);
    assert!(
        pushed < MAX_BODY_BYTES + (16 << 20),
        "the client went on reading: {pushed} bytes"
    );
}

#[tokio::test]
async fn an_endless_refusal_is_refused_at_the_cap_too() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts",
        get(|| async { endless(StatusCode::BAD_REQUEST, Arc::default()) }),
    );
    let error = accounts_from(app).await.unwrap_err();
    assert!(refused_as_too_large(&error), "{error:?}");
}

#[tokio::test]
async fn an_answer_declaring_more_than_the_cap_is_refused_before_it_is_read() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts",
        get(|| async {
            let mut answer = endless(StatusCode::OK, Arc::default());
            answer.headers_mut().insert(
                header::CONTENT_LENGTH,
                (MAX_BODY_BYTES as u64 + 1).to_string().parse().unwrap(),
            );
            answer
        }),
    );
    let error = accounts_from(app).await.unwrap_err();
    assert!(refused_as_too_large(&error), "{error:?}");
}

#[tokio::test]
async fn an_answer_just_under_the_cap_is_read() {
    let app = Router::new().route(
        "/open-banking/v3.1/aisp/accounts",
        get(|| async {
            let mut body =
                br#"{"Data":{"Account":[]},"Links":{"Self":"http://bank/accounts"},"Meta":{}}"#
                    .to_vec();
            body.resize(MAX_BODY_BYTES, b' ');
            ([(header::CONTENT_TYPE, "application/json")], body)
        }),
    );
    let accounts = accounts_from(app).await.unwrap();
    assert!(accounts.is_empty());
}
