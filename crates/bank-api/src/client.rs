//! A typed Open Banking client: OAuth (client credentials, authorisation code + PKCE, refresh), consents,
//! and the AISP reads, following `Links.Next` and retrying what is worth retrying; PISP calls in `payments`.

mod body;
mod international;
mod payments;
mod rewards;
mod signatures;

pub use body::MAX_BODY_BYTES;
pub use payments::PISP_PREFIX;

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::BankError;
use crate::pkce::Pkce;
use crate::secret::{AccessToken, RefreshToken, TokenSet};
use crate::wire;
use body::read_capped;

pub const AISP_PREFIX: &str = "/open-banking/v3.1/aisp";
/// A guard against a bank whose `Links.Next` never runs out.
const MAX_PAGES: u32 = 10_000;
/// The longest `Retry-After` the client will honour before retrying anyway.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct BankEndpoint {
    /// e.g. `http://127.0.0.1:8080`.
    pub base_url: Url,
    pub client_id: String,
    pub redirect_uri: Url,
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub timeout: Duration,
    /// Retries for 429 and 5xx, after the first try.
    pub max_retries: u32,
    /// The first wait; it doubles each retry.
    pub backoff_base: Duration,
    /// The most the client reads of one answer; a larger one is refused (`MAX_BODY_BYTES` by default).
    pub max_body_bytes: usize,
    /// Whether the bank's `x-jws-signature` on PISP answers is checked against its published keys (on by
    /// default; off only for a bank known not to sign).
    pub verify_signatures: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            max_retries: 3,
            backoff_base: Duration::from_millis(200),
            max_body_bytes: MAX_BODY_BYTES,
            verify_signatures: true,
        }
    }
}

/// How far a paged read has got, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageProgress {
    pub page: u32,
    pub total_pages: Option<u32>,
    pub fetched: usize,
}

#[derive(Debug, Clone)]
pub struct BankClient {
    http: reqwest::Client,
    endpoint: BankEndpoint,
    options: ClientOptions,
    keys: signatures::BankKeys,
}

