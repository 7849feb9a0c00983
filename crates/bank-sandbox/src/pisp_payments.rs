//! Domestic payments: made once under an authorised consent, replayed for a repeated idempotency key,
//! and read back with their status and, in the payment details, the reason for it.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    DomesticPaymentData, DomesticPaymentRequest, DomesticPaymentResponse, Envelope, Links, Meta,
    PaymentDetailsData,
};
use sqlx::SqliteConnection;

use crate::auth;
use crate::clearing::{self, Instruction, Outcome};
use crate::idempotency::{self, Start};
use crate::ob_error::ObError;
use crate::payment_record::{self, PaymentRecord, check_consent_usable, millis};
use crate::pisp_consents::{self, PREFIX, PaymentConsent};
use crate::state::BankState;

async fn load(
    conn: &mut SqliteConnection,
    payment_id: &str,
) -> Result<Option<PaymentRecord>, ObError> {
    let row = sqlx::query("SELECT * FROM payments WHERE payment_id = ?")
        .bind(payment_id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(PaymentRecord::from_row).transpose()
}

fn response(
    bank: &BankState,
    payment: &PaymentRecord,
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
    check_consent_usable(consent.status)?;
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
    payment_record::consume_consent(&mut tx, consent_id, now_ms).await?;
    let payment = load(&mut tx, &payment_id)
        .await?
        .ok_or_else(|| ObError::internal("payment vanished"))?;
    let body = serde_json::to_string(&response(&bank, &payment, &consent, now_ms))
        .map_err(ObError::internal)?;
    payment_record::answer_created(&bank, ticket, tx, body, &payment_id, now_ms).await
}

async fn reachable_payment(
    bank: &BankState,
    headers: &HeaderMap,
    payment_id: &str,
) -> Result<(PaymentRecord, PaymentConsent), ObError> {
    let caller = auth::caller(&bank.pool, headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let payment = load(&mut conn, payment_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment."))?;
    payment.check_reach(&caller)?;
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
    Ok(Json(payment.details(
        &bank,
        "domestic-payments",
        "On its way to the payee's bank.",
        bank.now_millis(),
    )))
}
