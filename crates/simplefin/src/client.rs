//! The HTTP side: claim a setup token for an access URL, read `/info` and `/accounts`. Status codes
//! decide success (never the body's wording), answers are capped in size, requests time out, redirects
//! never go from https to http, and no error carries a URL.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, HeaderValue};
use reqwest::redirect::Policy;
use serde::Deserialize;

use crate::access_url::AccessUrl;
use crate::address;
use crate::body::{MAX_BODY_BYTES, read_capped};
use crate::error::SimplefinError;
use crate::model::AccountSet;
use crate::query::Query;
use crate::setup_token::SetupToken;

/// The most redirects followed for one request.
const MAX_REDIRECTS: usize = 5;
/// The claim answers one short line; anything much longer is not an access URL.
const MAX_CLAIM_BYTES: usize = 16 << 10;

#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// For the whole request, answer included. The Bridge gathers from banks before answering, so
    /// this is generous.
    pub timeout: Duration,
    /// The most read of one answer; a larger one is refused (`MAX_BODY_BYTES`, 8 MiB, by default).
    pub max_body_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(60),
            max_body_bytes: MAX_BODY_BYTES,
        }
    }
}

/// A SimpleFIN client. Cheap to clone; holds no credential (each call is handed its access URL).
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    options: ClientOptions,
}

impl Client {
    pub fn new(options: ClientOptions) -> Result<Client, SimplefinError> {
        let redirects = Policy::custom(|attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(RedirectRefused("too many redirects"))
            } else if address::redirect_allowed(attempt.previous().last(), attempt.url()) {
                attempt.follow()
            } else {
                attempt.error(RedirectRefused(
                    "the server redirected to an address that is not https",
                ))
            }
        });
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .redirect(redirects)
            .user_agent(concat!("Purse/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SimplefinError::Transient(transport_reason(&e)))?;
        Ok(Client { http, options })
    }

    /// `GET /accounts` with `query`, authenticated with the access URL's user and password.
    pub async fn accounts(
        &self,
        access: &AccessUrl,
        query: &Query,
    ) -> Result<AccountSet, SimplefinError> {
        let mut url = access.endpoint("accounts");
        query.apply(&mut url);
        let authorization = access.authorization();
        let mut header = HeaderValue::from_str(authorization.expose()).map_err(|_| {
            SimplefinError::BadAccessUrl("its user name or password cannot be sent")
        })?;
        header.set_sensitive(true);
        let response = self
            .http
            .get(url)
            .header(AUTHORIZATION, header)
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| transport_error(&e))?;
        match response.status() {
            StatusCode::OK => {
                let body = read_capped(response, self.options.max_body_bytes).await?;
                AccountSet::from_json(&body)
            }
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => Err(SimplefinError::NeedsNewToken),
            StatusCode::PAYMENT_REQUIRED => Err(SimplefinError::PaymentRequired),
            status => Err(other_status(status)),
        }
    }

    /// `GET /info`: the protocol versions the server speaks (e.g. `["1.0"]`, or `["1", "2"]`).
    pub async fn versions(&self, access: &AccessUrl) -> Result<Vec<String>, SimplefinError> {
        #[derive(Deserialize)]
        struct Info {
            versions: Vec<String>,
        }
        let response = self
            .http
            .get(access.endpoint("info"))
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| transport_error(&e))?;
        if response.status() != StatusCode::OK {
            return Err(other_status(response.status()));
        }
        let body = read_capped(response, MAX_CLAIM_BYTES).await?;
        let info: Info = serde_json::from_slice(&body)
            .map_err(|_| SimplefinError::Malformed("its /info answer lists no versions".into()))?;
        Ok(info
            .versions
            .iter()
            .map(|v| crate::sanitize_text(v, 20))
            .collect())
    }
}

/// Exchanges a setup token for its access URL: `POST` to the claim URL with an empty body. Only a 200
/// succeeds; a 403 means the token is unknown or was claimed already (perhaps by someone else). Store the
/// access URL at once: the token is now spent, and a retry gets 403.
pub async fn claim(client: &Client, token: &SetupToken) -> Result<AccessUrl, SimplefinError> {
    let response = client
        .http
        .post(token.claim_url()?)
        .header(CONTENT_LENGTH, "0")
        .body(Vec::new())
        .send()
        .await
        .map_err(|e| transport_error(&e))?;
    match response.status() {
        StatusCode::OK => {
            let body = read_capped(response, MAX_CLAIM_BYTES).await?;
            let text = sensitive::Sensitive::new(String::from_utf8(body).map_err(|_| {
                SimplefinError::Malformed("the claim's answer was not an access URL".into())
            })?);
            AccessUrl::parse(text.expose()).map_err(|e| match e {
                SimplefinError::BadAccessUrl(why) => SimplefinError::Malformed(format!(
                    "the claim's answer was not a usable access URL ({why})"
                )),
                other => other,
            })
        }
        StatusCode::FORBIDDEN => Err(SimplefinError::TokenRefused),
        StatusCode::PAYMENT_REQUIRED => Err(SimplefinError::PaymentRequired),
        status => Err(other_status(status)),
    }
}

fn other_status(status: StatusCode) -> SimplefinError {
    SimplefinError::Transient(format!("HTTP {}", status.as_u16()))
}

/// A failure to send or receive, as a `Transient` error without the URL.
pub(crate) fn transport_error(error: &reqwest::Error) -> SimplefinError {
    SimplefinError::Transient(transport_reason(error))
}

fn transport_reason(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "the server did not answer in time".into();
    }
    if error.is_redirect() {
        let refused = std::error::Error::source(error)
            .and_then(|s| s.downcast_ref::<RedirectRefused>())
            .map_or("a redirect was refused", |r| r.0);
        return refused.into();
    }
    if error.is_connect() {
        return format!("the server cannot be reached: {}", root_cause(error));
    }
    format!("the connection failed: {}", root_cause(error))
}

/// The innermost cause's text (an OS or TLS error; never reqwest's own text, which names the URL).
fn root_cause(error: &reqwest::Error) -> String {
    let mut cause: &(dyn std::error::Error + 'static) = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    if std::ptr::addr_eq(cause, error) {
        return "no further detail".into();
    }
    crate::sanitize_text(&cause.to_string(), 200)
}

#[derive(Debug)]
struct RedirectRefused(&'static str);

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for RedirectRefused {}
