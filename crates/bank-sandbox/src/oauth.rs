//! OAuth 2.0 for a native app (RFC 6749 + PKCE, RFC 7636): the token endpoint and the authorize page where
//! the customer signs in and approves (or denies) the wallet's consent.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
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

#[derive(Deserialize, Clone)]
pub struct AuthorizeParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    consent_id: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    scope: Option<String>,
}

fn is_loopback(redirect: &str) -> bool {
    url::Url::parse(redirect).is_ok_and(|u| {
        u.scheme() == "http"
            && matches!(
                u.host_str(),
                Some("127.0.0.1") | Some("localhost") | Some("[::1]")
            )
    })
}

/// What the customer is asked to approve.
struct ConsentSummary {
    /// Account-access permissions, comma-separated (empty for a payment).
    permissions: String,
    /// For a payment consent: what will be paid, from where, to whom.
    payment: Option<bank_api::wire::DomesticInitiation>,
    /// The customer who already approved it (a payment consent authorised again after a lost answer).
    approved_by: Option<String>,
}

/// Checks the request before the customer sees anything.
async fn check_request(bank: &BankState, p: &AuthorizeParams) -> Result<ConsentSummary, String> {
    if p.response_type.as_deref() != Some("code") {
        return Err("response_type must be 'code'.".into());
    }
    if p.client_id.as_deref() != Some(DEMO_CLIENT_ID) {
        return Err("Unknown client_id.".into());
    }
    if !p.redirect_uri.as_deref().is_some_and(is_loopback) {
        return Err("redirect_uri must be a loopback http address (RFC 8252).".into());
    }
    if p.code_challenge_method.as_deref() != Some("S256")
        || p.code_challenge.as_deref().is_none_or(str::is_empty)
    {
        return Err("PKCE with code_challenge_method=S256 is required.".into());
    }
    let consent = p.consent_id.as_deref().ok_or("consent_id is required.")?;
    let row = sqlx::query(
        "SELECT status, permissions, kind, customer_id FROM consents WHERE consent_id = ?",
    )
    .bind(consent)
    .fetch_optional(&bank.pool)
    .await
    .map_err(|e| e.to_string())?
    .ok_or("Unknown consent.")?;
    let text = |column: &str| row.try_get::<String, _>(column).map_err(|e| e.to_string());
    let status = text("status")?;
    let kind = text("kind")?;
    let is_payment = kind != "accounts";
    // A payment consent that was approved but never paid may be approved again: the wallet that lost its
    // token resumes the same payment rather than starting a second one.
    let open = status == "AwaitingAuthorisation" || (is_payment && status == "Authorised");
    if !open {
        return Err("This consent is not awaiting authorisation.".into());
    }
    let payment = if is_payment {
        let mut conn = bank.pool.acquire().await.map_err(|e| e.to_string())?;
        let unreadable = |_| "The payment consent cannot be read.".to_string();
        let initiation = crate::payments::approval_summary(&mut conn, &kind, consent)
            .await
            .map_err(unreadable)?;
        Some(initiation.ok_or("Unknown consent.")?)
    } else {
        None
    };
    Ok(ConsentSummary {
        permissions: text("permissions")?,
        payment,
        approved_by: row.try_get("customer_id").map_err(|e| e.to_string())?,
    })
}

/// The last four characters of an account number, as banks show them.
fn masked(identification: &str) -> String {
    let digits: Vec<char> = identification
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("•••• {tail}")
}

fn describe(summary: &ConsentSummary) -> String {
    match &summary.payment {
        Some(payment) => {
            let amount = &payment.instructed_amount;
            let creditor = &payment.creditor_account;
            let from = payment
                .debtor_account
                .as_ref()
                .map(|d| masked(&d.identification))
                .unwrap_or_default();
            format!(
                "<p>Purse 钱包 asks to make a payment 请求付款:</p><ul><li>{} {}</li>\
                 <li>To 收款人: {} ({})</li><li>From 付款账户: {}</li></ul>",
                escape(&amount.amount.to_string()),
                escape(&amount.currency),
                escape(creditor.name.as_deref().unwrap_or("")),
                escape(&masked(&creditor.identification)),
                escape(&from)
            )
        }
        None => {
            let list: String = summary
                .permissions
                .split(',')
                .map(|p| format!("<li>{}</li>", escape(p)))
                .collect();
            format!("<p>Purse 钱包 asks to read your accounts 请求读取您的账户:</p><ul>{list}</ul>")
        }
    }
}

