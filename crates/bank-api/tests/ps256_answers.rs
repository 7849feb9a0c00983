//! A bank that signs by the profile's own algorithm, PS256 (RSASSA-PSS with SHA-256), with an RSA key in
//! its JWK set: its signed answers are read; a changed body, or an `alg` other than the key's, is refused.
//! The key is a fixed 2048-bit test key (`fixtures/ps256-test-key.pem`), used nowhere else.

mod common;

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bank_api::jws::{self, Jwk, JwkSet};
use bank_api::{AccessToken, BankError};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{RandomizedSigner, SignatureEncoding};
use serde_json::{Map, Value, json};

const KID: &str = "bank-rsa-1";
const FUNDS_PATH: &str = "/open-banking/v3.1/pisp/domestic-payment-consents/c1/funds-confirmation";

fn private_key() -> rsa::RsaPrivateKey {
    rsa::RsaPrivateKey::from_pkcs8_pem(include_str!("fixtures/ps256-test-key.pem")).unwrap()
}

/// What the bank does to its header or body.
#[derive(Clone, Copy)]
enum Answer {
    Honest,
    BodyChangedAfterSigning,
    Alg(&'static str),
}

fn header(alg: &str) -> Map<String, Value> {
    let value = json!({
        "alg": alg, "kid": KID,
        jws::IAT: 1_700_000_000, jws::ISS: "rsa-bank", jws::TAN: jws::TRUST_ANCHOR,
        "crit": [jws::IAT, jws::ISS, jws::TAN],
    });
    value.as_object().unwrap().clone()
}

async fn funds(State(answer): State<Answer>) -> Response {
    let body = br#"{"Data":{"FundsAvailableResult":{"FundsAvailableDateTime":"2026-11-20T10:00:00Z","FundsAvailable":true}}}"#;
    let alg = match answer {
        Answer::Alg(alg) => alg,
        _ => jws::PS256,
    };
    let signer = rsa::pss::SigningKey::<sha2::Sha256>::new(private_key());
    let signature = jws::compose(&header(alg), body, |input| {
        signer
            .sign_with_rng(&mut rand::thread_rng(), input)
            .to_vec()
    });
    let sent = match answer {
        Answer::BodyChangedAfterSigning => String::from_utf8_lossy(body)
            .replace("true", "false")
            .into_bytes(),
        _ => body.to_vec(),
    };
    (
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::HeaderName::from_static("x-jws-signature"),
                signature,
            ),
        ],
        sent,
    )
        .into_response()
}

async fn funds_available(answer: Answer) -> Result<bool, BankError> {
    let keys = JwkSet {
        keys: vec![Jwk::rsa(KID, &private_key().to_public_key())],
    };
    let app = Router::new()
        .route(
            bank_api::wire::JWKS_PATH,
            get(move || async move { axum::Json(keys) }),
        )
        .route(FUNDS_PATH, get(funds))
        .with_state(answer);
    common::client_with(common::serve(app).await, Duration::from_secs(20), 0)
        .funds_available(&AccessToken::from("t".to_string()), "c1")
        .await
}

fn refused_with(result: &Result<bool, BankError>, code: &str) -> bool {
    matches!(result, Err(BankError::Protocol(message)) if message.contains(code))
}

#[tokio::test]
async fn a_ps256_signed_answer_is_read() {
    assert!(funds_available(Answer::Honest).await.unwrap());
}

#[tokio::test]
async fn a_ps256_answer_changed_after_signing_is_refused() {
    let result = funds_available(Answer::BodyChangedAfterSigning).await;
    assert!(
        refused_with(&result, "UK.OBIE.Signature.Invalid"),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_alg_other_than_the_rsa_keys_is_refused() {
    for alg in ["EdDSA", "RS256", "none"] {
        let result = funds_available(Answer::Alg(alg)).await;
        assert!(
            refused_with(&result, "UK.OBIE.Signature.InvalidClaim"),
            "{alg}: {result:?}"
        );
    }
}
