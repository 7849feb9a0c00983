//! What every payment kind keeps once a payment is made: the stored record, its status by the clock, who
//! may reach it, the payment-details answer; and the rules of the consent it is made under.

use axum::http::StatusCode;
use bank_api::wire::{
    Envelope, Links, Meta, PaymentConsentStatus, PaymentDetailsData, PaymentStatus,
    PaymentStatusEntry, StatusDetail, StatusReason,
};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::PREFIX;
use super::consent::millis;
use crate::auth::Caller;
use crate::ob_error::ObError;
use crate::state::BankState;

/// A payment as the bank keeps it; its API status follows from the clock.
pub struct PaymentRecord {
    pub payment_id: String,
    pub consent_id: String,
    pub client_id: String,
    pub accepted: bool,
    pub reason: Option<String>,
    pub created_at: i64,
    pub settle_at: i64,
}

impl PaymentRecord {
    /// The columns every payment table has.
    pub fn from_row(row: &SqliteRow) -> Result<Self, ObError> {
        Ok(Self {
            payment_id: row.try_get("payment_id")?,
            consent_id: row.try_get("consent_id")?,
            client_id: row.try_get("client_id")?,
            accepted: row.try_get::<String, _>("status")? == "Accepted",
            reason: row.try_get("reason")?,
            created_at: row.try_get("created_at")?,
            settle_at: row.try_get("settle_at")?,
        })
    }

    pub fn status(&self, now: i64) -> PaymentStatus {
        match (self.accepted, self.settle_at <= now) {
            (false, _) => PaymentStatus::Rejected,
            (true, true) => PaymentStatus::AcceptedSettlementCompleted,
            (true, false) => PaymentStatus::AcceptedSettlementInProcess,
        }
    }

    pub fn status_changed_at(&self, now: i64) -> i64 {
        if self.accepted && self.settle_at <= now {
            self.settle_at
        } else {
            self.created_at
        }
    }

    /// The client that made a payment reaches it with its client token or the customer token it paid with.
    pub fn check_reach(&self, caller: &Caller) -> Result<(), ObError> {
        let own_client = caller.client_id == self.client_id;
        let own_consent =
            caller.kind == "client" || caller.consent_id.as_deref() == Some(&self.consent_id);
        if own_client && own_consent {
            Ok(())
        } else {
            Err(ObError::forbidden(
                "This token does not reach that payment.",
            ))
        }
    }

    /// The payment-details answer: the status, and why (the rejection, or `in_process` while it settles).
    /// `resource` is the kind's path segment (`domestic-payments`, `international-payments`).
    pub fn details(
        &self,
        bank: &BankState,
        resource: &str,
        in_process: &str,
        now: i64,
    ) -> Envelope<PaymentDetailsData> {
        let status = self.status(now);
        let status_name = serde_json::to_value(status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let (reason, description) = match status {
            PaymentStatus::Rejected => (
                Some(StatusReason::ProprietaryRejection),
                self.reason.clone(),
            ),
            PaymentStatus::AcceptedSettlementInProcess => (
                Some(StatusReason::PendingSettlement),
                Some(in_process.to_string()),
            ),
            _ => (None, None),
        };
        Envelope {
            data: PaymentDetailsData {
                payment_status: vec![PaymentStatusEntry {
                    payment_transaction_id: self.payment_id.clone(),
                    status: status_name.clone(),
                    status_update_date_time: millis(self.status_changed_at(now)),
                    status_detail: Some(StatusDetail {
                        status: status_name,
                        status_reason: reason,
                        status_reason_description: description
                            .map(|d| d.chars().take(256).collect()),
                    }),
                }],
            },
            links: Links {
                self_: format!(
                    "{}{PREFIX}/{resource}/{}/payment-details",
                    bank.base_url, self.payment_id
                ),
                ..Links::default()
            },
            meta: Meta::default(),
        }
    }
}

/// A payment is made once under an authorised consent; any other status refuses it.
pub fn check_consent_usable(status: PaymentConsentStatus) -> Result<(), ObError> {
    match status {
        PaymentConsentStatus::Authorised => Ok(()),
        PaymentConsentStatus::Consumed => Err(invalid_consent_status(
            "The consent has already been used for a payment.",
        )),
        _ => Err(invalid_consent_status("The consent is not authorised.")),
    }
}

pub fn invalid_consent_status(message: &str) -> ObError {
    ObError::new(
        StatusCode::BAD_REQUEST,
        "UK.OBIE.Resource.InvalidConsentStatus",
        message,
    )
}

/// Marks the consent a payment was just made under as used: one payment per consent.
pub async fn consume_consent(
    conn: &mut sqlx::SqliteConnection,
    consent_id: &str,
    now_ms: i64,
) -> Result<(), ObError> {
    sqlx::query("UPDATE consents SET status = 'Consumed', updated_at = ? WHERE consent_id = ?")
        .bind(now_ms)
        .bind(consent_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The new payment's answer, remembered under its key and committed with it; then, if a test asked for
/// the answer to be lost after the bank committed, the connection just drops.
pub async fn answer_created(
    bank: &BankState,
    ticket: crate::idempotency::Ticket,
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    body: String,
    payment_id: &str,
    now_ms: i64,
) -> Result<axum::response::Response, ObError> {
    let answer = ticket.answer(tx, StatusCode::CREATED, body, now_ms).await?;
    if bank.faults.take_lost_payment_response() {
        panic!(
            "sandbox: dropping the connection after committing payment {payment_id}, as a test asked"
        );
    }
    Ok(answer)
}
