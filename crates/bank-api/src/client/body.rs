//! A bank's answer read a chunk at a time up to a cap, so a bank (or anyone on the way) sending an endless
//! or enormous body costs the wallet at most the cap in memory, and gets a clear refusal.

use reqwest::Response;

use crate::error::BankError;

/// The default cap on one answer: a page of the sandbox's 1,000 transactions is about 1 MiB, so this leaves
/// room for a bank with larger pages or longer lines, and no more.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// The whole body, or an error as soon as it passes `limit` bytes (before reading any of it when the bank
/// declares a larger `Content-Length`).
pub(super) async fn read_capped(
    mut response: Response,
    limit: usize,
) -> Result<Vec<u8>, BankError> {
    let too_large = || {
        BankError::Protocol(format!(
            "the answer is larger than the {} the wallet reads from a bank; it was refused",
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
        .map_err(|e| BankError::Protocol(super::root_cause(&e)))?
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
