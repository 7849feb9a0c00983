//! What an authorize request must carry (RFC 6749 + PKCE, RFC 8252 loopback redirect) and the consent it
//! asks the customer about, checked before the customer sees anything.

use serde::Deserialize;
use sqlx::Row;

use crate::consent_page::ConsentSummary;
use crate::oauth::DEMO_CLIENT_ID;
use crate::state::BankState;

#[derive(Deserialize, Clone)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub state: Option<String>,
    pub consent_id: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub scope: Option<String>,
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

impl AuthorizeParams {
    /// The request's fields from a posted form (which also carries the customer's answers).
    pub fn from_fields(fields: &[(String, String)]) -> AuthorizeParams {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        AuthorizeParams {
            response_type: field("response_type"),
            client_id: field("client_id"),
            redirect_uri: field("redirect_uri"),
            state: field("state"),
            consent_id: field("consent_id"),
            code_challenge: field("code_challenge"),
            code_challenge_method: field("code_challenge_method"),
            scope: field("scope"),
        }
    }

    /// The fields the page's forms carry back as hidden inputs.
    pub fn hidden(&self) -> Vec<(&'static str, &Option<String>)> {
        vec![
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("state", &self.state),
            ("consent_id", &self.consent_id),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("scope", &self.scope),
        ]
    }
}

/// Checks the request before the customer sees anything.
pub async fn check_request(
    bank: &BankState,
    p: &AuthorizeParams,
) -> Result<ConsentSummary, String> {
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
