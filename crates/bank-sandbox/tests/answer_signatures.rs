//! The bank's answers changed on the way: a proxy between the real client and the sandbox alters, strips or
//! forges one PISP answer. The client refuses it (the signature does not hold) rather than act on it, and
//! asking again with the same idempotency key gets the bank's true answer: one payment, never two.

mod common;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bank_api::jws::Signer;
use bank_api::wire::{
    Amount, DomesticInitiation, DomesticPaymentRequest, DomesticPaymentRequestData, PaymentRisk,
    PaymentStatus,
};
use bank_api::{BankClient, BankError};
use common::{Bank, bank, client_for, demo, payee};
use url::Url;

/// What the proxy does to the next PISP answer.
#[derive(Clone, Copy, Debug)]
enum Tamper {
    /// Rewrites the payment's status in the body, keeping the bank's signature.
    ChangeStatus,
    /// Sends the body as it is, without its signature.
    StripSignature,
    /// Answers with a refusal of its own making, under the bank's signature of the real answer.
    ForgeRefusal,
    /// Rewrites the body and signs it with its own key, claiming the bank's key id.
    ResignAsTheBank,
}

#[derive(Clone)]
struct Proxy {
    bank: Url,
    next: Arc<Mutex<Option<Tamper>>>,
    http: reqwest::Client,
}

async fn forward(State(proxy): State<Proxy>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    let url = proxy
        .bank
        .join(parts.uri.path_and_query().unwrap().as_str())
        .unwrap();
    let mut outgoing = proxy.http.request(parts.method, url).body(body);
    for (name, value) in &parts.headers {
        if name != "host" && name != "content-length" {
            outgoing = outgoing.header(name, value);
        }
    }
    let answer = outgoing.send().await.unwrap();
    let status = answer.status();
    let mut headers = answer.headers().clone();
    headers.remove("content-length");
    let mut body = answer.bytes().await.unwrap().to_vec();
    let mut status = status;
    let is_pisp = parts.uri.path().starts_with(bank_api::PISP_PREFIX);
    let tamper = if is_pisp {
        proxy.next.lock().unwrap().take()
    } else {
        None
    };
    match tamper {
        None => {}
        Some(Tamper::ChangeStatus) => body = rewritten(&body),
        Some(Tamper::StripSignature) => {
            headers.remove("x-jws-signature");
        }
        Some(Tamper::ForgeRefusal) => {
            status = StatusCode::BAD_REQUEST;
            body = serde_json::to_vec(&serde_json::json!({
                "Code": "400", "Message": "Bad Request",
                "Errors": [{"ErrorCode": "UK.OBIE.Rules.InsufficientFunds", "Message": "Not enough money."}]
            }))
            .unwrap();
        }
        Some(Tamper::ResignAsTheBank) => {
            body = rewritten(&body);
            let impostor = Signer::new([5u8; 32], bank_sandbox::SIGNATURE_ISSUER);
            let bank_kid = bank_kid(&proxy).await;
            let mut header = impostor.header(1_700_000_000);
            header.insert("kid".into(), bank_kid.into());
            let signature = impostor.sign_with(&header, &body);
            headers.insert(
                "x-jws-signature",
                HeaderValue::from_str(&signature).unwrap(),
            );
        }
    }
    let mut response = (status, Body::from(Bytes::from(body))).into_response();
    *response.headers_mut() = headers;
    response
}

/// The payment turned from paid into refused (or a consent's amount changed), as an attacker might.
fn rewritten(body: &[u8]) -> Vec<u8> {
    String::from_utf8(body.to_vec())
        .unwrap()
        .replace("AcceptedSettlementCompleted", "Rejected")
        .replace("\"20.00\"", "\"2000.00\"")
        .into_bytes()
}

async fn bank_kid(proxy: &Proxy) -> String {
    let url = proxy.bank.join(bank_sandbox::JWKS_PATH).unwrap();
    let answer = proxy.http.get(url).send().await.unwrap();
    let keys: bank_api::jws::JwkSet = answer.json().await.unwrap();
    keys.keys[0].kid.clone()
}

