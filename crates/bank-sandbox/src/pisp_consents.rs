//! Domestic payment consents: the wallet states the payment (client token), the customer approves it on
//! the authorize page, and the wallet may ask whether the funds are there (customer token).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    DomesticConsentData, DomesticConsentRequest, DomesticConsentResponse, DomesticInitiation,
    Envelope, FundsConfirmationData, Links, Meta, PaymentConsentStatus, PaymentRisk,
};
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};

use crate::auth;
use crate::clearing;
use crate::idempotency::{self, Start};
use crate::ob_error::ObError;
use crate::payment_consent_rules;
use crate::state::BankState;

pub const PREFIX: &str = "/open-banking/v3.1/pisp";

fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A payment consent as the bank keeps it.
pub struct PaymentConsent {
    pub consent_id: String,
    pub client_id: String,
    pub customer_id: Option<String>,
    pub status: PaymentConsentStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub initiation: DomesticInitiation,
    pub risk: PaymentRisk,
}

pub async fn load(
    conn: &mut SqliteConnection,
    consent_id: &str,
) -> Result<Option<PaymentConsent>, ObError> {
    let row = sqlx::query(
        "SELECT c.client_id, c.customer_id, c.status, c.created_at, c.updated_at, p.initiation_json, p.risk_json
         FROM consents c JOIN payment_consents p ON p.consent_id = c.consent_id
         WHERE c.consent_id = ? AND c.kind = 'domestic-payment'",
    )
    .bind(consent_id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status = payment_consent_rules::status_from_stored(&row.try_get::<String, _>("status")?);
    Ok(Some(PaymentConsent {
        consent_id: consent_id.to_string(),
        client_id: row.try_get("client_id")?,
        customer_id: row.try_get("customer_id")?,
        status,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        initiation: serde_json::from_str(&row.try_get::<String, _>("initiation_json")?)
            .map_err(ObError::internal)?,
        risk: serde_json::from_str(&row.try_get::<String, _>("risk_json")?)
            .map_err(ObError::internal)?,
    }))
}

pub fn response(bank: &BankState, consent: &PaymentConsent) -> DomesticConsentResponse {
    DomesticConsentResponse {
        data: DomesticConsentData {
            consent_id: consent.consent_id.clone(),
            creation_date_time: millis(consent.created_at),
            status: consent.status,
            status_update_date_time: millis(consent.updated_at),
            charges: Vec::new(),
            initiation: consent.initiation.clone(),
        },
        risk: consent.risk.clone(),
        links: Links {
            self_: format!(
                "{}{PREFIX}/domestic-payment-consents/{}",
                bank.base_url, consent.consent_id
            ),
            ..Links::default()
        },
        meta: Meta::default(),
    }
}

/// The amount in minor units of its currency, or why it cannot be paid at all.
pub fn amount_minor(initiation: &DomesticInitiation) -> Result<i64, ObError> {
    let amount = &initiation.instructed_amount;
    let currency: wallet_core::Currency = amount.currency.parse().map_err(|_| {
        ObError::invalid_field(format!(
            "{} is not a currency this bank knows.",
            amount.currency
        ))
    })?;
    let money = wallet_core::Money::new(amount.amount, currency)
        .map_err(|e| ObError::invalid_field(format!("InstructedAmount: {e}")))?;
    let minor = money
        .to_minor()
        .map_err(|e| ObError::invalid_field(format!("InstructedAmount: {e}")))?;
    if minor <= 0 {
        return Err(ObError::invalid_field(
            "InstructedAmount must be more than zero.",
        ));
    }
    Ok(minor)
}

fn check_initiation(initiation: &DomesticInitiation) -> Result<(), ObError> {
    let within = |name: &str, text: &str, max: usize| {
        let length = text.chars().count();
        if length == 0 || length > max {
            Err(ObError::invalid_field(format!(
                "{name} must be 1 to {max} characters."
            )))
        } else {
            Ok(())
        }
    };
    within(
        "InstructionIdentification",
        &initiation.instruction_identification,
        35,
    )?;
    within(
        "EndToEndIdentification",
        &initiation.end_to_end_identification,
        35,
    )?;
    let creditor = &initiation.creditor_account;
    within(
        "CreditorAccount.Identification",
        &creditor.identification,
        256,
    )?;
    match &creditor.name {
        Some(name) => within("CreditorAccount.Name", name, 350)?,
        None => return Err(ObError::invalid_field("CreditorAccount.Name is required.")),
    }
    // Deviation: the sandbox has no account picker on its authorize page, so the wallet names the debtor.
    let debtor = initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::invalid_field("DebtorAccount is required by this bank."))?;
    within("DebtorAccount.Identification", &debtor.identification, 256)?;
    if let Some(remittance) = &initiation.remittance_information {
        if let Some(text) = &remittance.unstructured {
            within("RemittanceInformation.Unstructured", text, 140)?;
        }
        if let Some(text) = &remittance.reference {
            within("RemittanceInformation.Reference", text, 35)?;
        }
    }
    amount_minor(initiation).map(|_| ())
}

