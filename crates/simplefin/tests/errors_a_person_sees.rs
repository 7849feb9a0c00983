//! What a person is told when SimpleFIN fails: classified so the wallet knows what to do, worded so
//! they can act, and never carrying the access URL's user or password.

use std::time::Duration;

use simplefin::test_server::{Mode, TestServer};
use simplefin::{
    AccessUrl, Client, ClientOptions, ErrorKind, Query, SetupToken, SimplefinError, claim,
};

async fn claimed() -> (TestServer, Client, AccessUrl) {
    let server = TestServer::with_example_data().await.expect("test server");
    let client = Client::new(ClientOptions::default()).expect("client");
    let token = SetupToken::parse(&server.new_setup_token()).expect("token");
    let access = claim(&client, &token).await.expect("claim");
    (server, client, access)
}

/// The user name and password inside the access URL.
fn secrets(access: &AccessUrl) -> (String, String) {
    let url = url::Url::parse(access.expose()).expect("url");
    (
        url.username().to_string(),
        url.password().unwrap_or_default().to_string(),
    )
}

fn assert_hides(error: &SimplefinError, access: &AccessUrl) {
    let (user, password) = secrets(access);
    let shown = format!("{error} | {error:?}");
    assert!(!shown.contains(&user), "user name leaked: {shown}");
    assert!(!shown.contains(&password), "password leaked: {shown}");
    assert!(
        !shown.contains(access.expose()),
        "access URL leaked: {shown}"
    );
}

async fn fail(client: &Client, access: &AccessUrl) -> SimplefinError {
    client
        .accounts(access, &Query::default())
        .await
        .expect_err("an error")
}

#[tokio::test]
async fn a_lapsed_subscription_asks_for_payment_and_a_revoked_access_for_a_new_token() {
    let (server, client, access) = claimed().await;
    server.set_mode(Mode::PaymentRequired);
    let lapsed = fail(&client, &access).await;
    assert_eq!(lapsed.kind(), ErrorKind::PaymentRequired);
    assert!(lapsed.to_string().contains("subscription"), "{lapsed}");

    server.set_mode(Mode::Normal);
    server.revoke_all();
    let revoked = fail(&client, &access).await;
    assert_eq!(revoked.kind(), ErrorKind::NeedsNewToken);
    assert!(revoked.to_string().contains("new setup token"), "{revoked}");
}

#[tokio::test]
async fn a_wrong_password_is_refused_as_needing_a_new_token() {
    let (server, client, access) = claimed().await;
    let (user, _) = secrets(&access);
    let wrong = AccessUrl::parse(&format!("http://{user}:wrong@{}/simplefin", server.addr()))
        .expect("access");
    let error = fail(&client, &wrong).await;
    assert_eq!(error.kind(), ErrorKind::NeedsNewToken);
}

#[tokio::test]
async fn a_server_error_or_an_html_page_is_transient() {
    let (server, client, access) = claimed().await;
    for mode in [Mode::ServerError, Mode::NotJson] {
        server.set_mode(mode);
        let error = fail(&client, &access).await;
        assert_eq!(error.kind(), ErrorKind::Transient, "{mode:?}: {error}");
        assert!(error.to_string().contains("Try again later"), "{error}");
    }
}

#[tokio::test]
async fn oversized_answers_are_refused_whether_or_not_their_size_is_declared() {
    let (server, client, access) = claimed().await;
    for mode in [Mode::Oversized, Mode::OversizedUndeclared] {
        server.set_mode(mode);
        let error = fail(&client, &access).await;
        assert_eq!(error.kind(), ErrorKind::Malformed, "{mode:?}: {error}");
        assert!(
            error.to_string().contains("larger than the 8 MiB"),
            "{error}"
        );
    }
}

#[tokio::test]
async fn a_redirect_to_plain_http_on_another_computer_is_not_followed() {
    let (server, client, access) = claimed().await;
    server.set_mode(Mode::RedirectAway);
    let error = fail(&client, &access).await;
    assert_eq!(error.kind(), ErrorKind::Transient);
    assert!(
        error
            .to_string()
            .contains("redirected to an address that is not https"),
        "{error}"
    );
    assert_hides(&error, &access);
}

