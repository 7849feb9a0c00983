//! JD Pay (京东) 交易流水 exports: UTF-8 with a BOM, an Alipay-like preamble (导出信息, 京东账号名, 日期区间,
//! totals, 特别提示), then `交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注`
//! with ids and times padded by a tab.
//!
//! JD writes a refund twice: the order's 金额 says what was refunded of it (`123.45(已退款3.45)`, or
//! `0.12(已全额退款)` with 收/支 不计收支), and the refund is a row of its own (退款成功, 不计收支). The order
//! is read as the payment it was (−123.45, a note saying what came back) and the refund row as the refund
//! (+3.45), so the two net to what really moved, and a refund in a later file is not lost.

use super::alipay::{
    BILL_CURRENCY, Flow, Parsed, app_cell, finish, is_data_row, is_footer, not_a_transaction,
    preamble_value, signed_amount, with_notes,
};
use super::table::{Table, header_line, money};
use crate::Importer;
use crate::amount;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, Skipped, Statement};
use crate::text::{self, Decoded};

/// Columns every JD export's header holds.
const HEADER: &[&str] = &[
    "交易时间",
    "商户名称",
    "交易说明",
    "金额",
    "收/付款方式",
    "交易状态",
    "收/支",
];

/// Statuses of a JD row that moved no money.
const NO_MONEY_MOVED: &[&str] = &["交易关闭", "交易失败", "支付失败", "已取消", "未支付"];

/// JD Pay 交易流水 (京东金融 / 京东 app).
pub struct JdPay;

impl Importer for JdPay {
    fn format(&self) -> Format {
        Format::JdPay
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, HEADER).is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header = header_line(text, HEADER).ok_or(Error::UnknownFormat)?;
        let table = Table::read(text, header)?;
        let time = table.need(&["交易时间"])?;
        let amount_at = table.need(&["金额"])?;
        let direction = table.need(&["收/支"])?;
        let currency = BILL_CURRENCY;
        let mut parsed = Vec::new();
        let mut skipped = Vec::new();
        for record in table.rows.iter().take_while(|record| !is_footer(record)) {
            let line = record.line;
            let cell = |names: &[&str]| app_cell(record, table.find(names));
            table.whole(record)?;
            if !is_data_row(record, time, amount_at) {
                skipped.push(not_a_transaction(line));
                continue;
            }
            let (at, has_time) = record.date(time, "交易时间")?;
            let written = JdAmount::read(record.get(Some(amount_at)))
                .map_err(|problem| Error::at(line, format!("金额: {problem}")))?;
            if written.paid.is_zero() {
                skipped.push(Skipped {
                    line,
                    reason: "the amount is 0.00: no money moved".into(),
                });
                continue;
            }
            let status = cell(&["交易状态"]).unwrap_or_default();
            let description = cell(&["交易说明"]);
            let category_hint = cell(&["交易分类"]);
            // An order JD annotates with its refund is the payment it was; any other row that says 退款
            // (退款成功, 价保退款, 交易分类 退款) is money back.
            let refund = written.refunded.is_none()
                && (status.contains("退款")
                    || category_hint.as_deref() == Some("退款")
                    || description.as_deref().is_some_and(|d| d.contains("退款")));
            let flow = match (text::clean(record.get(Some(direction))), &written.refunded) {
                (_, Some(_)) => Flow::Out,
                ("支出", _) => Flow::Out,
                ("收入", _) => Flow::In,
                _ => Flow::Neutral,
            };
            let signed = signed_amount(
                written.paid,
                flow,
                refund,
                &[
                    category_hint.as_deref().unwrap_or_default(),
                    description.as_deref().unwrap_or_default(),
                ],
            );
            let notes: Vec<String> = written.refunded.iter().map(Refunded::note).collect();
            parsed.push(Parsed {
                row: ImportedRow {
                    id: cell(&["交易订单号"]).unwrap_or_default(),
                    at,
                    has_time,
                    amount: money(signed, currency, line, "金额")?,
                    original: None,
                    counterparty: cell(&["商户名称"]),
                    counterparty_account: None,
                    description: with_notes(description, &notes),
                    category_hint,
                    kind: flow.kind(refund),
                    funding: cell(&["收/付款方式"]),
                    balance_after: None,
                    line,
                },
                merchant_order: cell(&["商家订单号"]),
                no_money: NO_MONEY_MOVED
                    .contains(&status.as_str())
                    .then(|| format!("{status}: the order moved no money")),
            });
        }
        let preamble: Vec<String> = text.lines().take(header).map(str::to_string).collect();
        let account = preamble_value(&preamble, &["京东账号名", "京东账号", "账号"]);
        Ok(finish(Format::JdPay, account, currency, parsed, skipped))
    }
}

/// What JD says came back of an order, in its 金额 cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refunded {
    All,
    Part(rust_decimal::Decimal),
}

impl Refunded {
    fn note(&self) -> String {
        match self {
            Refunded::All => "已全额退款".to_string(),
            Refunded::Part(value) => format!("已退款 ¥{value}"),
        }
    }
}

/// A JD 金额 cell: `128.82`, `0.12(已全额退款)`, `123.45(已退款3.45)` (brackets ASCII or full width).
#[derive(Debug, Clone, PartialEq, Eq)]
struct JdAmount {
    paid: rust_decimal::Decimal,
    refunded: Option<Refunded>,
}

impl JdAmount {
    fn read(cell: &str) -> std::result::Result<JdAmount, String> {
        let cell = text::clean(cell);
        let (number, tag) = match cell.find(['(', '（']) {
            Some(open) => (
                &cell[..open],
                Some(
                    cell[open..]
                        .trim_start_matches(['(', '（'])
                        .trim_end_matches([')', '）'])
                        .trim(),
                ),
            ),
            None => (cell, None),
        };
        let paid = amount::parse(number).map_err(|e| e.to_string())?;
        let refunded = match tag {
            None => None,
            Some(tag) if tag.contains("全额退款") => Some(Refunded::All),
            Some(tag) => match tag.strip_prefix("已退款") {
                Some(part) => Some(Refunded::Part(
                    amount::parse(part).map_err(|e| format!("the refunded part {e}"))?,
                )),
                None => return Err(format!("\"{cell}\" is not an amount")),
            },
        };
        Ok(JdAmount { paid, refunded })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_amount_cell_says_what_was_paid_and_what_came_back() {
        assert_eq!(
            JdAmount::read("128.82"),
            Ok(JdAmount {
                paid: dec!(128.82),
                refunded: None
            })
        );
        assert_eq!(
            JdAmount::read("0.12(已全额退款)"),
            Ok(JdAmount {
                paid: dec!(0.12),
                refunded: Some(Refunded::All)
            })
        );
        assert_eq!(
            JdAmount::read("123.45（已退款3.45）"),
            Ok(JdAmount {
                paid: dec!(123.45),
                refunded: Some(Refunded::Part(dec!(3.45)))
            })
        );
        assert!(JdAmount::read("12.00(待定)").is_err());
        assert!(JdAmount::read("xx.yy").is_err());
    }
}
