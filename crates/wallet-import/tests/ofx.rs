//! The OFX/QFX importer against hand-checked golden files (v1 SGML, v2 XML, credit card, several
//! statements), its errors, and arbitrary input.

mod common;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::ofx::Ofx;
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer};

/// Reads `tests/fixtures/ofx/<case>.input.<ext>` and compares the statement with `<case>.expected.json`.
fn golden(case: &str, ext: &str) {
    common::golden_json(&Ofx, "ofx", case, ext, &ImportOptions::default());
}

fn read(text: &str) -> Result<wallet_import::Statement, Error> {
    Ofx.read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
}

#[test]
fn a_v1_sgml_file_written_on_one_line_reads_every_transaction() {
    golden("v1_sgml_on_one_line", "ofx");
}

#[test]
fn a_v1_file_with_blank_lines_and_no_header_reads_a_bank_and_a_card_statement() {
    golden("v1_blank_lines_no_header", "ofx");
}

#[test]
fn a_v2_xml_file_reads_with_its_entities_and_dates_with_zone_offsets() {
    golden("v2_xml", "ofx");
}

#[test]
fn a_credit_card_qfx_that_declares_xml_but_writes_sgml_leaves_reads() {
    golden("credit_card_xml_header_sgml_leaves", "qfx");
}

#[test]
fn a_file_cut_off_inside_a_statement_is_truncated() {
    let text = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT\n<DTPOSTED>20240105<TRNAMT>-1.00<FITID>1</STMTTRN>\n<STMTTRN><TRNTYPE>DEB";
    assert!(matches!(read(text), Err(Error::Truncated { .. })));
    let cut_in_a_tag = "<OFX><STMTRS><CURDEF>EUR<BANKTRANLIST><STMTTRN><TRNAMT>-1.00</STMT";
    assert!(matches!(read(cut_in_a_tag), Err(Error::Truncated { .. })));
}

#[test]
fn a_transaction_without_an_amount_fails_the_file_naming_its_line() {
    let text = "<OFX>\n<STMTRS>\n<CURDEF>EUR\n<BANKTRANLIST>\n<STMTTRN>\n<DTPOSTED>20240105\n<FITID>1\n</STMTTRN>\n</BANKTRANLIST>\n</STMTRS>\n</OFX>\n";
    let Err(Error::Malformed { line, problem }) = read(text) else {
        panic!("read a transaction without TRNAMT");
    };
    assert_eq!(line, 5);
    assert!(problem.contains("TRNAMT"), "{problem}");
}

#[test]
fn a_date_that_is_not_a_date_fails_the_file_naming_its_line() {
    let text = "<OFX>\n<STMTRS>\n<CURDEF>EUR\n<BANKTRANLIST>\n<STMTTRN>\n<DTPOSTED>2024-01-05\n<TRNAMT>1.00\n</STMTTRN>\n</BANKTRANLIST>\n</STMTRS>\n</OFX>\n";
    assert!(matches!(read(text), Err(Error::Malformed { line: 6, .. })));
}

#[test]
fn ofx_is_recognised_by_its_header_or_its_root_tag_and_nothing_else_is() {
    let recognises = |text: &str| Ofx.recognises(&decode(text.as_bytes()).unwrap());
    assert!(recognises("OFXHEADER:100\nDATA:OFXSGML\n"));
    assert!(recognises("\n\n<ofx>\n<STMTRS>"));
    assert!(!recognises("交易时间,交易分类,交易对方\n"));
    assert!(!recognises("!Type:Bank\nD1/1/2020\n^\n"));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_make_the_ofx_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(decoded) = decode(&bytes) {
            common::recognise_and_read(&[&Ofx], &decoded);
        }
    }

    #[test]
    fn arbitrary_text_made_of_ofx_tags_never_makes_the_importer_panic(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<STMTRS>".to_string()), Just("</STMTRS>".to_string()), Just("<CCSTMTRS>".to_string()),
                Just("<STMTTRN>".to_string()), Just("</STMTTRN>".to_string()), Just("<TRNAMT>".to_string()),
                Just("<DTPOSTED>".to_string()), Just("<CURDEF>".to_string()), Just("<ACCTID>".to_string()),
                Just("<BANKACCTTO>".to_string()), Just("<!--".to_string()), Just("<".to_string()),
                "\\PC{0,12}",
            ],
            0..40,
        )
    ) {
        let text = parts.concat();
        let decoded = common::utf8(text);
        let _ = Ofx.read(&decoded, &ImportOptions::default());
    }
}

#[test]
fn a_v1_file_declaring_charset_1252_with_comma_decimals_and_one_fitid_for_two_rows_keeps_all_three()
{
    common::golden_json(
        &Ofx,
        "ofx",
        "v1_charset_1252_comma_decimals_reused_fitid",
        "ofx",
        &ImportOptions::default(),
    );
    let bytes = std::fs::read(common::fixture(
        "ofx",
        "v1_charset_1252_comma_decimals_reused_fitid.input.ofx",
    ))
    .unwrap();
    let statement = wallet_import::read(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(common::ids(&statement), ["0", "0#2", "PGTO20240310"]);
    assert_eq!(
        statement.rows[1].counterparty.as_deref(),
        Some("Boulangerie Crème Brûlée")
    );
}

#[test]
fn an_empty_curdef_takes_the_chosen_accounts_currency_and_says_so() {
    let options = ImportOptions {
        default_currency: gbp(),
        ..ImportOptions::default()
    };
    for text in [
        // XML, the tag empty.
        "<?xml version=\"1.0\"?>\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>\n<CURDEF></CURDEF>\n<BANKACCTFROM><ACCTID>12345678</ACCTID></BANKACCTFROM>\n<BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240105</DTPOSTED><TRNAMT>-4.20</TRNAMT><FITID>a1</FITID><NAME>Pret</NAME></STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
        // SGML, the leaf with nothing after it.
        "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>\n<CURDEF>\n<BANKACCTFROM><ACCTID>12345678\n</BANKACCTFROM>\n<BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT\n<DTPOSTED>20240105\n<TRNAMT>-4.20\n<FITID>a1\n<NAME>Pret\n</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
    ] {
        let statement = Ofx
            .read(&decode(text.as_bytes()).unwrap(), &options)
            .unwrap();
        assert_eq!(statement.currency, gbp());
        assert_eq!(
            statement.rows[0].amount.to_string(),
            wallet_core::Money::new(rust_decimal_macros::dec!(-4.20), gbp())
                .unwrap()
                .to_string()
        );
        assert_eq!(statement.warnings.len(), 1, "{:?}", statement.warnings);
        assert!(
            statement.warnings[0].contains("CURDEF is empty")
                && statement.warnings[0].contains("GBP"),
            "{:?}",
            statement.warnings
        );
    }
}

#[test]
fn a_curdef_that_names_no_currency_still_refuses_the_file_naming_its_line() {
    let text =
        "<OFX>\n<STMTRS>\n<CURDEF>DOLLARS\n<BANKTRANLIST>\n</BANKTRANLIST>\n</STMTRS>\n</OFX>\n";
    let Err(Error::Malformed { line, problem }) = read(text) else {
        panic!("read a nonsense currency");
    };
    assert_eq!(line, 3);
    assert!(problem.contains("DOLLARS"), "{problem}");
}

fn gbp() -> wallet_core::Currency {
    "GBP".parse().unwrap()
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("ofx", false, |_| ImportOptions::default());
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("ofx", |_| {
        ImportOptions::default()
    });
}
