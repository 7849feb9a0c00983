//! Reading payloads: what is refused and how it is said, static and dynamic codes, nested
//! templates. Payloads are written by hand around a small valid code (see common/mod.rs).

mod common;

use common::{EMVCO_SPEC_EXAMPLE, payload_with, tlv, with_crc};
use emv_qr::{Initiation, MerchantQr, QrError, Tip};
use rust_decimal_macros::dec;

/// The small valid code's body up to (not including) tag 59, as `payload_with(&[])` writes it.
const BODY_BEFORE_NAME: &str = "00020101021126220009app.purse0105ACC-15204000053031565802CN";

fn body_before_name() -> String {
    BODY_BEFORE_NAME.to_string()
}

#[test]
fn the_small_code_the_tests_start_from_is_valid() {
    let payload = payload_with(&[]);
    assert!(payload.starts_with(&body_before_name()));
    let qr = MerchantQr::parse(&payload).unwrap();
    assert_eq!(qr.merchant_name(), "LI WEI");
    assert_eq!(qr.encode(), payload);
}

// ---- CRC ----

#[test]
fn a_payload_with_a_bad_crc_is_refused_naming_both_values() {
    let altered = EMVCO_SPEC_EXAMPLE.replace("BEST TRANSPORT", "BEST TRANSPORX");
    let err = MerchantQr::parse(&altered).unwrap_err();
    let QrError::BadCrc { expected, found } = &err else {
        panic!("expected a bad CRC, got {err}");
    };
    assert_eq!(found, "A13A");
    assert_ne!(expected, "A13A");
    assert_eq!(
        err.to_string(),
        format!("bad CRC: the payload says A13A but its content gives {expected}")
    );
}

#[test]
fn a_payload_without_a_crc_is_refused() {
    let payload = payload_with(&[]);
    let without = &payload[..payload.len() - 8];
    assert_eq!(MerchantQr::parse(without).unwrap_err(), QrError::MissingCrc);
}

#[test]
fn a_crc_followed_by_more_data_is_refused_with_its_position() {
    let payload = payload_with(&[(60, None)]);
    let moved = format!("{}{}", payload, tlv(60, "SHANGHAI"));
    let err = MerchantQr::parse(&moved).unwrap_err();
    assert_eq!(err, QrError::CrcNotLast { offset: 69 });
    assert_eq!(
        err.to_string(),
        "the CRC (tag 63, at character 69) must be the last field, but more data follows it"
    );
}

#[test]
fn a_lowercase_crc_is_refused_as_malformed() {
    let lowercase = EMVCO_SPEC_EXAMPLE.replace("6304A13A", "6304a13a");
    assert_eq!(
        MerchantQr::parse(&lowercase).unwrap_err(),
        QrError::MalformedCrc {
            found: "a13a".to_string()
        }
    );
}

#[test]
fn a_crc_of_the_wrong_length_is_refused_as_malformed() {
    let short = format!("{}{}", body_before_name(), "5906LI WEI6008SHANGHAI6303A13");
    assert_eq!(
        MerchantQr::parse(&short).unwrap_err(),
        QrError::MalformedCrc {
            found: "A13".to_string()
        }
    );
}

// ---- TLV structure ----

#[test]
fn a_length_running_past_the_end_is_reported_as_truncated_with_its_offset() {
    let payload = with_crc(&format!("{}5999LI WEI6008SHANGHAI", body_before_name()));
    let err = MerchantQr::parse(&payload).unwrap_err();
    assert_eq!(
        err,
        QrError::Truncated {
            tag: "59".to_string(),
            offset: 59,
            declared: 99,
            remaining: 26
        }
    );
    assert_eq!(
        err.to_string(),
        "truncated: tag 59 at character 59 declares 99 characters but only 26 follow"
    );
}

#[test]
fn a_payload_cut_off_in_the_middle_is_truncated() {
    let payload = payload_with(&[]);
    let err = MerchantQr::parse(&payload[..65]).unwrap_err();
    assert!(
        matches!(err, QrError::Truncated { ref tag, offset: 59, .. } if tag == "59"),
        "{err}"
    );
}

#[test]
fn a_non_numeric_length_is_reported_with_its_position() {
    let payload = with_crc(&format!("{}59xxLI WEI6008SHANGHAI", body_before_name()));
    let err = MerchantQr::parse(&payload).unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed data at character 61: expected the two-digit length of tag 59, found \"xx\""
    );
}