impl BankClient {
    pub fn new(endpoint: BankEndpoint, options: ClientOptions) -> Result<Self, BankError> {
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| BankError::Protocol(e.to_string()))?;
        Ok(Self {
            http,
            endpoint,
            options,
            keys: signatures::BankKeys::default(),
        })
    }

    pub fn endpoint(&self) -> &BankEndpoint {
        &self.endpoint
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.endpoint.base_url.clone();
        let base = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{base}{path}"));
        url
    }

    pub async fn client_credentials_token(&self) -> Result<TokenSet, BankError> {
        self.token(&[
            ("grant_type", "client_credentials"),
            ("scope", "accounts"),
            ("client_id", &self.endpoint.client_id),
        ])
        .await
    }

    pub async fn create_account_access_consent(
        &self,
        token: &AccessToken,
        permissions: &[wire::Permission],
        expires: Option<DateTime<Utc>>,
    ) -> Result<String, BankError> {
        let body = wire::ConsentRequest {
            data: wire::ConsentRequestData {
                permissions: permissions.to_vec(),
                expiration_date_time: expires,
                transaction_from_date_time: None,
                transaction_to_date_time: None,
            },
            risk: wire::Risk {},
        };
        let url = self.url(&format!("{AISP_PREFIX}/account-access-consents"));
        let response: wire::ConsentResponse = self
            .send(|| {
                self.http
                    .request(Method::POST, url.clone())
                    .bearer_auth(token.expose())
                    .json(&body)
            })
            .await?;
        Ok(response.data.consent_id)
    }

    /// Where to send the user to approve the consent (RFC 6749 §4.1.1 with PKCE).
    pub fn authorize_url(&self, consent_id: &str, pkce: &Pkce, state: &str) -> Url {
        let mut url = self.url("/oauth2/authorize");
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.endpoint.client_id)
            .append_pair("redirect_uri", self.endpoint.redirect_uri.as_str())
            .append_pair("scope", "openid accounts")
            .append_pair("state", state)
            .append_pair("consent_id", consent_id)
            .append_pair("code_challenge", pkce.challenge())
            .append_pair("code_challenge_method", "S256");
        url
    }

    pub async fn exchange_code(&self, code: &str, pkce: &Pkce) -> Result<TokenSet, BankError> {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.endpoint.redirect_uri.as_str()),
            ("client_id", &self.endpoint.client_id),
            ("code_verifier", pkce.verifier()),
        ])
        .await
    }

    pub async fn refresh(&self, refresh_token: &RefreshToken) -> Result<TokenSet, BankError> {
        self.token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("client_id", &self.endpoint.client_id),
        ])
        .await
    }

    pub async fn revoke_consent(
        &self,
        token: &AccessToken,
        consent_id: &str,
    ) -> Result<(), BankError> {
        let url = self.url(&format!(
            "{AISP_PREFIX}/account-access-consents/{consent_id}"
        ));
        let response = self
            .execute(|| {
                self.http
                    .request(Method::DELETE, url.clone())
                    .bearer_auth(token.expose())
            })
            .await?;
        check(response, self.options.max_body_bytes)
            .await
            .map(|_| ())
    }

    pub async fn accounts(&self, token: &AccessToken) -> Result<Vec<wire::Account>, BankError> {
        let url = self.url(&format!("{AISP_PREFIX}/accounts"));
        let body: wire::Envelope<wire::AccountList> = self.get(token, url).await?;
        Ok(body.data.account)
    }

    pub async fn balances(
        &self,
        token: &AccessToken,
        account_id: &str,
    ) -> Result<Vec<wire::Balance>, BankError> {
        let url = self.url(&format!("{AISP_PREFIX}/accounts/{account_id}/balances"));
        let body: wire::Envelope<wire::BalanceList> = self.get(token, url).await?;
        Ok(body.data.balance)
    }

    /// The account's statements (the sandbox serves them for its credit card; other accounts have none).
    pub async fn statements(
        &self,
        token: &AccessToken,
        account_id: &str,
    ) -> Result<Vec<wire::Statement>, BankError> {
        let url = self.url(&format!("{AISP_PREFIX}/accounts/{account_id}/statements"));
        let body: wire::Envelope<wire::StatementList> = self.get(token, url).await?;
        Ok(body.data.statement)
    }

    /// Every transaction in the window, across all pages (`Links.Next` until there is none).
    pub async fn transactions(
        &self,
        token: &AccessToken,
        account_id: &str,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        on_page: &mut (dyn FnMut(PageProgress) + Send),
    ) -> Result<Vec<wire::Transaction>, BankError> {
        let mut pages = self.transaction_pages(token, account_id, from, to);
        let mut all = Vec::new();
        while let Some((lines, progress)) = pages.next_page().await? {
            all.extend(lines);
            on_page(progress);
        }
        Ok(all)
    }

    /// Carries on a paged read where [`TransactionPages::cursor`] left it. A cursor that is not one, or
    /// that points anywhere but this bank, is refused: the token goes with every page.
    pub fn resume_transaction_pages<'a>(
        &'a self,
        token: &'a AccessToken,
        cursor: &str,
    ) -> Result<TransactionPages<'a>, BankError> {
        let bad = || BankError::Protocol("not a transaction page cursor".to_string());
        let mut parts = cursor.splitn(3, ' ');
        let page = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let fetched = parts.next().and_then(|f| f.parse().ok()).ok_or_else(bad)?;
        let next = parts
            .next()
            .and_then(|u| Url::parse(u).ok())
            .ok_or_else(bad)?;
        if next.origin() != self.endpoint.base_url.origin() {
            return Err(bad());
        }
        Ok(TransactionPages {
            client: self,
            token,
            next: Some(next),
            page,
            fetched,
        })
    }

    /// The transactions in the window a page at a time, so a long history need not be held at once.
    pub fn transaction_pages<'a>(
        &'a self,
        token: &'a AccessToken,
        account_id: &str,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> TransactionPages<'a> {
        let mut url = self.url(&format!("{AISP_PREFIX}/accounts/{account_id}/transactions"));
        {
            let mut query = url.query_pairs_mut();
            if let Some(from) = from {
                query.append_pair(
                    "fromBookingDateTime",
                    &from.to_rfc3339_opts(SecondsFormat::Secs, true),
                );
            }
            if let Some(to) = to {
                query.append_pair(
                    "toBookingDateTime",
                    &to.to_rfc3339_opts(SecondsFormat::Secs, true),
                );
            }
        }
        TransactionPages {
            client: self,
            token,
            next: Some(url),
            page: 0,
            fetched: 0,
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        token: &AccessToken,
        url: Url,
    ) -> Result<T, BankError> {
        self.send(|| {
            self.http
                .request(Method::GET, url.clone())
                .bearer_auth(token.expose())
        })
        .await
    }

    /// A POST the bank carries out once per `idempotency_key`: a retry with the same key and body gets the
    /// first answer and changes nothing.
    async fn post_once<T: DeserializeOwned>(
        &self,
        token: &AccessToken,
        url: Url,
        body: &(impl Serialize + ?Sized),
        idempotency_key: &str,
    ) -> Result<T, BankError> {
        self.send(|| {
            self.http
                .request(Method::POST, url.clone())
                .bearer_auth(token.expose())
                .header("x-idempotency-key", idempotency_key)
                .json(body)
        })
        .await
    }

    async fn token(&self, form: &[(&str, &str)]) -> Result<TokenSet, BankError> {
        let url = self.url("/oauth2/token");
        let response = self
            .execute(|| self.http.post(url.clone()).form(form))
            .await?;
        let status = response.status();
        if status == StatusCode::BAD_REQUEST || status == StatusCode::UNAUTHORIZED {
            let body = read_capped(response, self.options.max_body_bytes).await?;
            let error: Option<wire::OAuthError> = serde_json::from_slice(&body).ok();
            return match error.as_ref().map(|e| e.error.as_str()) {
                Some("invalid_grant") => Err(BankError::RelinkNeeded),
                _ => Err(BankError::Rejected {
                    status: status.as_u16(),
                    code: error
                        .as_ref()
                        .map(|e| e.error.clone())
                        .unwrap_or_else(|| "oauth_error".into()),
                    message: error.and_then(|e| e.error_description).unwrap_or_default(),
                }),
            };
        }
        let response = check(response, self.options.max_body_bytes).await?;
        let body: wire::TokenResponse =
            parse(&read_capped(response, self.options.max_body_bytes).await?)?;
        Ok(TokenSet {
            access_token: AccessToken::from(body.access_token),
            refresh_token: body.refresh_token.map(RefreshToken::from),
            expires_in: body.expires_in,
        })
    }

    async fn send<T: DeserializeOwned>(
        &self,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<T, BankError> {
        let response = self.execute(request).await?;
        let status = response.status();
        let answer = self.answer(response).await?;
        if status.is_success() {
            return parse(&self.verified(answer).await?);
        }
        // A refusal is believed only when signed too: a forged one would make a payment look refused.
        let refused = match status_error(status, None) {
            BankError::Rejected { .. } => Some(self.verified(answer).await?),
            _ => None,
        };
        Err(status_error(status, refused.as_deref()))
    }

    /// Sends with a fresh `x-fapi-interaction-id`; 429 and 5xx are retried with exponential backoff
    /// (or after the bank's `Retry-After`, when it gives one in seconds).
    async fn execute(&self, request: impl Fn() -> RequestBuilder) -> Result<Response, BankError> {
        let mut attempt = 0;
        loop {
            let response = request()
                .header("x-fapi-interaction-id", uuid::Uuid::new_v4().to_string())
                .header("Accept", "application/json")
                .send()
                .await
                .map_err(|error| self.transport_error(error))?;
            let status = response.status();
            let retryable = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
            if !retryable || attempt >= self.options.max_retries {
                return Ok(response);
            }
            let wait = retry_after(&response)
                .unwrap_or_else(|| self.options.backoff_base * 2u32.saturating_pow(attempt));
            tracing::debug!(attempt, ?wait, %status, "bank call failed, retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    fn transport_error(&self, error: reqwest::Error) -> BankError {
        if error.is_timeout() {
            BankError::Timeout
        } else if error.is_connect() || error.is_request() {
            BankError::Unreachable {
                url: self.endpoint.base_url.to_string(),
                reason: root_cause(&error),
            }
        } else {
            BankError::Protocol(root_cause(&error))
        }
    }
}

fn retry_after(response: &Response) -> Option<Duration> {
    let seconds: u64 = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER))
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

/// The response when its status is a success; otherwise the matching `BankError`.
async fn check(response: Response, limit: usize) -> Result<Response, BankError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let body = read_capped(response, limit).await.ok();
    Err(status_error(status, body.as_deref()))
}

