//! `Sensitive<T>`: the one wrapper for a value that must never reach a log, an error message, the UI or
//! a file in plain (a PIN, a passphrase, a token, a key). Every crate that holds a secret holds it in
//! this; a newtype may wrap it where the name adds meaning (`AccessToken(Sensitive<String>)`), but no
//! other type prints `<redacted>` or wipes itself by its own code.
//!
//! - It prints as `<redacted>` in both `Debug` and `Display`, so `{:?}` of a struct holding it is safe.
//! - It does not implement `Serialize`: a secret cannot reach JSON, a log line or the window by a
//!   derive. It does implement `Deserialize`: secrets arrive from the window (a PIN typed into a form).
//! - It is wiped when dropped: `Drop` calls [`Zeroize::zeroize`] on the value, which overwrites its
//!   memory with zeros through volatile writes the compiler may not elide (for a `String` or `Vec`, the
//!   whole heap buffer up to its capacity, then the length is set to 0). Copies the value's owner makes
//!   through [`Sensitive::expose`] are theirs to wipe (hold them in `Sensitive` or `zeroize::Zeroizing`).
//!   This cannot be observed from safe Rust after the drop, so it is not tested; it rests on the
//!   `zeroize` crate's guarantees and on `T: Zeroize` being required by the type.
//!
//! Only [`Sensitive::expose`] gives the value out, for the one place that needs it (checking a PIN,
//! handing a key to SQLite, sending a token to the bank).

use std::fmt;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroize;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sensitive<T: Zeroize>(T);

impl<T: Zeroize> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The value itself, for the one place that needs it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_string())
    }
}

impl<T: Zeroize> Drop for Sensitive<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T: Zeroize> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sensitive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Form {
        pin: Sensitive<String>,
        key: Option<Sensitive<[u8; 4]>>,
    }

    #[test]
    fn a_sensitive_value_prints_redacted_in_debug_and_display_even_inside_a_struct() {
        let form: Form = serde_json::from_str(r#"{"pin":"258036","key":[9,8,7,6]}"#).unwrap();
        assert_eq!(form.pin.expose(), "258036");
        assert_eq!(form.key.as_ref().map(|k| *k.expose()), Some([9, 8, 7, 6]));
        let printed = format!("{form:?} {}", form.pin);
        assert!(!printed.contains("258036"), "{printed}");
        assert!(!printed.contains('9'), "{printed}");
        assert_eq!(
            printed,
            "Form { pin: <redacted>, key: Some(<redacted>) } <redacted>"
        );
    }

    #[test]
    fn a_sensitive_value_is_built_from_its_value_or_a_str_and_compares_by_value() {
        assert_eq!(Sensitive::from("1234"), Sensitive::new("1234".to_string()));
        assert_ne!(Sensitive::from("1234"), Sensitive::from("1235"));
        assert_eq!(Sensitive::<String>::default().expose(), "");
    }

    // Checked when the tests compile: a secret cannot be serialised, alone or in a collection, while
    // the values it wraps can (or the check would prove nothing).
    static_assertions::assert_not_impl_any!(Sensitive<String>: serde::Serialize);
    static_assertions::assert_not_impl_any!(Sensitive<Vec<u8>>: serde::Serialize);
    static_assertions::assert_not_impl_any!(Option<Sensitive<String>>: serde::Serialize);
    static_assertions::assert_impl_all!(String: serde::Serialize, Zeroize);
}
