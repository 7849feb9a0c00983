//! The typed Enable Banking client: one fresh RS256 JWT per call, JSON in and out, answers capped,
//! errors classified, transient failures of reads retried a few times, transactions followed across
//! `continuation_key` pages.

mod body;
mod psu;
mod redirect;

pub use body::MAX_BODY_BYTES;
pub use psu::PsuHeaders;
pub use redirect::code_from_redirect;

use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, sanitize};
use crate::key::AppKey;
use crate::wire;

/// Enable Banking's API.
pub const DEFAULT_BASE_URL: &str = "https://api.enablebanking.com";

#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// For connecting and for each whole answer.
    pub timeout: Duration,
    /// The most the client reads of one answer.
    pub max_body_bytes: usize,
    /// A guard against a server whose `continuation_key` never runs out.
    pub max_pages: u32,
    /// Retries of a read (GET) after a transient failure.
    pub max_retries: u32,
    /// The first wait before a retry; it doubles each time.
    pub backoff_base: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_body_bytes: MAX_BODY_BYTES,
            max_pages: 500,
            max_retries: 2,
            backoff_base: Duration::from_millis(250),
        }
    }
}

/// What `/auth` needs to start a consent.
#[derive(Debug, Clone)]
pub struct AuthorizationRequest {
    pub aspsp: wire::AspspId,
    /// Random and single-use; checked when the browser comes back.
    pub state: String,
    pub redirect_url: String,
    /// See [`crate::consent_valid_until`].
    pub valid_until: DateTime<Utc>,
    pub balances: bool,
    pub transactions: bool,
    /// `personal` or `business`.
    pub psu_type: String,
    /// Two lowercase letters, e.g. `fi`.
    pub language: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: Url,
    key: AppKey,
    options: ClientOptions,
}

impl Client {
    /// A client for `base_url`: any `https` URL, or `http` only to a loopback address (tests).
    pub fn new(base_url: &str, key: AppKey) -> Result<Self, Error> {
        Self::with_options(base_url, key, ClientOptions::default())
    }

    /// A client for Enable Banking itself.
    pub fn enable_banking(key: AppKey) -> Result<Self, Error> {
        Self::new(DEFAULT_BASE_URL, key)
    }

