//! What the person types to prove it is them — the payment PIN, the app password — kept only as argon2id
//! PHC strings, hashed and checked on a blocking thread (argon2id is slow on purpose).

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

use crate::error::{ApiError, ApiResult, ErrorCode};

fn internal(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, error.to_string())
}

/// A new argon2id PHC string for `secret`, with a fresh salt.
pub(crate) async fn hash(secret: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(secret.as_bytes(), &SaltString::generate(&mut OsRng))
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(internal)?
    .map_err(|error| internal(format!("a secret could not be hashed: {error}")))
}

/// Whether `secret` is the one `hash` was made from (a damaged hash matches nothing).
pub(crate) async fn matches(secret: String, hash: String) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .map_err(internal)
}
