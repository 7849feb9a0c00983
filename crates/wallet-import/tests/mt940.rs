//! The MT940 importer against hand-checked golden files (SWIFT envelopes with SOH/ETX, two statements,
//! `:86:` subfields wrapping mid-word, Windows-1252, a bank's header lines, funds codes), its errors, and
//! arbitrary input.

mod common;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::mt940::Mt940;
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer, Statement};

/// Reads `tests/fixtures/mt940/<case>.input.sta` and compares the statement with `<case>.expected.json`.
fn golden(case: &str) -> Statement {
    common::golden_json(&Mt940, "mt940", case, "sta", &ImportOptions::default())
}

fn read(text: &str) -> Result<Statement, Error> {
    Mt940.read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
}

#[test]
fn two_swift_enveloped_statements_in_windows_1252_read_with_wrapped_subfields_and_running_balances()
{
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mt940");
    let bytes = std::fs::read(format!("{dir}/swift_envelope_two_statements.input.sta")).unwrap();
    assert!(bytes.contains(&0x01) && bytes.contains(&0x03) && bytes.contains(&0xfc));
    assert_eq!(decode(&bytes).unwrap().encoding, "windows-1252");
    golden("swift_envelope_two_statements");
}

#[test]
fn a_row_without_a_bank_reference_gets_the_stable_fallback_id() {
    let statement = golden("swift_envelope_two_statements");
    let row = &statement.rows[2];
    assert_eq!(row.id, wallet_import::row_id::fallback(row, 0));
}

#[test]
fn a_plain_file_after_a_banks_header_lines_reads_funds_codes_and_comma_decimals() {
    golden("bank_header_funds_code");
}

#[test]
fn a_statement_without_its_closing_balance_is_truncated() {
    let text = ":20:X\n:25:DE1\n:60F:C240101EUR1,00\n:61:240102D1,00NTRFNONREF\n:86:Kaffee\n";
    assert!(matches!(read(text), Err(Error::Truncated { .. })));
}

#[test]
fn a_transaction_line_without_a_credit_debit_mark_fails_the_file_naming_its_line() {
    let text =
        ":20:X\n:25:DE1\n:60F:C240101EUR1,00\n:61:240102X1,00NTRFNONREF\n:62F:C240102EUR0,00\n";
    let Err(Error::Malformed { line, problem }) = read(text) else {
        panic!("read a :61: without C/D");
    };
    assert_eq!(line, 4);
    assert!(problem.contains("mark"), "{problem}");
}

#[test]
fn an_unknown_currency_in_the_opening_balance_fails_the_file() {
    let text = ":20:X\n:25:DE1\n:60F:C240101XYZ1,00\n:62F:C240102XYZ1,00\n";
    assert!(matches!(read(text), Err(Error::Malformed { line: 3, .. })));
}

#[test]
fn mt940_is_recognised_by_its_tags_and_nothing_else_is() {
    let recognises = |text: &str| Mt940.recognises(&decode(text.as_bytes()).unwrap());
    assert!(recognises(
        "\u{1}{1:F01X}{2:O940}{4:\n:20:X\n:25:DE1\n:60F:C240101EUR1,00\n-}\u{3}"
    ));
    assert!(!recognises(":20: is a ratio\n"));
    assert!(!recognises("!Type:Bank\n"));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_make_the_mt940_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(decoded) = decode(&bytes) {
            common::recognise_and_read(&[&Mt940], &decoded);
        }
    }

    #[test]
    fn arbitrary_text_made_of_mt940_fields_never_makes_the_importer_panic(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("\n:20:".to_string()), Just("\n:25:".to_string()), Just("\n:60F:".to_string()),
                Just("\n:61:".to_string()), Just("\n:86:".to_string()), Just("\n:62F:".to_string()),
                Just("C240101EUR".to_string()), Just("2401310131RD".to_string()), Just("1,5".to_string()),
                Just("166?20".to_string()), Just("{1:X}{4:".to_string()), Just("\n-}".to_string()),
                "\\PC{0,10}",
            ],
            0..40,
        )
    ) {
        let decoded = common::utf8(parts.concat());
        let _ = Mt940.read(&decoded, &ImportOptions::default());
    }
}

#[test]
fn slash_keyed_information_gives_name_account_and_remittance_and_a_reversed_debit_comes_back() {
    let statement = golden("slash_keyed_86_two_statements");
    assert_eq!(
        statement.rows[1].counterparty.as_deref(),
        Some("Voorbeeld B.V.")
    );
    assert_eq!(statement.rows[2].amount.to_string(), "45.60 EUR");
    assert_eq!(
        statement.rows[2].balance_after.unwrap().to_string(),
        "2750.00 EUR"
    );
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("mt940", false, |_| {
        ImportOptions::default()
    });
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("mt940", |_| {
        ImportOptions::default()
    });
}
