//! China Merchants Bank debit and credit card CSVs read against hand-checked golden files (year-less
//! credit card dates across December→January, the card-account sign convention), and never panicking.

mod common;

use common::{assert_golden, decoded, expected, ids, read_fixture};
use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::cmb::{CmbCredit, CmbDebit};
use wallet_import::text;
use wallet_import::{Error, ImportOptions, Importer, RowKind};

const DEBIT_HEADER: &str = "记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要";
const CREDIT_HEADER: &str = "交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额";

#[test]
fn a_debit_export_with_padded_cells_and_comment_totals_reads_as_its_golden_statement() {
    assert_golden(
        &read_fixture(&CmbDebit, "cmb", "debit"),
        &expected("cmb", "debit"),
    );
}

#[test]
fn a_credit_card_statement_reads_as_its_golden_statement() {
    assert_golden(
        &read_fixture(&CmbCredit, "cmb", "credit"),
        &expected("cmb", "credit"),
    );
}

#[test]
fn december_days_in_a_january_statement_fall_in_the_year_before() {
    let statement = read_fixture(&CmbCredit, "cmb", "credit");
    let days: Vec<String> = statement
        .rows
        .iter()
        .map(|r| r.at.date().to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2023-12-28",
            "2023-12-28",
            "2023-12-31",
            "2024-01-05",
            "2024-01-06",
            "2024-01-10"
        ]
    );
}

#[test]
fn spending_on_the_card_is_negative_and_a_repayment_with_no_transaction_day_is_positive() {
    let statement = read_fixture(&CmbCredit, "cmb", "credit");
    assert_eq!(statement.rows[0].amount.to_string(), "-32.00 CNY");
    let repayment = &statement.rows[3];
    assert_eq!(repayment.amount.to_string(), "2000.00 CNY");
    assert_eq!(repayment.at.date().to_string(), "2024-01-05");
    assert_eq!(repayment.kind, RowKind::Neutral);
    assert_eq!(repayment.original, None);
    assert_eq!(
        statement.rows[2].original.unwrap().to_string(),
        "-180.00 USD"
    );
}

#[test]
fn two_identical_rows_on_one_day_get_two_ids_and_rereading_gives_the_same_ids() {
    for (importer, case) in [
        (&CmbDebit as &dyn Importer, "debit"),
        (&CmbCredit, "credit"),
    ] {
        let first = read_fixture(importer, "cmb", case);
        assert_ne!(first.rows[0].id, first.rows[1].id, "{case}");
        let again = read_fixture(importer, "cmb", case);
        assert_eq!(ids(&first), ids(&again), "{case}");
    }
}

#[test]
fn each_importer_recognises_only_its_own_header() {
    let debit = decoded(&format!("# 招商银行交易记录\n{DEBIT_HEADER}\n"));
    let credit = decoded(&format!("2024年01月\n{CREDIT_HEADER}\n"));
    assert!(CmbDebit.recognises(&debit) && !CmbCredit.recognises(&debit));
    assert!(CmbCredit.recognises(&credit) && !CmbDebit.recognises(&credit));
    let other = decoded("记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言\n");
    assert!(!CmbDebit.recognises(&other) && !CmbCredit.recognises(&other));
    assert!(!CmbCredit.recognises(&decoded("招商银行信用卡对账单 2024年01月\n")));
}

#[test]
fn a_header_with_no_rows_is_an_empty_statement() {
    let statement = CmbDebit
        .read(
            &decoded(&format!("{DEBIT_HEADER}\n")),
            &ImportOptions::default(),
        )
        .unwrap();
    assert!(statement.rows.is_empty());
    let statement = CmbCredit
        .read(
            &decoded(&format!("2024年01月\n{CREDIT_HEADER}\n")),
            &ImportOptions::default(),
        )
        .unwrap();
    assert!(statement.rows.is_empty());
}

#[test]
fn a_credit_card_statement_without_its_month_is_refused() {
    let file = format!("{CREDIT_HEADER}\n01/02,01/03,x,1.00,8888,\n");
    let error = CmbCredit
        .read(&decoded(&file), &ImportOptions::default())
        .unwrap_err();
    assert!(
        matches!(error, Error::Malformed { line: 1, .. }),
        "{error:?}"
    );
}

#[test]
fn a_row_with_a_bad_amount_or_day_fails_the_file_naming_the_line_the_column_and_the_value() {
    let file = format!("{DEBIT_HEADER}\n20240103,人民币,-3O.00,1.00,快捷支付,x,\n");
    let Err(Error::Malformed { line, problem }) =
        CmbDebit.read(&decoded(&file), &ImportOptions::default())
    else {
        panic!("accepted")
    };
    assert_eq!(line, 2);
    assert!(
        problem.contains("交易金额") && problem.contains("-3O.00"),
        "{problem}"
    );

    let file = format!("2024年01月\n{CREDIT_HEADER}\n13/02,01/03,x,1.00,8888,\n");
    let Err(Error::Malformed { line, problem }) =
        CmbCredit.read(&decoded(&file), &ImportOptions::default())
    else {
        panic!("accepted")
    };
    assert_eq!(line, 3);
    assert!(
        problem.contains("交易日") && problem.contains("13/02"),
        "{problem}"
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = text::decode(&bytes) {
            common::read_if_recognised(&[&CmbDebit, &CmbCredit], &text);
        }
    }

    #[test]
    fn arbitrary_lines_after_a_valid_header_never_panic(
        lines in proptest::collection::vec("[0-9a-zA-Z人民币合计#.,()\"/ \\t-]{0,60}", 0..8)
    ) {
        for (importer, header) in [(&CmbDebit as &dyn Importer, DEBIT_HEADER), (&CmbCredit, CREDIT_HEADER)] {
            let file = format!("2024年01月\n{header}\n{}", lines.join("\n"));
            let text = decoded(&file);
            prop_assert!(importer.recognises(&text));
            let _ = importer.read(&text, &ImportOptions::default());
        }
    }
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("cmb", true, |_| ImportOptions::default());
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("cmb", |_| {
        ImportOptions::default()
    });
}
