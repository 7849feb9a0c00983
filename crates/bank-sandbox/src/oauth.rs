//! OAuth 2.0 for a native app (RFC 6749 + PKCE, RFC 7636): the token endpoint. The authorize page, where
//! the customer signs in and approves (or denies) the wallet's consent, is `authorize`.

use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bank_api::wire::{OAuthError, TokenResponse};
use serde::Deserialize;
use sqlx::Row;

use crate::auth::{self, ACCESS_TTL_SECS, REFRESH_TTL_SECS};
use crate::state::BankState;

/// The only client the sandbox knows: Purse, a public native client (no secret; PKCE instead).
pub const DEMO_CLIENT_ID: &str = "purse-desktop";

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = OAuthError {
        error: error.into(),
        error_description: Some(description.into()),
    };
    (status, axum::Json(body)).into_response()
}

#[derive(Deserialize)]
pub struct TokenForm {
    grant_type: Option<String>,
    client_id: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
}

pub async fn token(
    State(bank): State<BankState>,
    form: Result<Form<TokenForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Send an application/x-www-form-urlencoded body.",
        );
    };
    match token_inner(&bank, form).await {
        Ok(response) => response,
        Err(error) => oauth_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            &error.to_string(),
        ),
    }
}

async fn token_inner(bank: &BankState, form: TokenForm) -> anyhow::Result<Response> {
    let now = bank.now_millis();
    if form.client_id.as_deref() != Some(DEMO_CLIENT_ID) {
        return Ok(oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client_id.",
        ));
    }
    let granted = |access: String, refresh: Option<String>| {
        let body = TokenResponse {
            access_token: access,
            token_type: "Bearer".into(),
            expires_in: ACCESS_TTL_SECS as u64,
            refresh_token: refresh,
            scope: Some("accounts".into()),
        };
        ([(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
    };
    match form.grant_type.as_deref() {
        Some("client_credentials") => {
            let token = auth::issue(
                &bank.pool,
                "client",
                DEMO_CLIENT_ID,
                None,
                now + ACCESS_TTL_SECS * 1000,
            )
            .await?;
            Ok(granted(token, None))
        }
        Some("authorization_code") => {
            let (Some(code), Some(verifier), Some(redirect)) =
                (form.code, form.code_verifier, form.redirect_uri)
            else {
                return Ok(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "code, code_verifier and redirect_uri are required.",
                ));
            };
            let row = sqlx::query("SELECT * FROM auth_codes WHERE code_hash = ?")
                .bind(auth::hash(&code))
                .fetch_optional(&bank.pool)
                .await?;
            let Some(row) = row else {
                return Ok(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Unknown authorization code.",
                ));
            };
            let consent_id: String = row.try_get("consent_id")?;
            // A code is spent by the first attempt, right or wrong (RFC 6749 §10.5); of two racing
            // attempts only one finds it unspent.
            let first_use =
                sqlx::query("UPDATE auth_codes SET used = 1 WHERE code_hash = ? AND used = 0")
                    .bind(auth::hash(&code))
                    .execute(&bank.pool)
                    .await?
                    .rows_affected()
                    == 1;
            let valid = first_use
                && row.try_get::<i64, _>("expires_at")? > now
                && row.try_get::<String, _>("redirect_uri")? == redirect
                && row.try_get::<String, _>("code_challenge")?
                    == bank_api::challenge_for(&verifier);
            if !valid {
                return Ok(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The code is used, expired, or does not match the verifier.",
                ));
            }
            let access = auth::issue(
                &bank.pool,
                "access",
                DEMO_CLIENT_ID,
                Some(&consent_id),
                now + ACCESS_TTL_SECS * 1000,
            )
            .await?;
            let refresh = auth::issue(
                &bank.pool,
                "refresh",
                DEMO_CLIENT_ID,
                Some(&consent_id),
                now + REFRESH_TTL_SECS * 1000,
            )
            .await?;
            Ok(granted(access, Some(refresh)))
        }
        Some("refresh_token") => {
            let Some(refresh) = form.refresh_token else {
                return Ok(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "refresh_token is required.",
                ));
            };
            let row = sqlx::query(
                "SELECT t.consent_id, t.expires_at, c.status, c.expires_at AS consent_expires FROM tokens t JOIN consents c ON c.consent_id = t.consent_id
                 WHERE t.token_hash = ? AND t.kind = 'refresh'",
            )
            .bind(auth::hash(&refresh))
            .fetch_optional(&bank.pool)
            .await?;
            let Some(row) = row.filter(|r| {
                r.try_get::<i64, _>("expires_at").is_ok_and(|e| e > now)
                    && r.try_get::<String, _>("status")
                        .is_ok_and(|s| s == "Authorised")
                    && r.try_get::<Option<i64>, _>("consent_expires")
                        .is_ok_and(|e| e.is_none_or(|e| e > now))
            }) else {
                return Ok(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token is not valid.",
                ));
            };
            let consent_id: String = row.try_get("consent_id")?;
            // Refresh tokens rotate: this one is spent, and only by one of two racing attempts.
            let spent = sqlx::query("DELETE FROM tokens WHERE token_hash = ?")
                .bind(auth::hash(&refresh))
                .execute(&bank.pool)
                .await?
                .rows_affected();
            if spent != 1 {
                return Ok(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token is not valid.",
                ));
            }
            let access = auth::issue(
                &bank.pool,
                "access",
                DEMO_CLIENT_ID,
                Some(&consent_id),
                now + ACCESS_TTL_SECS * 1000,
            )
            .await?;
            let refresh = auth::issue(
                &bank.pool,
                "refresh",
                DEMO_CLIENT_ID,
                Some(&consent_id),
                now + REFRESH_TTL_SECS * 1000,
            )
            .await?;
            Ok(granted(access, Some(refresh)))
        }
        _ => Ok(oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Use client_credentials, authorization_code or refresh_token.",
        )),
    }
}
