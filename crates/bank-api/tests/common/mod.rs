//! A tiny real HTTP bank on 127.0.0.1:0 for the client's tests, and the client pointed at it.

use std::time::Duration;

use axum::Router;
use bank_api::{BankClient, BankEndpoint, ClientOptions};
use url::Url;

pub async fn serve(app: Router) -> Url {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Url::parse(&format!("http://{addr}")).unwrap()
}

/// The client with `timeout`, `max_retries` and a short backoff.
pub fn client_with(base_url: Url, timeout: Duration, max_retries: u32) -> BankClient {
    BankClient::new(
        BankEndpoint {
            base_url,
            client_id: "purse-desktop".into(),
            redirect_uri: Url::parse("http://127.0.0.1/cb").unwrap(),
        },
        ClientOptions {
            timeout,
            max_retries,
            backoff_base: Duration::from_millis(10),
            ..ClientOptions::default()
        },
    )
    .unwrap()
}
