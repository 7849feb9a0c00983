//! The spec's HTTP rules, applied around every API call in one place: the interaction id is echoed,
//! headers with a format are checked, only JSON is served, and every error leaves as `OBErrorResponse1`.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ob_error::ObError;

const INTERACTION_ID: &str = "x-fapi-interaction-id";
/// The largest error body from a framework rejection that is worth reading for its message.
const REJECTION_LIMIT: usize = 4096;

/// Echoes the caller's `x-fapi-interaction-id`, or makes one, on every response (as the spec requires).
pub async fn interaction_id(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(INTERACTION_ID)
        .cloned()
        .unwrap_or_else(|| {
            HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
                .expect("a uuid is a header value")
        });
    let mut response = next.run(request).await;
    response.headers_mut().insert(INTERACTION_ID, id);
    response
}

/// For the Open Banking paths: checks the headers, then makes sure an error answer is spec-shaped JSON.
pub async fn open_banking(request: Request, next: Next) -> Response {
    if let Err(error) = check_headers(request.headers()) {
        return error.into_response();
    }
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let status = response.status();
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // A rejection from the framework itself (bad path, bad JSON, wrong method): keep its status and words.
    let body = axum::body::to_bytes(response.into_body(), REJECTION_LIMIT)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body).trim().to_string();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("Error").to_string()
    } else {
        text
    };
    let code = match status {
        StatusCode::NOT_FOUND => "UK.OBIE.Resource.NotFound",
        StatusCode::METHOD_NOT_ALLOWED => "UK.OBIE.Unsupported.Method",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "UK.OBIE.Header.Invalid",
        s if s.is_server_error() => "UK.OBIE.UnexpectedError",
        _ => "UK.OBIE.Field.Invalid",
    };
    ObError::new(status, code, message).into_response()
}

fn check_headers(headers: &HeaderMap) -> Result<(), ObError> {
    if let Some(value) = headers.get("x-fapi-auth-date") {
        let valid = value.to_str().is_ok_and(is_http_date);
        if !valid {
            return Err(ObError::invalid_header(
                "x-fapi-auth-date must be an RFC 7231 date, e.g. 'Sun, 10 Sep 2017 19:43:31 UTC'.",
            ));
        }
    }
    if let Some(accept) = headers.get(header::ACCEPT) {
        let acceptable = accept.to_str().is_ok_and(|text| {
            text.split(',').any(|range| {
                let media = range.split(';').next().unwrap_or("").trim();
                matches!(media, "application/json" | "application/*" | "*/*")
            })
        });
        if !acceptable {
            return Err(ObError::new(
                StatusCode::NOT_ACCEPTABLE,
                "UK.OBIE.Header.Invalid",
                "This bank answers only application/json.",
            ));
        }
    }
    Ok(())
}

/// `^(Mon|…|Sun), \d{2} (Jan|…|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)$`, the spec's pattern.
fn is_http_date(text: &str) -> bool {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let Some((day, rest)) = text.split_once(", ") else {
        return false;
    };
    let parts: Vec<&str> = rest.split(' ').collect();
    let [date, month, year, time, zone] = parts[..] else {
        return false;
    };
    let clock: Vec<&str> = time.split(':').collect();
    DAYS.contains(&day)
        && digits(date, 2)
        && MONTHS.contains(&month)
        && digits(year, 4)
        && clock.len() == 3
        && clock.iter().all(|part| digits(part, 2))
        && matches!(zone, "GMT" | "UTC")
}

/// Used by the router for paths it does not know.
pub async fn unknown_path() -> Response {
    ObError::not_found("This bank has no such path.").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_auth_date_must_follow_the_specs_rfc_7231_pattern() {
        assert!(is_http_date("Sun, 10 Sep 2017 19:43:31 UTC"));
        assert!(is_http_date("Mon, 01 Jan 2024 00:00:00 GMT"));
        for bad in [
            "Sun, 10 Sep 2017 19:43:31",
            "Sun, 1 Sep 2017 19:43:31 UTC",
            "Sunday, 10 Sep 2017 19:43:31 UTC",
            "Sun, 10 Sep 2017 19:43:31 UTC ",
            "Sun, 10 Sep 2017 19:43 UTC",
            "",
        ] {
            assert!(!is_http_date(bad), "{bad:?}");
        }
    }
}
