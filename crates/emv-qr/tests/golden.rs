//! Published payloads, each read as a person scanning it would need it read. Every payload below was
//! checked by an independent CRC-16/CCITT-FALSE (Python's `binascii.crc_hqx(data, 0xFFFF)`) before
//! being taken in; the ones whose published CRC is wrong are kept as bad-CRC cases.

mod common;

use common::with_crc;
use emv_qr::{Field, Initiation, MerchantAccount, MerchantQr, QrError, Tip};
use rust_decimal_macros::dec;
use wallet_core::Currency;

/// EMVCo, "EMV QR Code Specification for Payment Systems: Merchant-Presented Mode", v1.1,
/// Appendix A (the example payload, CRC A13A). Tags out of numeric order (64 before 54), a
/// language template in Chinese with character lengths, and an unreserved template 91.
const EMVCO_SPEC_EXAMPLE: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

/// The SGQR sample label ("FOOD XYZ PTE LTD") as shown in Victor Liew, "A quick guide on how
/// SGQR code works", Medium, 3 March 2023 (victor.medium.com). Five card-scheme accounts
/// (02–25) and twelve template accounts (26–51); 1042 characters, twice the specification's 512.
const SGQR_SAMPLE: &str = "00020101021102164761360000000*1704155123456789123451110123456789012153123456789012341531250003440001034450003445311000126330015SG.COM.DASH.WWW0110000005550127670014A00000076200010120COM.LQDPALLIANCE.WWW021512345678901234503020028660011SG.COM.OCBC0147OCBCP2P629A358D-ECE7-4554-AD56-EBD12D84CA7E4F7329500006SG.EZI013603600006-76bb-4a5a-aa1a-fbcb64d6ecf530850013SG.COM.EZLINK01201234567890123456-1230204SGQR0324A123456,B123456,C12345670404A23X31260008COM.GRAB0110A93FO3230Q32390007COM.DBS011012345678900210123456789033900011SG.COM.NETS01230201401832831128823590002150001118703240000308885872010901199084E5DC3D834430017COM.QQ.WEIXIN.PAY011012345678900204123435660010SG.COM.UOB014845D233507F5E8C306E3871A4E9FACA601A80C114B5645E5D36940009SG.PAYNOW010100216+6212345678901230301004351234567890123456789012345678901234505082020123137270009SG.AIRPAY0110A11BC0000X51860007SG.SGQR0112180307510317020701.0003030608100604020205031380609Counter010708201804075204581453037025802SG5916FOOD XYZ PTE LTD6009SINGAPORE6106081006622301081234567R060787654306304317F";

/// Cambodia (KHQR-style, USD): the decoding example in the README of github.com/phannaly/emv-qr-code.
/// Fields in an unusual order, a card-scheme account under tag 15, and a 16-character city.
const KHQR_README_EXAMPLE: &str = "00020101021252044131153137210116372101160123456789ABCDE6016Banteay Meanchey5913Kuntheas Shop5802KH540510.005303840621201081234567863041FF2";

/// Singapore PayNow (UEN, amount not editable): the expected payload of `TestPayNowUEN` in
/// github.com/jaynzr/go-paynow.
const PAYNOW_GO_PAYNOW_TEST: &str = "00020101021226520009SG.PAYNOW010120213S99345678ABCD03011040899991231520400005303702540512.345802SG5912ACME Pte Ltd6009Singapore62110107INV123463041E74";

/// Indonesia QRIS, static (ShopeePay acquirer): the `qrContent` of the example notification in
/// Netzme's API documentation, "QRIS Payment Notification" (apidocs.netzme.id).
const QRIS_NETZME_DOCS: &str = "00020101021126570016ID.CO.SHOPEE.WWW0118936009180000001402020413500303UME51440014ID.CO.QRIS.WWW0215ID10190045322970303UME5204581253033605802ID5925Gulu Gulu Mall Ambassador6015Jakarta Selatan61051294062070703A01630494FA";

/// Indonesia QRIS, dynamic: the `qrData` of the success response in KingsPay's documentation,
/// "Generate QRIS" (docs.kingspay.id/en/docs/api/payin/qris-generate).
const QRIS_KINGSPAY_DOCS: &str = "00020101021226650013ID.NETZME.WWW01189360081401001086120215ID20240000003170303UKE51440014ID.CO.QRIS.WWW0215ID20240000003170303UKE5204413153033605405110005802ID5908LAVISKA16005DEPOK61051641162690703A010812qris_invoice994200020001323154d168e6d14afd981d420a52828bdc63049739";

/// Thailand PromptPay, a transfer to a phone number: the "Local phone number" case of
/// `index.test.js` in github.com/dtinth/promptpay-qr. PromptPay leaves out 52, 59 and 60.
const PROMPTPAY_TEST_VECTOR: &str =
    "00020101021129370016A000000677010111011300668012345675802TH530376463046197";

/// Brazil Pix "BR Code": the static example of Banco Central do Brasil, "Manual de Padrões para
/// Iniciação do Pix" (v2.2.1, p. 25; CRC 1D3D). Currency 986 (BRL).
const PIX_BCB_MANUAL_EXAMPLE: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

