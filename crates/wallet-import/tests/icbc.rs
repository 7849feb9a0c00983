//! ICBC debit and credit card downloads read against hand-checked golden files, in UTF-8 and GBK, and
//! never panicking on whatever bytes they are given.

mod common;

use common::{assert_golden, decoded, expected, ids, read_fixture};
use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::icbc::{IcbcCredit, IcbcDebit};
use wallet_import::text;
use wallet_import::{Error, ImportOptions, Importer};

const DEBIT_HEADER: &str = "交易日期,摘要,交易详情,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户";
const CREDIT_HEADER: &str = "交易日期,记账日期,摘要,交易场所,交易国家或地区简称,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名";

#[test]
fn a_debit_download_reads_as_its_golden_statement() {
    assert_golden(
        &read_fixture(&IcbcDebit, "icbc", "debit"),
        &expected("icbc", "debit"),
    );
}

#[test]
fn the_same_debit_download_in_gbk_reads_the_same() {
    let utf8 = std::fs::read_to_string(common::fixture("icbc", "debit.input.csv")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    assert!(!unmappable);
    let text = text::decode(&gbk).unwrap();
    assert_eq!(text.encoding, "gb18030");
    assert!(IcbcDebit.recognises(&text));
    assert_golden(
        &IcbcDebit.read(&text, &ImportOptions::default()).unwrap(),
        &expected("icbc", "debit"),
    );
}

#[test]
fn a_credit_card_download_reads_as_its_golden_statement() {
    assert_golden(
        &read_fixture(&IcbcCredit, "icbc", "credit"),
        &expected("icbc", "credit"),
    );
}

#[test]
fn a_cross_border_row_is_booked_in_the_account_currency_with_the_original_kept() {
    let statement = read_fixture(&IcbcDebit, "icbc", "debit");
    let amazon = &statement.rows[3];
    assert_eq!(amazon.amount.to_string(), "-188.43 CNY");
    assert_eq!(amazon.original.unwrap().to_string(), "-25.99 USD");
}

#[test]
fn two_identical_coffees_on_one_day_get_two_ids_and_rereading_gives_the_same_ids() {
    let first = read_fixture(&IcbcDebit, "icbc", "debit");
    assert_ne!(first.rows[1].id, first.rows[2].id);
    let again = read_fixture(&IcbcDebit, "icbc", "debit");
    assert_eq!(ids(&first), ids(&again));
    assert!(ids(&first).iter().all(|id| id.starts_with("h-")));
}

#[test]
fn the_debit_and_credit_importers_each_recognise_only_their_own_header() {
    let debit = decoded(&format!("卡号: 1234\n{DEBIT_HEADER}\n"));
    let credit = decoded(&format!("{CREDIT_HEADER}\n"));
    assert!(IcbcDebit.recognises(&debit) && !IcbcCredit.recognises(&debit));
    assert!(IcbcCredit.recognises(&credit) && !IcbcDebit.recognises(&credit));
    let other = decoded("记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\n");
    assert!(!IcbcDebit.recognises(&other) && !IcbcCredit.recognises(&other));
    let words = decoded("明细查询文件下载\n交易日期 摘要 交易详情\n");
    assert!(!IcbcDebit.recognises(&words));
}

#[test]
fn a_header_with_no_rows_is_an_empty_statement() {
    let statement = IcbcDebit
        .read(
            &decoded(&format!("卡号: 6222021234567890123\n{DEBIT_HEADER}\n")),
            &ImportOptions::default(),
        )
        .unwrap();
    assert!(statement.rows.is_empty());
    assert_eq!(statement.account.as_deref(), Some("0123"));
}

#[test]
fn a_row_with_a_bad_amount_fails_the_file_naming_the_line_the_column_and_the_value() {
    let file = format!(
        "{DEBIT_HEADER}\n2024-01-05,消费,x,y,CHN,钞,,32.00,人民币,,32.0O,人民币,100.00,,\n"
    );
    let error = IcbcDebit
        .read(&decoded(&file), &ImportOptions::default())
        .unwrap_err();
    let Error::Malformed { line, problem } = error else {
        panic!("{error:?}")
    };
    assert_eq!(line, 2);
    assert!(
        problem.contains("记账金额(支出)") && problem.contains("32.0O"),
        "{problem}"
    );
}

#[test]
fn a_row_with_a_bad_date_or_an_unknown_currency_fails_the_file() {
    let bad_date =
        format!("{DEBIT_HEADER}\n05/01/2024,消费,x,y,CHN,钞,,1.00,人民币,,1.00,人民币,,,\n");
    assert!(matches!(
        IcbcDebit.read(&decoded(&bad_date), &ImportOptions::default()),
        Err(Error::Malformed { line: 2, .. })
    ));
    let bad_currency =
        format!("{DEBIT_HEADER}\n2024-01-05,消费,x,y,CHN,钞,,1.00,金币,,1.00,金币,,,\n");
    let Err(Error::Malformed { problem, .. }) =
        IcbcDebit.read(&decoded(&bad_currency), &ImportOptions::default())
    else {
        panic!("accepted")
    };
    assert!(problem.contains("金币"), "{problem}");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = text::decode(&bytes) {
            common::read_if_recognised(&[&IcbcDebit, &IcbcCredit], &text);
        }
    }

    #[test]
    fn arbitrary_lines_after_a_valid_header_never_panic(
        lines in proptest::collection::vec("[0-9a-z人民币美元合计.,\"=/ \\t-]{0,60}", 0..8)
    ) {
        for (importer, header) in [(&IcbcDebit as &dyn Importer, DEBIT_HEADER), (&IcbcCredit, CREDIT_HEADER)] {
            let file = format!("卡号: 6222\n{header}\n{}", lines.join("\n"));
            let text = decoded(&file);
            prop_assert!(importer.recognises(&text));
            let _ = importer.read(&text, &ImportOptions::default());
        }
    }
}

