//! An HTTP answer read a chunk at a time up to a cap, so a server (or anyone on the way) sending an
//! endless or enormous body costs the wallet at most the cap in memory and gets a clear refusal
//! (docs/decisions/bank-answers-capped.md); each client maps [`Refused`] onto its own error.

use reqwest::Response;

/// The default cap on one answer: a page of the sandbox's 1,000 transactions is about 1 MiB, and a
/// year of a busy account is well under 1 MiB of SimpleFIN JSON, so this leaves room and no more.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// Why an answer was not read whole.
#[derive(Debug)]
pub enum Refused {
    /// Larger than `limit` bytes (declared so, or found so while reading).
    TooLarge { limit: usize },
    /// The connection failed while reading.
    Transport(reqwest::Error),
}

impl Refused {
    /// What to tell a person of a too-large answer from `whom` ("a bank", "SimpleFIN").
    pub fn too_large_message(limit: usize, whom: &str) -> String {
        format!(
            "the answer is larger than the {} the wallet reads from {whom}; it was refused",
            size(limit)
        )
    }
}

/// The whole body, or `TooLarge` as soon as it passes `limit` bytes (before reading any of it when the
/// server declares a larger `Content-Length`).
pub async fn read_capped(mut response: Response, limit: usize) -> Result<Vec<u8>, Refused> {
    if response
        .content_length()
        .is_some_and(|declared| declared > limit as u64)
    {
        return Err(Refused::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Refused::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(Refused::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A size as a person reads it: whole MiB as such, else bytes.
fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_names_the_cap_in_mib_or_bytes() {
        assert!(Refused::too_large_message(8 << 20, "a bank").contains("8 MiB"));
        assert!(Refused::too_large_message(1000, "SimpleFIN").contains("1000 bytes"));
    }
}