/// The `BankError` for an error status, with the bank's own words from `body` when it refused.
fn status_error(status: StatusCode, body: Option<&[u8]>) -> BankError {
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => BankError::RelinkNeeded,
        StatusCode::TOO_MANY_REQUESTS => BankError::RateLimited,
        s if s.is_server_error() => BankError::Server { status: s.as_u16() },
        s => {
            let body: Option<wire::ErrorResponse> =
                body.and_then(|bytes| serde_json::from_slice(bytes).ok());
            let (code, message) = match body {
                // The first `ErrorCode` (`UK.OBIE.*`) says more than the top-level `Code`.
                Some(body) => match body.errors.into_iter().next() {
                    Some(first) => (first.error_code, first.message),
                    None => (body.code, body.message),
                },
                None => (
                    s.canonical_reason().unwrap_or("error").to_string(),
                    String::new(),
                ),
            };
            BankError::Rejected {
                status: s.as_u16(),
                code,
                message,
            }
        }
    }
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, BankError> {
    serde_json::from_slice(body).map_err(|e| BankError::Protocol(e.to_string()))
}

/// One account's transactions, page after page, following `Links.Next`.
pub struct TransactionPages<'a> {
    client: &'a BankClient,
    token: &'a AccessToken,
    next: Option<Url>,
    page: u32,
    fetched: usize,
}