#[test]
fn a_non_numeric_tag_is_reported_with_its_position() {
    let payload = with_crc(&format!("{}X906LI WEI6008SHANGHAI", body_before_name()));
    assert_eq!(
        MerchantQr::parse(&payload).unwrap_err(),
        QrError::MalformedTlv {
            offset: 59,
            detail: "expected a two-digit tag, found \"X9\"".to_string()
        }
    );
}

#[test]
fn text_that_is_not_a_payload_is_refused_at_its_first_character() {
    assert!(matches!(
        MerchantQr::parse("https://example.com/pay").unwrap_err(),
        QrError::MalformedTlv { offset: 0, .. }
    ));
    assert_eq!(MerchantQr::parse("").unwrap_err(), QrError::Empty);
}

#[test]
fn a_tag_written_twice_is_refused() {
    let payload = with_crc(&format!(
        "{}5906LI WEI5906LI LEI6008SHANGHAI",
        body_before_name()
    ));
    assert_eq!(
        MerchantQr::parse(&payload).unwrap_err(),
        QrError::DuplicateTag {
            tag: "59".to_string(),
            offset: 69
        }
    );
}

// ---- mandatory fields ----

#[test]
fn the_payload_format_indicator_must_come_first_and_be_01() {
    let moved = with_crc(&format!("{}{}", &payload_with(&[])[6..81], tlv(0, "01")));
    assert_eq!(
        MerchantQr::parse(&moved).unwrap_err(),
        QrError::FormatIndicatorNotFirst
    );
    assert_eq!(
        MerchantQr::parse(&payload_with(&[(0, Some("02"))])).unwrap_err(),
        QrError::UnsupportedFormat {
            found: "02".to_string()
        }
    );
    assert_eq!(
        MerchantQr::parse(&payload_with(&[(0, None)])).unwrap_err(),
        QrError::MissingField {
            tag: "00",
            name: "payload format indicator"
        }
    );
}

#[test]
fn each_missing_mandatory_field_is_named() {
    for (id, tag, name) in [
        (26, "02–51", "merchant account information"),
        (52, "52", "merchant category code"),
        (53, "53", "transaction currency"),
        (58, "58", "country code"),
        (59, "59", "merchant name"),
        (60, "60", "merchant city"),
    ] {
        assert_eq!(
            MerchantQr::parse(&payload_with(&[(id, None)])).unwrap_err(),
            QrError::MissingField { tag, name },
            "without tag {id}"
        );
    }
}

#[test]
fn an_empty_merchant_name_is_refused() {
    assert_eq!(
        MerchantQr::parse(&payload_with(&[(59, Some(""))]))
            .unwrap_err()
            .to_string(),
        "invalid merchant name (tag 59): it is empty"
    );
}