pub async fn create(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    let now = bank.now_millis();
    let caller = auth::caller(&bank.pool, &headers, now).await?;
    if caller.kind != "client" {
        return Err(ObError::forbidden(
            "Payment consents are created with a client-credentials token.",
        ));
    }
    let (mut tx, body, ticket) =
        match idempotency::start(&bank.pool, &headers, &caller.client_id, body, now).await? {
            Start::Fresh(tx, body, ticket) => (tx, body, ticket),
            Start::Replayed(response) => return Ok(response),
        };
    let request: DomesticConsentRequest = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The consent request is not valid: {e}")))?;
    check_initiation(&request.data.initiation)?;
    let consent_id = format!("pdc-{}", uuid::Uuid::new_v4());
    sqlx::query(
        "INSERT INTO consents (consent_id, client_id, status, permissions, created_at, updated_at, kind)
         VALUES (?, ?, 'AwaitingAuthorisation', '', ?, ?, 'domestic-payment')",
    )
    .bind(&consent_id)
    .bind(&caller.client_id)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO payment_consents (consent_id, initiation_json, risk_json) VALUES (?, ?, ?)",
    )
    .bind(&consent_id)
    .bind(serde_json::to_string(&request.data.initiation).map_err(ObError::internal)?)
    .bind(serde_json::to_string(&request.risk).map_err(ObError::internal)?)
    .execute(&mut *tx)
    .await?;
    crate::offers::reserve_for_consent(&mut tx, &consent_id, &request.data.initiation, now).await?;
    let consent = load(&mut tx, &consent_id)
        .await?
        .ok_or_else(|| ObError::internal("payment consent vanished"))?;
    let body = serde_json::to_string(&response(&bank, &consent)).map_err(ObError::internal)?;
    let answer = ticket.answer(tx, StatusCode::CREATED, body, now).await?;
    Ok(answer)
}

pub async fn get(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<DomesticConsentResponse>, ObError> {
    let caller = auth::caller(&bank.pool, &headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let consent = load(&mut conn, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment consent."))?;
    payment_consent_rules::check_reach(&caller, &consent.client_id, &consent.consent_id)?;
    Ok(Json(response(&bank, &consent)))
}

pub async fn funds_confirmation(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<Envelope<FundsConfirmationData>>, ObError> {
    bank.catch_up().await?;
    let now = bank.clock.now();
    let caller = auth::caller(&bank.pool, &headers, now.timestamp_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let consent = load(&mut conn, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment consent."))?;
    payment_consent_rules::check_funds_asker(&caller, &consent.consent_id, consent.status)?;
    let customer = consent.customer_id.clone().unwrap_or_default();
    let minor =
        crate::offers::charged_minor(&mut conn, &consent.consent_id, &consent.initiation).await?;
    let available =
        clearing::funds_available(&mut conn, &consent.initiation, &customer, minor, now).await?;
    Ok(Json(payment_consent_rules::funds_answer(
        &bank,
        "domestic-payment-consents",
        &consent_id,
        available,
        now,
    )))
}
