//! Domestic payments: made once under an authorised consent, replayed for a repeated idempotency key,
//! and read back with their status and, in the payment details, the reason for it.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    DomesticPaymentData, DomesticPaymentRequest, DomesticPaymentResponse, Envelope, Links, Meta,
    PaymentConsentStatus, PaymentDetailsData, PaymentStatus, PaymentStatusEntry, StatusDetail,
    StatusReason,
};
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};

use crate::auth::{self, Caller};
use crate::clearing::{self, Instruction, Outcome};
use crate::idempotency::{self, Start};
use crate::ob_error::ObError;
use crate::pisp_consents::{self, PREFIX, PaymentConsent};
use crate::state::BankState;

fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A payment as the bank keeps it; its API status follows from the clock.
struct Payment {
    payment_id: String,
    consent_id: String,
    client_id: String,
    accepted: bool,
    reason: Option<String>,
    created_at: i64,
    settle_at: i64,
}

impl Payment {
    fn status(&self, now: i64) -> PaymentStatus {
        match (self.accepted, self.settle_at <= now) {
            (false, _) => PaymentStatus::Rejected,
            (true, true) => PaymentStatus::AcceptedSettlementCompleted,
            (true, false) => PaymentStatus::AcceptedSettlementInProcess,
        }
    }

    fn status_changed_at(&self, now: i64) -> i64 {
        if self.accepted && self.settle_at <= now {
            self.settle_at
        } else {
            self.created_at
        }
    }
}

async fn load(conn: &mut SqliteConnection, payment_id: &str) -> Result<Option<Payment>, ObError> {
    let row = sqlx::query("SELECT * FROM payments WHERE payment_id = ?")
        .bind(payment_id)
        .fetch_optional(conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Payment {
        payment_id: row.try_get("payment_id")?,
        consent_id: row.try_get("consent_id")?,
        client_id: row.try_get("client_id")?,
        accepted: row.try_get::<String, _>("status")? == "Accepted",
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
        settle_at: row.try_get("settle_at")?,
    }))
}

fn response(
    bank: &BankState,
    payment: &Payment,
    consent: &PaymentConsent,
    now: i64,
) -> DomesticPaymentResponse {
    DomesticPaymentResponse {
        data: DomesticPaymentData {
            domestic_payment_id: payment.payment_id.clone(),
            consent_id: payment.consent_id.clone(),
            creation_date_time: millis(payment.created_at),
            status: payment.status(now),
            status_update_date_time: millis(payment.status_changed_at(now)),
            expected_settlement_date_time: payment.accepted.then(|| millis(payment.settle_at)),
            charges: Vec::new(),
            initiation: consent.initiation.clone(),
        },
        links: Links {
            self_: format!(
                "{}{PREFIX}/domestic-payments/{}",
                bank.base_url, payment.payment_id
            ),
            ..Links::default()
        },
        meta: Meta::default(),
    }
}

/// The client that made a payment reaches it with its client token or the customer token it paid with.
fn check_reach(caller: &Caller, payment: &Payment) -> Result<(), ObError> {
    let own_client = caller.client_id == payment.client_id;
    let own_consent =
        caller.kind == "client" || caller.consent_id.as_deref() == Some(&payment.consent_id);
    if own_client && own_consent {
        Ok(())
    } else {
        Err(ObError::forbidden(
            "This token does not reach that payment.",
        ))
    }
}

