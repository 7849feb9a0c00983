//! Writing payloads: Purse's receive codes and the general builder, checked against payloads
//! written by hand with an independent CRC.

mod common;

use common::{tlv, with_crc};
use emv_qr::{
    AdditionalData, Field, Initiation, MCC_PERSON_TO_PERSON, MerchantAccount, MerchantLanguage,
    MerchantQr, PURSE_GUID, QrError, Tip,
};
use rust_decimal_macros::dec;
use wallet_core::Currency;

fn receive_body(initiation: &str, amount: Option<&str>) -> String {
    let mut body = tlv(0, "01")
        + &tlv(1, initiation)
        + &tlv(26, &(tlv(0, "app.purse") + &tlv(1, "6222020200112233")))
        + &tlv(52, "0000")
        + &tlv(53, "156");
    if let Some(amount) = amount {
        body += &tlv(54, amount);
    }
    body + &tlv(58, "CN") + &tlv(59, "LI WEI") + &tlv(60, "SHANGHAI")
}

#[test]
fn a_receive_code_with_an_amount_is_dynamic_and_written_exactly() {
    let qr = MerchantQr::for_account(
        PURSE_GUID,
        "6222020200112233",
        "LI WEI",
        "SHANGHAI",
        "CN",
        Currency::CNY,
        Some(dec!(25)),
    )
    .unwrap();
    assert_eq!(qr.encode(), with_crc(&receive_body("12", Some("25.00"))));
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert_eq!(qr.amount(), Some(dec!(25)));
    assert_eq!(qr.merchant_category_code(), MCC_PERSON_TO_PERSON);
}

#[test]
fn a_receive_code_without_an_amount_is_static_and_the_payer_types_it() {
    let qr = MerchantQr::for_account(
        PURSE_GUID,
        "6222020200112233",
        "LI WEI",
        "SHANGHAI",
        "CN",
        Currency::CNY,
        None,
    )
    .unwrap();
    assert_eq!(qr.encode(), with_crc(&receive_body("11", None)));
    assert_eq!(qr.initiation(), Some(Initiation::Static));
    assert!(qr.payer_enters_amount());
}

#[test]
fn a_receive_code_reads_back_to_the_account_it_was_made_for() {
    let qr = MerchantQr::for_account(
        PURSE_GUID,
        "ACC-42",
        "LI WEI",
        "SHANGHAI",
        "cn",
        Currency::JPY,
        Some(dec!(1500)),
    )
    .unwrap();
    let scanned = MerchantQr::parse(&qr.encode()).unwrap();
    assert_eq!(scanned, qr);
    assert_eq!(scanned.country_code(), "CN");
    assert_eq!(scanned.currency(), Currency::JPY);
    assert_eq!(scanned.fields()[5], Field::new(54, "1500"));
    let account = scanned.account_with_guid(PURSE_GUID).unwrap();
    assert_eq!(account.field(1), Some("ACC-42"));
}

#[test]
fn a_receive_code_refuses_an_amount_finer_than_the_currency() {
    let err = MerchantQr::for_account(
        PURSE_GUID,
        "ACC-42",
        "LI WEI",
        "TOKYO",
        "JP",
        Currency::JPY,
        Some(dec!(1500.5)),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "amount \"1500.5\" (tag 54) has more decimal places than JPY allows (0)"
    );
}

#[test]
fn a_receive_code_refuses_a_zero_amount_and_an_empty_account() {
    let zero = MerchantQr::for_account(
        PURSE_GUID,
        "ACC-42",
        "LI WEI",
        "SHANGHAI",
        "CN",
        Currency::CNY,
        Some(dec!(0.00)),
    )
    .unwrap_err();
    assert!(matches!(zero, QrError::MalformedAmount { .. }), "{zero}");
    let empty = MerchantQr::for_account(
        PURSE_GUID,
        "",
        "LI WEI",
        "SHANGHAI",
        "CN",
        Currency::CNY,
        None,
    )
    .unwrap_err();
    assert_eq!(
        empty.to_string(),
        "invalid field (tag 26.01): it is empty; leave an optional field out instead"
    );
}

#[test]
fn names_and_cities_keep_to_their_maximum_lengths_when_written() {
    let err = MerchantQr::for_account(
        PURSE_GUID,
        "ACC-1",
        "A NAME OF TWENTY-SIX CHARS",
        "SHANGHAI",
        "CN",
        Currency::CNY,
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        QrError::TooLong {
            tag: "59".to_string(),
            name: "merchant name",
            length: 26,
            max: 25
        }
    );
    let err = MerchantQr::for_account(
        PURSE_GUID,
        "ACC-1",
        "LI WEI",
        "Banteay Meanchey",
        "KH",
        Currency::USD,
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "merchant city (tag 60) is 16 characters long; at most 15 are allowed"
    );
}

