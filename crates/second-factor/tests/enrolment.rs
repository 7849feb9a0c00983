//! Enrolling an authenticator app: the otpauth URI (parsed back), the base32 key and the QR code.

use percent_encoding::percent_decode_str;
use second_factor::{Enrolment, Secret, code_at, verify};
use url::Url;

/// The URI's parts, decoded: (label, query pairs).
fn parse(uri: &str) -> (String, Vec<(String, String)>) {
    let url = Url::parse(uri).unwrap();
    assert_eq!(url.scheme(), "otpauth");
    assert_eq!(url.host_str(), Some("totp"));
    let path = url.path().strip_prefix('/').unwrap();
    let label = percent_decode_str(path).decode_utf8().unwrap().into_owned();
    let pairs = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    (label, pairs)
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn the_uri_carries_issuer_account_key_and_the_default_parameters() {
    let enrolment = Enrolment::new("li.wei@example.com", "Purse");
    let uri = enrolment.uri();
    assert!(
        uri.starts_with("otpauth://totp/Purse:li.wei%40example.com?secret="),
        "{uri}"
    );
    let (label, pairs) = parse(&uri);
    assert_eq!(label, "Purse:li.wei@example.com");
    assert_eq!(
        value(&pairs, "secret"),
        Some(enrolment.secret_base32().as_str())
    );
    assert_eq!(value(&pairs, "issuer"), Some("Purse"));
    assert_eq!(value(&pairs, "algorithm"), Some("SHA1"));
    assert_eq!(value(&pairs, "digits"), Some("6"));
    assert_eq!(value(&pairs, "period"), Some("30"));
    assert_eq!(pairs.len(), 5);
}

#[test]
fn names_with_spaces_symbols_and_chinese_are_percent_encoded_and_read_back() {
    let account = "李伟 & Co/#1?+=%:x";
    let issuer = "Purse 钱包";
    let uri = Enrolment::new(account, issuer).uri();
    assert!(!uri.contains(' '), "{uri}");
    assert!(!uri.contains('+'), "a space is %20, never +: {uri}");
    assert!(
        uri.starts_with("otpauth://totp/Purse%20%E9%92%B1%E5%8C%85:"),
        "{uri}"
    );
    let (label, pairs) = parse(&uri);
    assert_eq!(label, format!("{issuer}:{account}"));
    assert_eq!(value(&pairs, "issuer"), Some(issuer));
    assert_eq!(pairs.len(), 5, "no stray & or # split the query: {uri}");
}

#[test]
fn an_empty_issuer_is_left_out() {
    let uri = Enrolment::new("li.wei", "").uri();
    let (label, pairs) = parse(&uri);
    assert_eq!(label, "li.wei");
    assert_eq!(value(&pairs, "issuer"), None);
}

#[test]
fn the_manual_entry_key_is_the_160_bit_key_in_base32() {
    let enrolment = Enrolment::new("li.wei", "Purse");
    let key = enrolment.secret_base32();
    assert_eq!(key.len(), 32);
    assert_eq!(Secret::import_base32(&key).unwrap(), *enrolment.secret());
}

#[test]
fn every_enrolment_has_a_new_key() {
    let a = Enrolment::new("li.wei", "Purse");
    let b = Enrolment::new("li.wei", "Purse");
    assert_ne!(a.secret_base32(), b.secret_base32());
}

#[test]
fn the_qr_code_is_an_svg_document() {
    let svg = Enrolment::new("li.wei@example.com", "Purse")
        .qr_svg()
        .unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn names_too_long_for_a_qr_code_are_an_error_not_a_panic() {
    let enrolment = Enrolment::new(&"x".repeat(3_000), "Purse");
    assert!(enrolment.qr_svg().is_err());
}

#[test]
fn a_code_from_the_enrolled_key_confirms_the_enrolment() {
    let enrolment = Enrolment::new("li.wei", "Purse");
    let now = 1_750_000_000;
    let code = code_at(enrolment.secret(), now);
    assert!(verify(enrolment.secret(), &code, now).is_ok());
    let kept = enrolment.into_secret();
    assert!(verify(&kept, &code, now).is_ok());
}

#[test]
fn the_enrolment_debug_output_does_not_show_the_key() {
    let enrolment = Enrolment::new("li.wei", "Purse");
    let debug = format!("{enrolment:?}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert!(!debug.contains(&enrolment.secret_base32()), "{debug}");
}
