//! The test server's API routes: the JWT guard and failure modes in front, then `/application`,
//! `/aspsps`, `/auth`, `/sessions…` and `/accounts/{uid}/…`, answering errors in Enable Banking's shape.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, body::Body};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::Shared;
use super::bank::{Bank, IssuedCode, Mode, PendingAuthorization};
use super::browser;
use super::jwt;
use crate::wire::{self, SessionStatus};

type Api = State<Arc<Shared>>;

pub(super) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route("/application", get(application))
        .route("/aspsps", get(aspsps))
        .route("/auth", post(start_authorization))
        .route("/sessions", post(create_session))
        .route("/sessions/{id}", get(session).delete(delete_session))
        .route("/accounts/{uid}/balances", get(balances))
        .route("/accounts/{uid}/transactions", get(transactions))
        .layer(middleware::from_fn_with_state(shared.clone(), guard));
    Router::new()
        .merge(api)
        .merge(browser::router())
        .with_state(shared)
}

/// An error in Enable Banking's shape.
pub(super) fn eb_error(
    status: StatusCode,
    code: &str,
    message: &str,
    detail: Option<&str>,
) -> Response {
    let body =
        json!({"code": status.as_u16(), "error": code, "message": message, "detail": detail});
    (status, Json(body)).into_response()
}

async fn guard(State(shared): Api, request: Request, next: Next) -> Response {
    match shared.bank().mode {
        Mode::Normal => {}
        Mode::BadGatewayHtml => {
            return (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
            )
                .into_response();
        }
        Mode::Oversized => {
            let body = format!("{{\"pad\":\"{}\"}}", "x".repeat(9 << 20));
            return (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                Body::from(body),
            )
                .into_response();
        }
    }
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let Some(token) = token else {
        return eb_error(
            StatusCode::UNAUTHORIZED,
            "AUTHORIZATION_NOT_PROVIDED",
            "No JWT",
            None,
        );
    };
    if let Err(reason) = jwt::verify(token, &shared.application_id.to_string(), &shared.key) {
        return eb_error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED_ACCESS",
            reason,
            None,
        );
    }
    next.run(request).await
}

async fn application(State(shared): Api) -> Response {
    let bank = shared.bank();
    Json(wire::Application {
        name: bank.application_name.clone(),
        description: None,
        kid: shared.application_id.to_string(),
        environment: "SANDBOX".to_string(),
        redirect_urls: bank.redirect_urls.clone(),
        active: bank.active,
        countries: vec!["FI".to_string(), "SE".to_string()],
        services: vec!["AIS".to_string()],
    })
    .into_response()
}

async fn aspsps(State(shared): Api, Query(query): Query<HashMap<String, String>>) -> Response {
    let bank = shared.bank();
    let country = query.get("country").map(|c| c.as_str());
    let list: Vec<wire::Aspsp> = bank
        .aspsps
        .iter()
        .filter(|a| country.is_none_or(|c| a.country == c))
        .cloned()
        .collect();
    Json(wire::AspspList { aspsps: list }).into_response()
}

async fn start_authorization(
    State(shared): Api,
    body: Option<Json<wire::StartAuthorization>>,
) -> Response {
    let Some(Json(request)) = body else {
        return eb_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "WRONG_REQUEST_PARAMETERS",
            "Bad body",
            None,
        );
    };
    let mut bank = shared.bank();
    if !bank.redirect_urls.contains(&request.redirect_url) {
        return eb_error(
            StatusCode::BAD_REQUEST,
            "REDIRECT_URI_NOT_ALLOWED",
            "Redirect URI not allowed",
            None,
        );
    }
    let Some(aspsp) = bank
        .aspsps
        .iter()
        .find(|a| a.name == request.aspsp.name && a.country == request.aspsp.country)
    else {
        return eb_error(
            StatusCode::NOT_FOUND,
            "ASPSP_NOT_FOUND",
            "ASPSP not found",
            None,
        );
    };
    let valid_until = request.access.valid_until.with_timezone(&Utc);
    let latest = bank.now + chrono::Duration::seconds(aspsp.maximum_consent_validity);
    if valid_until > latest || valid_until <= bank.now {
        return eb_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "WRONG_REQUEST_PARAMETERS",
            "valid_until is outside the ASPSP's maximum consent validity",
            None,
        );
    }
    let id = uuid::Uuid::new_v4().to_string();
    bank.authorizations.insert(
        id.clone(),
        PendingAuthorization {
            aspsp: request.aspsp.clone(),
            state: request.state.clone(),
            redirect_url: request.redirect_url.clone(),
            valid_until,
            psu_type: request
                .psu_type
                .clone()
                .unwrap_or_else(|| "personal".to_string()),
            used: false,
        },
    );
    Json(wire::Authorization {
        url: format!("{}/browser/{id}", shared.base_url),
        authorization_id: id,
        psu_id_hash: Some("test-psu-id-hash".to_string()),
    })
    .into_response()
}

