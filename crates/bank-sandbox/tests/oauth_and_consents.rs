//! Linking the wallet to the sandbox bank: OAuth 2.0 + PKCE, consents through their life, and every data
//! call refusing a token that should not reach it.

mod common;

use bank_api::{AccessToken, BankError, Permission, Pkce, wire};
use chrono::Duration;
use common::{ALL, REDIRECT, bank};
use reqwest::StatusCode;
use serde_json::Value;

async fn consent_status(bank: &common::Bank, consent: &str) -> String {
    let app = bank.client.client_credentials_token().await.unwrap();
    let answer = reqwest::Client::new()
        .get(bank.url(&format!("/account-access-consents/{consent}")))
        .bearer_auth(app.access_token.expose())
        .send()
        .await
        .unwrap();
    let status = answer.status();
    let body: Value = answer.json().await.unwrap();
    if status == StatusCode::BAD_REQUEST {
        return body["Errors"][0]["ErrorCode"].as_str().unwrap().to_string();
    }
    body["Data"]["Status"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_consent_moves_from_awaiting_to_authorised_and_is_gone_once_deleted() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    assert_eq!(
        consent_status(&bank, &consent).await,
        "AwaitingAuthorisation"
    );

    let pkce = Pkce::generate();
    let url = bank.client.authorize_url(&consent, &pkce, "s");
    let code = bank_sandbox::approve_as(&url, "demo", bank_sandbox::DEMO_PASSWORD)
        .await
        .unwrap();
    let tokens = bank.client.exchange_code(&code, &pkce).await.unwrap();
    assert_eq!(consent_status(&bank, &consent).await, "Authorised");
    assert_eq!(
        bank.client
            .accounts(&tokens.access_token)
            .await
            .unwrap()
            .len(),
        5
    );

    bank.client
        .revoke_consent(&tokens.access_token, &consent)
        .await
        .unwrap();
    assert_eq!(
        consent_status(&bank, &consent).await,
        "UK.OBIE.Resource.NotFound"
    );
    let again = bank
        .client
        .revoke_consent(&tokens.access_token, &consent)
        .await;
    assert!(again.is_err(), "a deleted consent cannot be deleted again");
    let after = bank
        .client
        .accounts(&tokens.access_token)
        .await
        .unwrap_err();
    assert!(matches!(after, BankError::RelinkNeeded), "{after:?}");
    let refresh = tokens.refresh_token.unwrap();
    let refreshed = bank.client.refresh(&refresh).await.unwrap_err();
    assert!(
        matches!(refreshed, BankError::RelinkNeeded),
        "{refreshed:?}"
    );
}

#[tokio::test]
async fn the_authorize_page_is_bilingual_and_lists_the_permissions() {
    let bank = bank().await;
    let consent = bank.consent(&[Permission::ReadBalances]).await;
    let url = bank.client.authorize_url(&consent, &Pkce::generate(), "s");
    let page = reqwest::get(url).await.unwrap().text().await.unwrap();
    assert!(page.contains("Purse Sandbox Bank 沙盒银行"));
    assert!(page.contains("ReadBalances"));
    // The customer signs in first; Approve 同意 comes with the accounts to choose.
    assert!(page.contains("Sign in 登录") && page.contains("Deny 拒绝"));
}

#[tokio::test]
async fn denying_redirects_with_access_denied_and_rejects_the_consent() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let url = bank.client.authorize_url(&consent, &Pkce::generate(), "st");
    let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    form.push(("decision".into(), "deny".into()));
    let mut post = url.clone();
    post.set_query(None);
    let answer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(post)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let location = answer.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(REDIRECT));
    assert!(location.contains("error=access_denied") && location.contains("state=st"));
    assert_eq!(consent_status(&bank, &consent).await, "Rejected");
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_the_consent_still_waits() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let url = bank.client.authorize_url(&consent, &Pkce::generate(), "s");
    assert!(
        bank_sandbox::approve_as(&url, "demo", "wrong")
            .await
            .is_err()
    );
    assert_eq!(
        consent_status(&bank, &consent).await,
        "AwaitingAuthorisation"
    );
}

#[tokio::test]
async fn a_code_redeemed_with_the_wrong_verifier_is_refused_and_spent() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let pkce = Pkce::generate();
    let url = bank.client.authorize_url(&consent, &pkce, "s");
    let code = bank_sandbox::approve_as(&url, "demo", bank_sandbox::DEMO_PASSWORD)
        .await
        .unwrap();
    let wrong = bank.client.exchange_code(&code, &Pkce::generate()).await;
    assert!(matches!(wrong, Err(BankError::RelinkNeeded)), "{wrong:?}");
    let right_but_late = bank.client.exchange_code(&code, &pkce).await;
    assert!(matches!(right_but_late, Err(BankError::RelinkNeeded)));
}

