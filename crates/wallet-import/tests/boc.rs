//! Bank of China debit card CSVs read against a hand-checked golden file, and never panicking.

mod common;

use common::{assert_golden, decoded, expected, ids, read_fixture};
use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::boc::BocDebit;
use wallet_import::text;
use wallet_import::{Error, ImportOptions, Importer};

const HEADER: &str = "记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言,对方账户名,对方卡号/账号,对方开户行,借记卡号";

#[test]
fn a_debit_export_with_padded_cells_reads_as_its_golden_statement() {
    assert_golden(
        &read_fixture(&BocDebit, "boc", "debit"),
        &expected("boc", "debit"),
    );
}

#[test]
fn two_identical_rows_on_one_day_get_two_ids_and_rereading_gives_the_same_ids() {
    let first = read_fixture(&BocDebit, "boc", "debit");
    assert_ne!(first.rows[1].id, first.rows[2].id);
    let again = read_fixture(&BocDebit, "boc", "debit");
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
        if let Ok(text) = text::decode(&bytes) {
            common::read_if_recognised(&[&BocDebit], &text);
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

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("boc", true, |_| ImportOptions::default());
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("boc", |_| {
        ImportOptions::default()
    });
}
