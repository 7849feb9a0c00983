//! Signed requests: a client with a registered signing key must put a valid `x-jws-signature` on every
//! PISP POST, checked against the Open Banking profile (`bank_api::jws`) before the handler sees the body;
//! a refusal answers 400 with the spec's `UK.OBIE.Signature.*` code. Clients without a key (the demo app,
//! a public native client) are not asked to sign.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bank_api::jws::{self, Expected, Jwk, JwkSet, JwsError};
use sqlx::SqlitePool;

use crate::ob_error::ObError;
use crate::state::BankState;

/// The largest request body the sandbox reads to check its signature.
const BODY_LIMIT: usize = 1 << 20;

pub async fn check(State(bank): State<BankState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    // An unknown or missing token is the handler's to refuse, in its usual words.
    let Ok(caller) = crate::auth::caller(&bank.pool, request.headers(), bank.now_millis()).await
    else {
        return next.run(request).await;
    };
    let keys = match client_keys(&bank.pool, &caller.client_id).await {
        Ok(Some(keys)) => keys,
        Ok(None) => return next.run(request).await,
        Err(error) => return error.into_response(),
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return ObError::invalid_field("The request body is too large or was cut short.")
            .into_response();
    };
    let signature = match parts.headers.get("x-jws-signature").map(|v| v.to_str()) {
        None => None,
        Some(Ok(text)) => Some(text),
        Some(Err(_)) => return refusal(JwsError::Malformed("not plain text".into())),
    };
    let expected = Expected {
        issuer: Some(&caller.client_id),
        now: Some(bank.clock.now().timestamp()),
    };
    if let Err(error) = jws::verify(signature, &bytes, &keys, &expected) {
        return refusal(error);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// 400 with the spec's code for the failure.
fn refusal(error: JwsError) -> Response {
    ObError::new(
        axum::http::StatusCode::BAD_REQUEST,
        error.code(),
        format!("The request's {error}."),
    )
    .into_response()
}

async fn client_keys(pool: &SqlitePool, client_id: &str) -> Result<Option<JwkSet>, ObError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT jwk FROM client_signing_keys WHERE client_id = ?")
            .bind(client_id)
            .fetch_optional(pool)
            .await?;
    stored
        .map(|text| {
            let key: Jwk = serde_json::from_str(&text).map_err(ObError::internal)?;
            Ok(JwkSet { keys: vec![key] })
        })
        .transpose()
}

/// Registers (or replaces) `client_id`'s request-signing key.
pub async fn register(pool: &SqlitePool, client_id: &str, key: &Jwk) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO client_signing_keys (client_id, jwk) VALUES (?, ?)
         ON CONFLICT (client_id) DO UPDATE SET jwk = excluded.jwk",
    )
    .bind(client_id)
    .bind(serde_json::to_string(key)?)
    .execute(pool)
    .await?;
    Ok(())
}