    pub fn with_options(
        base_url: &str,
        key: AppKey,
        options: ClientOptions,
    ) -> Result<Self, Error> {
        let base_url = check_base_url(base_url)?;
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| transport(&e))?;
        Ok(Self {
            http,
            base_url,
            key,
            options,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// `GET /application`; an inactive application is a configuration error.
    pub async fn application(&self) -> Result<wire::Application, Error> {
        let app: wire::Application = self.get(self.url("/application"), None).await?;
        if !app.active {
            return Err(Error::Configuration {
                code: "APPLICATION_INACTIVE".to_string(),
                message: "The application is not active yet (link your accounts or finish \
                          activation in the Enable Banking Control Panel)."
                    .to_string(),
            });
        }
        Ok(app)
    }

    /// `GET /aspsps` for a country (two capital letters), `personal`/`business`, `AIS`/`PIS`.
    pub async fn aspsps(
        &self,
        country: &str,
        psu_type: &str,
        service: &str,
    ) -> Result<Vec<wire::Aspsp>, Error> {
        let mut url = self.url("/aspsps");
        url.query_pairs_mut()
            .append_pair("country", country)
            .append_pair("psu_type", psu_type)
            .append_pair("service", service);
        let list: wire::AspspList = self.get(url, None).await?;
        Ok(list.aspsps)
    }

    /// `POST /auth`: the URL to open in the user's browser, and the authorisation id.
    pub async fn start_authorization(
        &self,
        request: &AuthorizationRequest,
    ) -> Result<wire::Authorization, Error> {
        let body = wire::StartAuthorization {
            access: wire::Access {
                valid_until: request.valid_until.fixed_offset(),
                balances: request.balances,
                transactions: request.transactions,
            },
            aspsp: request.aspsp.clone(),
            state: request.state.clone(),
            redirect_url: request.redirect_url.clone(),
            psu_type: Some(request.psu_type.clone()),
            language: request.language.clone(),
        };
        let url = self.url("/auth");
        self.send(Method::POST, url, Some(&body), None, 0).await
    }

    /// `POST /sessions` with the code from the redirect.
    pub async fn create_session(&self, code: &str) -> Result<wire::NewSession, Error> {
        let body = wire::CreateSession {
            code: code.to_string(),
        };
        self.send(Method::POST, self.url("/sessions"), Some(&body), None, 0)
            .await
    }

    /// `GET /sessions/{id}`.
    pub async fn session(&self, session_id: &str) -> Result<wire::Session, Error> {
        let url = self.url_with(&["sessions", session_id]);
        self.get(url, None).await
    }

    /// `DELETE /sessions/{id}`: ends the consent at the bank where it can.
    pub async fn delete_session(&self, session_id: &str) -> Result<(), Error> {
        let url = self.url_with(&["sessions", session_id]);
        let _: serde_json::Value = self.send(Method::DELETE, url, None::<&()>, None, 0).await?;
        Ok(())
    }

    /// `GET /accounts/{uid}/balances`.
    pub async fn balances(
        &self,
        uid: &str,
        psu: Option<&PsuHeaders>,
    ) -> Result<Vec<wire::Balance>, Error> {
        let url = self.url_with(&["accounts", uid, "balances"]);
        let list: wire::BalanceList = self.get(url, psu).await?;
        Ok(list.balances)
    }

    /// Every transaction from `date_from` (to `date_to` if given), following `continuation_key` until
    /// there is none, through empty pages, up to [`ClientOptions::max_pages`].
    pub async fn transactions(
        &self,
        uid: &str,
        date_from: NaiveDate,
        date_to: Option<NaiveDate>,
        psu: Option<&PsuHeaders>,
    ) -> Result<Vec<wire::Transaction>, Error> {
        let mut all = Vec::new();
        let mut key: Option<String> = None;
        for _ in 0..self.options.max_pages {
            let page = self
                .transactions_page(uid, date_from, date_to, key.as_deref(), psu)
                .await?;
            all.extend(page.transactions);
            match page.continuation_key.filter(|k| !k.is_empty()) {
                Some(next) => key = Some(next),
                None => return Ok(all),
            }
        }
        Err(Error::Protocol(format!(
            "the transactions did not end after {} pages",
            self.options.max_pages
        )))
    }

    /// One page of transactions from `date_from`: the first for `continuation_key` `None`, else the page
    /// that key names. The caller follows `continuation_key` (a wallet sync a page at a time).
    pub async fn transactions_page(
        &self,
        uid: &str,
        date_from: NaiveDate,
        date_to: Option<NaiveDate>,
        continuation_key: Option<&str>,
        psu: Option<&PsuHeaders>,
    ) -> Result<wire::TransactionPage, Error> {
        let mut url = self.url_with(&["accounts", uid, "transactions"]);
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("date_from", &date_from.to_string());
            if let Some(date_to) = date_to {
                query.append_pair("date_to", &date_to.to_string());
            }
            if let Some(key) = continuation_key {
                query.append_pair("continuation_key", key);
            }
        }
        self.get(url, psu).await
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.base_url.clone();
        let base = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{base}{path}"));
        url
    }

    /// The base URL with path segments added, each escaped (ids come from the server).
    fn url_with(&self, segments: &[&str]) -> Url {
        let mut url = self.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    async fn get<T: DeserializeOwned>(
        &self,
        url: Url,
        psu: Option<&PsuHeaders>,
    ) -> Result<T, Error> {
        self.send(Method::GET, url, None::<&()>, psu, self.options.max_retries)
            .await
    }

    async fn send<T: DeserializeOwned, B: serde::Serialize>(
        &self,
        method: Method,
        url: Url,
        body: Option<&B>,
        psu: Option<&PsuHeaders>,
        retries: u32,
    ) -> Result<T, Error> {
        let mut attempt = 0;
        loop {
            let jwt = self.key.jwt(Utc::now())?;
            let mut request: RequestBuilder = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(jwt.expose())
                .header("Accept", "application/json");
            if let Some(body) = body {
                request = request.json(body);
            }
            let result = self.answer(psu::apply(request, psu)).await;
            match result {
                Err(Error::Transient { .. }) if attempt < retries => {
                    let wait = self.options.backoff_base * 2u32.saturating_pow(attempt);
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn answer<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, Error> {
        let response = request.send().await.map_err(|e| transport(&e))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = body::read_capped(response, self.options.max_body_bytes).await?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                Error::Protocol(format!("the answer is not the expected JSON ({e})"))
            });
        }
        Err(error_answer(status, &bytes, retry_after.as_deref()))
    }
}

/// An error answer classified; a body that is not Enable Banking's JSON (a proxy's HTML page) is
/// transient, with no part of it shown.
fn error_answer(status: StatusCode, bytes: &[u8], retry_after: Option<&str>) -> Error {
    let now = Utc::now();
    match serde_json::from_slice::<wire::ErrorBody>(bytes) {
        Ok(body) => {
            let mut message = body.message.clone();
            match &body.detail {
                Some(serde_json::Value::String(detail)) if !detail.is_empty() => {
                    message = format!("{message} — {detail}");
                }
                _ => {}
            }
            Error::from_answer(
                status.as_u16(),
                body.error.as_deref(),
                &message,
                retry_after,
                now,
            )
        }
        Err(_) if status == StatusCode::TOO_MANY_REQUESTS => {
            Error::from_answer(429, None, "Too many requests", retry_after, now)
        }
        Err(_) if status.is_server_error() || status == StatusCode::REQUEST_TIMEOUT => {
            Error::Transient {
                code: format!("HTTP {}", status.as_u16()),
                message: "the server answered with a page that is not Enable Banking's".to_string(),
            }
        }
        Err(_) => Error::from_answer(
            status.as_u16(),
            None,
            &format!(
                "the server answered HTTP {} without details",
                status.as_u16()
            ),
            retry_after,
            now,
        ),
    }
}

/// A transport failure (no connection, timeout) as a transient error, its root cause as the message.
pub(crate) fn transport(error: &reqwest::Error) -> Error {
    let code = if error.is_timeout() {
        "TIMEOUT"
    } else {
        "UNREACHABLE"
    };
    let mut cause: &(dyn std::error::Error + 'static) = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    Error::Transient {
        code: code.to_string(),
        message: sanitize(&cause.to_string()),
    }
}

fn check_base_url(base_url: &str) -> Result<Url, Error> {
    let bad = |why: &str| Error::Configuration {
        code: "BASE_URL".to_string(),
        message: why.to_string(),
    };
    let url = Url::parse(base_url).map_err(|_| bad("the API address is not a URL"))?;
    bank_http::address::check(&url)
        .map_err(|why| bad(&format!("the API address is refused: {why}")))?;
    Ok(url)
}

/// `valid_until` as Enable Banking writes it (microseconds, explicit offset).
pub fn format_valid_until(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_is_accepted_as_the_api_address() {
        assert!(check_base_url("https://api.enablebanking.com").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080").is_ok());
        assert!(check_base_url("http://[::1]:8080").is_ok());
        assert!(check_base_url("http://api.enablebanking.com").is_err());
        assert!(check_base_url("ftp://127.0.0.1").is_err());
    }

    #[test]
    fn a_proxy_page_is_a_transient_error_that_shows_none_of_it() {
        let e = error_answer(StatusCode::BAD_GATEWAY, b"<html>secret</html>", None);
        assert!(matches!(e, Error::Transient { .. }));
        assert!(!e.to_string().contains("secret"));
    }
}
