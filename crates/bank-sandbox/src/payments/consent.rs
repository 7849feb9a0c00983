//! The consent steps of every payment kind: create (client token, idempotent), read, and funds
//! confirmation (the customer's token, once the customer approved it on the authorize page).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    DomesticInitiation, Envelope, FundsAvailableResult, FundsConfirmationData, Links, Meta,
    PaymentConsentStatus,
};
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};

use super::PREFIX;
use super::kind::PaymentKind;
use super::record::invalid_consent_status;
use crate::auth::{self, Caller};
use crate::idempotency::{self, Start};
use crate::ob_error::ObError;
use crate::state::BankState;

/// A payment consent as the bank keeps it: what every kind has, and the kind's `terms`.
pub struct Consent<K: PaymentKind> {
    pub consent_id: String,
    pub client_id: String,
    pub customer_id: Option<String>,
    pub status: PaymentConsentStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub terms: K::Terms,
}

impl<K: PaymentKind> Consent<K> {
    /// The customer who approved it (empty before anyone did).
    pub fn customer(&self) -> &str {
        self.customer_id.as_deref().unwrap_or_default()
    }

    /// The consent's own link, for its answers.
    pub fn links(&self, bank: &BankState) -> Links {
        links(bank, K::CONSENTS, &self.consent_id)
    }
}

pub fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The link to `{PREFIX}/{resource}/{id}`.
pub fn links(bank: &BankState, resource: &str, id: &str) -> Links {
    Links {
        self_: format!("{}{PREFIX}/{resource}/{id}", bank.base_url),
        ..Links::default()
    }
}

/// The consent's status as the `consents` table keeps it.
fn status_from_stored(stored: &str) -> PaymentConsentStatus {
    match stored {
        "Authorised" => PaymentConsentStatus::Authorised,
        "Consumed" => PaymentConsentStatus::Consumed,
        "Rejected" => PaymentConsentStatus::Rejected,
        _ => PaymentConsentStatus::AwaitingAuthorisation,
    }
}

pub async fn load<K: PaymentKind>(
    conn: &mut SqliteConnection,
    consent_id: &str,
) -> Result<Option<Consent<K>>, ObError> {
    let row = sqlx::query(
        "SELECT client_id, customer_id, status, created_at, updated_at FROM consents
         WHERE consent_id = ? AND kind = ?",
    )
    .bind(consent_id)
    .bind(K::STORED)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let Some(terms) = K::load_terms(conn, consent_id).await? else {
        return Ok(None);
    };
    Ok(Some(Consent {
        consent_id: consent_id.to_string(),
        client_id: row.try_get("client_id")?,
        customer_id: row.try_get("customer_id")?,
        status: status_from_stored(&row.try_get::<String, _>("status")?),
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        terms,
    }))
}

/// What the authorize page shows of the consent, if it is one of kind `K`.
pub async fn summary<K: PaymentKind>(
    conn: &mut SqliteConnection,
    consent_id: &str,
) -> Result<Option<DomesticInitiation>, ObError> {
    Ok(load::<K>(conn, consent_id)
        .await?
        .map(|consent| K::summary(&consent.terms)))
}

/// Only the client that created a payment consent, or a customer token for it, may see it.
fn check_reach(caller: &Caller, client_id: &str, consent_id: &str) -> Result<(), ObError> {
    let own_client = caller.client_id == client_id;
    let own_consent = caller.kind == "client" || caller.consent_id.as_deref() == Some(consent_id);
    if own_client && own_consent {
        Ok(())
    } else {
        Err(ObError::forbidden(
            "This token does not reach that consent.",
        ))
    }
}

/// Funds are confirmed only to the customer's token for an authorised consent.
fn check_funds_asker(
    caller: &Caller,
    consent_id: &str,
    status: PaymentConsentStatus,
) -> Result<(), ObError> {
    if caller.kind != "access" || caller.consent_id.as_deref() != Some(consent_id) {
        return Err(ObError::forbidden(
            "Funds are confirmed only to the customer's token for this consent.",
        ));
    }
    if status != PaymentConsentStatus::Authorised {
        return Err(invalid_consent_status("The consent is not authorised."));
    }
    Ok(())
}

pub async fn create<K: PaymentKind>(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    let now = bank.clock.now();
    let now_ms = now.timestamp_millis();
    let caller = auth::caller(&bank.pool, &headers, now_ms).await?;
    if caller.kind != "client" {
        return Err(ObError::forbidden(
            "Payment consents are created with a client-credentials token.",
        ));
    }
    let (mut tx, body, ticket) =
        match idempotency::start(&bank.pool, &headers, &caller.client_id, body, now_ms).await? {
            Start::Fresh(tx, body, ticket) => (tx, body, ticket),
            Start::Replayed(response) => return Ok(response),
        };
    let request: K::ConsentRequest = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The consent request is not valid: {e}")))?;
    let consent_id = format!("{}{}", K::CONSENT_ID_PREFIX, uuid::Uuid::new_v4());
    sqlx::query(
        "INSERT INTO consents (consent_id, client_id, status, permissions, created_at, updated_at, kind)
         VALUES (?, ?, 'AwaitingAuthorisation', '', ?, ?, ?)",
    )
    .bind(&consent_id)
    .bind(&caller.client_id)
    .bind(now_ms)
    .bind(now_ms)
    .bind(K::STORED)
    .execute(&mut *tx)
    .await?;
    // Refused here, the whole transaction (the row above too) is dropped: nothing is kept.
    K::open(&mut tx, &bank, &caller, &request, &consent_id, now).await?;
    let consent = load::<K>(&mut tx, &consent_id)
        .await?
        .ok_or_else(|| ObError::internal("payment consent vanished"))?;
    let body =
        serde_json::to_string(&K::consent_response(&bank, &consent)).map_err(ObError::internal)?;
    let answer = ticket.answer(tx, StatusCode::CREATED, body, now_ms).await?;
    Ok(answer)
}

pub async fn get<K: PaymentKind>(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<K::ConsentResponse>, ObError> {
    let caller = auth::caller(&bank.pool, &headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let consent = load::<K>(&mut conn, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment consent."))?;
    check_reach(&caller, &consent.client_id, &consent.consent_id)?;
    Ok(Json(K::consent_response(&bank, &consent)))
}

pub async fn funds_confirmation<K: PaymentKind>(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<Envelope<FundsConfirmationData>>, ObError> {
    bank.catch_up().await?;
    let now = bank.clock.now();
    let caller = auth::caller(&bank.pool, &headers, now.timestamp_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let consent = load::<K>(&mut conn, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment consent."))?;
    check_funds_asker(&caller, &consent.consent_id, consent.status)?;
    let available = K::funds_available(&mut conn, &consent, now).await?;
    let mut links = consent.links(&bank);
    links.self_.push_str("/funds-confirmation");
    Ok(Json(Envelope {
        data: FundsConfirmationData {
            funds_available_result: Some(FundsAvailableResult {
                funds_available_date_time: now,
                funds_available: available,
            }),
        },
        links,
        meta: Meta::default(),
    }))
}
