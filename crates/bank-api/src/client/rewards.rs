//! The sandbox's points and promotions extension (`/purse/v1/...`): read with the customer's account-access
//! token; a redemption carries an idempotency key so a retry never spends the points twice.

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::Method;

use super::BankClient;
use crate::error::BankError;
use crate::secret::AccessToken;
use crate::wire::{self, REWARDS_PREFIX};

impl BankClient {
    pub async fn points_balance(
        &self,
        token: &AccessToken,
    ) -> Result<wire::PointsBalance, BankError> {
        let url = self.url(&format!("{REWARDS_PREFIX}/points"));
        let body: wire::Envelope<wire::PointsBalance> = self.get(token, url).await?;
        Ok(body.data)
    }

    /// Every points entry booked from `from` on (all of them without it), following `Links.Next`.
    pub async fn points_history(
        &self,
        token: &AccessToken,
        from: Option<DateTime<Utc>>,
    ) -> Result<Vec<wire::PointsEntry>, BankError> {
        let mut url = self.url(&format!("{REWARDS_PREFIX}/points/history"));
        if let Some(from) = from {
            url.query_pairs_mut().append_pair(
                "fromBookingDateTime",
                &from.to_rfc3339_opts(SecondsFormat::Secs, true),
            );
        }
        let mut entries = Vec::new();
        let mut next = Some(url);
        while let Some(url) = next.take() {
            let page: wire::Envelope<wire::PointsHistory> = self.get(token, url).await?;
            entries.extend(page.data.entry);
            next = page
                .links
                .next
                .map(|link| {
                    url::Url::parse(&link)
                        .map_err(|e| BankError::Protocol(format!("a bad Next link: {e}")))
                })
                .transpose()?;
        }
        Ok(entries)
    }

    pub async fn redeem_points(
        &self,
        token: &AccessToken,
        request: &wire::RedemptionRequest,
        idempotency_key: &str,
    ) -> Result<wire::Redemption, BankError> {
        let url = self.url(&format!("{REWARDS_PREFIX}/points/redemptions"));
        let request = serde_json::json!({ "Data": request });
        let body: wire::Envelope<wire::Redemption> = self
            .post_once(token, url, &request, idempotency_key)
            .await?;
        Ok(body.data)
    }

    pub async fn offers(&self, token: &AccessToken) -> Result<Vec<wire::Offer>, BankError> {
        let url = self.url(&format!("{REWARDS_PREFIX}/offers"));
        let body: wire::Envelope<wire::OfferList> = self.get(token, url).await?;
        Ok(body.data.offer)
    }

    /// The best offer the bank would give this payment now, and why the others do not apply.
    pub async fn quote_offer(
        &self,
        token: &AccessToken,
        request: &wire::OfferQuoteRequest,
    ) -> Result<wire::OfferQuote, BankError> {
        let url = self.url(&format!("{REWARDS_PREFIX}/offers/quote"));
        let body: wire::Envelope<wire::OfferQuote> = self
            .send(|| {
                self.http
                    .request(Method::POST, url.clone())
                    .bearer_auth(token.expose())
                    .json(&serde_json::json!({ "Data": request }))
            })
            .await?;
        Ok(body.data)
    }

    /// The offers the customer's payments used, with the line each was booked as.
    pub async fn offer_uses(&self, token: &AccessToken) -> Result<Vec<wire::OfferUse>, BankError> {
        let url = self.url(&format!("{REWARDS_PREFIX}/offers/uses"));
        let body: wire::Envelope<wire::OfferUseList> = self.get(token, url).await?;
        Ok(body.data.offer_use)
    }
}
