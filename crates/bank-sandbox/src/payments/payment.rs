//! The payment steps of every payment kind: made once under an authorised consent (replayed for a repeated
//! idempotency key), read back with its status, and its details with the reason for that status.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use bank_api::wire::{Envelope, PaymentDetailsData};
use sqlx::SqliteConnection;

use super::consent::{self, Consent};
use super::kind::PaymentKind;
use super::record::{self, PaymentRecord, check_consent_usable};
use crate::auth;
use crate::idempotency::{self, Start};
use crate::ob_error::ObError;
use crate::state::BankState;

/// A payment as the bank keeps it: the record every kind has, and the kind's own part.
pub struct Payment<K: PaymentKind> {
    pub record: PaymentRecord,
    pub booked: K::Booked,
}

async fn load<K: PaymentKind>(
    conn: &mut SqliteConnection,
    payment_id: &str,
) -> Result<Option<Payment<K>>, ObError> {
    let row = sqlx::query(&format!(
        "SELECT * FROM {} WHERE payment_id = ?",
        K::PAYMENT_TABLE
    ))
    .bind(payment_id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Payment {
        record: PaymentRecord::from_row(&row)?,
        booked: K::booked_from_row(&row)?,
    }))
}

pub async fn create<K: PaymentKind>(
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
    let request: K::PaymentRequest = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The payment request is not valid: {e}")))?;
    let consent_id = K::consent_id_of(&request);
    if caller.kind != "access" || caller.consent_id.as_deref() != Some(consent_id) {
        return Err(ObError::forbidden(
            "A payment needs the customer's token for its own consent.",
        ));
    }
    let consent = consent::load::<K>(&mut tx, consent_id)
        .await?
        .filter(|c| c.client_id == caller.client_id)
        .ok_or_else(|| ObError::forbidden("No such payment consent for this client."))?;
    check_consent_usable(consent.status)?;
    K::check_payment(&request, &consent, now_ms)?;
    let payment_id = format!("{}{}", K::PAYMENT_ID_PREFIX, uuid::Uuid::new_v4());
    K::make(&mut tx, &bank, &consent, &payment_id, now).await?;
    record::consume_consent(&mut tx, consent_id, now_ms).await?;
    let payment = load::<K>(&mut tx, &payment_id)
        .await?
        .ok_or_else(|| ObError::internal("payment vanished"))?;
    let body = serde_json::to_string(&K::payment_response(&bank, &payment, &consent, now_ms))
        .map_err(ObError::internal)?;
    record::answer_created(&bank, ticket, tx, body, &payment_id, now_ms).await
}

async fn reachable_payment<K: PaymentKind>(
    bank: &BankState,
    headers: &HeaderMap,
    payment_id: &str,
) -> Result<(Payment<K>, Consent<K>), ObError> {
    let caller = auth::caller(&bank.pool, headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let payment = load::<K>(&mut conn, payment_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment."))?;
    payment.record.check_reach(&caller)?;
    let consent = consent::load::<K>(&mut conn, &payment.record.consent_id)
        .await?
        .ok_or_else(|| ObError::internal("a payment without its consent"))?;
    Ok((payment, consent))
}

pub async fn get<K: PaymentKind>(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<K::PaymentResponse>, ObError> {
    let (payment, consent) = reachable_payment::<K>(&bank, &headers, &payment_id).await?;
    Ok(Json(K::payment_response(
        &bank,
        &payment,
        &consent,
        bank.now_millis(),
    )))
}

pub async fn details<K: PaymentKind>(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<Envelope<PaymentDetailsData>>, ObError> {
    let (payment, _) = reachable_payment::<K>(&bank, &headers, &payment_id).await?;
    Ok(Json(payment.record.details(
        &bank,
        K::PAYMENTS,
        K::IN_PROCESS,
        bank.now_millis(),
    )))
}
