//! Account-access consents: created by the wallet with a client token, approved by the customer on the
//! authorize page, read and revoked through the API.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bank_api::wire::{
    ConsentData, ConsentRequest, ConsentResponse, ConsentStatus, Links, Meta, Permission, Risk,
};
use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::auth;
use crate::ob_error::ObError;
use crate::state::BankState;

const PREFIX: &str = "/open-banking/v3.1/aisp/account-access-consents";

fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn permission_names(permissions: &[Permission]) -> String {
    permissions
        .iter()
        .filter_map(|p| match serde_json::to_value(p) {
            Ok(serde_json::Value::String(name)) => Some(name),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_permissions(text: &str) -> Vec<Permission> {
    text.split(',')
        .filter_map(|name| serde_json::from_value(serde_json::Value::String(name.to_string())).ok())
        .collect()
}

pub async fn create(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<ConsentRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    let now = bank.now_millis();
    let caller = auth::caller(&bank.pool, &headers, now).await?;
    if caller.kind != "client" {
        return Err(ObError::forbidden(
            "Consents are created with a client-credentials token.",
        ));
    }
    let Json(request) =
        body.map_err(|e| ObError::invalid_field(format!("The consent request is not valid: {e}")))?;
    if request.data.permissions.is_empty() {
        return Err(ObError::invalid_field("Permissions must not be empty."));
    }
    if request
        .data
        .expiration_date_time
        .is_some_and(|t| t.timestamp_millis() <= now)
    {
        return Err(ObError::invalid_field("ExpirationDateTime is in the past."));
    }
    let consent_id = format!("aac-{}", uuid::Uuid::new_v4());
    sqlx::query(
        "INSERT INTO consents (consent_id, client_id, status, permissions, created_at, updated_at, expires_at)
         VALUES (?, ?, 'AwaitingAuthorisation', ?, ?, ?, ?)",
    )
    .bind(&consent_id)
    .bind(&caller.client_id)
    .bind(permission_names(&request.data.permissions))
    .bind(now)
    .bind(now)
    .bind(request.data.expiration_date_time.map(|t| t.timestamp_millis()))
    .execute(&bank.pool)
    .await?;
    let response = read(&bank, &consent_id)
        .await?
        .ok_or_else(|| ObError::internal("consent vanished"))?;
    Ok((StatusCode::CREATED, Json(response)).into_response())
}

pub async fn get(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<ConsentResponse>, ObError> {
    let caller = auth::caller(&bank.pool, &headers, bank.now_millis()).await?;
    let found = read(&bank, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such consent."))?;
    check_owner(&bank, &caller, &consent_id).await?;
    Ok(Json(found))
}

pub async fn delete(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<StatusCode, ObError> {
    let now = bank.now_millis();
    let caller = auth::caller(&bank.pool, &headers, now).await?;
    if read(&bank, &consent_id).await?.is_none() {
        return Err(ObError::unknown_resource("No such consent."));
    }
    check_owner(&bank, &caller, &consent_id).await?;
    let changed =
        // Deleting by the wallet removes the consent from the API (the row stays, as 'Deleted', so its
        // id is never reused); 'Revoked' in the spec means revoked by the customer at the bank.
        sqlx::query("UPDATE consents SET status = 'Deleted', updated_at = ? WHERE consent_id = ? AND status <> 'Deleted'")
            .bind(now)
            .bind(&consent_id)
            .execute(&bank.pool)
            .await?
            .rows_affected();
    if changed == 0 {
        return Err(ObError::unknown_resource("No such consent."));
    }
    sqlx::query("DELETE FROM tokens WHERE consent_id = ?")
        .bind(&consent_id)
        .execute(&bank.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A client token reaches only its own client's consents; an access token only its own consent.
async fn check_owner(
    bank: &BankState,
    caller: &auth::Caller,
    consent_id: &str,
) -> Result<(), ObError> {
    if caller.kind == "access" && caller.consent_id.as_deref() != Some(consent_id) {
        return Err(ObError::forbidden("This token belongs to another consent."));
    }
    let client: Option<String> =
        sqlx::query_scalar("SELECT client_id FROM consents WHERE consent_id = ?")
            .bind(consent_id)
            .fetch_optional(&bank.pool)
            .await?;
    if client.as_deref() != Some(caller.client_id.as_str()) {
        return Err(ObError::forbidden(
            "This consent belongs to another client.",
        ));
    }
    Ok(())
}

async fn read(bank: &BankState, consent_id: &str) -> Result<Option<ConsentResponse>, ObError> {
    let row = sqlx::query(
        "SELECT * FROM consents WHERE consent_id = ? AND status <> 'Deleted' AND kind = 'accounts'",
    )
    .bind(consent_id)
    .fetch_optional(&bank.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status = match row.try_get::<String, _>("status")?.as_str() {
        "Authorised" => ConsentStatus::Authorised,
        "Rejected" => ConsentStatus::Rejected,
        "Revoked" => ConsentStatus::Revoked,
        _ => ConsentStatus::AwaitingAuthorisation,
    };
    Ok(Some(ConsentResponse {
        data: ConsentData {
            consent_id: consent_id.to_string(),
            creation_date_time: millis(row.try_get("created_at")?),
            status,
            status_update_date_time: millis(row.try_get("updated_at")?),
            permissions: parse_permissions(&row.try_get::<String, _>("permissions")?),
            expiration_date_time: row.try_get::<Option<i64>, _>("expires_at")?.map(millis),
            transaction_from_date_time: None,
            transaction_to_date_time: None,
        },
        risk: Risk {},
        links: Links {
            self_: format!("{}{PREFIX}/{consent_id}", bank.base_url),
            ..Links::default()
        },
        meta: Meta {
            total_pages: Some(1),
            ..Meta::default()
        },
    }))
}

/// An authorised account-access consent as a data call sees it: whose it is, and which consent (the
/// accounts the customer chose for it are the only ones it shows).
#[derive(Debug, Clone)]
pub struct Grant {
    pub customer: String,
    pub consent_id: String,
}

/// The customer behind an access token, if its consent is authorised and grants one of `needed`.
pub async fn authorised_customer(
    bank: &BankState,
    headers: &HeaderMap,
    needed: &[Permission],
) -> Result<String, ObError> {
    Ok(authorised_grant(bank, headers, needed).await?.customer)
}

/// The consent behind an access token, if it is authorised and grants one of `needed`.
pub async fn authorised_grant(
    bank: &BankState,
    headers: &HeaderMap,
    needed: &[Permission],
) -> Result<Grant, ObError> {
    let now = bank.now_millis();
    let caller = auth::caller(&bank.pool, headers, now).await?;
    let consent_id = caller
        .consent_id
        .filter(|_| caller.kind == "access")
        .ok_or_else(|| {
            ObError::forbidden("This call needs a customer's access token, not a client token.")
        })?;
    let row = sqlx::query(
        "SELECT status, permissions, customer_id, expires_at FROM consents WHERE consent_id = ?",
    )
    .bind(&consent_id)
    .fetch_optional(&bank.pool)
    .await?
    .ok_or_else(|| ObError::forbidden("The consent no longer exists."))?;
    if row.try_get::<String, _>("status")? != "Authorised" {
        return Err(ObError::forbidden("The consent is not authorised."));
    }
    if row
        .try_get::<Option<i64>, _>("expires_at")?
        .is_some_and(|e| e <= now)
    {
        return Err(ObError::forbidden("The consent has expired."));
    }
    let granted = parse_permissions(&row.try_get::<String, _>("permissions")?);
    if !needed.iter().any(|p| granted.contains(p)) {
        return Err(ObError::new(
            StatusCode::FORBIDDEN,
            "UK.OBIE.Resource.ConsentMismatch",
            "The consent does not grant this.",
        ));
    }
    let customer = row
        .try_get::<Option<String>, _>("customer_id")?
        .ok_or_else(|| ObError::forbidden("The consent has no customer."))?;
    Ok(Grant {
        customer,
        consent_id,
    })
}
