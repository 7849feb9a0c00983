//! A client with a registered signing key must sign its PISP requests by the Open Banking profile: the
//! sandbox refuses a wrong or missing `alg`, a `crit` that omits a claim or names an unknown one, and the
//! rest, each with the spec's `UK.OBIE.Signature.*` code, before the request does anything.

mod common;

use bank_api::jws::{self, Signer};
use bank_api::wire::{
    Amount, DomesticConsentRequest, DomesticConsentRequestData, DomesticInitiation, ErrorResponse,
    PaymentRisk,
};
use common::{Bank, bank, demo, payee};
use rstest::rstest;
use serde_json::{Map, Value, json};
use wallet_core::clock::Clock;

type Header = Map<String, Value>;
/// A change made to a valid header, given the bank's time.
type Change = Box<dyn Fn(&mut Header, i64)>;

fn client_signer() -> Signer {
    Signer::new([9u8; 32], bank_sandbox::DEMO_CLIENT_ID)
}

fn consent_body() -> Vec<u8> {
    serde_json::to_vec(&DomesticConsentRequest {
        data: DomesticConsentRequestData {
            initiation: DomesticInitiation {
                instruction_identification: "sig-1".into(),
                end_to_end_identification: "sig-e2e-1".into(),
                local_instrument: None,
                instructed_amount: Amount {
                    amount: rust_decimal::Decimal::new(1500, 2),
                    currency: "CNY".into(),
                },
                debtor_account: Some(demo("acc-demo-salary")),
                creditor_account: payee("acc-zhangwei"),
                remittance_information: None,
                supplementary_data: None,
            },
        },
        risk: PaymentRisk::default(),
    })
    .unwrap()
}

/// A bank where the demo app has registered `client_signer`'s key.
async fn signing_bank() -> Bank {
    let bank = bank().await;
    bank.running
        .register_client_key(bank_sandbox::DEMO_CLIENT_ID, &client_signer().jwk())
        .await
        .unwrap();
    bank
}

/// Posts a payment consent with `signature` (if any) over `body`; the status and the first error code.
async fn post_consent(bank: &Bank, body: Vec<u8>, signature: Option<String>) -> (u16, String) {
    let app = bank.client.client_credentials_token().await.unwrap();
    let mut request = reqwest::Client::new()
        .post(
            bank.running
                .base_url()
                .join("open-banking/v3.1/pisp/domestic-payment-consents")
                .unwrap(),
        )
        .bearer_auth(app.access_token.expose())
        .header("content-type", "application/json")
        .header("x-idempotency-key", uuid::Uuid::new_v4().to_string())
        .body(body);
    if let Some(signature) = signature {
        request = request.header("x-jws-signature", signature);
    }
    let answer = request.send().await.unwrap();
    let status = answer.status().as_u16();
    let code = if status == 201 {
        String::new()
    } else {
        let error: ErrorResponse = answer.json().await.unwrap();
        error.errors[0].error_code.clone()
    };
    (status, code)
}

fn now(bank: &Bank) -> i64 {
    bank.clock.now().timestamp()
}

#[tokio::test]
async fn a_request_signed_by_the_profile_is_carried_out() {
    let bank = signing_bank().await;
    let body = consent_body();
    let signature = client_signer().sign(&body, now(&bank));
    assert_eq!(
        post_consent(&bank, body, Some(signature)).await,
        (201, String::new())
    );
}

#[tokio::test]
async fn a_client_without_a_registered_key_need_not_sign() {
    let bank = bank().await;
    assert_eq!(
        post_consent(&bank, consent_body(), None).await,
        (201, String::new())
    );
}

#[rstest]
#[case::no_signature(None, "UK.OBIE.Signature.Missing")]
#[case::not_a_jws(Some("abc"), "UK.OBIE.Signature.Malformed")]
#[case::an_attached_payload(Some("eyJhbGciOiJFZERTQSJ9.e30.c2ln"), "UK.OBIE.Signature.Malformed")]
#[case::a_header_that_is_not_json(Some("bm90IGpzb24..c2ln"), "UK.OBIE.Signature.Malformed")]
#[tokio::test]
async fn a_missing_or_malformed_signature_is_refused(
    #[case] signature: Option<&str>,
    #[case] code: &str,
) {
    let bank = signing_bank().await;
    assert_eq!(
        post_consent(&bank, consent_body(), signature.map(str::to_string)).await,
        (400, code.to_string())
    );
}

