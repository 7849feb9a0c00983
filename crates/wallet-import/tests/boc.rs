//! Bank of China debit card CSVs read against a hand-checked golden file, and never panicking.

use std::path::PathBuf;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::boc::BocDebit;
use wallet_import::text::{self, Decoded};
use wallet_import::{Error, ImportOptions, Importer, Statement};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/boc")
        .join(name)
}

fn decoded(text: &str) -> Decoded {
    text::decode(text.as_bytes()).unwrap()
}

fn expected(case: &str) -> Statement {
    let json = std::fs::read_to_string(fixture(&format!("{case}.expected.json"))).unwrap();
    serde_json::from_str(&json).unwrap()
}

/// The hand-checked content first (everything but the ids, which are hashes), then the ids.
fn assert_golden(actual: &Statement, expected: &Statement) {
    let without_ids = |s: &Statement| {
        let mut s = s.clone();
        s.rows.iter_mut().for_each(|r| r.id.clear());
        s
    };
    assert_eq!(without_ids(actual), without_ids(expected));
    let ids = |s: &Statement| s.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(actual), ids(expected), "ids");
}

fn read_fixture(case: &str) -> Statement {
    let bytes = std::fs::read(fixture(&format!("{case}.input.csv"))).unwrap();
    let text = text::decode(&bytes).unwrap();
    assert!(BocDebit.recognises(&text), "{case} not recognised");
    BocDebit.read(&text, &ImportOptions::default()).unwrap()
}

const HEADER: &str = "记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言,对方账户名,对方卡号/账号,对方开户行,借记卡号";

#[test]
fn a_debit_export_with_padded_cells_reads_as_its_golden_statement() {
    assert_golden(&read_fixture("debit"), &expected("debit"));
}

#[test]
fn two_identical_rows_on_one_day_get_two_ids_and_rereading_gives_the_same_ids() {
    let first = read_fixture("debit");
    assert_ne!(first.rows[1].id, first.rows[2].id);
    let again = read_fixture("debit");
    let ids = |s: &Statement| s.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&again));
}

#[test]
fn only_the_bank_of_china_header_is_recognised() {
    assert!(BocDebit.recognises(&decoded(&format!("中国银行\n{HEADER}\n"))));
    assert!(!BocDebit.recognises(&decoded(
        "记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\n"
    )));
    assert!(!BocDebit.recognises(&decoded("记账日期 记账时间 币别 金额\n")));
}

#[test]
fn a_header_with_no_rows_is_an_empty_statement() {
    let statement = BocDebit
        .read(&decoded(&format!("{HEADER}\n")), &ImportOptions::default())
        .unwrap();
    assert!(statement.rows.is_empty());
}

#[test]
fn a_row_with_a_bad_amount_or_time_fails_the_file_naming_the_line_the_column_and_the_value() {
    let file = format!("{HEADER}\n2024-01-05,12:00:00,人民币,-4x.80,1.00,消费,,,,,,,\n");
    let Err(Error::Malformed { line, problem }) =
        BocDebit.read(&decoded(&file), &ImportOptions::default())
    else {
        panic!("accepted")
    };
    assert_eq!(line, 2);
    assert!(
        problem.contains("金额") && problem.contains("-4x.80"),
        "{problem}"
    );

    let file = format!("{HEADER}\n2024-01-05,25:00,人民币,-4.80,1.00,消费,,,,,,,\n");
    let Err(Error::Malformed { problem, .. }) =
        BocDebit.read(&decoded(&file), &ImportOptions::default())
    else {
        panic!("accepted")
    };
    assert!(
        problem.contains("记账时间") && problem.contains("25:00"),
        "{problem}"
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = text::decode(&bytes) && BocDebit.recognises(&text) {
            let _ = BocDebit.read(&text, &ImportOptions::default());
        }
    }

    #[test]
    fn arbitrary_lines_after_a_valid_header_never_panic(
        lines in proptest::collection::vec("[0-9a-z人民币美元合计:.,\"=/ \\t-]{0,60}", 0..8)
    ) {
        let text = decoded(&format!("{HEADER}\n{}", lines.join("\n")));
        prop_assert!(BocDebit.recognises(&text));
        let _ = BocDebit.read(&text, &ImportOptions::default());
    }
}
