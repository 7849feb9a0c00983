//! The test server's HTTP answers: claim, `/info`, and `/accounts` with its parameters, cap and modes.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::TimeDelta;
use serde_json::{Value, json};

use super::data::{Mode, SimAccount, State};

type Shared = Arc<Mutex<State>>;

const CAPPED: &str = "Requested date range exceeds limit of 90 days and was capped.";
const OVERSIZED_BYTES: usize = 9 << 20;

pub(super) fn router(state: Shared) -> Router {
    Router::new()
        .route("/simplefin/claim/{code}", post(claim))
        .route("/simplefin/info", get(info))
        .route("/simplefin/accounts", get(accounts))
        .with_state(state)
}

fn lock(state: &Shared) -> std::sync::MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn claim(
    AxumState(state): AxumState<Shared>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Response {
    // The Bridge guide's curl example sends `Content-Length: 0`; insist on exactly one, saying 0.
    let lengths: Vec<_> = headers.get_all(header::CONTENT_LENGTH).iter().collect();
    if lengths.len() != 1 || lengths[0] != "0" {
        return (StatusCode::LENGTH_REQUIRED, "Length Required").into_response();
    }
    match lock(&state).claim(&code) {
        Some(access) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain")],
            format!("{access}\n"),
        )
            .into_response(),
        None => (StatusCode::FORBIDDEN, "Forbidden").into_response(),
    }
}

async fn info() -> Response {
    axum::Json(json!({"versions": ["1", "2"]})).into_response()
}

/// `(user, password)` from `Authorization: Basic …`.
fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

#[derive(Default)]
struct Params {
    start: Option<i64>,
    end: Option<i64>,
    pending: bool,
    accounts: Vec<String>,
    balances_only: bool,
    v2: bool,
}

fn params(query: Option<&str>) -> Result<Params, String> {
    let mut p = Params::default();
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let number = || {
            value
                .parse::<i64>()
                .map_err(|_| format!("{key} is not an integer"))
        };
        match &*key {
            "start-date" => p.start = Some(number()?),
            "end-date" => p.end = Some(number()?),
            "pending" => p.pending = value == "1",
            "account" => p.accounts.push(value.into_owned()),
            "balances-only" => p.balances_only = value == "1",
            "version" => p.v2 = value == "2",
            _ => {}
        }
    }
    Ok(p)
}

async fn accounts(
    AxumState(state): AxumState<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let mut state = lock(&state);
    let Some((user, password)) = basic_auth(&headers) else {
        return (StatusCode::FORBIDDEN, "Forbidden").into_response();
    };
    if !state.authenticate(&user, &password) {
        return (StatusCode::FORBIDDEN, "Forbidden").into_response();
    }
    state.last_query = query.clone();
    let within_limit = state.count_request(&user);
    let Ok(mut p) = params(query.as_deref()) else {
        return (StatusCode::BAD_REQUEST, "Bad request").into_response();
    };
    match state.mode {
        Mode::Normal => {}
        Mode::PaymentRequired => {
            return (StatusCode::PAYMENT_REQUIRED, "Payment Required").into_response();
        }
        Mode::ServerError => return html(StatusCode::INTERNAL_SERVER_ERROR),
        Mode::NotJson => return html(StatusCode::OK),
        Mode::Malformed => {
            return axum::Json(json!({"errors": [], "accounts": "none"})).into_response();
        }
        Mode::Oversized => return (StatusCode::OK, vec![b' '; OVERSIZED_BYTES]).into_response(),
        Mode::RedirectAway => {
            return (
                StatusCode::FOUND,
                [(
                    header::LOCATION,
                    "http://bridge.simplefin.invalid/simplefin/accounts",
                )],
            )
                .into_response();
        }
        Mode::OversizedUndeclared => {
            let chunks =
                (0..OVERSIZED_BYTES >> 20).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1 << 20]));
            return Body::from_stream(futures_util::stream::iter(chunks)).into_response();
        }
    }

    let mut errors: Vec<(String, String, Option<String>)> = state.errors.clone();
    if !within_limit {
        errors.push((
            "gen.api".into(),
            "Too many requests today; try again tomorrow.".into(),
            None,
        ));
        return axum::Json(shape(&p, &errors, &[])).into_response();
    }
    // The 90-day cap, keeping the start: [start, start + 90 d).
    let max = TimeDelta::days(90).num_seconds();
    if let Some(start) = p.start {
        let end = p.end.unwrap_or_else(|| state.now().timestamp());
        if end - start > max {
            p.end = Some(start + max);
            errors.push(("gen.api".into(), CAPPED.into(), None));
        }
    }
    let chosen: Vec<SimAccount> = state
        .accounts
        .iter()
        .filter(|a| p.accounts.is_empty() || p.accounts.contains(&a.id))
        .cloned()
        .collect();
    axum::Json(shape(&p, &errors, &chosen)).into_response()
}

fn html(status: StatusCode) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html")],
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    )
        .into_response()
}

/// The account set in the asked-for shape.
fn shape(
    p: &Params,
    errors: &[(String, String, Option<String>)],
    accounts: &[SimAccount],
) -> Value {
    let accounts: Vec<Value> = accounts.iter().map(|a| account(p, a)).collect();
    if p.v2 {
        let mut connections: Vec<Value> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for a in accounts
            .iter()
            .filter_map(|a| a.get("conn_id"))
            .filter_map(Value::as_str)
        {
            if !seen.contains(&a) {
                seen.push(a);
            }
        }
        for conn in seen {
            connections.push(json!({
                "conn_id": conn, "name": format!("{conn} - Sam"), "org_id": format!("INST-{conn}"),
                "sfin_url": "https://bridge.simplefin.org/simplefin",
            }));
        }
        let errlist: Vec<Value> = errors
            .iter()
            .map(|(code, message, conn)| match conn {
                Some(conn) => json!({"code": code, "message": message, "conn_id": conn}),
                None => json!({"code": code, "message": message}),
            })
            .collect();
        json!({"errlist": errlist, "connections": connections, "accounts": accounts})
    } else {
        let errors: Vec<&str> = errors.iter().map(|(_, m, _)| m.as_str()).collect();
        json!({"errors": errors, "accounts": accounts})
    }
}

fn account(p: &Params, a: &SimAccount) -> Value {
    let mut out = json!({
        "id": a.id, "name": a.name, "currency": a.currency, "balance": a.balance,
        "balance-date": a.balance_date,
    });
    if let Some(available) = &a.available_balance {
        out["available-balance"] = json!(available);
    }
    if p.v2 {
        out["conn_id"] = json!(a.conn_id);
    } else {
        out["org"] = json!({
            "name": a.org_name, "domain": format!("{}.example", a.conn_id.to_lowercase()),
            "sfin-url": "https://bridge.simplefin.org/simplefin",
        });
    }
    if !p.balances_only {
        let transactions: Vec<Value> = a
            .transactions
            .iter()
            .filter(|t| p.pending || !t.pending)
            .filter(|t| p.start.is_none_or(|s| t.filter_time() >= s))
            .filter(|t| p.end.is_none_or(|e| t.filter_time() < e))
            .map(|t| {
                let mut tx = json!({
                    "id": t.id, "posted": t.posted, "amount": t.amount, "description": t.description,
                });
                if let Some(at) = t.transacted_at {
                    tx["transacted_at"] = json!(at);
                }
                if t.pending {
                    tx["pending"] = json!(true);
                }
                if let Some(payee) = &t.payee {
                    tx["payee"] = json!(payee);
                }
                tx
            })
            .collect();
        out["transactions"] = json!(transactions);
    }
    out
}
