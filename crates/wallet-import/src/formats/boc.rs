//! Bank of China (中国银行) debit card CSV: whatever preamble, then
//! `记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言,对方账户名,对方卡号/账号,对方开户行,借记卡号`
//! with a signed 金额 in the 币别 currency (`人民币`, `美元`, or an ISO code) and the balance after it.

use super::bank::{account_in_preamble, kind_from_summary, last_four, statement, totals_line};
use super::table::{SetAside, Table, header_line, parse_time};
use crate::Importer;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, Statement};
use crate::text::Decoded;

/// Bank of China debit card transactions.
#[derive(Debug, Clone, Copy, Default)]
pub struct BocDebit;

const HEADER: &[&str] = &[
    "记账日期",
    "记账时间",
    "币别",
    "金额",
    "余额",
    "交易名称",
    "附言",
];

impl Importer for BocDebit {
    fn format(&self) -> Format {
        Format::BocDebit
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, HEADER).is_some()
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let header_at = header_line(text, HEADER).ok_or(Error::UnknownFormat)?;
        let table = Table::read(text, header_at)?;
        let date = table.need(&["记账日期"])?;
        let time = table.find(&["记账时间"]);
        let currency_column = table.find(&["币别"]);
        let amount_column = table.need(&["金额"])?;
        let balance = table.find(&["余额"]);
        let name = table.find(&["交易名称"]);
        let memo = table.find(&["附言"]);
        let counterparty = table.find(&["对方账户名"]);
        let counterparty_account = table.find(&["对方卡号/账号"]);
        let card = table.find(&["借记卡号"]);

        let mut rows = Vec::new();
        let mut skipped = Vec::new();
        let mut aside = SetAside::default();
        let mut account = None;
        for record in &table.rows {
            if let Some(reason) = totals_line(record) {
                skipped.push(reason);
                continue;
            }
            table.whole(record)?;
            let line = record.line;
            let (mut at, mut has_time) = record.date(date, "记账日期")?;
            let clock = record.get(time);
            if !clock.is_empty() && !has_time {
                let clock_time = parse_time(clock).ok_or_else(|| {
                    Error::at(line, format!("记账时间: \"{clock}\" is not a time"))
                })?;
                at = at.date().and_time(clock_time);
                has_time = true;
            }
            let currency = record.currency(currency_column, "币别", options.default_currency)?;
            let amount = record.money(amount_column, "金额", currency)?;
            let balance_after =
                aside.keep("余额", record.optional_money(balance, "余额", currency));
            if account.is_none() {
                account = last_four(record.get(card));
            }
            let category_hint = record.text(name);
            let kind = kind_from_summary(category_hint.as_deref(), false, !amount.is_negative());
            rows.push(ImportedRow {
                id: String::new(),
                at,
                has_time,
                amount,
                original: None,
                counterparty: record.text(counterparty),
                counterparty_account: record.text(counterparty_account),
                description: record.text(memo),
                category_hint,
                kind,
                funding: None,
                balance_after,
                line,
            });
        }
        Ok(statement(
            Format::BocDebit,
            account.or_else(|| account_in_preamble(text, header_at)),
            options.default_currency,
            rows,
            skipped,
            aside,
        ))
    }
}
