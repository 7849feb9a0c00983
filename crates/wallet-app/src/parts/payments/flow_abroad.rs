//! What is particular to a payment abroad in the one payment pipeline (`payment_flow`): its order is the
//! quote's exact Initiation (its rate and contract) under the quote's consent, and the bank's answer must
//! state the accepted rate: one at any other rate is recorded as failed and said so, never as paid.

use bank_api::wire::{
    InternationalInitiation, InternationalPaymentRequest, InternationalPaymentRequestData,
    InternationalPaymentResponse,
};
use wallet_core::PaymentStatus;
use wallet_store::{InternationalQuote, PaymentRecord};

use crate::error::ApiResult;
use crate::parts::Payments;
use crate::parts::payments::bank_verdict::{PaymentResource, accepted_status};
use crate::parts::payments::flow::{Order, Setback};
use crate::parts::payments::risk_abroad;

impl Payments {
    /// The order for a payment abroad: the quote's Initiation, kept in the wallet when it was accepted.
    pub(crate) fn order_abroad<'q>(
        &self,
        _payment: &PaymentRecord,
        quote: &'q InternationalQuote,
    ) -> Result<Order<'q>, Setback> {
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
        Ok(Order::Abroad(Box::new(request), quote))
    }

    /// Records the bank's verdict, after checking it was made at the accepted rate.
    pub(crate) async fn settle_abroad(
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
        let client = self.cx.open_banking()?.client();
        let app = client.client_credentials_token().await?;
        let answer = client
            .international_payment(&app.access_token, bank_id)
            .await?;
        self.complete_if_settled(payment, answer.data.status).await
    }
}