/// A proxy in front of `bank` on 127.0.0.1:0, and a client that talks to the bank through it.
async fn through_proxy(bank: &Bank) -> (Arc<Mutex<Option<Tamper>>>, BankClient) {
    let next = Arc::new(Mutex::new(None));
    let proxy = Proxy {
        bank: bank.running.base_url(),
        next: next.clone(),
        http: reqwest::Client::new(),
    };
    let app = Router::new().fallback(forward).with_state(proxy);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = client_for(Url::parse(&format!("http://{addr}")).unwrap());
    (next, client)
}

fn initiation() -> DomesticInitiation {
    DomesticInitiation {
        instruction_identification: "tamper-1".into(),
        end_to_end_identification: "tamper-e2e-1".into(),
        local_instrument: None,
        instructed_amount: Amount {
            amount: rust_decimal::Decimal::new(2000, 2),
            currency: "CNY".into(),
        },
        debtor_account: Some(demo("acc-demo-salary")),
        creditor_account: payee("acc-zhangwei"),
        remittance_information: None,
        supplementary_data: None,
    }
}

fn refused_for_its_signature(error: &BankError, code: &str) -> bool {
    matches!(error, BankError::Protocol(message) if message.contains(code) && message.contains("not used"))
}

#[rstest::rstest]
#[case::a_changed_body(Tamper::ChangeStatus, "UK.OBIE.Signature.Invalid")]
#[case::a_stripped_signature(Tamper::StripSignature, "UK.OBIE.Signature.Missing")]
#[case::a_forged_refusal(Tamper::ForgeRefusal, "UK.OBIE.Signature.Invalid")]
#[case::a_body_re_signed_by_another_key(Tamper::ResignAsTheBank, "UK.OBIE.Signature.Invalid")]
#[tokio::test]
async fn a_payment_answer_tampered_on_the_way_is_refused_and_the_retry_learns_the_truth(
    #[case] tamper: Tamper,
    #[case] code: &str,
) {
    let bank = bank().await;
    let (next, client) = through_proxy(&bank).await;
    let consent = bank.domestic_consent(&initiation()).await.unwrap();
    let token = bank.approve(&consent, "tamper").await.access_token;
    let request = DomesticPaymentRequest {
        data: DomesticPaymentRequestData {
            consent_id: consent.clone(),
            initiation: initiation(),
        },
        risk: PaymentRisk::default(),
    };
    *next.lock().unwrap() = Some(tamper);
    let refused = client
        .create_domestic_payment(&token, &request, "tamper-key")
        .await
        .unwrap_err();
    assert!(refused_for_its_signature(&refused, code), "{refused:?}");
    // Nothing was taken from the tampered answer; the same key again gets the bank's own, once.
    let paid = client
        .create_domestic_payment(&token, &request, "tamper-key")
        .await
        .unwrap();
    assert_eq!(paid.data.status, PaymentStatus::AcceptedSettlementCompleted);
    assert_eq!(paid.data.consent_id, consent);
    assert_eq!(bank.transfers_to("acc-zhangwei").await, 1);
}

#[tokio::test]
async fn a_consent_answer_with_a_changed_amount_is_refused() {
    let bank = bank().await;
    let (next, client) = through_proxy(&bank).await;
    let app = client.client_credentials_token().await.unwrap();
    *next.lock().unwrap() = Some(Tamper::ChangeStatus);
    let refused = client
        .create_domestic_payment_consent(
            &app.access_token,
            &bank_api::wire::DomesticConsentRequest {
                data: bank_api::wire::DomesticConsentRequestData {
                    initiation: initiation(),
                },
                risk: PaymentRisk::default(),
            },
            "consent-key",
        )
        .await
        .unwrap_err();
    assert!(
        refused_for_its_signature(&refused, "UK.OBIE.Signature.Invalid"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn untouched_answers_pass_through_the_proxy() {
    let bank = bank().await;
    let (_, client) = through_proxy(&bank).await;
    let app = client.client_credentials_token().await.unwrap();
    let status = client
        .domestic_payment_details(&app.access_token, "pay-unknown")
        .await
        .unwrap_err();
    // A refusal the bank signed is believed: the bank's own words come through.
    assert!(
        matches!(&status, BankError::Rejected { status: 400, code, .. } if code == "UK.OBIE.Resource.NotFound"),
        "{status:?}"
    );
}