fn page(body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Purse Sandbox Bank 沙盒银行</title>\
         <style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto;color:#222}}h1{{color:#b71c1c}}\
         input{{display:block;margin:.3rem 0 1rem;padding:.4rem;width:100%}}button{{padding:.5rem 1.2rem;margin-right:.5rem}}</style>\
         </head><body><h1>Purse Sandbox Bank 沙盒银行</h1>{body}</body></html>"
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub async fn authorize_page(
    State(bank): State<BankState>,
    Query(p): Query<AuthorizeParams>,
) -> Response {
    let summary = match check_request(&bank, &p).await {
        Ok(summary) => summary,
        Err(reason) => {
            return (
                StatusCode::BAD_REQUEST,
                page(&format!("<p>{}</p>", escape(&reason))),
            )
                .into_response();
        }
    };
    let hidden = [
        ("response_type", &p.response_type),
        ("client_id", &p.client_id),
        ("redirect_uri", &p.redirect_uri),
        ("state", &p.state),
        ("consent_id", &p.consent_id),
        ("code_challenge", &p.code_challenge),
        ("code_challenge_method", &p.code_challenge_method),
        ("scope", &p.scope),
    ]
    .iter()
    .filter_map(|(name, value)| {
        value.as_ref().map(|v| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(v)
            )
        })
    })
    .collect::<String>();
    page(&format!(
        "{}<form method=\"post\" action=\"/oauth2/authorize\">{hidden}\
         <label>Customer 用户名<input name=\"customer\" value=\"demo\"></label>\
         <label>Password 密码 (demo: demo1234)<input name=\"password\" type=\"password\"></label>\
         <button name=\"decision\" value=\"approve\">Approve 同意</button>\
         <button name=\"decision\" value=\"deny\">Deny 拒绝</button></form>",
        describe(&summary)
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct Decision {
    #[serde(flatten)]
    params: AuthorizeParams,
    customer: Option<String>,
    password: Option<String>,
    decision: Option<String>,
}

pub async fn authorize_decision(
    State(bank): State<BankState>,
    Form(form): Form<Decision>,
) -> Response {
    let summary = match check_request(&bank, &form.params).await {
        Ok(summary) => summary,
        Err(reason) => {
            return (
                StatusCode::BAD_REQUEST,
                page(&format!("<p>{}</p>", escape(&reason))),
            )
                .into_response();
        }
    };
    let p = &form.params;
    let (Some(redirect), Some(consent_id), Some(challenge)) =
        (&p.redirect_uri, &p.consent_id, &p.code_challenge)
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut target = match url::Url::parse(redirect) {
        Ok(url) => url,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    let now = bank.now_millis();
    let result: anyhow::Result<Option<Response>> = async {
        if form.decision.as_deref() != Some("approve") {
            sqlx::query("UPDATE consents SET status = 'Rejected', updated_at = ? WHERE consent_id = ?")
                .bind(now)
                .bind(consent_id)
                .execute(&bank.pool)
                .await?;
            target.query_pairs_mut().append_pair("error", "access_denied");
            return Ok(None);
        }
        let customer = form.customer.clone().unwrap_or_default();
        let stored: Option<String> = sqlx::query_scalar("SELECT password_hash FROM customers WHERE id = ?")
            .bind(&customer)
            .fetch_optional(&bank.pool)
            .await?;
        let password = form.password.clone().unwrap_or_default();
        if stored.is_none_or(|hash| hash != bank_api::challenge_for(&password)) {
            return Ok(Some(
                (StatusCode::UNAUTHORIZED, page("<p>Wrong customer or password. 用户名或密码错误。</p>")).into_response(),
            ));
        }
        let not_yours = || {
            Ok(Some(
                (StatusCode::FORBIDDEN, page("<p>This payment is not yours to approve. 此付款不属于您。</p>")).into_response(),
            ))
        };
        if summary.approved_by.as_ref().is_some_and(|earlier| *earlier != customer) {
            return not_yours();
        }
        if let Some(debtor) = summary.payment.as_ref().and_then(|p| p.debtor_account.as_ref()) {
            let mut conn = bank.pool.acquire().await?;
            if !crate::clearing::debtor_belongs_to(&mut conn, debtor, &customer).await? {
                return not_yours();
            }
        }
        sqlx::query("UPDATE consents SET status = 'Authorised', customer_id = ?, updated_at = ? WHERE consent_id = ?")
            .bind(&customer)
            .bind(now)
            .bind(consent_id)
            .execute(&bank.pool)
            .await?;
        let code = auth::random_token();
        sqlx::query(
            "INSERT INTO auth_codes (code_hash, consent_id, client_id, redirect_uri, code_challenge, expires_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(auth::hash(&code))
        .bind(consent_id)
        .bind(DEMO_CLIENT_ID)
        .bind(redirect)
        .bind(challenge)
        .bind(now + 5 * 60 * 1000)
        .execute(&bank.pool)
        .await?;
        target.query_pairs_mut().append_pair("code", &code);
        Ok(None)
    }
    .await;
    match result {
        Ok(Some(response)) => response,
        Ok(None) => {
            if let Some(state) = &p.state {
                target.query_pairs_mut().append_pair("state", state);
            }
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, target.to_string())],
            )
                .into_response()
        }
        Err(error) => crate::ob_error::ObError::internal(error).into_response(),
    }
}
