//! The wallet file's encryption key: 256 random bits handed to SQLCipher as a raw key (the key is
//! already random, so SQLCipher's own passphrase derivation is skipped). It prints as `<redacted>`, is
//! never serialised, and its bytes are wiped from memory when it is dropped.

use rand::RngCore;
use rand::rngs::OsRng;
use sensitive::Sensitive;
use zeroize::Zeroize;

use crate::error::{Result, StoreError};

/// Bytes in a key.
pub const KEY_BYTES: usize = 32;

/// `Sensitive` prints it as `<redacted>`, refuses to serialise it and wipes it on drop.
#[derive(Clone, Debug)]
pub struct DatabaseKey(Sensitive<[u8; KEY_BYTES]>);

impl DatabaseKey {
    /// A new random key, from the operating system's random source.
    pub fn generate() -> DatabaseKey {
        let mut bytes = [0u8; KEY_BYTES];
        OsRng.fill_bytes(&mut bytes);
        let key = DatabaseKey(Sensitive::new(bytes));
        bytes.zeroize();
        key
    }

    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> DatabaseKey {
        DatabaseKey(Sensitive::new(bytes))
    }

    /// The key as 64 hex digits, for keeping it in the OS keyring.
    pub fn to_hex(&self) -> Sensitive<String> {
        Sensitive::new(hex::encode(self.0.expose()))
    }

    /// Reads a key written by [`DatabaseKey::to_hex`].
    pub fn from_hex(text: &str) -> Result<DatabaseKey> {
        let mut bytes = [0u8; KEY_BYTES];
        let read = hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| StoreError::BadKey);
        let key = DatabaseKey(Sensitive::new(bytes));
        bytes.zeroize();
        read.map(|()| key)
    }

    /// SQLCipher's `PRAGMA key` value for a raw key: `"x'<hex>'"`.
    pub(crate) fn pragma_value(&self) -> String {
        format!("\"x'{}'\"", self.to_hex().expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_its_hex_form_and_two_new_keys_differ() {
        let key = DatabaseKey::generate();
        let again = DatabaseKey::from_hex(key.to_hex().expose()).unwrap();
        assert_eq!(
            key.to_hex().expose().as_str(),
            again.to_hex().expose().as_str()
        );
        assert_ne!(
            key.to_hex().expose().as_str(),
            DatabaseKey::generate().to_hex().expose().as_str()
        );
        assert_eq!(key.to_hex().expose().len(), 64);
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
