//! The CAMT.053 importer against hand-checked golden files (.001.02 with a batch entry and a pending one,
//! .001.08 with two statements), its errors, and arbitrary input.

mod common;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::camt053::Camt053;
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer, Statement};

/// Reads `tests/fixtures/camt053/<case>.input.xml` and compares the statement with `<case>.expected.json`.
fn golden(case: &str) {
    common::golden_json(&Camt053, "camt053", case, "xml", &ImportOptions::default());
}

fn read(text: &str) -> Result<Statement, Error> {
    Camt053.read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
}

const ENTRY_HEAD: &str = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt>\n<Stmt>\n<Acct><Id><IBAN>DE1</IBAN></Id></Acct>\n";

#[test]
fn a_v02_file_reads_a_batch_entry_as_one_row_per_transaction_and_skips_a_pending_entry() {
    golden("v02_batch_and_pending");
}

#[test]
fn a_v08_file_with_two_statements_reads_both_with_their_own_currencies() {
    golden("v08_two_statements");
}

#[test]
fn a_file_cut_off_inside_a_statement_is_truncated() {
    let cut = format!("{ENTRY_HEAD}<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n");
    assert!(matches!(read(&cut), Err(Error::Truncated { .. })));
    let cut_in_a_tag = format!("{ENTRY_HEAD}<Ntry>\n<Amt Ccy=\"EU");
    assert!(matches!(read(&cut_in_a_tag), Err(Error::Truncated { .. })));
}

#[test]
fn an_entry_with_a_wrong_credit_debit_mark_fails_the_file_naming_its_line() {
    let text = format!(
        "{ENTRY_HEAD}<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CREDIT</CdtDbtInd>\n<Sts>BOOK</Sts>\n<BookgDt><Dt>2024-01-02</Dt></BookgDt>\n</Ntry>\n</Stmt>\n</BkToCstmrStmt>\n</Document>\n"
    );
    let Err(Error::Malformed { line, problem }) = read(&text) else {
        panic!("read a wrong CdtDbtInd");
    };
    assert_eq!(line, 7);
    assert!(problem.contains("CREDIT"), "{problem}");
}

#[test]
fn an_entry_without_a_date_fails_the_file() {
    let text = format!(
        "{ENTRY_HEAD}<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n</Ntry>\n</Stmt>\n</BkToCstmrStmt>\n</Document>\n"
    );
    assert!(matches!(read(&text), Err(Error::Malformed { line: 5, .. })));
}

#[test]
fn mismatched_tags_fail_the_file_as_not_well_formed() {
    let text = format!("{ENTRY_HEAD}<Ntry>\n</Amt>\n</Stmt>\n</BkToCstmrStmt>\n</Document>\n");
    assert!(matches!(read(&text), Err(Error::Malformed { .. })));
}

#[test]
fn camt053_is_recognised_by_its_namespace_or_root_and_nothing_else_is() {
    let recognises = |text: &str| Camt053.recognises(&decode(text.as_bytes()).unwrap());
    assert!(recognises(ENTRY_HEAD));
    assert!(recognises(
        "<Document><BkToCstmrStmt></BkToCstmrStmt></Document>"
    ));
    assert!(!recognises("<OFX><STMTRS>"));
    assert!(!recognises(
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">"
    ));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_make_the_camt053_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(decoded) = decode(&bytes) {
            common::recognise_and_read(&[&Camt053], &decoded);
        }
    }

    #[test]
    fn arbitrary_text_made_of_camt053_elements_never_makes_the_importer_panic(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<Stmt>".to_string()), Just("</Stmt>".to_string()), Just("<Ntry>".to_string()),
                Just("</Ntry>".to_string()), Just("<TxDtls>".to_string()), Just("</TxDtls>".to_string()),
                Just("<Amt Ccy=\"EUR\">".to_string()), Just("</Amt>".to_string()),
                Just("<CdtDbtInd>".to_string()), Just("</CdtDbtInd>".to_string()),
                Just("<BookgDt><Dt>2024-01-01</Dt></BookgDt>".to_string()), Just("<Sts/>".to_string()),
                "\\PC{0,12}",
            ],
            0..40,
        )
    ) {
        let decoded = common::utf8(parts.concat());
        let _ = Camt053.read(&decoded, &ImportOptions::default());
    }
}

#[test]
fn a_batch_whose_transactions_carry_no_amounts_is_one_row_and_a_reversal_credit_is_a_refund() {
    golden("v04_batch_without_amounts_and_reversal");
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/camt053/v04_batch_without_amounts_and_reversal.input.xml"
    ))
    .unwrap();
    let statement = wallet_import::read(&bytes, &ImportOptions::default()).unwrap();
    let amounts: Vec<String> = statement
        .rows
        .iter()
        .map(|r| r.amount.to_string())
        .collect();
    assert_eq!(
        amounts,
        ["-250.00 EUR", "49.99 EUR", "-10.00 EUR", "-20.00 EUR"]
    );
    assert_eq!(
        statement.rows[2].counterparty.as_deref(),
        Some("Kiosk Eins")
    );
}

#[test]
fn a_statement_nested_twenty_thousand_elements_deep_is_refused_in_linear_time() {
    // Found by the fuzz campaign: every text joined the whole path below the statement, so a file nested
    // thousands deep took seconds (quadratic in the depth).
    let deep = format!("{ENTRY_HEAD}{}", "<Stmt>x".repeat(20_000));
    let started = std::time::Instant::now();
    let refused = read(&deep);
    let took = started.elapsed();
    assert!(
        matches!(refused, Err(Error::Truncated { .. })),
        "{refused:?}"
    );
    assert!(
        // 0.04 s in a debug build; before the fix, 15 s. The margin is for a loaded machine.
        took < std::time::Duration::from_secs(3),
        "took {took:?}"
    );
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("camt053", false, |_| {
        ImportOptions::default()
    });
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("camt053", |_| {
        ImportOptions::default()
    });
}

#[test]
fn an_entry_information_longer_than_the_schema_allows_is_refused_naming_its_line() {
    // A batch entry copies its information into each of its rows: 2,000 transactions of an entry with a
    // text of 100,000 characters would be 200 MB. Max500Text is what the schema allows.
    let details = "<TxDtls><Amt Ccy=\"EUR\">1.00</Amt></TxDtls>".repeat(2000);
    let text = format!(
        "{ENTRY_HEAD}<Ntry>\n<Amt Ccy=\"EUR\">2000.00</Amt>\n<CdtDbtInd>DBIT</CdtDbtInd>\n<Sts>BOOK</Sts>\n<BookgDt><Dt>2024-01-02</Dt></BookgDt>\n<AddtlNtryInf>{}</AddtlNtryInf>\n<NtryDtls>{details}</NtryDtls>\n</Ntry>\n</Stmt>\n</BkToCstmrStmt>\n</Document>\n",
        "x".repeat(100_000)
    );
    let Err(Error::Malformed { line, problem }) = read(&text) else {
        panic!("read an AddtlNtryInf of 100,000 characters");
    };
    assert_eq!(line, 10);
    assert!(problem.contains("AddtlNtryInf"), "{problem}");
    let within = text.replace(&"x".repeat(100_000), &"x".repeat(500));
    let statement = read(&within).unwrap();
    assert_eq!(statement.rows.len(), 2000);
    assert_eq!(
        statement.rows[0].description.as_deref().map(str::len),
        Some(500)
    );
}
