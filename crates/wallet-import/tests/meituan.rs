//! Meituan (美团) exports read against a hand-checked golden file: UTF-8 with a BOM and CRLF, a preamble
//! with blank `""` lines ending at 【美团交易账单明细列表】, `¥` amounts, 实付金额 as the money that moved and
//! the discount from 订单金额 kept as a note, a partial refund tied to its order, 美团月付 repayment as money
//! between the person's own pockets, and a row paid wholly by a coupon set aside.

mod common;

use pretty_assertions::assert_eq;
use rust_decimal_macros::dec;
use wallet_import::formats::meituan::Meituan;
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer, RowKind};

#[test]
fn a_meituan_export_reads_as_its_golden_statement() {
    common::golden_json(
        &Meituan,
        "meituan",
        "export",
        "csv",
        &ImportOptions::default(),
    );
}

#[test]
fn what_was_paid_counts_not_the_price_and_a_partial_refund_comes_back_on_its_order() {
    let bytes = std::fs::read(common::fixture("meituan", "export.input.csv")).unwrap();
    let statement = wallet_import::read(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(statement.rows[0].amount.amount(), dec!(-73.37));
    assert!(
        statement.rows[0]
            .description
            .as_deref()
            .unwrap()
            .ends_with("(优惠 ¥0.23)")
    );
    let refund = statement
        .rows
        .iter()
        .find(|r| r.amount.amount() == dec!(8.57))
        .unwrap();
    assert_eq!(
        refund.kind,
        RowKind::Refund {
            of: Some("261110112007016702".into())
        }
    );
    let total: rust_decimal::Decimal = statement.rows.iter().map(|r| r.amount.amount()).sum();
    assert_eq!(total, dec!(-284.49));
    assert_eq!(statement.skipped.len(), 1, "{:?}", statement.skipped);
    assert!(statement.skipped[0].reason.contains("0.00"));
}

#[test]
fn an_unreadable_paid_amount_refuses_the_file_naming_its_line() {
    let text = "【美团交易账单明细列表】\r\n交易创建时间,交易成功时间,交易类型,订单标题,收/支,支付方式,订单金额,实付金额,交易单号,商家单号,备注\r\n\
                2026-11-13 17:17:10,2026-11-13 17:17:25,支付,店,支出,美团月付,¥73.60,¥7x.37,1,2,/\r\n";
    let Err(Error::Malformed { line, problem }) =
        Meituan.read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
    else {
        panic!("read a bad amount");
    };
    assert_eq!(line, 3);
    assert!(problem.contains("实付金额"), "{problem}");
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("meituan", true, |_| {
        ImportOptions::default()
    });
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("meituan", |_| {
        ImportOptions::default()
    });
}
