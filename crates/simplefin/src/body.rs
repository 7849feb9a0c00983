//! A SimpleFIN answer read through the one capped reader (crate `bank-http`), its refusal in the
//! crate's own terms.

use reqwest::Response;

use crate::error::SimplefinError;

/// The default cap on one answer: 8 MiB, the cap the wallet uses for every bank answer.
pub use bank_http::MAX_BODY_BYTES;

/// The whole body, or an error as soon as it passes `limit` bytes.
pub(crate) async fn read_capped(
    response: Response,
    limit: usize,
) -> Result<Vec<u8>, SimplefinError> {
    bank_http::read_capped(response, limit)
        .await
        .map_err(|refused| match refused {
            bank_http::Refused::TooLarge { limit } => {
                SimplefinError::Malformed(bank_http::Refused::too_large_message(limit, "SimpleFIN"))
            }
            bank_http::Refused::Transport(error) => crate::client::transport_error(&error),
        })
}
