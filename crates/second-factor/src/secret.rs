//! The TOTP key shared with the authenticator app. It is the whole second factor, so it never shows up
//! in logs (Debug and Display print `<redacted>`), cannot be serialised by accident, and leaves only
//! through [`Secret::export_base32`], for the OS keyring.

use std::fmt;

use rand::RngCore;
use rand::rngs::OsRng;
use zeroize::Zeroize;

use crate::error::Error;

/// Length of a generated key: 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

/// Shortest key accepted on import: 128 bits, RFC 4226's minimum.
const MIN_SECRET_BYTES: usize = 16;

/// A TOTP key. Wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(totp_rs::Secret);

impl Secret {
    /// A new random 160-bit key from the operating system's CSPRNG.
    pub fn generate() -> Secret {
        let mut bytes = [0u8; SECRET_BYTES];
        OsRng.fill_bytes(&mut bytes);
        let secret = Secret(totp_rs::Secret::new_stack(bytes));
        bytes.zeroize();
        secret
    }

    /// The key as RFC 4648 base32 without padding (uppercase): what the otpauth URI carries, what a
    /// person types into an authenticator app by hand, and what the caller stores in the keyring.
    pub fn export_base32(&self) -> String {
        self.0.to_base32()
    }

    /// Reads back a key exported by [`Secret::export_base32`]. Also takes lowercase, spaces and `=`
    /// padding; refuses anything that is not base32 or is shorter than 128 bits.
    pub fn import_base32(text: &str) -> Result<Secret, Error> {
        let mut cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let parsed = totp_rs::Secret::try_from_base32(&cleaned);
        cleaned.zeroize();
        let secret = parsed.map_err(|_| Error::MalformedSecret)?;
        if secret.as_bytes().len() < MIN_SECRET_BYTES {
            return Err(Error::MalformedSecret);
        }
        Ok(Secret(secret))
    }

    pub(crate) fn totp_secret(&self) -> &totp_rs::Secret {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
