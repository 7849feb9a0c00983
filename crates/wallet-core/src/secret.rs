//! A value that must never reach a log, an error message or the UI (a PIN, a passphrase, a token): it
//! prints as `<redacted>`, cannot be serialised, and is wiped from memory when dropped. It can be read
//! from the window (a PIN typed into a form arrives as JSON), and only `expose` gives the value out.

use serde::{Deserialize, Deserializer};
use zeroize::Zeroize;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret<T: Zeroize>(T);

impl<T: Zeroize> Secret<T> {
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The value itself, for the one place that needs it (checking a PIN, handing a key to SQLite).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> std::fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T: Zeroize> std::fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Form {
        pin: Secret<String>,
    }

    #[test]
    fn a_secret_prints_redacted_in_debug_and_display_even_inside_a_struct() {
        let form: Form = serde_json::from_str(r#"{"pin":"258036"}"#).unwrap();
        assert_eq!(form.pin.expose(), "258036");
        let printed = format!("{form:?} {}", form.pin);
        assert!(!printed.contains("258036"), "{printed}");
        assert!(printed.contains("<redacted>"));
    }

    /// Compiles only while `Secret` does not implement `Serialize`.
    trait NotSerialize {
        const SERIALIZABLE: bool = false;
    }
    impl<T: ?Sized> NotSerialize for T {}
    struct Probe<T>(std::marker::PhantomData<T>);
    #[allow(dead_code)]
    impl<T: serde::Serialize> Probe<T> {
        const SERIALIZABLE: bool = true;
    }

    // Checked when the tests compile: `Secret` must not implement `Serialize` (and the probe must see
    // that `String` does, or it would prove nothing).
    const _: () = assert!(!Probe::<Secret<String>>::SERIALIZABLE);
    const _: () = assert!(Probe::<String>::SERIALIZABLE);
}
