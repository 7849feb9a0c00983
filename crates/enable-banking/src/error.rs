//! What went wrong talking to Enable Banking, sorted into what the wallet does next (ask for a new
//! consent, fix the setup, wait, retry, or report a bug), with the server's words made safe to show.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use thiserror::Error;

use crate::key::KeyError;

/// The longest server message kept for a person to read.
const MAX_MESSAGE_CHARS: usize = 300;

#[derive(Debug, Error)]
pub enum Error {
    /// The consent is over (expired, closed, revoked) or the bank wants the user back: link again.
    #[error("The bank connection needs a new consent ({code}): {message}")]
    NeedsReconsent { code: String, message: String },
    /// The application or its setup is wrong (key, redirect URL, restricted mode, inactive app).
    #[error("The Enable Banking application is not set up right ({code}): {message}")]
    Configuration { code: String, message: String },
    /// Too many accesses: do not try again before `retry_after`.
    #[error("The bank's access limit is reached; try again after {retry_after}: {message}")]
    RateLimited {
        retry_after: DateTime<Utc>,
        message: String,
    },
    /// Worth retrying later: timeouts, 5xx, unreadable (non-JSON) answers, the bank being down.
    #[error("Enable Banking or the bank had a temporary problem ({code}): {message}")]
    Transient { code: String, message: String },
    /// Our request was wrong (a bug, or dates the bank will not serve).
    #[error("Enable Banking refused the request (HTTP {status}, {code}): {message}")]
    BadRequest {
        status: u16,
        code: String,
        message: String,
    },
    /// The answer was not what the API describes, or larger than the wallet reads.
    #[error("Enable Banking sent an answer the wallet cannot use: {0}")]
    Protocol(String),
    /// The user (or the bank) refused or cancelled the authorisation in the browser.
    #[error("The bank did not authorise access ({error}): {description}")]
    AuthorizationDenied { error: String, description: String },
    /// The redirect back does not belong to the authorisation the wallet started.
    #[error("The answer from the bank does not match the authorisation that was started.")]
    StateMismatch,
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// The broad class of an [`Error`], for callers deciding what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    NeedsReconsent,
    Configuration,
    RateLimited,
    Transient,
    BadRequest,
}

impl Error {
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::NeedsReconsent { .. } => ErrorClass::NeedsReconsent,
            Error::Configuration { .. } | Error::Key(_) => ErrorClass::Configuration,
            Error::RateLimited { .. } => ErrorClass::RateLimited,
            Error::Transient { .. } | Error::Protocol(_) => ErrorClass::Transient,
            Error::BadRequest { .. } | Error::AuthorizationDenied { .. } | Error::StateMismatch => {
                ErrorClass::BadRequest
            }
        }
    }

    /// Classifies an error answer: its HTTP status, the `error` code, the message and detail, and a
    /// `Retry-After` header value if any.
    pub fn from_answer(
        status: u16,
        code: Option<&str>,
        message: &str,
        retry_after: Option<&str>,
        now: DateTime<Utc>,
    ) -> Error {
        let code_text = code.unwrap_or("").to_string();
        let message = sanitize(message);
        let shown = if code_text.is_empty() {
            format!("HTTP {status}")
        } else {
            code_text.clone()
        };
        match code.unwrap_or("") {
            "EXPIRED_SESSION"
            | "CLOSED_SESSION"
            | "REVOKED_SESSION"
            | "SESSION_DOES_NOT_EXIST"
            | "INVALID_ACCOUNT_ID"
            | "ASPSP_PSU_ACTION_REQUIRED" => Error::NeedsReconsent {
                code: shown,
                message,
            },
            "UNAUTHORIZED_ACCESS"
            | "ACCESS_DENIED"
            | "REDIRECT_URI_NOT_ALLOWED"
            | "NO_ACCOUNTS_ADDED"
            | "UNAUTHORIZED_IP"
            | "AUTHORIZATION_NOT_PROVIDED" => Error::Configuration {
                code: shown,
                message,
            },
            "ASPSP_RATE_LIMIT_EXCEEDED" => Error::RateLimited {
                retry_after: retry_after_time(retry_after, now),
                message,
            },
            "ASPSP_ERROR" | "ASPSP_TIMEOUT" => Error::Transient {
                code: shown,
                message,
            },
            _ => match status {
                429 => Error::RateLimited {
                    retry_after: retry_after_time(retry_after, now),
                    message,
                },
                401 | 403 => Error::Configuration {
                    code: shown,
                    message,
                },
                408 | 500..=599 => Error::Transient {
                    code: shown,
                    message,
                },
                _ => Error::BadRequest {
                    status,
                    code: shown,
                    message,
                },
            },
        }
    }
}

