//! An answer read a chunk at a time up to a cap, so a server (or anyone on the way) sending an endless or
//! enormous body costs the wallet at most the cap in memory, and gets a clear refusal.

use reqwest::Response;

use crate::error::SimplefinError;

/// The default cap on one answer: 8 MiB, the cap the wallet uses for every bank answer. A year of a
/// busy account is well under 1 MiB of SimpleFIN JSON.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// The whole body, or an error as soon as it passes `limit` bytes (before reading any of it when the
/// server declares a larger `Content-Length`).
pub(crate) async fn read_capped(
    mut response: Response,
    limit: usize,
) -> Result<Vec<u8>, SimplefinError> {
    let too_large = || {
        SimplefinError::Malformed(format!(
            "the answer is larger than the {} the wallet reads from SimpleFIN; it was refused",
            size(limit)
        ))
    };
    if response
        .content_length()
        .is_some_and(|declared| declared > limit as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| crate::client::transport_error(&e))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}
