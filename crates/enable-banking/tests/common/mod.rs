//! Shared set-up for the stories: an RSA key made at run time (never a committed one), the test server
//! registered with its public half, the real client, and a "browser" that follows the consent URL.
#![allow(dead_code)]

use std::sync::LazyLock;
use std::time::Duration;

use chrono::Utc;
use enable_banking::test_server::{TestServer, TestServerConfig};
use enable_banking::wire::{AspspId, NewSession};
use enable_banking::{
    AppKey, AuthorizationRequest, Client, ClientOptions, Error, code_from_redirect,
    consent_valid_until,
};
use rsa::RsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use sensitive::Sensitive;
use url::Url;
use uuid::Uuid;

pub const REDIRECT: &str = "http://127.0.0.1:9/eb/callback";

/// One key per test binary: 1024 bits keeps key generation quick in unoptimised test builds.
pub static KEY: LazyLock<RsaPrivateKey> = LazyLock::new(|| {
    RsaPrivateKey::new(&mut rand::thread_rng(), 1024).unwrap_or_else(|e| panic!("keygen: {e}"))
});

pub fn key_pem() -> Sensitive<String> {
    let pem = KEY
        .to_pkcs8_pem(LineEnding::LF)
        .unwrap_or_else(|e| panic!("pem: {e}"));
    Sensitive::new(pem.to_string())
}

pub struct World {
    pub server: TestServer,
    pub client: Client,
    pub app_id: Uuid,
}

pub async fn world(require_psu_headers: bool) -> World {
    let app_id = Uuid::new_v4();
    let server = TestServer::start(TestServerConfig {
        application_id: app_id,
        public_key: KEY.to_public_key(),
        redirect_urls: vec![REDIRECT.to_string()],
        require_psu_headers,
    })
    .await
    .unwrap_or_else(|e| panic!("server: {e}"));
    let key = AppKey::from_pem(&app_id.to_string(), &key_pem()).unwrap_or_else(|e| panic!("{e}"));
    let options = ClientOptions {
        timeout: Duration::from_secs(10),
        backoff_base: Duration::from_millis(10),
        ..ClientOptions::default()
    };
    let client =
        Client::with_options(server.base_url(), key, options).unwrap_or_else(|e| panic!("{e}"));
    World {
        server,
        client,
        app_id,
    }
}

pub fn mock_fi() -> AspspId {
    AspspId {
        name: "Mock ASPSP".to_string(),
        country: "FI".to_string(),
    }
}

pub fn auth_request(world: &World, state: &str, max_seconds: i64) -> AuthorizationRequest {
    AuthorizationRequest {
        aspsp: mock_fi(),
        state: state.to_string(),
        redirect_url: REDIRECT.to_string(),
        valid_until: consent_valid_until(world.server.now(), max_seconds),
        balances: true,
        transactions: true,
        psu_type: "personal".to_string(),
        language: Some("fi".to_string()),
    }
}

/// Opens the consent URL like a browser, presses approve or deny, and returns where the bank sent the
/// browser back to (not followed: nothing listens there).
pub async fn browser(url: &str, approve: bool) -> Url {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let page = browser
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(page.contains("Approve") && page.contains("Deny"), "{page}");
    let button = if approve { "approve" } else { "deny" };
    let answer = browser
        .post(format!("{url}/{button}"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer.status(), reqwest::StatusCode::SEE_OTHER);
    let location = answer
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no Location"));
    Url::parse(location).unwrap_or_else(|e| panic!("{e}"))
}

/// The whole consent: `/aspsps` → `/auth` → approve → code → `/sessions`.
pub async fn consent(world: &World) -> NewSession {
    let banks = world
        .client
        .aspsps("FI", "personal", "AIS")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mock = banks
        .iter()
        .find(|a| a.name == "Mock ASPSP")
        .unwrap_or_else(|| panic!("no Mock ASPSP in {banks:?}"));
    let state = format!("state-{}", Uuid::new_v4());
    let started = world
        .client
        .start_authorization(&auth_request(world, &state, mock.maximum_consent_validity))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let back = browser(&started.url, true).await;
    let code = code_from_redirect(&back, &state).unwrap_or_else(|e| panic!("{e}"));
    world
        .client
        .create_session(&code)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn uid(session: &NewSession, index: usize) -> String {
    session.accounts[index].uid.clone().unwrap_or_default()
}

pub fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

pub fn expect_err<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(e) => e,
    }
}