pub async fn create(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    bank.catch_up().await?;
    let now = bank.clock.now();
    let now_ms = now.timestamp_millis();
    let caller = auth::caller(&bank.pool, &headers, now_ms).await?;
    // Before the token is matched to the consent: a wallet that lost the answer may come back with a
    // fresh client token, and must get the first answer, not a second payment.
    let (mut tx, body, ticket) =
        match idempotency::start(&bank.pool, &headers, &caller.client_id, body, now_ms).await? {
            Start::Fresh(tx, body, ticket) => (tx, body, ticket),
            Start::Replayed(response) => return Ok(response),
        };
    let request: DomesticPaymentRequest = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The payment request is not valid: {e}")))?;
    let consent_id = &request.data.consent_id;
    if caller.kind != "access" || caller.consent_id.as_deref() != Some(consent_id.as_str()) {
        return Err(ObError::forbidden(
            "A payment needs the customer's token for its own consent.",
        ));
    }
    let consent = pisp_consents::load(&mut tx, consent_id)
        .await?
        .filter(|c| c.client_id == caller.client_id)
        .ok_or_else(|| ObError::forbidden("No such payment consent for this client."))?;
    match consent.status {
        PaymentConsentStatus::Authorised => {}
        PaymentConsentStatus::Consumed => {
            return Err(invalid_consent_status(
                "The consent has already been used for a payment.",
            ));
        }
        _ => return Err(invalid_consent_status("The consent is not authorised.")),
    }
    if request.data.initiation != consent.initiation {
        return Err(ObError::new(
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Resource.ConsentMismatch",
            "The payment's Initiation differs from the one the customer approved.",
        ));
    }
    let initiation = &consent.initiation;
    let debtor = initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::internal("a payment consent without a debtor"))?;
    let remittance = initiation.remittance_information.as_ref();
    let order = Instruction {
        customer: consent.customer_id.as_deref().unwrap_or_default(),
        debtor,
        creditor: &initiation.creditor_account,
        // Less the discount of the offer reserved for the consent, if any.
        amount_minor: crate::offers::charged_minor(&mut tx, consent_id, initiation).await?,
        currency: &initiation.instructed_amount.currency,
        reference: remittance.and_then(|r| r.unstructured.as_deref().or(r.reference.as_deref())),
    };
    // 40 characters, the spec's limit for DomesticPaymentId.
    let payment_id = format!("pay-{}", uuid::Uuid::new_v4());
    let outcome = clearing::execute(&mut tx, &payment_id, &order, now).await?;
    crate::offers::settle_for_payment(&mut tx, consent_id, &payment_id, &outcome).await?;
    let (status, reason, debtor_id, creditor_id, settle_at) = match &outcome {
        Outcome::Accepted {
            debtor_account_id,
            creditor_account_id,
            settle_at,
        } => (
            "Accepted",
            None,
            Some(debtor_account_id),
            Some(creditor_account_id),
            *settle_at,
        ),
        Outcome::Rejected { reason } => ("Rejected", Some(reason), None, None, now_ms),
    };
    sqlx::query(
        "INSERT INTO payments (payment_id, consent_id, client_id, status, reason, debtor_account_id,
             creditor_account_id, amount_minor, currency, created_at, settle_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&payment_id)
    .bind(consent_id)
    .bind(&caller.client_id)
    .bind(status)
    .bind(reason)
    .bind(debtor_id)
    .bind(creditor_id)
    .bind(order.amount_minor)
    .bind(order.currency)
    .bind(now_ms)
    .bind(settle_at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE consents SET status = 'Consumed', updated_at = ? WHERE consent_id = ?")
        .bind(now_ms)
        .bind(consent_id)
        .execute(&mut *tx)
        .await?;
    let payment = load(&mut tx, &payment_id)
        .await?
        .ok_or_else(|| ObError::internal("payment vanished"))?;
    let body = serde_json::to_string(&response(&bank, &payment, &consent, now_ms))
        .map_err(ObError::internal)?;
    let answer = ticket.answer(tx, StatusCode::CREATED, body, now_ms).await?;
    if bank.faults.take_lost_payment_response() {
        // A test asked for the answer to be lost after the bank committed: the connection just drops.
        panic!(
            "sandbox: dropping the connection after committing payment {payment_id}, as a test asked"
        );
    }
    Ok(answer)
}

fn invalid_consent_status(message: &str) -> ObError {
    ObError::new(
        StatusCode::BAD_REQUEST,
        "UK.OBIE.Resource.InvalidConsentStatus",
        message,
    )
}

async fn reachable_payment(
    bank: &BankState,
    headers: &HeaderMap,
    payment_id: &str,
) -> Result<(Payment, PaymentConsent), ObError> {
    let caller = auth::caller(&bank.pool, headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let payment = load(&mut conn, payment_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment."))?;
    check_reach(&caller, &payment)?;
    let consent = pisp_consents::load(&mut conn, &payment.consent_id)
        .await?
        .ok_or_else(|| ObError::internal("a payment without its consent"))?;
    Ok((payment, consent))
}

pub async fn get(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<DomesticPaymentResponse>, ObError> {
    let (payment, consent) = reachable_payment(&bank, &headers, &payment_id).await?;
    Ok(Json(response(&bank, &payment, &consent, bank.now_millis())))
}

pub async fn details(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<Envelope<PaymentDetailsData>>, ObError> {
    let (payment, _) = reachable_payment(&bank, &headers, &payment_id).await?;
    let now = bank.now_millis();
    let status = payment.status(now);
    let status_name = serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let (reason, description) = match status {
        PaymentStatus::Rejected => (
            Some(StatusReason::ProprietaryRejection),
            payment.reason.clone(),
        ),
        PaymentStatus::AcceptedSettlementInProcess => (
            Some(StatusReason::PendingSettlement),
            Some("On its way to the payee's bank.".to_string()),
        ),
        _ => (None, None),
    };
    Ok(Json(Envelope {
        data: PaymentDetailsData {
            payment_status: vec![PaymentStatusEntry {
                payment_transaction_id: payment.payment_id.clone(),
                status: status_name.clone(),
                status_update_date_time: millis(payment.status_changed_at(now)),
                status_detail: Some(StatusDetail {
                    status: status_name,
                    status_reason: reason,
                    status_reason_description: description.map(|d| d.chars().take(256).collect()),
                }),
            }],
        },
        links: Links {
            self_: format!(
                "{}{PREFIX}/domestic-payments/{}/payment-details",
                bank.base_url, payment.payment_id
            ),
            ..Links::default()
        },
        meta: Meta::default(),
    }))
}
