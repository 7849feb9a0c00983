//! What the bank's answer about a payment means for the wallet — completed, on its way, or rejected with
//! the bank's reason — the same for a payment at home and one abroad.

use bank_api::wire::PaymentStatus as Bank;
use wallet_core::PaymentStatus;
use wallet_store::PaymentRecord;

use crate::error::{ApiError, ApiResult};
use crate::parts::Payments;
use crate::parts::payments::flow::Setback;

/// Which of the bank's payment resources a payment was made at.
#[derive(Clone, Copy)]
pub(crate) enum PaymentResource {
    Domestic,
    International,
}

/// The wallet's status for an answer the bank did not reject: completed once settled, else on its way.
pub(crate) fn accepted_status(bank: Bank) -> PaymentStatus {
    if bank.is_settled() {
        PaymentStatus::Completed
    } else {
        PaymentStatus::Sent
    }
}

impl Payments {
    /// Writes down the bank's verdict on a payment, with the bank's id for it.
    pub(crate) async fn record_verdict(
        &self,
        payment: &PaymentRecord,
        status: PaymentStatus,
        reason: Option<&str>,
        bank_payment_id: &str,
    ) -> Result<(), Setback> {
        self.cx
            .store
            .set_payment_status(
                &payment.id,
                status,
                reason,
                Some(bank_payment_id),
                self.cx.clock.now(),
            )
            .await
            .map_err(ApiError::from)?;
        Ok(())
    }

    /// The reason the bank's payment details give for a rejection, or a plain one when it gives none.
    pub(crate) async fn rejection_reason(
        &self,
        resource: PaymentResource,
        bank_payment_id: &str,
    ) -> String {
        let described = async {
            let client = self.cx.open_banking().ok()?.client();
            let app = client.client_credentials_token().await.ok()?;
            let details = match resource {
                PaymentResource::Domestic => {
                    client
                        .domestic_payment_details(&app.access_token, bank_payment_id)
                        .await
                }
                PaymentResource::International => {
                    client
                        .international_payment_details(&app.access_token, bank_payment_id)
                        .await
                }
            }
            .ok()?;
            details
                .into_iter()
                .find_map(|entry| entry.status_detail?.status_reason_description)
        };
        described
            .await
            .unwrap_or_else(|| "The bank rejected the payment.".to_string())
    }

    /// After asking the bank about a sent payment: completed once the bank says it has settled.
    pub(crate) async fn complete_if_settled(
        &self,
        payment: &PaymentRecord,
        bank: Bank,
    ) -> ApiResult<()> {
        if bank.is_settled() {
            self.cx
                .store
                .set_payment_status(
                    &payment.id,
                    PaymentStatus::Completed,
                    None,
                    None,
                    self.cx.clock.now(),
                )
                .await?;
        }
        Ok(())
    }
}
