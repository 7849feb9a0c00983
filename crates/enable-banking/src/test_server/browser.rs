//! The page `/auth`'s `url` points to, standing in for Enable Banking's and the bank's pages: plain HTML
//! with approve and deny buttons, and GET or POST endpoints a test can call directly; both answer with a
//! redirect to the app's `redirect_url` (`code` + `state`, or `error` + `error_description` + `state`).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use url::Url;

use super::Shared;
use super::bank::IssuedCode;

pub(super) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/browser/{id}", get(page))
        .route("/browser/{id}/approve", get(approve).post(approve))
        .route("/browser/{id}/deny", get(deny).post(deny))
}

async fn page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let bank = shared.bank();
    let Some(pending) = bank.authorizations.get(&id) else {
        return (StatusCode::NOT_FOUND, "Unknown authorisation").into_response();
    };
    Html(format!(
        "<html><body><h1>{name} ({country})</h1>\
         <p>Allow access to your accounts?</p>\
         <form method=\"post\" action=\"/browser/{id}/approve\"><button>Approve</button></form>\
         <form method=\"post\" action=\"/browser/{id}/deny\"><button>Deny</button></form>\
         </body></html>",
        name = pending.aspsp.name,
        country = pending.aspsp.country,
    ))
    .into_response()
}

async fn approve(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    finish(&shared, &id, true)
}

async fn deny(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    finish(&shared, &id, false)
}

fn finish(shared: &Shared, id: &str, approved: bool) -> Response {
    let mut bank = shared.bank();
    let now = bank.now;
    let Some(pending) = bank.authorizations.get_mut(id) else {
        return (StatusCode::NOT_FOUND, "Unknown authorisation").into_response();
    };
    if pending.used {
        return (StatusCode::GONE, "This authorisation is already finished").into_response();
    }
    pending.used = true;
    let Ok(mut target) = Url::parse(&pending.redirect_url) else {
        return (StatusCode::BAD_REQUEST, "Bad redirect URL").into_response();
    };
    let state = pending.state.clone();
    if approved {
        let code = uuid::Uuid::new_v4().to_string();
        target
            .query_pairs_mut()
            .append_pair("code", &code)
            .append_pair("state", &state);
        bank.codes.insert(
            code,
            IssuedCode {
                authorization_id: id.to_string(),
                issued: now,
                used: false,
            },
        );
    } else {
        target
            .query_pairs_mut()
            .append_pair("error", "access_denied")
            .append_pair(
                "error_description",
                "The user cancelled the authorisation at the bank",
            )
            .append_pair("state", &state);
    }
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, target.to_string())],
    )
        .into_response()
}
