//! The key never shows in logs, cannot be serialised, and goes to the keyring and back as base32.

use second_factor::{Error, Secret};

const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

#[test]
fn debug_prints_redacted() {
    let secret = Secret::import_base32(RFC_KEY).unwrap();
    assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
    assert_eq!(format!("{:?}", Some(&secret)), "Some(Secret(<redacted>))");
}

#[test]
fn a_secret_does_not_implement_serialize() {
    // Compiles only while `Secret: !Serialize`: with both impls the `_` below would be ambiguous.
    trait AmbiguousIfSerialize<A> {
        fn probe() {}
    }
    impl<T: ?Sized> AmbiguousIfSerialize<()> for T {}
    struct WhenSerialize;
    impl<T: ?Sized + serde::Serialize> AmbiguousIfSerialize<WhenSerialize> for T {}
    <Secret as AmbiguousIfSerialize<_>>::probe();
}

#[test]
fn a_generated_secret_is_160_bits_and_new_each_time() {
    let first = Secret::generate().export_base32();
    let second = Secret::generate().export_base32();
    assert_eq!(first.len(), 32, "160 bits are 32 base32 characters");
    assert!(
        first
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    );
    assert_ne!(first, second);
}

#[test]
fn an_exported_secret_imports_back_to_the_same_key() {
    let secret = Secret::generate();
    let exported = secret.export_base32();
    let imported = Secret::import_base32(&exported).unwrap();
    assert_eq!(imported, secret);
    assert_eq!(imported.export_base32(), exported);
}

#[test]
fn import_takes_lowercase_spaces_and_padding() {
    let tidy = Secret::import_base32(RFC_KEY).unwrap();
    let loose = Secret::import_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq==").unwrap();
    assert_eq!(loose, tidy);
}

#[test]
fn import_refuses_what_is_not_base32() {
    for text in [
        "",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ!",
    ] {
        assert_eq!(
            Secret::import_base32(text),
            Err(Error::MalformedSecret),
            "{text:?}"
        );
    }
}

#[test]
fn import_refuses_a_key_shorter_than_128_bits() {
    // 15 bytes: "123456789012345".
    assert_eq!(
        Secret::import_base32("GEZDGNBVGY3TQOJQGEZDGNBV"),
        Err(Error::MalformedSecret)
    );
}
