//! The Alipay importers against hand-written statements: the three export versions (current, 2021, legacy)
//! read golden fixtures exactly, closed orders are skipped, refunds tie to their orders, bad rows fail the
//! file with their line, and no input makes them panic.

mod common;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::alipay::{Alipay2021, AlipayCurrent, AlipayLegacy};
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer, RowKind, Statement};

/// How a fixture's UTF-8 text is turned into the bytes Alipay would have written.
#[derive(Clone, Copy)]
enum Bytes {
    /// GBK with LF line ends.
    Gbk,
    /// GBK with CRLF line ends, as the current export writes them.
    GbkCrlf,
    /// UTF-8 with a byte-order mark (an export opened and saved again).
    Utf8Bom,
}

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixture("alipay", name)
}

fn encode(text: &str, bytes: Bytes) -> Vec<u8> {
    match bytes {
        Bytes::Gbk => encoding_rs::GBK.encode(text).0.into_owned(),
        Bytes::GbkCrlf => encoding_rs::GBK
            .encode(&text.replace('\n', "\r\n"))
            .0
            .into_owned(),
        Bytes::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    }
}

fn read_with(
    importer: &dyn Importer,
    text: &str,
    bytes: Bytes,
) -> wallet_import::Result<Statement> {
    let decoded = decode(&encode(text, bytes))?;
    assert!(importer.recognises(&decoded), "not recognised");
    importer.read(&decoded, &ImportOptions::default())
}

/// Reads `<case>.input.utf8.csv` as `bytes` and compares it with `<case>.expected.json`, where an id of
/// `<fallback>` stands for a fallback id (a hash, checked for its shape).
fn golden(importer: &dyn Importer, case: &str, bytes: Bytes) {
    let text = std::fs::read_to_string(fixture(&format!("{case}.input.utf8.csv"))).unwrap();
    let statement = read_with(importer, &text, bytes).unwrap();
    let actual = serde_json::to_value(&statement).unwrap();
    let mut expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("{case}.expected.json"))).unwrap(),
    )
    .unwrap();
    for (at, row) in expected["rows"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        if row["id"] == "<fallback>" {
            let id = statement.rows[at].id.clone();
            assert!(id.starts_with("h-") && id.len() == 26, "{id}");
            row["id"] = id.into();
        }
    }
    assert_eq!(actual, expected);
}

#[test]
fn the_current_export_after_its_long_preamble_reads_as_the_hand_written_statement() {
    golden(&AlipayCurrent, "current_export", Bytes::GbkCrlf);
}

#[test]
fn the_2021_export_stops_at_its_footer_and_reads_as_the_hand_written_statement() {
    golden(&Alipay2021, "export_2021", Bytes::Gbk);
}

#[test]
fn the_2021_export_saved_again_as_utf8_with_a_bom_reads_the_same() {
    golden(&Alipay2021, "export_2021", Bytes::Utf8Bom);
}

#[test]
fn the_legacy_export_with_padded_cells_and_a_totals_footer_reads_as_the_hand_written_statement() {
    golden(&AlipayLegacy, "legacy_export", Bytes::Gbk);
}

#[test]
fn each_version_is_recognised_by_its_own_importer_only() {
    let importers: [&dyn Importer; 3] = [&AlipayCurrent, &Alipay2021, &AlipayLegacy];
    for (own, case) in ["current_export", "export_2021", "legacy_export"]
        .into_iter()
        .enumerate()
    {
        let text = std::fs::read_to_string(fixture(&format!("{case}.input.utf8.csv"))).unwrap();
        let decoded = decode(&encode(&text, Bytes::Gbk)).unwrap();
        for (at, importer) in importers.iter().enumerate() {
            assert_eq!(importer.recognises(&decoded), at == own, "{case} by {at}");
        }
    }
}

const CURRENT_HEADER: &str = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,";

fn current(rows: &[&str]) -> String {
    format!("导出信息：\n{CURRENT_HEADER}\n{}\n", rows.join("\n"))
}

#[test]
fn a_closed_order_moved_no_money_and_is_skipped_with_its_line() {
    let text = current(&[
        "2026-11-06 10:00:00,日用百货,淘宝商家A,,手机壳,支出,19.90,花呗,交易关闭,2026110622001\t,,,",
        "2026-11-06 11:00:00,日用百货,淘宝商家A,,手机壳,支出,19.90,花呗,交易成功,2026110622002\t,,,",
    ]);
    let statement = read_with(&AlipayCurrent, &text, Bytes::Gbk).unwrap();
    assert_eq!(statement.rows.len(), 1);
    assert_eq!(statement.rows[0].id, "2026110622002");
    assert_eq!(statement.skipped.len(), 1);
    assert_eq!(statement.skipped[0].line, 3);
    assert!(statement.skipped[0].reason.contains("交易关闭"));
}

