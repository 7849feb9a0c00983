//! A person pastes a setup token: it is claimed once for an access URL, then refused.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use simplefin::test_server::TestServer;
use simplefin::{AccessUrl, Client, ClientOptions, ErrorKind, Query, SetupToken, claim};

async fn server() -> TestServer {
    TestServer::with_example_data().await.expect("test server")
}

fn client() -> Client {
    Client::new(ClientOptions::default()).expect("client")
}

#[tokio::test]
async fn a_setup_token_is_claimed_once_and_a_second_claim_warns_it_may_be_compromised() {
    let server = server().await;
    let token = SetupToken::parse(&server.new_setup_token()).expect("token");
    assert_eq!(token.host(), "127.0.0.1");

    let access = claim(&client(), &token).await.expect("first claim");
    assert_eq!(access.base_url().as_str(), server.root_url());

    let again = claim(&client(), &token).await.expect_err("second claim");
    assert_eq!(again.kind(), ErrorKind::TokenRefused);
    let shown = again.to_string();
    assert!(shown.contains("already claimed"), "{shown}");
    assert!(shown.contains("make a new setup token"), "{shown}");
}

#[tokio::test]
async fn an_unknown_token_is_refused_and_the_demo_token_always_works() {
    let server = server().await;
    let unknown = SetupToken::parse(&server.setup_token("NEVER-ISSUED")).expect("token");
    let refused = claim(&client(), &unknown).await.expect_err("unknown");
    assert_eq!(refused.kind(), ErrorKind::TokenRefused);

    let demo = SetupToken::parse(&server.demo_setup_token()).expect("demo");
    for _ in 0..3 {
        let access = claim(&client(), &demo).await.expect("demo claim");
        assert_eq!(access.expose(), server.demo_access_url());
    }
}

#[tokio::test]
async fn a_token_for_plain_http_to_another_computer_is_refused_before_anything_is_sent() {
    for claim_url in [
        "http://bridge.simplefin.org/simplefin/claim/SECRETCODE",
        "http://192.168.1.20:8080/simplefin/claim/SECRETCODE",
    ] {
        let pasted = STANDARD.encode(claim_url);
        let error = SetupToken::parse(&pasted).expect_err("plain http");
        assert_eq!(error.kind(), ErrorKind::BadInput);
        let shown = format!("{error} {error:?}");
        assert!(shown.contains("only https:// is accepted"), "{shown}");
        assert!(
            !shown.contains("SECRETCODE") && !shown.contains(&pasted),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn the_claimed_access_url_is_stored_as_text_and_read_back_to_fetch_accounts() {
    let server = server().await;
    let token = SetupToken::parse(&server.new_setup_token()).expect("token");
    let access = claim(&client(), &token).await.expect("claim");

    // What the keyring would hold, and the access rebuilt from it.
    let stored = access.expose().to_string();
    let restored = AccessUrl::parse(&stored).expect("restored");
    let set = client()
        .accounts(&restored, &Query::balances_only())
        .await
        .expect("accounts");
    assert_eq!(set.accounts.len(), 2);
    assert!(set.accounts.iter().all(|a| a.transactions.is_none()));
    assert_eq!(server.last_query().as_deref(), Some("balances-only=1"));
}

#[tokio::test]
async fn the_server_says_which_protocol_versions_it_speaks() {
    let server = server().await;
    let access = AccessUrl::parse(&server.demo_access_url()).expect("access");
    let versions = client().versions(&access).await.expect("info");
    assert_eq!(versions, ["1", "2"]);
}
