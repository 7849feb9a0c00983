//! Bearer tokens: issued as random strings, stored only as SHA-256 hashes, checked on every call.

use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{Row, SqlitePool};

use crate::ob_error::ObError;

pub const ACCESS_TTL_SECS: i64 = 3600;
pub const REFRESH_TTL_SECS: i64 = 90 * 24 * 3600;

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

pub async fn issue(
    pool: &SqlitePool,
    kind: &str,
    client_id: &str,
    consent_id: Option<&str>,
    expires_at: i64,
) -> sqlx::Result<String> {
    let token = random_token();
    sqlx::query("INSERT INTO tokens (token_hash, kind, client_id, consent_id, expires_at) VALUES (?, ?, ?, ?, ?)")
        .bind(hash(&token))
        .bind(kind)
        .bind(client_id)
        .bind(consent_id)
        .bind(expires_at)
        .execute(pool)
        .await?;
    Ok(token)
}

/// Who a valid token belongs to.
#[derive(Debug, Clone)]
pub struct Caller {
    pub kind: String,
    pub client_id: String,
    pub consent_id: Option<String>,
}

pub async fn caller(pool: &SqlitePool, headers: &HeaderMap, now: i64) -> Result<Caller, ObError> {
    let header = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ObError::unauthorized("A bearer token is required."))?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ObError::unauthorized("The Authorization header must be 'Bearer <token>'.")
        })?;
    let row = sqlx::query(
        "SELECT kind, client_id, consent_id, expires_at FROM tokens WHERE token_hash = ?",
    )
    .bind(hash(token))
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| ObError::unauthorized("The token is not valid."))?;
    if row.try_get::<i64, _>("expires_at")? <= now {
        return Err(ObError::unauthorized("The token has expired."));
    }
    let kind: String = row.try_get("kind")?;
    if kind == "refresh" {
        return Err(ObError::unauthorized(
            "A refresh token cannot be used to call the API.",
        ));
    }
    Ok(Caller {
        kind,
        client_id: row.try_get("client_id")?,
        consent_id: row.try_get("consent_id")?,
    })
}
