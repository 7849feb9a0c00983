//! `x-idempotency-key`: a POST is carried out once per (client, key). For 24 hours the same key with the
//! same body gets the first answer again and changes nothing; the same key with another body is refused.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use sqlx::{Row, Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::ob_error::ObError;

const HEADER: &str = "x-idempotency-key";
const LIFETIME_MS: i64 = 24 * 3600 * 1000;

/// The key, checked against the spec: present, at most 40 characters, no leading or trailing space.
pub fn key(headers: &HeaderMap) -> Result<String, ObError> {
    let value = headers
        .get(HEADER)
        .ok_or_else(|| ObError::invalid_header("x-idempotency-key is required."))?
        .to_str()
        .map_err(|_| ObError::invalid_header("x-idempotency-key must be plain text."))?;
    let trimmed_ok = !value.is_empty() && value.trim() == value;
    if !trimmed_ok || value.chars().count() > 40 {
        return Err(ObError::invalid_header(
            "x-idempotency-key must be 1 to 40 characters without leading or trailing spaces.",
        ));
    }
    Ok(value.to_string())
}

/// The body's fingerprint: its JSON with keys in a fixed order, so spacing and key order do not matter.
pub fn fingerprint(body: &serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(body.to_string().as_bytes()))
}

/// The answer already given to this key, replayed; an error for the same key with another body.
pub async fn replay(
    conn: &mut SqliteConnection,
    client_id: &str,
    key: &str,
    body_hash: &str,
    now: i64,
) -> Result<Option<Response>, ObError> {
    sqlx::query("DELETE FROM idempotency WHERE created_at <= ?")
        .bind(now - LIFETIME_MS)
        .execute(&mut *conn)
        .await?;
    let row =
        sqlx::query("SELECT body_hash, response_status, response_body FROM idempotency WHERE client_id = ? AND key = ?")
            .bind(client_id)
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    if row.try_get::<String, _>("body_hash")? != body_hash {
        return Err(ObError::invalid_header(
            "This x-idempotency-key was already used with a different request body.",
        ));
    }
    let status = StatusCode::from_u16(row.try_get::<i64, _>("response_status")? as u16)
        .map_err(ObError::internal)?;
    let body: String = row.try_get("response_body")?;
    Ok(Some(json_response(status, body)))
}

pub async fn remember(
    conn: &mut SqliteConnection,
    client_id: &str,
    key: &str,
    body_hash: &str,
    status: StatusCode,
    body: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO idempotency (client_id, key, body_hash, response_status, response_body, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(client_id)
    .bind(key)
    .bind(body_hash)
    .bind(i64::from(status.as_u16()))
    .bind(body)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// What a POST under a fresh key carries until its answer is remembered: whose key, the key, and the
/// request body's fingerprint.
pub struct Ticket {
    client_id: String,
    key: String,
    fingerprint: String,
}

/// How a POST under an idempotency key starts: fresh, with its JSON body and an open write transaction,
/// or already answered under that key.
pub enum Start {
    Fresh(Transaction<'static, Sqlite>, serde_json::Value, Ticket),
    Replayed(Response),
}

/// Checks the key and the body, opens the write transaction and looks the key up in it, so two requests
/// with one key cannot both be carried out.
pub async fn start(
    pool: &SqlitePool,
    headers: &HeaderMap,
    client_id: &str,
    body: Result<Json<serde_json::Value>, JsonRejection>,
    now: i64,
) -> Result<Start, ObError> {
    let key = key(headers)?;
    let Json(body) =
        body.map_err(|e| ObError::invalid_field(format!("The body is not JSON: {e}")))?;
    let fingerprint = fingerprint(&body);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(replayed) = replay(&mut tx, client_id, &key, &fingerprint, now).await? {
        return Ok(Start::Replayed(replayed));
    }
    let ticket = Ticket {
        client_id: client_id.to_string(),
        key,
        fingerprint,
    };
    Ok(Start::Fresh(tx, body, ticket))
}

impl Ticket {
    /// Remembers the answer under the key and commits it with everything the request wrote.
    pub async fn answer(
        self,
        mut tx: Transaction<'static, Sqlite>,
        status: StatusCode,
        body: String,
        now: i64,
    ) -> Result<Response, ObError> {
        remember(
            &mut tx,
            &self.client_id,
            &self.key,
            &self.fingerprint,
            status,
            &body,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(json_response(status, body))
    }
}
