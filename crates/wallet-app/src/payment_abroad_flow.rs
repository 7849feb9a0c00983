//! Carrying a payment abroad from the outbox to the bank: the quote's consent is approved, then the payment
//! is made under the payment's idempotency key with the quote's exact Initiation (its rate and contract).
//! The bank's answer must state the accepted rate: one at any other rate is recorded as failed and said
//! so, never as paid.

use bank_api::wire::{
    InternationalInitiation, InternationalPaymentRequest, InternationalPaymentRequestData,
    InternationalPaymentResponse,
};
use bank_api::{AccessToken, BankError};
use wallet_core::PaymentStatus;
use wallet_store::{InternationalQuote, PaymentRecord};

use crate::bank_verdict::{PaymentResource, accepted_status};
use crate::error::{ApiError, ApiResult};
use crate::handlers::risk_abroad;
use crate::payment_flow::Setback;
use crate::wallet::Wallet;

impl Wallet {
    pub(crate) async fn advance_abroad(
        &self,
        payment: &PaymentRecord,
        quote: &InternationalQuote,
    ) -> Result<(), Setback> {
        let client = self.open_banking()?.client();
        let initiation: InternationalInitiation = serde_json::from_str(&quote.initiation_json)
            .map_err(|e| {
                Setback::Final(format!("The quote kept in the wallet is unreadable: {e}"))
            })?;
        let request = InternationalPaymentRequest {
            data: InternationalPaymentRequestData {
                consent_id: quote.consent_id.clone(),
                initiation,
            },
            risk: risk_abroad(),
        };
        let key = &payment.idempotency_key;
        let now = self.clock.now();
        let token = match (&payment.access_token, payment.token_expires_at) {
            (Some(token), Some(expires)) if expires > now + chrono::Duration::seconds(30) => {
                AccessToken::from(token.expose().clone())
            }
            _ => {
                if payment.attempts > 0 {
                    // As for domestic payments: an earlier attempt may have reached the bank and lost its
                    // answer; the bank replays it for this key to a client token.
                    let app = client.client_credentials_token().await?;
                    match client
                        .create_international_payment(&app.access_token, &request, key)
                        .await
                    {
                        Ok(answer) => return self.settle_abroad(payment, quote, answer).await,
                        Err(BankError::RelinkNeeded) => {}
                        Err(other) => return Err(other.into()),
                    }
                }
                let (token, expires) = self
                    .open_banking()?
                    .approve_payment(&quote.consent_id)
                    .await?;
                self.store
                    .set_payment_token(&payment.id, token.expose(), expires, self.clock.now())
                    .await
                    .map_err(ApiError::from)?;
                token
            }
        };
        let answer = match client
            .create_international_payment(&token, &request, key)
            .await
        {
            Ok(answer) => answer,
            Err(BankError::RelinkNeeded) => {
                self.store
                    .clear_payment_token(&payment.id, now)
                    .await
                    .map_err(ApiError::from)?;
                return Err(Setback::Transient(
                    "The bank asked for the payment to be approved again.".into(),
                ));
            }
            Err(other) => return Err(other.into()),
        };
        self.settle_abroad(payment, quote, answer).await
    }

    /// Records the bank's verdict, after checking it was made at the accepted rate.
    async fn settle_abroad(
        &self,
        payment: &PaymentRecord,
        quote: &InternationalQuote,
        answer: InternationalPaymentResponse,
    ) -> Result<(), Setback> {
        use bank_api::wire::PaymentStatus as Bank;
        let bank_id = answer.data.international_payment_id.clone();
        let applied = answer
            .data
            .exchange_rate_information
            .as_ref()
            .map(|rate| rate.exchange_rate);
        let (status, reason) = match answer.data.status {
            Bank::Rejected => (
                PaymentStatus::Rejected,
                Some(
                    self.rejection_reason(PaymentResource::International, &bank_id)
                        .await,
                ),
            ),
            _ if applied != Some(quote.rate) => (
                PaymentStatus::Failed,
                Some(format!(
                    "The bank applied the rate {} instead of the accepted {} {} for 1 {}. Purse does not accept a \
                     payment at another rate: contact the bank to have it reversed.",
                    applied.map_or("(none)".to_string(), |r| r.to_string()),
                    quote.rate,
                    quote.converted.currency(),
                    quote.instructed.currency()
                )),
            ),
            accepted => (accepted_status(accepted), None),
        };
        self.record_verdict(payment, status, reason.as_deref(), &bank_id)
            .await
    }

    /// Asks the bank about a sent payment abroad; completed once it has settled.
    pub(crate) async fn follow_up_abroad(&self, payment: &PaymentRecord) -> ApiResult<()> {
        let Some(bank_id) = &payment.bank_payment_id else {
            return Ok(());
        };
        let client = self.open_banking()?.client();
        let app = client.client_credentials_token().await?;
        let answer = client
            .international_payment(&app.access_token, bank_id)
            .await?;
        self.complete_if_settled(payment, answer.data.status).await
    }
}