#[test]
fn a_name_in_chinese_goes_in_the_language_template_not_at_the_root() {
    let err = MerchantQr::for_account(
        PURSE_GUID,
        "ACC-1",
        "李伟",
        "SHANGHAI",
        "CN",
        Currency::CNY,
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid field (tag 59): '李' is outside the common character set (printable ASCII); \
         put names in other scripts in the language template (64)"
    );

    let qr = MerchantQr::builder("LI WEI", "SHANGHAI", "CN", Currency::CNY)
        .merchant_account(MerchantAccount::template(
            26,
            PURSE_GUID,
            [Field::new(1, "ACC-1")],
        ))
        .language(MerchantLanguage::new("ZH", "李伟").with_city("上海"))
        .build()
        .unwrap();
    assert!(qr.encode().contains("64180002ZH0102李伟0202上海"));
    assert_eq!(qr.language().unwrap().name, "李伟");
}

#[test]
fn the_builder_writes_every_part_in_tag_order() {
    let qr = MerchantQr::builder("BEST TRANSPORT", "BEIJING", "CN", Currency::CNY)
        .merchant_category_code("4111")
        .merchant_account(MerchantAccount::template(
            31,
            "D15600000001",
            [Field::new(3, "12345678")],
        ))
        .merchant_account(MerchantAccount::CardScheme {
            tag: 15,
            value: "6200000000000000".to_string(),
        })
        .amount(dec!(23.72))
        .tip(Tip::PercentageFee(dec!(3)))
        .postal_code("100000")
        .additional_data(AdditionalData {
            bill_number: Some("INV-1".to_string()),
            terminal_label: Some("A6008667".to_string()),
            other: vec![Field::new(50, "xyz")],
            ..AdditionalData::default()
        })
        .other_field(Field::new(91, "0016A011223344998877"))
        .build()
        .unwrap();
    let ids: Vec<u8> = qr.fields().iter().map(|field| field.id).collect();
    assert_eq!(
        ids,
        [0, 1, 15, 31, 52, 53, 54, 55, 57, 58, 59, 60, 61, 62, 91]
    );
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert_eq!(qr.tip(), Some(Tip::PercentageFee(dec!(3))));
    assert!(qr.encode().contains("55020357043.00"));
    assert!(qr.encode().contains("62280105INV-10708A60086675003xyz"));
    assert_eq!(MerchantQr::parse(&qr.encode()).unwrap(), qr);
}

#[test]
fn a_fixed_fee_is_written_in_the_transaction_currency() {
    let qr = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .merchant_account(MerchantAccount::template(
            26,
            "jp.example",
            [Field::new(1, "1")],
        ))
        .tip(Tip::FixedFee(dec!(100)))
        .build()
        .unwrap();
    assert!(qr.encode().contains("550202"), "{}", qr.encode());
    assert!(qr.encode().contains("5603100"));
    let err = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .merchant_account(MerchantAccount::template(
            26,
            "jp.example",
            [Field::new(1, "1")],
        ))
        .tip(Tip::FixedFee(dec!(99.5)))
        .build()
        .unwrap_err();
    assert!(matches!(err, QrError::AmountTooPrecise { ref tag, .. } if tag == "56"));
}

#[test]
fn a_code_without_a_merchant_account_is_refused() {
    let err = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        QrError::MissingField {
            tag: "02–51",
            name: "merchant account information"
        }
    );
}

#[test]
fn accounts_must_use_the_tags_of_their_kind() {
    let err = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .merchant_account(MerchantAccount::template(15, "jp.example", []))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid merchant account information (tag 15): template accounts use tags 26 to 51"
    );
    let err = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .merchant_account(MerchantAccount::CardScheme {
            tag: 26,
            value: "x".to_string(),
        })
        .build()
        .unwrap_err();
    assert!(matches!(err, QrError::InvalidField { ref tag, .. } if tag == "26"));
}

#[test]
fn other_fields_cannot_take_the_tags_the_builder_names() {
    let err = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .merchant_account(MerchantAccount::template(
            26,
            "jp.example",
            [Field::new(1, "1")],
        ))
        .other_field(Field::new(54, "100"))
        .build()
        .unwrap_err();
    assert!(
        matches!(err, QrError::InvalidField { ref tag, .. } if tag == "54"),
        "{err}"
    );
}

#[test]
fn a_value_longer_than_two_digits_can_say_is_refused() {
    let err = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY)
        .merchant_account(MerchantAccount::template(
            26,
            "jp.example",
            [Field::new(1, "x".repeat(100))],
        ))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a field's value (tag 26.01) is 100 characters long; at most 99 are allowed"
    );
}

#[test]
fn a_payload_over_512_characters_is_refused() {
    let mut builder = MerchantQr::builder("SHOP", "TOKYO", "JP", Currency::JPY);
    for tag in 26..=31 {
        builder = builder.merchant_account(MerchantAccount::template(
            tag,
            "jp.example",
            [Field::new(1, "x".repeat(80))],
        ));
    }
    let err = builder.build().unwrap_err();
    assert!(
        matches!(err, QrError::PayloadTooLong { max: 512, .. }),
        "{err}"
    );
}
