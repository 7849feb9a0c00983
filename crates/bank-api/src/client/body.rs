//! A bank's answer read through the one capped reader (crate `bank-http`), its refusal in the
//! client's own terms.

use reqwest::Response;

use crate::error::BankError;

pub use bank_http::MAX_BODY_BYTES;

/// The whole body, or an error as soon as it passes `limit` bytes.
pub(super) async fn read_capped(response: Response, limit: usize) -> Result<Vec<u8>, BankError> {
    bank_http::read_capped(response, limit)
        .await
        .map_err(|refused| match refused {
            bank_http::Refused::TooLarge { limit } => {
                BankError::Protocol(bank_http::Refused::too_large_message(limit, "a bank"))
            }
            bank_http::Refused::Transport(error) => BankError::Protocol(super::root_cause(&error)),
        })
}