fn without(name: &'static str) -> impl Fn(&mut Header, i64) {
    move |header, _| {
        header.remove(name);
    }
}

fn with(name: &'static str, value: Value) -> impl Fn(&mut Header, i64) {
    move |header, _| {
        header.insert(name.into(), value.clone());
    }
}

#[rstest]
#[case::no_alg(Box::new(without("alg")), "UK.OBIE.Signature.MissingClaim")]
#[case::alg_none(Box::new(with("alg", json!("none"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::alg_hs256(Box::new(with("alg", json!("HS256"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::alg_ps256_for_an_ed25519_key(Box::new(with("alg", json!("PS256"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::no_kid(Box::new(without("kid")), "UK.OBIE.Signature.MissingClaim")]
#[case::an_unknown_kid(Box::new(with("kid", json!("someone-else"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::no_crit(Box::new(without("crit")), "UK.OBIE.Signature.MissingClaim")]
#[case::crit_omits_tan(
    Box::new(with("crit", json!([jws::IAT, jws::ISS]))),
    "UK.OBIE.Signature.InvalidClaim"
)]
#[case::crit_names_an_unknown_claim(
    Box::new(with("crit", json!([jws::IAT, jws::ISS, jws::TAN, "http://example.com/x"]))),
    "UK.OBIE.Signature.InvalidClaim"
)]
#[case::crit_not_a_list(Box::new(with("crit", json!(jws::IAT))), "UK.OBIE.Signature.InvalidClaim")]
#[case::b64_from_before_v3_1_4(Box::new(with("b64", json!(false))), "UK.OBIE.Signature.InvalidClaim")]
#[case::no_iat(Box::new(without(jws::IAT)), "UK.OBIE.Signature.MissingClaim")]
#[case::iat_as_text(Box::new(with(jws::IAT, json!("1700000000"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::iat_an_hour_ahead(
    Box::new(|header: &mut Header, now: i64| { header.insert(jws::IAT.into(), json!(now + 3600)); }),
    "UK.OBIE.Signature.InvalidClaim"
)]
#[case::no_iss(Box::new(without(jws::ISS)), "UK.OBIE.Signature.MissingClaim")]
#[case::iss_another_client(Box::new(with(jws::ISS, json!("another-app"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::no_tan(Box::new(without(jws::TAN)), "UK.OBIE.Signature.MissingClaim")]
#[case::tan_another_anchor(Box::new(with(jws::TAN, json!("example.com"))), "UK.OBIE.Signature.InvalidClaim")]
#[case::typ_not_jose(Box::new(with("typ", json!("JWT"))), "UK.OBIE.Signature.InvalidClaim")]
#[tokio::test]
async fn a_header_against_the_profile_is_refused_with_the_specs_code(
    #[case] change: Change,
    #[case] code: &str,
) {
    let bank = signing_bank().await;
    let signer = client_signer();
    let body = consent_body();
    let mut header = signer.header(now(&bank));
    change(&mut header, now(&bank));
    let signature = signer.sign_with(&header, &body);
    assert_eq!(
        post_consent(&bank, body, Some(signature)).await,
        (400, code.to_string())
    );
}

#[tokio::test]
async fn a_body_changed_after_signing_is_refused() {
    let bank = signing_bank().await;
    let signature = client_signer().sign(&consent_body(), now(&bank));
    let changed = String::from_utf8(consent_body())
        .unwrap()
        .replace("15.00", "1500.00");
    assert_eq!(
        post_consent(&bank, changed.into_bytes(), Some(signature)).await,
        (400, "UK.OBIE.Signature.Invalid".to_string())
    );
}

#[tokio::test]
async fn a_signature_by_another_key_under_the_registered_kid_is_refused() {
    let bank = signing_bank().await;
    let body = consent_body();
    let impostor = Signer::new([3u8; 32], bank_sandbox::DEMO_CLIENT_ID);
    let mut header = impostor.header(now(&bank));
    header.insert("kid".into(), json!(client_signer().jwk().kid));
    let signature = impostor.sign_with(&header, &body);
    assert_eq!(
        post_consent(&bank, body, Some(signature)).await,
        (400, "UK.OBIE.Signature.Invalid".to_string())
    );
}
