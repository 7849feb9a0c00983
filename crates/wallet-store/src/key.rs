//! The wallet file's encryption key: 256 random bits handed to SQLCipher as a raw key (the key is
//! already random, so SQLCipher's own passphrase derivation is skipped). It prints as `<redacted>`, is
//! never serialised, and its bytes are wiped from memory when it is dropped.

use rand::RngCore;
use rand::rngs::OsRng;
use zeroize::Zeroizing;

use crate::error::{Result, StoreError};

/// Bytes in a key.
pub const KEY_BYTES: usize = 32;

#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; KEY_BYTES]>);

impl DatabaseKey {
    /// A new random key, from the operating system's random source.
    pub fn generate() -> DatabaseKey {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        OsRng.fill_bytes(bytes.as_mut());
        DatabaseKey(bytes)
    }

    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> DatabaseKey {
        DatabaseKey(Zeroizing::new(bytes))
    }

    /// The key as 64 hex digits, for keeping it in the OS keyring.
    pub fn to_hex(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(String::with_capacity(KEY_BYTES * 2));
        for byte in self.0.iter() {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        hex
    }

    /// Reads a key written by [`DatabaseKey::to_hex`].
    pub fn from_hex(hex: &str) -> Result<DatabaseKey> {
        let hex = hex.trim().as_bytes();
        if hex.len() != KEY_BYTES * 2 {
            return Err(StoreError::BadKey);
        }
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks(2)) {
            *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Ok(DatabaseKey(bytes))
    }

    /// SQLCipher's `PRAGMA key` value for a raw key: `"x'<hex>'"`.
    pub(crate) fn pragma_value(&self) -> String {
        format!("\"x'{}'\"", self.to_hex().as_str())
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn nibble(digit: u8) -> Result<u8> {
    match digit {
        b'0'..=b'9' => Ok(digit - b'0'),
        b'a'..=b'f' => Ok(digit - b'a' + 10),
        b'A'..=b'F' => Ok(digit - b'A' + 10),
        _ => Err(StoreError::BadKey),
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_its_hex_form_and_two_new_keys_differ() {
        let key = DatabaseKey::generate();
        let again = DatabaseKey::from_hex(&key.to_hex()).unwrap();
        assert_eq!(key.to_hex().as_str(), again.to_hex().as_str());
        assert_ne!(
            key.to_hex().as_str(),
            DatabaseKey::generate().to_hex().as_str()
        );
        assert_eq!(key.to_hex().len(), 64);
    }

    #[test]
    fn a_key_never_shows_in_debug_output() {
        let key = DatabaseKey::from_bytes([0xab; KEY_BYTES]);
        let printed = format!("{key:?}");
        assert_eq!(printed, "DatabaseKey(<redacted>)");
        assert!(!printed.contains("abab"));
    }

    #[test]
    fn a_malformed_hex_key_is_refused() {
        assert!(matches!(
            DatabaseKey::from_hex("abc"),
            Err(StoreError::BadKey)
        ));
        assert!(matches!(
            DatabaseKey::from_hex(&"zz".repeat(32)),
            Err(StoreError::BadKey)
        ));
    }
}
