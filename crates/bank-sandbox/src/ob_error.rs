//! Errors in the spec's `OBErrorResponse1` shape, with the right HTTP status and `UK.OBIE.*` codes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bank_api::wire::{ErrorDetail, ErrorResponse};

#[derive(Debug)]
pub struct ObError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ObError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "UK.OBIE.Unauthorised", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "UK.OBIE.Reauthenticate", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "UK.OBIE.Resource.NotFound", message)
    }

    /// An id in the path that the bank does not know (the spec lists 400, not 404, for these).
    pub fn unknown_resource(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Resource.NotFound",
            message,
        )
    }

    pub fn invalid_header(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "UK.OBIE.Header.Invalid", message)
    }

    pub fn invalid_field(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "UK.OBIE.Field.Invalid", message)
    }

    pub fn internal(error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "sandbox failure");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "UK.OBIE.UnexpectedError",
            "Unexpected error",
        )
    }
}

impl From<sqlx::Error> for ObError {
    fn from(error: sqlx::Error) -> Self {
        Self::internal(error)
    }
}

impl From<anyhow::Error> for ObError {
    fn from(error: anyhow::Error) -> Self {
        Self::internal(error)
    }
}

impl IntoResponse for ObError {
    fn into_response(self) -> Response {
        let body = ErrorResponse {
            code: self.status.as_u16().to_string(),
            id: Some(uuid::Uuid::new_v4().to_string()),
            message: self
                .status
                .canonical_reason()
                .unwrap_or("Error")
                .to_string(),
            errors: vec![ErrorDetail {
                error_code: self.code.to_string(),
                message: self.message,
                path: None,
            }],
        };
        (self.status, Json(body)).into_response()
    }
}