async fn create_session(State(shared): Api, body: Option<Json<wire::CreateSession>>) -> Response {
    let Some(Json(request)) = body else {
        return eb_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "WRONG_REQUEST_PARAMETERS",
            "Bad body",
            None,
        );
    };
    let mut bank = shared.bank();
    let now = bank.now;
    let lifetime = bank.code_lifetime;
    let Some(code) = bank.codes.get_mut(&request.code) else {
        return eb_error(
            StatusCode::BAD_REQUEST,
            "WRONG_AUTHORIZATION_CODE",
            "Wrong authorization code",
            None,
        );
    };
    if code.used {
        return eb_error(
            StatusCode::BAD_REQUEST,
            "ALREADY_AUTHORIZED",
            "The code was already used",
            None,
        );
    }
    if now > code.issued + lifetime {
        return eb_error(
            StatusCode::BAD_REQUEST,
            "EXPIRED_AUTHORIZATION_CODE",
            "The code has expired",
            None,
        );
    }
    code.used = true;
    let IssuedCode {
        authorization_id, ..
    } = code.clone();
    let Some(pending) = bank.authorizations.get(&authorization_id).cloned() else {
        return eb_error(
            StatusCode::BAD_REQUEST,
            "WRONG_AUTHORIZATION_CODE",
            "Unknown authorization",
            None,
        );
    };
    let session_id = uuid::Uuid::new_v4().to_string();
    let uids: Vec<(String, usize)> = (0..bank.accounts.len())
        .map(|i| (uuid::Uuid::new_v4().to_string(), i))
        .collect();
    let accounts = uids
        .iter()
        .map(|(uid, i)| {
            let mut account = bank.accounts[*i].account.clone();
            account.uid = Some(uid.clone());
            account
        })
        .collect();
    bank.sessions.insert(
        session_id.clone(),
        super::MockSession {
            status: SessionStatus::Authorized,
            aspsp: pending.aspsp.clone(),
            psu_type: pending.psu_type.clone(),
            created: now,
            valid_until: pending.valid_until,
            uids,
        },
    );
    Json(wire::NewSession {
        session_id,
        accounts,
        aspsp: pending.aspsp,
        psu_type: Some(pending.psu_type),
        access: access(pending.valid_until),
    })
    .into_response()
}

fn access(valid_until: DateTime<Utc>) -> wire::Access {
    wire::Access {
        valid_until: valid_until.fixed_offset(),
        balances: true,
        transactions: true,
    }
}

async fn session(State(shared): Api, Path(id): Path<String>) -> Response {
    let mut bank = shared.bank();
    let Some(session) = bank.refresh_session(&id).cloned() else {
        return eb_error(
            StatusCode::NOT_FOUND,
            "SESSION_DOES_NOT_EXIST",
            "Session does not exist",
            None,
        );
    };
    let accounts_data = session
        .uids
        .iter()
        .map(|(uid, i)| wire::AccountData {
            uid: uid.clone(),
            identification_hash: bank.accounts[*i].account.identification_hash.clone(),
            identification_hashes: bank.accounts[*i].account.identification_hashes.clone(),
        })
        .collect();
    Json(wire::Session {
        status: session.status,
        accounts: session.uids.iter().map(|(uid, _)| uid.clone()).collect(),
        accounts_data,
        aspsp: session.aspsp,
        psu_type: Some(session.psu_type),
        access: access(session.valid_until),
        created: Some(session.created.fixed_offset()),
        authorized: Some(session.created.fixed_offset()),
        closed: None,
    })
    .into_response()
}

async fn delete_session(State(shared): Api, Path(id): Path<String>) -> Response {
    let mut bank = shared.bank();
    match bank.sessions.get_mut(&id) {
        Some(session) => {
            session.status = SessionStatus::Closed;
            Json(json!({"message": "OK"})).into_response()
        }
        None => eb_error(
            StatusCode::NOT_FOUND,
            "SESSION_DOES_NOT_EXIST",
            "Session does not exist",
            None,
        ),
    }
}

/// An error answer, boxed for `Result` (a `Response` is large).
fn boxed_error(
    status: StatusCode,
    code: &str,
    message: &str,
    detail: Option<&str>,
) -> Box<Response> {
    Box::new(eb_error(status, code, message, detail))
}