#[test]
fn malformed_category_and_country_codes_are_refused_by_tag() {
    let err = MerchantQr::parse(&payload_with(&[(52, Some("58A2"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid merchant category code (tag 52): expected 4 digits, found \"58A2\""
    );
    let err = MerchantQr::parse(&payload_with(&[(58, Some("C1"))])).unwrap_err();
    assert!(
        matches!(err, QrError::InvalidField { ref tag, .. } if tag == "58"),
        "{err}"
    );
}

// ---- currency and amount ----

#[test]
fn an_unknown_currency_is_refused_naming_its_numeric_code() {
    let err = MerchantQr::parse(&payload_with(&[(53, Some("999"))])).unwrap_err();
    assert_eq!(
        err,
        QrError::UnknownCurrency {
            code: "999".to_string()
        }
    );
    let err = MerchantQr::parse(&payload_with(&[(53, Some("CNY"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid transaction currency (tag 53): expected an ISO 4217 numeric code of 3 digits, \
         found \"CNY\""
    );
}

#[test]
fn the_currency_is_read_from_its_numeric_code() {
    let qr = MerchantQr::parse(&payload_with(&[(53, Some("036"))])).unwrap();
    assert_eq!(qr.currency().code(), "AUD");
}

#[test]
fn a_yen_amount_with_decimals_is_refused() {
    let err =
        MerchantQr::parse(&payload_with(&[(53, Some("392")), (54, Some("1000.5"))])).unwrap_err();
    assert_eq!(
        err,
        QrError::AmountTooPrecise {
            tag: "54".to_string(),
            value: "1000.5".to_string(),
            currency: "JPY".to_string(),
            max: 0
        }
    );
}

#[test]
fn a_yen_amount_whose_decimals_are_zeros_is_whole_yen() {
    let qr = MerchantQr::parse(&payload_with(&[(53, Some("392")), (54, Some("1000.00"))])).unwrap();
    assert_eq!(qr.amount(), Some(dec!(1000)));
}

#[test]
fn each_currency_allows_its_own_decimal_places() {
    let usd = payload_with(&[(53, Some("840")), (54, Some("10.005"))]);
    assert!(matches!(
        MerchantQr::parse(&usd).unwrap_err(),
        QrError::AmountTooPrecise { max: 2, .. }
    ));
    let kwd = payload_with(&[(53, Some("414")), (54, Some("10.005"))]);
    assert_eq!(
        MerchantQr::parse(&kwd).unwrap().amount(),
        Some(dec!(10.005))
    );
}

#[test]
fn a_malformed_amount_says_what_is_wrong() {
    let err = MerchantQr::parse(&payload_with(&[(54, Some("12,50"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed amount \"12,50\" (tag 54): ',' is not allowed; only digits and one '.'"
    );
}

#[test]
fn a_zero_amount_is_refused_since_the_specification_forbids_it() {
    let err = MerchantQr::parse(&payload_with(&[(54, Some("0.00"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed amount \"0.00\" (tag 54): an amount must be greater than zero; a code that \
         lets the payer choose leaves it out"
    );
}

#[test]
fn an_amount_may_end_with_its_decimal_point() {
    let payload = payload_with(&[(54, Some("100."))]);
    let qr = MerchantQr::parse(&payload).unwrap();
    assert_eq!(qr.amount(), Some(dec!(100)));
    assert_eq!(qr.encode(), payload);
}

// ---- static and dynamic ----

#[test]
fn a_static_code_without_an_amount_lets_the_payer_type_it() {
    let qr = MerchantQr::parse(&payload_with(&[])).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Static));
    assert_eq!(qr.amount(), None);
    assert!(qr.payer_enters_amount());
}

#[test]
fn a_dynamic_code_with_an_amount_fixes_it() {
    let qr = MerchantQr::parse(&payload_with(&[(1, Some("12")), (54, Some("88.80"))])).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert_eq!(qr.amount(), Some(dec!(88.80)));
    assert!(!qr.payer_enters_amount());
}

#[test]
fn a_dynamic_code_without_an_amount_is_read_and_the_payer_types_it() {
    let qr = MerchantQr::parse(&payload_with(&[(1, Some("12"))])).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert!(qr.payer_enters_amount());
}

#[test]
fn a_static_code_may_carry_a_fixed_amount() {
    let qr = MerchantQr::parse(&payload_with(&[(54, Some("5.00"))])).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Static));
    assert!(!qr.payer_enters_amount());
}

#[test]
fn the_point_of_initiation_may_be_left_out_but_not_be_anything_else() {
    let qr = MerchantQr::parse(&payload_with(&[(1, None)])).unwrap();
    assert_eq!(qr.initiation(), None);
    let err = MerchantQr::parse(&payload_with(&[(1, Some("13"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid point of initiation method (tag 01): expected \"11\" (static) or \"12\" \
         (dynamic), found \"13\""
    );
}

// ---- tips and fees ----

#[test]
fn tips_and_convenience_fees_are_read_with_their_amounts() {
    let prompt = payload_with(&[(55, Some("01"))]);
    assert_eq!(MerchantQr::parse(&prompt).unwrap().tip(), Some(Tip::Prompt));
    let fixed = payload_with(&[(55, Some("02")), (56, Some("1.50"))]);
    assert_eq!(
        MerchantQr::parse(&fixed).unwrap().tip(),
        Some(Tip::FixedFee(dec!(1.50)))
    );
    let percentage = payload_with(&[(55, Some("03")), (57, Some("3.5"))]);
    assert_eq!(
        MerchantQr::parse(&percentage).unwrap().tip(),
        Some(Tip::PercentageFee(dec!(3.5)))
    );
}

#[test]
fn a_fee_without_its_indicator_or_an_indicator_without_its_fee_is_refused() {
    let stray = MerchantQr::parse(&payload_with(&[(56, Some("1.50"))])).unwrap_err();
    assert_eq!(
        stray.to_string(),
        "invalid convenience fee fixed (tag 56): it may only be present when tag 55 is \"02\""
    );
    let missing = MerchantQr::parse(&payload_with(&[(55, Some("03"))])).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "invalid tip or convenience indicator (tag 55): \"03\" needs tag 57, which is missing"
    );
    let unknown = MerchantQr::parse(&payload_with(&[(55, Some("04"))])).unwrap_err();
    assert!(matches!(unknown, QrError::InvalidField { ref tag, .. } if tag == "55"));
}

// ---- nested templates ----

#[test]
fn templates_are_read_into_their_sub_fields() {
    let data = tlv(1, "INV-7") + &tlv(5, "***") + &tlv(8, "Dinner") + &tlv(50, "x");
    let qr = MerchantQr::parse(&payload_with(&[(62, Some(&data))])).unwrap();
    let account = &qr.merchant_accounts()[0];
    assert_eq!(account.tag(), 26);
    assert_eq!(account.globally_unique_id(), Some("app.purse"));
    assert_eq!(account.field(1), Some("ACC-1"));
    let data = qr.additional_data().unwrap();
    assert_eq!(data.bill_number.as_deref(), Some("INV-7"));
    assert_eq!(data.reference_label.as_deref(), Some("***"));
    assert_eq!(data.purpose_of_transaction.as_deref(), Some("Dinner"));
    assert_eq!(data.other, [emv_qr::Field::new(50, "x")]);
}

#[test]
fn a_malformed_template_is_reported_at_its_place_in_the_whole_payload() {
    // Template 62 starts at character 81; its value at 85; sub-field 05 at 85, its length at 87.
    let err = MerchantQr::parse(&payload_with(&[(62, Some("05x3***"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed data at character 87: expected the two-digit length of tag 62.05, found \"x3\""
    );
    let err = MerchantQr::parse(&payload_with(&[(62, Some("0109INV"))])).unwrap_err();
    assert_eq!(
        err,
        QrError::Truncated {
            tag: "62.01".to_string(),
            offset: 85,
            declared: 9,
            remaining: 3
        }
    );
}

#[test]
fn a_merchant_account_template_without_its_identifier_is_refused() {
    let err = MerchantQr::parse(&payload_with(&[(26, Some("0105ACC-1"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid merchant account information (tag 26): the template has no globally unique \
         identifier (sub-ID 00)"
    );
}

#[test]
fn a_language_template_without_a_name_is_refused() {
    let err = MerchantQr::parse(&payload_with(&[(64, Some("0002ZH"))])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid merchant information language template (tag 64): it has no merchant name \
         (sub-ID 01)"
    );
}

#[test]
fn a_name_in_another_script_at_the_root_is_read_by_character_count() {
    // Outside the language template the specification asks for ASCII, but such codes exist; the
    // length 09 counts characters (27 bytes in UTF-8).
    let payload = payload_with(&[(59, Some("ร้านอาหาร"))]);
    assert!(payload.contains("5909ร้านอาหาร"));
    let qr = MerchantQr::parse(&payload).unwrap();
    assert_eq!(qr.merchant_name(), "ร้านอาหาร");
    assert_eq!(qr.encode(), payload);
}

#[test]
fn unknown_root_tags_are_kept_in_order() {
    let payload = payload_with(&[(80, Some("0003abc")), (65, Some("RFU"))]);
    let qr = MerchantQr::parse(&payload).unwrap();
    assert_eq!(
        qr.other_fields(),
        [
            emv_qr::Field::new(65, "RFU"),
            emv_qr::Field::new(80, "0003abc")
        ]
    );
    assert_eq!(qr.encode(), payload);
}

#[test]
fn a_pasted_payload_with_surrounding_whitespace_is_read() {
    let pasted = format!("  {EMVCO_SPEC_EXAMPLE}\r\n");
    let qr = MerchantQr::parse(&pasted).unwrap();
    assert_eq!(qr.encode(), EMVCO_SPEC_EXAMPLE);
    assert_eq!(MerchantQr::parse(" \n").unwrap_err(), QrError::Empty);
}

#[test]
fn a_payload_parses_through_from_str_and_displays_as_itself() {
    let qr: MerchantQr = EMVCO_SPEC_EXAMPLE.parse().unwrap();
    assert_eq!(qr.to_string(), EMVCO_SPEC_EXAMPLE);
}
