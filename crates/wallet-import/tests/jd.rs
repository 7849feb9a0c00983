//! JD Pay (京东) exports read against a hand-checked golden file: the preamble found past, tab-padded ids,
//! an order annotated with its refund read as the payment it was beside its own refund row (so the two
//! net to what moved), zero-amount and closed rows set aside, and a bad amount refusing the file.

mod common;

use pretty_assertions::assert_eq;
use rust_decimal_macros::dec;
use wallet_import::formats::jd::JdPay;
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer};

#[test]
fn a_jd_export_reads_as_its_golden_statement() {
    common::golden_json(&JdPay, "jd", "export", "csv", &ImportOptions::default());
}

#[test]
fn refunded_orders_and_their_refund_rows_net_to_what_really_moved() {
    let bytes = std::fs::read(common::fixture("jd", "export.input.csv")).unwrap();
    let statement = wallet_import::read(&bytes, &ImportOptions::default()).unwrap();
    let net = |id: &str, refund: &str| {
        statement
            .rows
            .iter()
            .filter(|row| row.id == id || row.id == refund)
            .map(|row| row.amount.amount())
            .sum::<rust_decimal::Decimal>()
    };
    // 123.45 paid, 3.45 back: 120.00 spent. 0.12 paid and refunded in full: nothing.
    assert_eq!(net("310000000002", "310000000003"), dec!(-120.00));
    assert_eq!(net("310000000004", "310000000005"), dec!(0));
    let total: rust_decimal::Decimal = statement.rows.iter().map(|r| r.amount.amount()).sum();
    assert_eq!(total, dec!(-766.37));
    let skipped: Vec<usize> = statement.skipped.iter().map(|s| s.line).collect();
    assert_eq!(skipped, [27, 29], "the 0.00 row and the closed order");
}

fn jd(rows: &str) -> String {
    format!(
        "导出信息：\n京东账号名：someone\n\n交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注\n{rows}"
    )
}

#[test]
fn an_amount_that_cannot_be_read_refuses_the_file_naming_its_line() {
    let text = jd(
        "2026-11-03 07:20:00\t,京东到家,牛奶,44.05,微信支付,交易成功,支出,食品,1\t,,\n\
                   2026-11-04 07:20:00\t,京东到家,面包,xx.yy(已退款1.00),微信支付,交易成功,支出,食品,2\t,,\n",
    );
    let Err(Error::Malformed { line, problem }) =
        JdPay.read(&decode(text.as_bytes()).unwrap(), &ImportOptions::default())
    else {
        panic!("read a masked amount");
    };
    assert_eq!(line, 6);
    assert!(problem.contains("金额"), "{problem}");
}

#[test]
fn jd_is_recognised_by_its_header_and_claims_no_other_apps_bill() {
    let text = decode(jd("").as_bytes()).unwrap();
    assert!(JdPay.recognises(&text));
    for other in [
        "alipay/current_export.input.utf8.csv",
        "wechat/bill.input.csv",
    ] {
        let (dir, name) = other.split_once('/').unwrap();
        let bytes = std::fs::read(common::fixture(dir, name)).unwrap();
        assert!(!JdPay.recognises(&decode(&bytes).unwrap()), "{other}");
    }
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("jd", true, |_| ImportOptions::default());
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("jd", |_| {
        ImportOptions::default()
    });
}