/// When a rate-limited call may be tried again: `Retry-After` (seconds or an HTTP date) if given, else
/// the start of the next UTC day.
pub fn retry_after_time(header: Option<&str>, now: DateTime<Utc>) -> DateTime<Utc> {
    let header = header.map(str::trim).unwrap_or("");
    if let Ok(seconds) = header.parse::<u32>() {
        return now + Duration::seconds(i64::from(seconds));
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(header) {
        return date.with_timezone(&Utc).max(now);
    }
    next_utc_day(now)
}

/// Midnight UTC after `now`.
pub fn next_utc_day(now: DateTime<Utc>) -> DateTime<Utc> {
    let tomorrow = now.date_naive() + Duration::days(1);
    tomorrow.and_time(NaiveTime::MIN).and_utc()
}

/// Server text made safe to show: control characters dropped, whitespace collapsed, anything that looks
/// like a bearer token replaced, length capped.
pub fn sanitize(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<String> = cleaned
        .split_whitespace()
        .map(|word| {
            if word.starts_with("eyJ") && word.len() > 20 {
                "<token>".to_string()
            } else {
                word.to_string()
            }
        })
        .collect();
    let joined = words.join(" ");
    if joined.chars().count() > MAX_MESSAGE_CHARS {
        let mut cut: String = joined.chars().take(MAX_MESSAGE_CHARS).collect();
        cut.push('…');
        cut
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-03-10T15:00:00Z".parse().unwrap_or_default()
    }

    #[test]
    fn session_codes_ask_for_a_new_consent_and_app_codes_for_setup() {
        for code in [
            "EXPIRED_SESSION",
            "REVOKED_SESSION",
            "ASPSP_PSU_ACTION_REQUIRED",
        ] {
            let e = Error::from_answer(401, Some(code), "x", None, now());
            assert_eq!(e.class(), ErrorClass::NeedsReconsent, "{code}");
        }
        for code in [
            "UNAUTHORIZED_ACCESS",
            "REDIRECT_URI_NOT_ALLOWED",
            "NO_ACCOUNTS_ADDED",
        ] {
            let e = Error::from_answer(403, Some(code), "x", None, now());
            assert_eq!(e.class(), ErrorClass::Configuration, "{code}");
        }
        let e = Error::from_answer(422, Some("WRONG_DATE_INTERVAL"), "x", None, now());
        assert_eq!(e.class(), ErrorClass::BadRequest);
        let e = Error::from_answer(500, Some("ASPSP_ERROR"), "x", None, now());
        assert_eq!(e.class(), ErrorClass::Transient);
    }

    #[test]
    fn a_rate_limit_waits_for_retry_after_or_the_next_utc_day() {
        match Error::from_answer(429, None, "Access exceeded", Some("120"), now()) {
            Error::RateLimited { retry_after, .. } => {
                assert_eq!(retry_after, now() + Duration::seconds(120))
            }
            other => panic!("{other:?}"),
        }
        match Error::from_answer(400, Some("ASPSP_RATE_LIMIT_EXCEEDED"), "x", None, now()) {
            Error::RateLimited { retry_after, .. } => {
                assert_eq!(retry_after.to_rfc3339(), "2026-03-11T00:00:00+00:00")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn server_text_is_cleaned_and_capped() {
        let long = "a".repeat(1000);
        assert!(sanitize(&long).chars().count() <= MAX_MESSAGE_CHARS + 1);
        assert_eq!(
            sanitize("bad\n\u{7}key eyJhbGciOiJSUzI1NiJ9.abc.def"),
            "bad key <token>"
        );
    }
}
