//! `x-jws-signature` on every PISP response: a detached JWS over the exact body bytes, made by
//! `bank_api::jws` (the Open Banking profile from v3.1.4 on). The sandbox signs with its own Ed25519 key
//! (`EdDSA`; the profile's PS256 needs RSA keys a demo bank does not merit), made on first start and kept in
//! its database; the public half is published as a JWK set at `JWKS_PATH`.

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bank_api::jws::{JwkSet, Signer};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use sqlx::SqlitePool;

use crate::state::BankState;

pub use bank_api::wire::JWKS_PATH;
/// The largest body the sandbox signs (its PISP answers are a few kilobytes).
pub const BODY_LIMIT: usize = 1 << 20;
/// The `iss` of the sandbox's signatures.
pub const ISSUER: &str = "purse-sandbox-bank";

/// The sandbox's signing key.
#[derive(Clone, Debug)]
pub struct BankSigner(Signer);

impl BankSigner {
    /// The key kept in the bank's `meta` table, made on first use.
    pub async fn load_or_create(pool: &SqlitePool) -> anyhow::Result<BankSigner> {
        let mut fresh = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut fresh);
        // Another process may win the race: whatever is stored afterwards is the key.
        sqlx::query("INSERT OR IGNORE INTO meta (key, value) VALUES ('jws_signing_key', ?)")
            .bind(STANDARD.encode(fresh))
            .execute(pool)
            .await?;
        let kept: String =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'jws_signing_key'")
                .fetch_one(pool)
                .await?;
        let secret: [u8; 32] = STANDARD
            .decode(kept)?
            .try_into()
            .map_err(|_| anyhow::anyhow!("the stored signing key is not 32 bytes"))?;
        Ok(BankSigner(Signer::new(secret, ISSUER)))
    }

    pub fn keys(&self) -> JwkSet {
        JwkSet {
            keys: vec![self.0.jwk()],
        }
    }
}

/// The layer around the Open Banking routes: signs whatever body leaves a PISP path.
pub async fn sign_response(
    State(bank): State<BankState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let is_pisp = path.starts_with(crate::payments::PREFIX);
    let makes_payment = request.method() == axum::http::Method::POST
        && (path.ends_with("/domestic-payments") || path.ends_with("/international-payments"));
    let response = next.run(request).await;
    if !is_pisp {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(error) => return crate::ob_error::ObError::internal(error).into_response(),
    };
    let signature = bank.signer.0.sign(&bytes, bank.clock.now().timestamp());
    if let Ok(value) = HeaderValue::from_str(&signature) {
        parts.headers.insert("x-jws-signature", value);
    }
    let bytes = if makes_payment && bank.faults.tampering_payment_answers() {
        tampered(&bytes)
    } else {
        bytes.to_vec()
    };
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// A payment answer as someone on the way might change it after the bank signed it: a payment the bank
/// made turned into a refused one.
fn tampered(body: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(body)
        .replacen("\"AcceptedSettlementCompleted\"", "\"Rejected\"", 1)
        .replacen("\"AcceptedSettlementInProcess\"", "\"Rejected\"", 1)
        .into_bytes()
}

pub async fn jwks(State(bank): State<BankState>) -> Json<JwkSet> {
    Json(bank.signer.keys())
}
