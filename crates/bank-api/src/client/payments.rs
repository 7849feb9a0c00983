//! The PISP calls: domestic payment consents and payments. Every POST carries the caller's idempotency
//! key, so a retry after a lost answer gets the first answer and never pays twice.

use url::Url;

use super::BankClient;
use crate::error::BankError;
use crate::secret::AccessToken;
use crate::wire;

pub const PISP_PREFIX: &str = "/open-banking/v3.1/pisp";

impl BankClient {
    pub async fn create_domestic_payment_consent(
        &self,
        client_token: &AccessToken,
        request: &wire::DomesticConsentRequest,
        idempotency_key: &str,
    ) -> Result<wire::DomesticConsentResponse, BankError> {
        let url = self.url(&format!("{PISP_PREFIX}/domestic-payment-consents"));
        self.post_once(client_token, url, request, idempotency_key)
            .await
    }

    pub async fn domestic_payment_consent(
        &self,
        token: &AccessToken,
        consent_id: &str,
    ) -> Result<wire::DomesticConsentResponse, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/domestic-payment-consents/{consent_id}"
        ));
        self.get(token, url).await
    }

    /// Whether the paying account can cover the consented amount now (needs the customer's token).
    pub async fn funds_available(
        &self,
        customer_token: &AccessToken,
        consent_id: &str,
    ) -> Result<bool, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/domestic-payment-consents/{consent_id}/funds-confirmation"
        ));
        self.funds_confirmed(customer_token, url).await
    }

    /// Makes the payment. The same key and body again return the first answer, whatever token is used.
    pub async fn create_domestic_payment(
        &self,
        token: &AccessToken,
        request: &wire::DomesticPaymentRequest,
        idempotency_key: &str,
    ) -> Result<wire::DomesticPaymentResponse, BankError> {
        let url = self.url(&format!("{PISP_PREFIX}/domestic-payments"));
        self.post_once(token, url, request, idempotency_key).await
    }

    pub async fn domestic_payment(
        &self,
        token: &AccessToken,
        payment_id: &str,
    ) -> Result<wire::DomesticPaymentResponse, BankError> {
        let url = self.url(&format!("{PISP_PREFIX}/domestic-payments/{payment_id}"));
        self.get(token, url).await
    }

    /// The status with its reason (why a payment was rejected, or that it is still settling).
    pub async fn domestic_payment_details(
        &self,
        token: &AccessToken,
        payment_id: &str,
    ) -> Result<Vec<wire::PaymentStatusEntry>, BankError> {
        let url = self.url(&format!(
            "{PISP_PREFIX}/domestic-payments/{payment_id}/payment-details"
        ));
        self.payment_status(token, url).await
    }

    /// A funds-confirmation answer, domestic or international: whether the bank says the funds are there.
    pub(super) async fn funds_confirmed(
        &self,
        customer_token: &AccessToken,
        url: Url,
    ) -> Result<bool, BankError> {
        let body: wire::Envelope<wire::FundsConfirmationData> =
            self.get(customer_token, url).await?;
        Ok(body
            .data
            .funds_available_result
            .is_some_and(|result| result.funds_available))
    }

    /// A payment-details answer, domestic or international: the status entries with their reasons.
    pub(super) async fn payment_status(
        &self,
        token: &AccessToken,
        url: Url,
    ) -> Result<Vec<wire::PaymentStatusEntry>, BankError> {
        let body: wire::Envelope<wire::PaymentDetailsData> = self.get(token, url).await?;
        Ok(body.data.payment_status)
    }
}
