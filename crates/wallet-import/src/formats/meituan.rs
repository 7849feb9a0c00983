//! Meituan (美团) 交易账单 exports: UTF-8 with a BOM and CRLF, a preamble (美团用户名, 起始时间/终止时间,
//! totals, 特别提示, blank `""` lines) ending `【美团交易账单明细列表】`, then
//! `交易创建时间,交易成功时间,交易类型,订单标题,收/支,支付方式,订单金额,实付金额,交易单号,商家单号,备注`
//! with `¥` amounts and ids padded by a tab.
//!
//! 实付金额 is the money that moved; 订单金额 is the price before discounts (coupons, 立减), kept as a note
//! when they differ. A row whose 实付金额 is zero (paid wholly by a coupon) moved no money and is set
//! aside. 交易类型 退款 is a refund (a partial one for its own amount); 还款 (美团月付) is money between the
//! person's own pockets.

use super::alipay::{
    BILL_CURRENCY, Flow, Parsed, app_cell, finish, is_data_row, is_footer, not_a_transaction,
    preamble_value, signed_amount, with_notes,
};
use super::table::{Table, header_line, money};
use crate::Importer;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, Skipped, Statement};
use crate::text::{self, Decoded};

/// Columns every Meituan export's header holds.
const HEADER: &[&str] = &[
    "交易成功时间",
    "交易类型",
    "订单标题",
    "收/支",
    "支付方式",
    "实付金额",
    "交易单号",
];

/// Statuses or types of a Meituan row that moved no money.
const NO_MONEY_MOVED: &[&str] = &["交易关闭", "支付失败", "已取消", "未支付"];

/// Meituan 交易账单 (美团 app, 我的 → 钱包 → 账单 → 导出).
pub struct Meituan;

impl Importer for Meituan {
    fn format(&self) -> Format {
        Format::Meituan
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, HEADER).is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header = header_line(text, HEADER).ok_or(Error::UnknownFormat)?;
        let table = Table::read(text, header)?;
        let succeeded = table.need(&["交易成功时间"])?;
        let created = table.find(&["交易创建时间"]);
        let paid_at = table.need(&["实付金额"])?;
        let price_at = table.find(&["订单金额"]);
        let direction = table.need(&["收/支"])?;
        let currency = BILL_CURRENCY;
        let mut parsed = Vec::new();
        let mut skipped = Vec::new();
        for record in table.rows.iter().take_while(|record| !is_footer(record)) {
            let line = record.line;
            let cell = |names: &[&str]| app_cell(record, table.find(names));
            table.whole(record)?;
            if !is_data_row(record, succeeded, paid_at) {
                skipped.push(not_a_transaction(line));
                continue;
            }
            // When the money moved; a row not (yet) succeeded has only its creation time.
            let time = match created {
                Some(created) if app_cell(record, Some(succeeded)).is_none() => created,
                _ => succeeded,
            };
            let (at, has_time) = record.date(time, &table.header[time])?;
            let paid = record.amount(paid_at, "实付金额")?;
            if paid.is_zero() {
                skipped.push(Skipped {
                    line,
                    reason: "实付金额 is 0.00: no money moved".into(),
                });
                continue;
            }
            let price = record.optional_amount(price_at, "订单金额")?;
            let kind_cell = cell(&["交易类型"]);
            let title = cell(&["订单标题"]);
            let refund = kind_cell.as_deref().is_some_and(|k| k.contains("退款"));
            let flow = match text::clean(record.get(Some(direction))) {
                "支出" => Flow::Out,
                "收入" => Flow::In,
                _ => Flow::Neutral,
            };
            let signed = signed_amount(
                paid,
                flow,
                refund,
                &[
                    kind_cell.as_deref().unwrap_or_default(),
                    title.as_deref().unwrap_or_default(),
                ],
            );
            let discount = price
                .map(|price| price.abs() - paid.abs())
                .filter(|saved| saved.is_sign_positive() && !saved.is_zero())
                .map(|saved| format!("优惠 ¥{saved}"));
            let status = cell(&["交易状态", "当前状态"]).unwrap_or_default();
            parsed.push(Parsed {
                row: ImportedRow {
                    id: cell(&["交易单号"]).unwrap_or_default(),
                    at,
                    has_time,
                    amount: money(signed, currency, line, "实付金额")?,
                    original: None,
                    counterparty: title.as_deref().map(merchant_of),
                    counterparty_account: None,
                    description: with_notes(title, &discount.into_iter().collect::<Vec<_>>()),
                    category_hint: kind_cell,
                    kind: flow.kind(refund),
                    funding: cell(&["支付方式"]),
                    balance_after: None,
                    line,
                },
                merchant_order: cell(&["商家单号"]),
                no_money: NO_MONEY_MOVED
                    .contains(&status.as_str())
                    .then(|| format!("{status}: the order moved no money")),
            });
        }
        let preamble: Vec<String> = text.lines().take(header).map(str::to_string).collect();
        let account = preamble_value(&preamble, &["美团用户名"]);
        Ok(finish(Format::Meituan, account, currency, parsed, skipped))
    }
}

/// The shop an order title names: the part before `-` (`袁记云饺-袁记云饺代金券` → `袁记云饺`), without a
/// trailing ` 订单详情`.
fn merchant_of(title: &str) -> String {
    let shop = title.split(['-', '－']).next().unwrap_or(title);
    let shop = shop.trim().trim_end_matches("订单详情").trim();
    if shop.is_empty() {
        title.to_string()
    } else {
        shop.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shop_is_the_part_of_the_title_before_its_dash() {
        assert_eq!(merchant_of("袁记云饺-袁记云饺代金券"), "袁记云饺");
        assert_eq!(merchant_of("茉莉奶白 订单详情"), "茉莉奶白");
        assert_eq!(
            merchant_of("PHO THE ONE福万越南餐厅"),
            "PHO THE ONE福万越南餐厅"
        );
    }
}