/// Brazil Pix: the example response of Lerian's "Create static QR code" API reference
/// (docs.lerian.studio/en/reference/create-static-qr-code). Its published CRC, 45C8, is wrong:
/// the content gives 02A4.
const PIX_LERIAN_DOCS_BAD_CRC: &str = "00020126580014br.gov.bcb.Pix0136123e4567-e12b-12d1-a456-426655440000520400005303986540510.005802BR5913TESTE ACCOUNT6008BRASILIA62070503***630445C8";

fn template(tag: u8, guid: &str, fields: &[(u8, &str)]) -> MerchantAccount {
    MerchantAccount::template(
        tag,
        guid,
        fields.iter().map(|(id, value)| Field::new(*id, *value)),
    )
}

#[test]
fn every_readable_published_payload_encodes_back_to_the_very_same_string() {
    for payload in [
        EMVCO_SPEC_EXAMPLE,
        SGQR_SAMPLE,
        KHQR_README_EXAMPLE,
        PAYNOW_GO_PAYNOW_TEST,
        QRIS_NETZME_DOCS,
        QRIS_KINGSPAY_DOCS,
    ] {
        let qr = MerchantQr::parse(payload).unwrap_or_else(|err| panic!("{err}: {payload}"));
        assert_eq!(qr.encode(), payload);
        assert_eq!(MerchantQr::parse(&qr.encode()).unwrap(), qr);
    }
}

#[test]
fn the_emvco_specification_example_is_read_field_by_field() {
    let qr = MerchantQr::parse(EMVCO_SPEC_EXAMPLE).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert_eq!(
        qr.merchant_accounts(),
        [
            template(29, "D15600000000", &[(5, "A93FO3230Q")]),
            template(31, "D15600000001", &[(3, "12345678")]),
        ]
    );
    assert_eq!(qr.merchant_category_code(), "4111");
    assert_eq!(qr.currency(), Currency::CNY);
    assert_eq!(qr.amount(), Some(dec!(23.72)));
    assert!(!qr.payer_enters_amount());
    assert_eq!(qr.tip(), Some(Tip::Prompt));
    assert_eq!(qr.country_code(), "CN");
    assert_eq!(qr.merchant_name(), "BEST TRANSPORT");
    assert_eq!(qr.merchant_city(), "BEIJING");
    assert_eq!(qr.postal_code(), None);
    assert_eq!(
        qr.other_fields(),
        [Field::new(91, "0016A011223344998877070812345678")]
    );
}

#[test]
fn the_emvco_example_nested_templates_are_read_with_character_lengths() {
    let qr = MerchantQr::parse(EMVCO_SPEC_EXAMPLE).unwrap();
    let data = qr.additional_data().unwrap();
    assert_eq!(data.store_label.as_deref(), Some("1234"));
    assert_eq!(data.customer_label.as_deref(), Some("***"));
    assert_eq!(data.terminal_label.as_deref(), Some("A6008667"));
    assert_eq!(data.consumer_data_request.as_deref(), Some("ME"));
    assert_eq!(data.bill_number, None);
    assert!(data.other.is_empty());

    let language = qr.language().unwrap();
    assert_eq!(language.language, "ZH");
    assert_eq!(language.name, "最佳运输");
    assert_eq!(language.city.as_deref(), Some("北京"));
}

#[test]
fn the_sgqr_sample_keeps_card_scheme_accounts_raw_and_reads_every_template() {
    let qr = MerchantQr::parse(SGQR_SAMPLE).unwrap();
    assert!(SGQR_SAMPLE.chars().count() > emv_qr::MAX_PAYLOAD_CHARS);
    assert_eq!(qr.initiation(), Some(Initiation::Static));
    assert!(qr.payer_enters_amount());
    let accounts = qr.merchant_accounts();
    assert_eq!(
        accounts
            .iter()
            .map(MerchantAccount::tag)
            .collect::<Vec<_>>(),
        [
            2, 4, 11, 12, 15, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 51
        ]
    );
    assert_eq!(
        accounts[0],
        MerchantAccount::CardScheme {
            tag: 2,
            value: "4761360000000*17".to_string()
        }
    );
    let paynow = qr.account_with_guid("sg.paynow").unwrap();
    assert_eq!(paynow.tag(), 36);
    assert_eq!(paynow.field(2), Some("+621234567890123"));
    assert_eq!(paynow.field(5), Some("20201231"));
    assert_eq!(
        qr.account_with_guid("SG.SGQR").unwrap().field(6),
        Some("Counter01")
    );
    assert_eq!(qr.merchant_category_code(), "5814");
    assert_eq!(qr.currency().code(), "SGD");
    assert_eq!(qr.merchant_name(), "FOOD XYZ PTE LTD");
    assert_eq!(qr.merchant_city(), "SINGAPORE");
    assert_eq!(qr.postal_code(), Some("081006"));
    let data = qr.additional_data().unwrap();
    assert_eq!(data.bill_number.as_deref(), Some("1234567R"));
    assert_eq!(data.customer_label.as_deref(), Some("8765430"));
}