/// The account behind `uid` if its session is usable and the call is allowed; else the error answer.
fn account_for(
    bank: &mut Bank,
    uid: &str,
    headers: &HeaderMap,
    counts: bool,
) -> Result<usize, Box<Response>> {
    let found = bank.sessions.iter().find_map(|(id, s)| {
        s.uids
            .iter()
            .find(|(u, _)| u == uid)
            .map(|(_, i)| (id.clone(), *i))
    });
    let Some((session_id, index)) = found else {
        return Err(boxed_error(
            StatusCode::NOT_FOUND,
            "INVALID_ACCOUNT_ID",
            "Account id is not valid",
            None,
        ));
    };
    let status = bank.refresh_session(&session_id).map(|s| s.status);
    let refused = |code: &str, text: &str| boxed_error(StatusCode::UNAUTHORIZED, code, text, None);
    match status {
        Some(SessionStatus::Authorized) => {}
        Some(SessionStatus::Expired) => {
            return Err(refused("EXPIRED_SESSION", "Session is expired"));
        }
        Some(SessionStatus::Revoked) => {
            return Err(refused("REVOKED_SESSION", "Session is revoked"));
        }
        Some(SessionStatus::Closed) => return Err(refused("CLOSED_SESSION", "Session is closed")),
        _ => {
            return Err(refused(
                "SESSION_DOES_NOT_EXIST",
                "Session is not authorised",
            ));
        }
    }
    let present: Vec<String> = headers
        .keys()
        .map(|k| k.as_str().to_ascii_lowercase())
        .filter(|k| k.starts_with("psu-"))
        .collect();
    let aspsp = bank.sessions.get(&session_id).map(|s| s.aspsp.clone());
    let required = bank
        .aspsps
        .iter()
        .find(|a| {
            aspsp
                .as_ref()
                .is_some_and(|x| x.name == a.name && x.country == a.country)
        })
        .and_then(|a| a.required_psu_headers.clone())
        .unwrap_or_default();
    if !present.is_empty() {
        for name in &required {
            let wanted = header_name(name);
            if !present.contains(&wanted) {
                let detail = format!("PSU header {name} is not provided");
                return Err(boxed_error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "PSU_HEADER_NOT_PROVIDED",
                    "Required PSU header is not provided",
                    Some(&detail),
                ));
            }
        }
        return Ok(index);
    }
    if counts {
        let hash = bank.accounts[index].account.identification_hash.clone();
        if !bank.count_unattended(&hash) {
            return Err(boxed_error(
                StatusCode::TOO_MANY_REQUESTS,
                "ASPSP_RATE_LIMIT_EXCEEDED",
                "ASPSP Rate limit exceeded",
                Some("[HUB046] Allowed number of accesses exceeded for consent."),
            ));
        }
    }
    Ok(index)
}

/// `psuIpAddress` → `psu-ip-address`.
fn header_name(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

async fn balances(State(shared): Api, Path(uid): Path<String>, headers: HeaderMap) -> Response {
    let mut bank = shared.bank();
    match account_for(&mut bank, &uid, &headers, true) {
        Ok(i) => Json(wire::BalanceList {
            balances: bank.accounts[i].balances.clone(),
        })
        .into_response(),
        Err(response) => *response,
    }
}

async fn transactions(
    State(shared): Api,
    Path(uid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let mut bank = shared.bank();
    let key = query.get("continuation_key");
    let index = match account_for(&mut bank, &uid, &headers, key.is_none()) {
        Ok(i) => i,
        Err(response) => return *response,
    };
    let date = |name: &str| query.get(name).and_then(|d| d.parse::<NaiveDate>().ok());
    let Some(from) = date("date_from") else {
        return eb_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "WRONG_REQUEST_PARAMETERS",
            "date_from is needed",
            None,
        );
    };
    let to = date("date_to");
    if to.is_some_and(|to| to < from) {
        return eb_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "WRONG_DATE_INTERVAL",
            "date_from is after date_to",
            None,
        );
    }
    let rows: Vec<wire::Transaction> = bank.accounts[index]
        .transactions
        .iter()
        .filter(|t| {
            crate::transaction::transaction_day(t)
                .is_none_or(|d| d >= from && to.is_none_or(|to| d <= to))
        })
        .cloned()
        .collect();
    let mut pages: Vec<Vec<wire::Transaction>> = rows
        .chunks(bank.page_size.max(1))
        .map(|c| c.to_vec())
        .collect();
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    if bank.empty_page_after_first && pages.len() > 1 {
        pages.insert(1, Vec::new());
    }
    let page = match key {
        None => 0,
        Some(key) => match key
            .strip_prefix(&format!("{uid}."))
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) if n < pages.len() => n,
            _ => {
                return eb_error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "WRONG_CONTINUATION_KEY",
                    "Wrong continuation key",
                    None,
                );
            }
        },
    };
    let continuation_key = (page + 1 < pages.len()).then(|| format!("{uid}.{}", page + 1));
    Json(wire::TransactionPage {
        transactions: pages.swap_remove(page),
        continuation_key,
    })
    .into_response()
}
