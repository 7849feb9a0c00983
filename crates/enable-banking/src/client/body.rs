//! An Enable Banking answer read through the one capped reader (crate `bank-http`), its refusal
//! in the crate's own terms.

use reqwest::Response;

use crate::error::Error;

/// The default cap on one answer (8 MiB), as the wallet's other bank clients use.
pub use bank_http::MAX_BODY_BYTES;

/// The whole body, or an error as soon as it passes `limit` bytes.
pub(super) async fn read_capped(response: Response, limit: usize) -> Result<Vec<u8>, Error> {
    bank_http::read_capped(response, limit)
        .await
        .map_err(|refused| match refused {
            bank_http::Refused::TooLarge { limit } => Error::Protocol(
                bank_http::Refused::too_large_message(limit, "Enable Banking"),
            ),
            bank_http::Refused::Transport(error) => super::transport(&error),
        })
}
