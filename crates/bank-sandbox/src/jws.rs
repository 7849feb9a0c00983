//! `x-jws-signature` on every PISP response: a detached JWS (RFC 7515 Appendix F, unencoded payload per
//! RFC 7797, as the Open Banking signing profile asks) over the exact body bytes. The sandbox signs with its
//! own Ed25519 key (`EdDSA`; the profile's PS256 needs RSA keys a demo bank does not merit), made on first
//! start and kept in its database; the public half is published as a JWK set at `JWKS_PATH`.

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use sqlx::SqlitePool;

use crate::state::BankState;

/// A vendor extension: where the sandbox publishes its signing key.
pub const JWKS_PATH: &str = "/purse-sandbox/v1/jwks";
/// The largest body the sandbox signs (its PISP answers are a few kilobytes).
const BODY_LIMIT: usize = 1 << 20;
const ISSUER: &str = "purse-sandbox-bank";

/// The sandbox's signing key and its id.
#[derive(Clone)]
pub struct BankSigner {
    key: SigningKey,
    kid: String,
}

impl std::fmt::Debug for BankSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankSigner")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl BankSigner {
    /// The key kept in the bank's `meta` table, made on first use.
    pub async fn load_or_create(pool: &SqlitePool) -> anyhow::Result<BankSigner> {
        let stored: Option<String> =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'jws_signing_key'")
                .fetch_optional(pool)
                .await?;
        let secret: [u8; 32] = match stored {
            Some(text) => STANDARD
                .decode(text)?
                .try_into()
                .map_err(|_| anyhow::anyhow!("the stored signing key is not 32 bytes"))?,
            None => {
                let mut fresh = [0u8; 32];
                rand::thread_rng().fill_bytes(&mut fresh);
                sqlx::query(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('jws_signing_key', ?)",
                )
                .bind(STANDARD.encode(fresh))
                .execute(pool)
                .await?;
                // Another process may have won the race: use whatever is stored now.
                let kept: String =
                    sqlx::query_scalar("SELECT value FROM meta WHERE key = 'jws_signing_key'")
                        .fetch_one(pool)
                        .await?;
                STANDARD
                    .decode(kept)?
                    .try_into()
                    .map_err(|_| anyhow::anyhow!("the stored signing key is not 32 bytes"))?
            }
        };
        let key = SigningKey::from_bytes(&secret);
        let kid = URL_SAFE_NO_PAD.encode(&key.verifying_key().to_bytes()[..8]);
        Ok(BankSigner { key, kid })
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// `<protected>..<signature>` over `body`, with the Open Banking claims in the protected header.
    pub fn detached(&self, body: &[u8], issued_at: i64) -> String {
        let header = serde_json::json!({
            "alg": "EdDSA",
            "kid": self.kid,
            "b64": false,
            "http://openbanking.org.uk/iat": issued_at,
            "http://openbanking.org.uk/iss": ISSUER,
            "http://openbanking.org.uk/tan": "openbanking.org.uk",
            "crit": ["b64", "http://openbanking.org.uk/iat", "http://openbanking.org.uk/iss", "http://openbanking.org.uk/tan"],
        });
        let protected = URL_SAFE_NO_PAD.encode(header.to_string());
        let mut input = Vec::with_capacity(protected.len() + 1 + body.len());
        input.extend_from_slice(protected.as_bytes());
        input.push(b'.');
        input.extend_from_slice(body);
        let signature = self.key.sign(&input);
        format!(
            "{protected}..{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }

    fn jwk(&self) -> serde_json::Value {
        serde_json::json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "alg": "EdDSA",
            "use": "sig",
            "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(self.verifying_key().to_bytes()),
        })
    }
}

/// Checks a detached JWS made by `detached` against the body it travelled with.
pub fn verify(signature: &str, body: &[u8], key: &VerifyingKey) -> bool {
    let Some((protected, rest)) = signature.split_once("..") else {
        return false;
    };
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(rest) else {
        return false;
    };
    let Ok(signature) = ed25519_dalek::Signature::from_slice(&bytes) else {
        return false;
    };
    let mut input = protected.as_bytes().to_vec();
    input.push(b'.');
    input.extend_from_slice(body);
    key.verify_strict(&input, &signature).is_ok()
}

/// The layer around the Open Banking routes: signs whatever body leaves a PISP path.
pub async fn sign_response(
    State(bank): State<BankState>,
    request: Request,
    next: Next,
) -> Response {
    let is_pisp = request
        .uri()
        .path()
        .starts_with(crate::pisp_consents::PREFIX);
    let response = next.run(request).await;
    if !is_pisp {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(error) => return crate::ob_error::ObError::internal(error).into_response(),
    };
    let signature = bank.signer.detached(&bytes, bank.clock.now().timestamp());
    if let Ok(value) = HeaderValue::from_str(&signature) {
        parts.headers.insert("x-jws-signature", value);
    }
    Response::from_parts(parts, Body::from(bytes))
}

pub async fn jwks(State(bank): State<BankState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "keys": [bank.signer.jwk()] }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> BankSigner {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        BankSigner {
            kid: "test".into(),
            key,
        }
    }

    #[test]
    fn a_signature_verifies_against_its_own_body_only() {
        let signer = signer();
        let signature = signer.detached(br#"{"Data":{}}"#, 1_700_000_000);
        assert!(verify(
            &signature,
            br#"{"Data":{}}"#,
            &signer.verifying_key()
        ));
        assert!(!verify(
            &signature,
            br#"{"Data":{"x":1}}"#,
            &signer.verifying_key()
        ));
        assert_eq!(
            signature.split('.').nth(1),
            Some(""),
            "the payload is detached"
        );
    }
}