#[tokio::test]
async fn an_answer_of_the_wrong_shape_is_refused_clearly() {
    let (server, client, access) = claimed().await;
    server.set_mode(Mode::Malformed);
    let error = fail(&client, &access).await;
    assert_eq!(error.kind(), ErrorKind::Malformed);
    assert!(
        error.to_string().contains("not a SimpleFIN account set"),
        "{error}"
    );
}

#[tokio::test]
async fn errors_inside_a_successful_answer_are_shown_sanitized_next_to_the_data() {
    let (server, client, access) = claimed().await;
    let long = "x".repeat(2000);
    server.add_error(
        "gen",
        "Connection to <b>Prairie</b>\u{1b}[31m may need attention\n",
        None,
    );
    server.add_error("gen", &long, None);
    let set = client
        .accounts(&access, &Query::balances_only())
        .await
        .expect("partial data");
    assert_eq!(set.accounts.len(), 2);
    assert_eq!(
        set.errors[0].text,
        "Connection to <b>Prairie</b>[31m may need attention"
    );
    assert_eq!(set.errors[1].text.chars().count(), 500);
}

#[tokio::test]
async fn too_many_requests_in_a_day_are_answered_with_an_error_and_no_accounts() {
    let (server, client, access) = claimed().await;
    server.set_request_limit(Some(2));
    for _ in 0..2 {
        let ok = client
            .accounts(&access, &Query::balances_only())
            .await
            .expect("within limit");
        assert!(ok.errors.is_empty());
    }
    let over = client
        .accounts(&access, &Query::balances_only())
        .await
        .expect("over limit");
    assert!(over.accounts.is_empty());
    assert!(
        over.errors[0].text.contains("Too many requests"),
        "{:?}",
        over.errors
    );
    assert_eq!(server.request_count(&secrets(&access).0), 3);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_as_transient() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listener");
    let addr = listener.local_addr().expect("addr");
    let hold = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket);
        }
    });
    let client = Client::new(ClientOptions {
        timeout: Duration::from_millis(300),
        ..ClientOptions::default()
    })
    .expect("client");
    let access = AccessUrl::parse(&format!("http://SILENTUSER:SILENTPASS@{addr}/simplefin"))
        .expect("access");
    let error = fail(&client, &access).await;
    assert_eq!(error.kind(), ErrorKind::Transient);
    assert!(
        error.to_string().contains("did not answer in time"),
        "{error}"
    );
    assert_hides(&error, &access);
    hold.abort();
}

#[tokio::test]
async fn no_error_ever_shows_the_access_url_or_its_password() {
    let (server, client, access) = claimed().await;
    let mut errors = Vec::new();
    for mode in [
        Mode::PaymentRequired,
        Mode::ServerError,
        Mode::NotJson,
        Mode::Malformed,
        Mode::Oversized,
        Mode::OversizedUndeclared,
        Mode::RedirectAway,
    ] {
        server.set_mode(mode);
        errors.push(fail(&client, &access).await);
    }
    server.set_mode(simplefin::test_server::Mode::Normal);
    server.revoke_all();
    errors.push(fail(&client, &access).await);
    drop(server);
    // Nobody listening any more: the connection itself fails.
    errors.push(fail(&client, &access).await);
    for error in &errors {
        assert_hides(error, &access);
    }
    assert_eq!(
        errors.last().map(SimplefinError::kind),
        Some(ErrorKind::Transient)
    );
    // The access URL itself prints redacted.
    let (_, password) = secrets(&access);
    assert!(!format!("{access} {access:?}").contains(&password));
}

#[test]
fn a_setup_token_is_claimed_at_another_server_root_only_over_https_or_on_this_machine() {
    use base64::Engine;
    let token = simplefin::SetupToken::parse(
        &base64::engine::general_purpose::STANDARD
            .encode("https://bridge.example/simplefin/claim/ABC123"),
    )
    .unwrap();
    let moved = token
        .claimed_at("http://127.0.0.1:9000/simplefin/")
        .unwrap();
    assert_eq!(moved.host(), "127.0.0.1");
    assert!(token.claimed_at("http://proxy.example/simplefin").is_err());
    assert!(token.claimed_at("https://proxy.example/simplefin").is_ok());
}
