//! Payments: at home and abroad through one pipeline (flow.rs), payees, scan-to-pay, limits and the
//! risk checks before each.

mod abroad;
mod at_home;
pub(crate) mod bank_verdict;
pub(crate) mod flow;
mod flow_abroad;
mod limits;
mod offers;
mod payees;
mod qr;
pub(crate) mod risk;

use std::sync::{Arc, Weak};

use tokio::sync::Mutex;

use crate::context::Context;
use wallet_core::PaymentStatus;
use wallet_store::PaymentRecord;

use crate::dto::Payment;
use crate::dto::rewards::AppliedOffer;
use crate::error::ApiResult;
use crate::parts::{Links, Security};

pub(crate) use abroad::risk_abroad;
pub use at_home::PaymentSink;
use at_home::payment_dto;

pub struct Payments {
    pub(crate) cx: Arc<Context>,
    /// The PIN, the second factor and their tries.
    pub(crate) security: Arc<Security>,
    /// The sync that shows a payment in the bills at once. Weak: the sync carries on unfinished
    /// payments first, so Links holds Payments.
    pub(crate) links: Weak<Links>,
    /// One payment driven at a time, so a resume never races a new submission for the same row.
    pub(crate) payment_lock: Arc<Mutex<()>>,
}

impl Payments {
    /// Drives a payment just written to the outbox, as both kinds do: the window told before and after
    /// (with the offer it carries), and, once the bank has it, a sync so the bills show it at once
    /// (pending until the bank books it). A sync that cannot run now is only logged: the payment stands.
    async fn drive_written(
        &self,
        record: &PaymentRecord,
        discount: Option<AppliedOffer>,
        on_change: PaymentSink<'_>,
    ) -> ApiResult<Payment> {
        let names = self.cx.account_names().await?;
        on_change(Payment {
            discount: discount.clone(),
            ..payment_dto(record, &names)
        });
        let driven = self.drive_payment(&record.id).await?;
        let shown = Payment {
            discount,
            ..payment_dto(&driven, &names)
        };
        on_change(shown.clone());
        if matches!(
            driven.status,
            PaymentStatus::Sent | PaymentStatus::Completed
        ) && let Some(links) = self.links.upgrade()
            && let Err(error) = links.sync_now(&|_| {}).await
        {
            tracing::info!(%error, "the sync after a payment did not run");
        }
        Ok(shown)
    }
}
