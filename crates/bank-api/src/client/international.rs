//! The PISP calls for payments abroad (international payment consents and payments) and the bank's FX
//! vendor extension (firm quotes, daily reference rates). Every POST that moves money carries the caller's
//! idempotency key, as domestic payments do.

use chrono::NaiveDate;
use reqwest::Method;

use super::BankClient;
use super::payments::PISP_PREFIX;
use crate::error::BankError;
use crate::secret::AccessToken;
use crate::wire::{self, FX_PREFIX};

impl BankClient {
    /// A firm rate for paying `unit_currency` from an account in `quote_currency` (client token).
    pub async fn fx_quote(
        &self,
        client_token: &AccessToken,
        unit_currency: &str,
        quote_currency: &str,
    ) -> Result<wire::FxQuote, BankError> {
        let url = self.url(&format!("{FX_PREFIX}/quotes"));
        let body = wire::FxQuoteRequest {
            data: wire::FxQuoteRequestData {
                unit_currency: unit_currency.to_string(),
                quote_currency: quote_currency.to_string(),
            },
        };
        let answer: wire::Envelope<wire::FxQuote> = self
            .send(|| {
                self.http
                    .request(Method::POST, url.clone())
                    .bearer_auth(client_token.expose())
                    .json(&body)
            })
            .await?;
        Ok(answer.data)
    }

    /// The bank's published reference rates of `currency` against CNY, one per business day in the range.
    pub async fn reference_rates(
        &self,
        token: &AccessToken,
        currency: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<wire::ReferenceRate>, BankError> {
        let mut url = self.url(&format!("{FX_PREFIX}/reference-rates"));
        url.query_pairs_mut()
            .append_pair("currency", currency)
            .append_pair("from", &from.to_string())
            .append_pair("to", &to.to_string());
        let body: wire::Envelope<wire::ReferenceRateList> = self.get(token, url).await?;
        Ok(body.data.reference_rate)
    }

    pub async fn create_international_payment_consent(
        &self,
        client_token: &AccessToken,
        request: &wire::InternationalConsentRequest,
        idempotency_key: &str,
    ) -> Result<wire::InternationalConsentResponse, BankError> {
        let url = self.url(&format!("{PISP_PREFIX}/international-payment-consents"));
        self.post_once(client_token, url, request, idempotency_key)
            .await
    }

    pub async fn international_payment_consent(
        &self,
        token: &AccessToken,
        consent_id: &str,
    ) -> Result<wire::InternationalConsentResponse, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/international-payment-consents/{consent_id}"
        ));
        self.get(token, url).await
    }

    /// Whether the paying account covers the consent's debit and charges now (the customer's token).
    pub async fn international_funds_available(
        &self,
        customer_token: &AccessToken,
        consent_id: &str,
    ) -> Result<bool, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/international-payment-consents/{consent_id}/funds-confirmation"
        ));
        self.funds_confirmed(customer_token, url).await
    }

    /// Makes the payment. The same key and body again return the first answer, whatever token is used.
    pub async fn create_international_payment(
        &self,
        token: &AccessToken,
        request: &wire::InternationalPaymentRequest,
        idempotency_key: &str,
    ) -> Result<wire::InternationalPaymentResponse, BankError> {
        let url = self.url(&format!("{PISP_PREFIX}/international-payments"));
        self.post_once(token, url, request, idempotency_key).await
    }

    pub async fn international_payment(
        &self,
        token: &AccessToken,
        payment_id: &str,
    ) -> Result<wire::InternationalPaymentResponse, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/international-payments/{payment_id}"
        ));
        self.get(token, url).await
    }

    pub async fn international_payment_details(
        &self,
        token: &AccessToken,
        payment_id: &str,
    ) -> Result<Vec<wire::PaymentStatusEntry>, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/international-payments/{payment_id}/payment-details"
        ));
        self.payment_status(token, url).await
    }
}