impl TransactionPages<'_> {
    /// Where the read has got to, for [`BankClient::resume_transaction_pages`] to carry on from later;
    /// `None` once the bank has no more pages.
    pub fn cursor(&self) -> Option<String> {
        let next = self.next.as_ref()?;
        Some(format!("{} {} {next}", self.page, self.fetched))
    }

    /// The next page and how far along it is, or `None` once the bank has no more.
    pub async fn next_page(
        &mut self,
    ) -> Result<Option<(Vec<wire::Transaction>, PageProgress)>, BankError> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        let body: wire::Envelope<wire::TransactionList> = self.client.get(self.token, url).await?;
        self.page += 1;
        self.fetched += body.data.transaction.len();
        if let Some(link) = body.links.next {
            let link = Url::parse(&link)
                .map_err(|e| BankError::Protocol(format!("bad Links.Next: {e}")))?;
            // The token goes with every page: never to anyone but the bank itself.
            if link.origin() != self.client.endpoint.base_url.origin() {
                return Err(BankError::Protocol(format!(
                    "Links.Next points away from the bank (to {})",
                    link.origin().ascii_serialization()
                )));
            }
            if self.page >= MAX_PAGES {
                return Err(BankError::Protocol(format!(
                    "the bank's pages never end (more than {MAX_PAGES})"
                )));
            }
            self.next = Some(link);
        }
        let progress = PageProgress {
            page: self.page,
            total_pages: body.meta.total_pages,
            fetched: self.fetched,
        };
        Ok(Some((body.data.transaction, progress)))
    }
}
