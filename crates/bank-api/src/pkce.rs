//! PKCE (RFC 7636, S256): proves the app that asked for the code is the one redeeming it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct Pkce {
    verifier: String,
    challenge: String,
}

impl Pkce {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        let challenge = challenge_for(&verifier);
        Self {
            verifier,
            challenge,
        }
    }

    pub fn verifier(&self) -> &str {
        &self.verifier
    }

    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce")
            .field("challenge", &self.challenge)
            .finish_non_exhaustive()
    }
}

/// BASE64URL(SHA256(verifier)), as the server recomputes it.
pub fn challenge_for(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_is_the_unpadded_base64url_sha256_of_the_verifier() {
        // Expected value computed independently with Python's hashlib and base64.
        assert_eq!(
            challenge_for("dBjftJeZ4CVP-mJ92K1ruYDQDQ2KqhFHsfmU2qa4jQ"),
            "zVs-NczTW7pq43valfhlxTt-RfvQDowo4v6bVOMNT7k"
        );
    }

    #[test]
    fn each_link_gets_a_fresh_verifier() {
        assert_ne!(Pkce::generate().verifier(), Pkce::generate().verifier());
    }
}
