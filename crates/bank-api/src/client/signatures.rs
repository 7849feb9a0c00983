//! The bank's signature on its PISP answers (`x-jws-signature`), checked before a word of the answer is
//! used: a payment or consent answer changed on the way (or made up) is refused. The bank's keys come from
//! its published JWK set (`wire::JWKS_PATH` on the bank's own origin), fetched once and kept; fetched again
//! once when a signature names a key the kept set lacks (the bank rotated its key).

use std::sync::Arc;

use reqwest::Response;
use tokio::sync::Mutex;

use super::BankClient;
use super::body::read_capped;
use crate::error::BankError;
use crate::jws::{self, Expected, JwkSet};
use crate::wire::JWKS_PATH;

const SIGNATURE_HEADER: &str = "x-jws-signature";

/// The bank's keys as last fetched, shared by every clone of one client.
#[derive(Debug, Clone, Default)]
pub(super) struct BankKeys(Arc<Mutex<Option<JwkSet>>>);

/// An answer's body, read within the cap, and its signature header.
pub(super) struct Answer {
    pub body: Vec<u8>,
    signature: Option<String>,
    signed_path: bool,
}

impl BankClient {
    /// Reads the body (within the cap) and notes whether the bank signs answers on this path.
    pub(super) async fn answer(&self, response: Response) -> Result<Answer, BankError> {
        let signed_path = self.options.verify_signatures
            && response
                .url()
                .path()
                .starts_with(self.url(super::PISP_PREFIX).path());
        let signature = response
            .headers()
            .get(SIGNATURE_HEADER)
            .map(|value| value.to_str().unwrap_or_default().to_string());
        let body = read_capped(response, self.options.max_body_bytes).await?;
        Ok(Answer {
            body,
            signature,
            signed_path,
        })
    }

    /// The answer's body once its signature holds (or when the bank does not sign on that path).
    pub(super) async fn verified(&self, answer: Answer) -> Result<Vec<u8>, BankError> {
        if !answer.signed_path {
            return Ok(answer.body);
        }
        let signature = answer.signature.as_deref();
        let (keys, fresh) = self.bank_keys(false).await?;
        let mut outcome = jws::verify(signature, &answer.body, &keys, &Expected::default());
        if outcome.is_err() && !fresh {
            let (keys, _) = self.bank_keys(true).await?;
            outcome = jws::verify(signature, &answer.body, &keys, &Expected::default());
        }
        outcome.map_err(|refusal| {
            tracing::warn!(%refusal, "a bank answer failed its signature check");
            BankError::Protocol(format!(
                "{refusal} ({}); the answer was not used",
                refusal.code()
            ))
        })?;
        Ok(answer.body)
    }

    /// The bank's keys, and whether they were fetched just now.
    async fn bank_keys(&self, refetch: bool) -> Result<(JwkSet, bool), BankError> {
        let mut kept = self.keys.0.lock().await;
        if let (Some(keys), false) = (kept.as_ref(), refetch) {
            return Ok((keys.clone(), false));
        }
        let url = self.url(JWKS_PATH);
        let response = self.execute(|| self.http.get(url.clone())).await?;
        let response = super::check(response, self.options.max_body_bytes).await?;
        let body = read_capped(response, self.options.max_body_bytes).await?;
        let keys: JwkSet = serde_json::from_slice(&body)
            .map_err(|e| BankError::Protocol(format!("the bank's key set: {e}")))?;
        *kept = Some(keys.clone());
        Ok((keys, true))
    }
}