#[test]
fn a_refund_is_tied_to_the_order_its_id_starts_with_and_brings_the_money_back() {
    let text = current(&[
        "2026-11-07 20:15:00,服饰装扮,优衣库,,T恤,支出,99.00,余额,交易成功,20261107220014\t,,,",
        "2026-11-09 11:00:00,退款,优衣库,,退款-T恤,收入,99.00,余额,退款成功,20261107220014_88\t,,,",
    ]);
    let statement = read_with(&AlipayCurrent, &text, Bytes::Gbk).unwrap();
    assert_eq!(statement.rows[1].amount.amount().to_string(), "99.00");
    assert_eq!(
        statement.rows[1].kind,
        RowKind::Refund {
            of: Some("20261107220014".into())
        }
    );
}

#[test]
fn a_closed_order_that_a_refund_in_the_file_points_to_did_move_money_and_is_kept() {
    let text = current(&[
        "2026-11-07 20:15:00,服饰装扮,优衣库,,T恤,支出,99.00,余额,交易关闭,20261107220014\t,,,",
        "2026-11-09 11:00:00,退款,优衣库,,退款-T恤,不计收支,99.00,余额,退款成功,20261107220014_88\t,,,",
    ]);
    let statement = read_with(&AlipayCurrent, &text, Bytes::Gbk).unwrap();
    assert!(statement.skipped.is_empty());
    assert_eq!(statement.rows[0].amount.amount().to_string(), "-99.00");
    assert_eq!(statement.rows[0].kind, RowKind::Payment);
    assert_eq!(statement.rows[1].amount.amount().to_string(), "99.00");
}

#[test]
fn a_data_row_with_a_bad_amount_fails_the_file_naming_the_line_the_column_and_the_value() {
    let text = current(&[
        "2026-11-02 12:30:05,餐饮美食,星巴克,,拿铁,支出,32.00,余额,交易成功,1\t,,,",
        "2026-11-02 12:30:05,餐饮美食,星巴克,,拿铁,支出,三十二,余额,交易成功,2\t,,,",
    ]);
    let Err(Error::Malformed { line, problem }) = read_with(&AlipayCurrent, &text, Bytes::Gbk)
    else {
        panic!("a bad amount must fail the file");
    };
    assert_eq!(line, 4);
    assert!(
        problem.contains("金额") && problem.contains("三十二"),
        "{problem}"
    );
}

#[test]
fn a_data_row_with_a_bad_date_fails_the_file_naming_the_line_the_column_and_the_value() {
    let text =
        current(&["2026-13-45 12:30:05,餐饮美食,星巴克,,拿铁,支出,32.00,余额,交易成功,1\t,,,"]);
    let Err(Error::Malformed { line, problem }) = read_with(&AlipayCurrent, &text, Bytes::Gbk)
    else {
        panic!("a bad date must fail the file");
    };
    assert_eq!(line, 3);
    assert!(
        problem.contains("交易时间") && problem.contains("2026-13-45"),
        "{problem}"
    );
}

#[test]
fn two_identical_rows_without_order_ids_get_two_stable_fallback_ids() {
    let row = "2026-11-15 12:00:00,餐饮美食,食堂,,午餐,支出,15.00,余额,支付成功,,,,";
    let text = current(&[row, row]);
    let first = read_with(&AlipayCurrent, &text, Bytes::Gbk).unwrap();
    let again = read_with(&AlipayCurrent, &text, Bytes::Gbk).unwrap();
    assert_ne!(first.rows[0].id, first.rows[1].id);
    assert_eq!(first.rows, again.rows);
}

const HEADERS: [&str; 3] = [
    CURRENT_HEADER,
    "收/支,交易对方,对方账号,商品说明,收/付款方式,金额,交易状态,交易分类,交易订单号,商家订单号,交易时间,",
    "交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,",
];

proptest! {
    #[test]
    fn arbitrary_bytes_never_make_an_alipay_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = decode(&bytes) {
            common::recognise_and_read(&[&AlipayCurrent, &Alipay2021, &AlipayLegacy], &decoded);
        }
    }

    #[test]
    fn arbitrary_lines_after_a_valid_header_never_make_an_alipay_importer_panic(
        version in 0usize..3,
        lines in proptest::collection::vec("[0-9a-z交易成功关闭支出收入不计收支退款,.:/ \t\"¥-]{0,80}", 0..8),
    ) {
        let text = format!("导出信息：\n{}\n{}\n", HEADERS[version], lines.join("\n"));
        let decoded = decode(&encode(&text, Bytes::Gbk)).unwrap();
        let importers: [&dyn Importer; 3] = [&AlipayCurrent, &Alipay2021, &AlipayLegacy];
        prop_assert!(importers[version].recognises(&decoded));
        let _ = importers[version].read(&decoded, &ImportOptions::default());
    }
}

#[test]
fn a_gbk_export_without_the_category_column_reads_its_padded_header_tabbed_ids_and_excel_resaved_date()
 {
    let statement = common::golden_json(
        &AlipayCurrent,
        "alipay",
        "transaction_proof_without_category",
        "gbk.csv",
        &ImportOptions::default(),
    );
    assert_eq!(statement.rows.len(), 5);
    let total: rust_decimal::Decimal = statement.rows.iter().map(|r| r.amount.amount()).sum();
    assert_eq!(total.to_string(), "-989.03");
    assert_eq!(statement.rows[4].at.to_string(), "2025-03-02 09:05:00");
}

