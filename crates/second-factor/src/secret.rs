//! The TOTP key shared with the authenticator app. It is the whole second factor, so it never shows up
//! in logs (it is held in [`Sensitive`]: Debug prints `Secret(<redacted>)`), cannot be serialised by
//! accident, and leaves only through [`Secret::export_base32`], for the OS keyring.

use rand::RngCore;
use rand::rngs::OsRng;
use sensitive::Sensitive;
use zeroize::Zeroize;

use crate::error::Error;

/// Length of a generated key: 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

/// Shortest key accepted on import: 128 bits, RFC 4226's minimum.
const MIN_SECRET_BYTES: usize = 16;

/// A TOTP key. Wiped from memory when dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret(Sensitive<totp_rs::Secret>);

impl Secret {
    /// A new random 160-bit key from the operating system's CSPRNG.
    pub fn generate() -> Secret {
        let mut bytes = [0u8; SECRET_BYTES];
        OsRng.fill_bytes(&mut bytes);
        let secret = Secret(Sensitive::new(totp_rs::Secret::new_stack(bytes)));
        bytes.zeroize();
        secret
    }

    /// The key as RFC 4648 base32 without padding (uppercase): what the otpauth URI carries, what a
    /// person types into an authenticator app by hand, and what the caller stores in the keyring.
    pub fn export_base32(&self) -> String {
        self.0.expose().to_base32()
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
        Ok(Secret(Sensitive::new(secret)))
    }

    pub(crate) fn totp_secret(&self) -> &totp_rs::Secret {
        self.0.expose()
    }
}