#[test]
fn a_khqr_code_with_a_city_longer_than_fifteen_characters_is_still_read() {
    let qr = MerchantQr::parse(KHQR_README_EXAMPLE).unwrap();
    assert_eq!(qr.merchant_city(), "Banteay Meanchey");
    assert_eq!(qr.merchant_city().chars().count(), 16);
    assert_eq!(qr.currency(), Currency::USD);
    assert_eq!(qr.amount(), Some(dec!(10.00)));
    assert_eq!(
        qr.merchant_accounts(),
        [MerchantAccount::CardScheme {
            tag: 15,
            value: "37210116372101160123456789ABCDE".to_string()
        }]
    );
    assert_eq!(
        qr.additional_data().unwrap().bill_number.as_deref(),
        Some("12345678")
    );
    // Written back in its own order (52 before 15, 60 before 59), not in tag order.
    assert_eq!(qr.encode(), KHQR_README_EXAMPLE);
}

#[test]
fn a_paynow_code_fixes_the_amount_and_carries_the_bill_number() {
    let qr = MerchantQr::parse(PAYNOW_GO_PAYNOW_TEST).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert_eq!(qr.amount(), Some(dec!(12.34)));
    assert_eq!(qr.merchant_category_code(), "0000");
    assert_eq!(
        qr.merchant_accounts(),
        [template(
            26,
            "SG.PAYNOW",
            &[(1, "2"), (2, "S99345678ABCD"), (3, "1"), (4, "99991231")]
        )]
    );
    assert_eq!(
        qr.additional_data().unwrap().bill_number.as_deref(),
        Some("INV1234")
    );
}

#[test]
fn a_static_qris_sticker_asks_the_payer_for_the_amount() {
    let qr = MerchantQr::parse(QRIS_NETZME_DOCS).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Static));
    assert!(qr.payer_enters_amount());
    assert_eq!(qr.currency().code(), "IDR");
    assert_eq!(qr.merchant_name(), "Gulu Gulu Mall Ambassador");
    assert_eq!(qr.merchant_city(), "Jakarta Selatan");
    assert_eq!(qr.postal_code(), Some("12940"));
    assert_eq!(
        qr.account_with_guid("ID.CO.QRIS.WWW").unwrap().field(2),
        Some("ID1019004532297")
    );
    assert_eq!(
        qr.additional_data().unwrap().terminal_label.as_deref(),
        Some("A01")
    );
}

#[test]
fn a_dynamic_qris_code_keeps_unnamed_additional_data_in_order() {
    let qr = MerchantQr::parse(QRIS_KINGSPAY_DOCS).unwrap();
    assert_eq!(qr.initiation(), Some(Initiation::Dynamic));
    assert_eq!(qr.amount(), Some(dec!(11000)));
    let data = qr.additional_data().unwrap();
    assert_eq!(data.terminal_label.as_deref(), Some("A01"));
    assert_eq!(data.purpose_of_transaction.as_deref(), Some("qris_invoice"));
    assert_eq!(
        data.other,
        [Field::new(99, "00020001323154d168e6d14afd981d420a52828bdc")]
    );
}

#[test]
fn a_promptpay_transfer_code_without_merchant_details_is_refused_naming_tag_52() {
    let err = MerchantQr::parse(PROMPTPAY_TEST_VECTOR).unwrap_err();
    assert_eq!(
        err,
        QrError::MissingField {
            tag: "52",
            name: "merchant category code"
        }
    );
    assert_eq!(
        err.to_string(),
        "missing mandatory field: tag 52 (merchant category code)"
    );
}

#[test]
fn the_pix_manual_example_reads_in_brazilian_reais_with_no_amount() {
    let qr = MerchantQr::parse(PIX_BCB_MANUAL_EXAMPLE).unwrap();
    assert_eq!(qr.currency().code(), "BRL");
    assert_eq!(qr.currency().numeric(), 986);
    assert_eq!(qr.amount(), None);
    assert_eq!(qr.merchant_name(), "Fulano de Tal");
    assert_eq!(qr.country_code(), "BR");
}

#[test]
fn a_currency_code_that_is_not_iso_4217_is_refused_naming_tag_53() {
    // The Pix example with its currency changed to 999 (ISO 4217's "no currency") and its CRC made again.
    let body = PIX_BCB_MANUAL_EXAMPLE
        .replace("5303986", "5303999")
        .trim_end_matches("63041D3D")
        .to_string();
    let payload = with_crc(&body);
    let err = MerchantQr::parse(&payload).unwrap_err();
    assert_eq!(
        err,
        QrError::UnknownCurrency {
            code: "999".to_string()
        }
    );
}

#[test]
fn a_published_pix_example_with_a_wrong_crc_is_refused_naming_both_values() {
    let err = MerchantQr::parse(PIX_LERIAN_DOCS_BAD_CRC).unwrap_err();
    assert_eq!(
        err,
        QrError::BadCrc {
            expected: "02A4".to_string(),
            found: "45C8".to_string()
        }
    );
    assert_eq!(
        err.to_string(),
        "bad CRC: the payload says 45C8 but its content gives 02A4"
    );
}