#[tokio::test]
async fn a_code_cannot_be_used_twice() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let pkce = Pkce::generate();
    let url = bank.client.authorize_url(&consent, &pkce, "s");
    let code = bank_sandbox::approve_as(&url, "demo", bank_sandbox::DEMO_PASSWORD)
        .await
        .unwrap();
    bank.client.exchange_code(&code, &pkce).await.unwrap();
    let again = bank.client.exchange_code(&code, &pkce).await;
    assert!(matches!(again, Err(BankError::RelinkNeeded)), "{again:?}");
}

#[tokio::test]
async fn an_authorize_request_without_pkce_is_refused() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let mut url = bank.client.authorize_url(&consent, &Pkce::generate(), "s");
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .filter(|(k, _)| !k.starts_with("code_challenge"))
        .collect();
    url.query_pairs_mut().clear().extend_pairs(kept);
    assert_eq!(
        reqwest::get(url).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_refresh_gives_new_tokens_and_spends_the_old_refresh_token() {
    let bank = bank().await;
    let (tokens, _) = bank.link(ALL).await;
    let old = tokens.refresh_token.unwrap();
    let fresh = bank.client.refresh(&old).await.unwrap();
    assert!(fresh.expires_in > 0);
    bank.client.accounts(&fresh.access_token).await.unwrap();
    assert!(matches!(
        bank.client.refresh(&old).await,
        Err(BankError::RelinkNeeded)
    ));
}

#[tokio::test]
async fn every_data_call_refuses_a_missing_invalid_or_expired_token() {
    let bank = bank().await;
    let paths = [
        "/accounts",
        "/accounts/acc-demo-salary",
        "/accounts/acc-demo-salary/balances",
        "/accounts/acc-demo-salary/transactions",
        "/balances",
        "/transactions",
    ];
    let http = reqwest::Client::new();
    for path in paths {
        let missing = http.get(bank.url(path)).send().await.unwrap();
        assert_eq!(missing.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert!(missing.headers().contains_key("x-fapi-interaction-id"));
        let body: Value = missing.json().await.unwrap();
        assert_eq!(body["Errors"][0]["ErrorCode"], "UK.OBIE.Unauthorised");
        let invalid = http
            .get(bank.url(path))
            .bearer_auth("not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(invalid.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let token = bank.token().await;
    bank.clock.advance(Duration::hours(2));
    for path in paths {
        let expired = http
            .get(bank.url(path))
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap();
        assert_eq!(expired.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let error = bank.client.accounts(&token).await.unwrap_err();
    assert!(matches!(error, BankError::RelinkNeeded));
}

#[tokio::test]
async fn a_client_token_reaches_consents_but_not_the_customers_data() {
    let bank = bank().await;
    let app = bank.client.client_credentials_token().await.unwrap();
    let error = bank.client.accounts(&app.access_token).await.unwrap_err();
    assert!(matches!(error, BankError::RelinkNeeded), "{error:?}");
}

#[tokio::test]
async fn an_account_outside_the_consent_is_refused() {
    let bank = bank().await;
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite:{}", common::db_path(&bank.dir).display()))
            .await
            .unwrap();
    sqlx::query(
        "INSERT INTO customers (id, password_hash, display_name) VALUES ('other', 'x', 'Other')",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO accounts (account_id, customer_id, currency, sub_type, nickname, holder_name, scheme_name,
                               identification, opening_minor, opened_at)
         VALUES ('acc-other-1', 'other', 'CNY', 'CurrentAccount', 'x', 'x', 'UK.OBIE.PAN', '1', 100, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let token = bank.token().await;
    for path in [
        "/accounts/acc-other-1",
        "/accounts/acc-other-1/balances",
        "/accounts/acc-other-1/transactions",
        "/accounts/no-such-account/balances",
    ] {
        let answer = reqwest::Client::new()
            .get(bank.url(path))
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let all = bank.client.accounts(&token).await.unwrap();
    assert!(all.iter().all(|a| a.account_id.starts_with("acc-demo-")));
}

#[tokio::test]
async fn a_consent_without_balances_cannot_read_balances() {
    let bank = bank().await;
    let (tokens, _) = bank.link(&[Permission::ReadAccountsDetail]).await;
    bank.client.accounts(&tokens.access_token).await.unwrap();
    let error = bank
        .client
        .balances(&tokens.access_token, "acc-demo-salary")
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::RelinkNeeded), "{error:?}");
}

#[tokio::test]
async fn a_token_cannot_revoke_another_consent() {
    let bank = bank().await;
    let (mine, _) = bank.link(ALL).await;
    let (_, theirs) = bank.link(ALL).await;
    let error = bank
        .client
        .revoke_consent(&mine.access_token, &theirs)
        .await
        .unwrap_err();
    assert!(matches!(error, BankError::RelinkNeeded), "{error:?}");
}

/// A path, extra headers, and the status and `ErrorCode` the bank must answer with.
type BadCall = (
    &'static str,
    &'static [(&'static str, &'static str)],
    StatusCode,
    &'static str,
);

#[tokio::test]
async fn bad_input_gets_a_clear_open_banking_error_and_no_server_error() {
    let bank = bank().await;
    let token = bank.token().await;
    let http = reqwest::Client::new();
    let cases: &[BadCall] = &[
        (
            "/accounts/acc-demo-salary/transactions?fromBookingDateTime=yesterday",
            &[],
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Field.InvalidDate",
        ),
        (
            "/accounts/acc-demo-salary/transactions?page=0",
            &[],
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Field.Invalid",
        ),
        (
            "/accounts/acc-demo-salary/transactions?page=2&cursor=not-a-cursor!",
            &[],
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Field.Invalid",
        ),
        (
            // base64url of "x.1.tx-1": well encoded, but no side this bank knows.
            "/accounts/acc-demo-salary/transactions?page=2&cursor=eC4xLnR4LTE",
            &[],
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Field.Invalid",
        ),
        (
            "/accounts",
            &[("accept", "application/xml")],
            StatusCode::NOT_ACCEPTABLE,
            "UK.OBIE.Header.Invalid",
        ),
        (
            "/accounts",
            &[("x-fapi-auth-date", "yesterday")],
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Header.Invalid",
        ),
        (
            "/account-access-consents/no-such-consent",
            &[],
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Resource.NotFound",
        ),
    ];
    for (path, headers, status, code) in cases {
        let mut request = http.get(bank.url(path)).bearer_auth(token.expose());
        for (name, value) in *headers {
            request = request.header(*name, *value);
        }
        let answer = request.send().await.unwrap();
        assert_eq!(answer.status(), *status, "{path}");
        let body: Value = answer.json().await.unwrap();
        assert_eq!(body["Errors"][0]["ErrorCode"], *code, "{path}");
    }
    let wrong_method = http
        .put(bank.url("/accounts"))
        .bearer_auth(token.expose())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: wire::ErrorResponse = wrong_method.json().await.unwrap();
    assert_eq!(body.errors[0].error_code, "UK.OBIE.Unsupported.Method");

    let app = bank.client.client_credentials_token().await.unwrap();
    let not_json = http
        .post(bank.url("/account-access-consents"))
        .bearer_auth(app.access_token.expose())
        .header("content-type", "application/json")
        .body("{\"Data\":")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    let empty = bank
        .client
        .create_account_access_consent(&app.access_token, &[], None)
        .await
        .unwrap_err();
    assert!(
        matches!(empty, BankError::Rejected { status: 400, .. }),
        "{empty:?}"
    );
}

#[tokio::test]
async fn the_interaction_id_is_echoed() {
    let bank = bank().await;
    let answer = reqwest::Client::new()
        .get(bank.url("/accounts"))
        .header(
            "x-fapi-interaction-id",
            "93bac548-d2de-4546-b106-880a5018460d",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.headers()["x-fapi-interaction-id"],
        "93bac548-d2de-4546-b106-880a5018460d"
    );
}

#[tokio::test]
async fn the_token_command_path_gives_a_token_for_every_aisp_permission() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = wallet_core::clock::ManualClock::at(common::start_time());
    let sandbox = common::open_at(&dir, &clock).await;
    let token = AccessToken::from(sandbox.token_for("demo").await.unwrap());
    assert!(sandbox.token_for("nobody").await.is_err());
    let running = common::serve(sandbox).await;
    let client = common::client_for(running.base_url());
    assert_eq!(client.accounts(&token).await.unwrap().len(), 5);
    client.balances(&token, "acc-demo-usd").await.unwrap();
    running.shutdown().await;
}