#[test]
fn the_earlier_debit_download_without_details_columns_reads_with_dashes_for_no_foreign_amount() {
    let statement = common::golden_json(
        &IcbcDebit,
        "icbc",
        "debit_earlier_header",
        "csv",
        &ImportOptions::default(),
    );
    assert_eq!(statement.rows.len(), 4);
    assert!(statement.rows.iter().all(|row| row.original.is_none()));
}

#[test]
fn a_credit_download_saved_as_unicode_text_utf16_and_tab_separated_reads_like_the_csv() {
    let bytes = std::fs::read(common::fixture("icbc", "credit_unicode_text.input.txt")).unwrap();
    assert_eq!(text::decode(&bytes).unwrap().encoding, "UTF-16LE");
    let statement = common::golden_json(
        &IcbcCredit,
        "icbc",
        "credit_unicode_text",
        "txt",
        &ImportOptions::default(),
    );
    let abroad = &statement.rows[1];
    assert_eq!(abroad.amount.to_string(), "-94.21 CNY");
    assert_eq!(abroad.original.unwrap().to_string(), "-12.99 USD");
}

#[test]
fn a_masked_balance_column_is_left_out_with_a_warning_and_every_row_still_reads() {
    let text = format!(
        "明细查询文件下载\n卡号: 6222 0212 3456 7890 123\n{DEBIT_HEADER}\n\
         2024-01-02,工资,代发工资,,CHN,钞,\"12,500.00\",,人民币,\"12,500.00\",,人民币,\"xx,yyyy.zz\",某某科技有限公司,\n\
         2024-01-05,消费,财付通-星巴克,财付通,CHN,钞,,32.00,人民币,,32.00,人民币,\"xx,yyyy.zz\",,\n\
         2024-01-06,消费,美团,美团,CHN,钞,,18.50,人民币,,18.50,人民币,\"20,449.50\",,\n"
    );
    let statement = IcbcDebit
        .read(&decoded(&text), &ImportOptions::default())
        .unwrap();
    let amounts: Vec<String> = statement
        .rows
        .iter()
        .map(|row| row.amount.amount().to_string())
        .collect();
    assert_eq!(amounts, ["12500.00", "-32.00", "-18.50"]);
    assert_eq!(statement.rows[0].balance_after, None);
    assert_eq!(
        statement.rows[2]
            .balance_after
            .map(|b| b.amount().to_string()),
        Some("20449.50".to_string())
    );
    assert_eq!(statement.warnings.len(), 1, "{:?}", statement.warnings);
    let warning = &statement.warnings[0];
    assert!(
        warning.starts_with("line 4:")
            && warning.contains("xx,yyyy.zz")
            && warning.contains("1 more row")
            && warning.contains("余额"),
        "{warning}"
    );
}

#[test]
fn a_masked_amount_still_refuses_the_file_naming_its_line() {
    let text = format!(
        "{DEBIT_HEADER}\n2024-01-05,消费,星巴克,,CHN,钞,,32.00,人民币,,\"xx.yy\",人民币,\"1,000.00\",,\n"
    );
    let Err(Error::Malformed { line, problem }) =
        IcbcDebit.read(&decoded(&text), &ImportOptions::default())
    else {
        panic!("read a masked amount");
    };
    assert_eq!(line, 2);
    assert!(problem.contains("记账金额(支出)"), "{problem}");
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("icbc", true, |_| ImportOptions::default());
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("icbc", |_| {
        ImportOptions::default()
    });
}
