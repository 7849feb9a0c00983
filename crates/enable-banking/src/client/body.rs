//! An answer read a chunk at a time up to a cap, so an endless or enormous body costs at most the cap
//! in memory and ends in a clear refusal.

use reqwest::Response;

use crate::error::Error;

/// The default cap on one answer (8 MiB), as the wallet's other bank clients use.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// The whole body, or an error as soon as it passes `limit` bytes (before reading any of it when the
/// server declares a larger `Content-Length`).
pub(super) async fn read_capped(mut response: Response, limit: usize) -> Result<Vec<u8>, Error> {
    let too_large = || {
        Error::Protocol(format!(
            "the answer is larger than the {} MiB the wallet reads; it was refused",
            limit >> 20
        ))
    };
    if response
        .content_length()
        .is_some_and(|declared| declared > limit as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| super::transport(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