#[test]
fn a_legacy_web_export_with_a_refund_column_named_without_success_ties_the_refund_to_its_order() {
    let statement = common::golden_json(
        &AlipayLegacy,
        "alipay",
        "legacy_refund_column",
        "gbk.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        statement.rows[1].kind,
        RowKind::Refund {
            of: Some("2019061822001400000000000011".into())
        }
    );
}

/// A current export of `rows` (each a CSV line after the header).
fn current_export(rows: &[&str]) -> Statement {
    let mut text = String::from(
        "------------------------支付宝（杭州）信息技术有限公司  电子客户回单------------------------\n\
         交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\n",
    );
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    AlipayCurrent
        .read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
        .unwrap()
}

fn net(statement: &Statement) -> rust_decimal::Decimal {
    statement.rows.iter().map(|row| row.amount.amount()).sum()
}

#[test]
fn a_closed_order_and_its_refund_net_to_nothing_even_when_their_ids_share_nothing() {
    let statement = current_export(&[
        "2026-11-07 20:15:00,服饰装扮,优衣库官方旗舰店,uniqlo@tmall.com,T恤 白色 L,支出,99.00,招商银行信用卡(5678),交易关闭,2026110722001412340511112222\t,T20261107UQ\t,,",
        "2026-11-09 11:00:00,退款,优衣库官方旗舰店,uniqlo@tmall.com,退款-T恤,不计收支,99.00,招商银行信用卡(5678),退款成功,2026110940001412340599990000\t,R8812001\t,,",
        "2026-11-10 12:00:00,餐饮美食,星巴克,sbk@starbucks.cn,拿铁,支出,32.00,余额,交易成功,2026111022001412340501234567\t,,,",
    ]);
    assert_eq!(net(&statement), rust_decimal_macros::dec!(-32.00));
    assert_eq!(
        statement.rows[1].kind,
        RowKind::Refund {
            of: Some("2026110722001412340511112222".into())
        }
    );
}

#[test]
fn a_closed_order_refunded_in_full_under_another_description_still_nets_to_nothing() {
    // The refund names no item and no order: the same shop, the closed order's exact amount.
    let statement = current_export(&[
        "2026-11-07 20:15:00,服饰装扮,优衣库官方旗舰店,uniqlo@tmall.com,T恤,支出,99.00,花呗,交易关闭,2026110722001412340511112222\t,,,",
        "2026-11-09 11:00:00,退款,优衣库官方旗舰店,uniqlo@tmall.com,退款,不计收支,99.00,花呗,退款成功,2026110940001412340599990000\t,,,",
    ]);
    assert_eq!(net(&statement), rust_decimal_macros::dec!(0));
    assert_eq!(statement.rows.len(), 2);
}

#[test]
fn a_closed_order_that_was_never_paid_and_a_refund_of_an_earlier_month_each_count_as_they_moved() {
    // The closed order moved nothing; the refund is for a purchase in another file: real money back.
    let statement = current_export(&[
        "2026-11-06 10:00:00,日用百货,淘宝商家A,tb@163.com,手机壳,支出,19.90,花呗,交易关闭,2026110622001412340598765432\t,T20261106001\t,,",
        "2026-11-09 11:00:00,退款,优衣库官方旗舰店,uniqlo@tmall.com,退款-T恤,不计收支,99.00,花呗,退款成功,2026110940001412340599990000\t,,,",
    ]);
    assert_eq!(net(&statement), rust_decimal_macros::dec!(99.00));
    assert_eq!(statement.rows.len(), 1);
    assert_eq!(statement.rows[0].kind, RowKind::Refund { of: None });
    assert_eq!(statement.skipped.len(), 1);
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("alipay", true, |_| {
        ImportOptions::default()
    });
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("alipay", |_| {
        ImportOptions::default()
    });
}

#[test]
fn a_note_on_the_last_line_without_a_line_end_is_a_note_not_a_cut_row() {
    let text = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\n\
                2026-11-10 12:00:00,餐饮美食,星巴克,sbk@starbucks.cn,拿铁,支出,32.00,余额,交易成功,2026111022001412340501234567\t,,,\n\
                共1笔记录";
    let statement = AlipayCurrent
        .read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
        .unwrap();
    assert_eq!(statement.rows.len(), 1);
    let cut = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\n\
               2026-11-10 12:00:00,餐饮美食,星巴克,sbk@starbucks.cn,拿铁,支出,32.00,余额,交易成功,2026111022001412340501234567\t,,,\n\
               2026-11-11 08:00:00,餐饮";
    let Err(Error::Malformed { line, .. }) =
        AlipayCurrent.read(&decode(cut.as_bytes()).unwrap(), &ImportOptions::default())
    else {
        panic!("read a cut row");
    };
    assert_eq!(line, 3);
}
