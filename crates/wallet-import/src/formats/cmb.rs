//! China Merchants Bank (招商银行) debit and credit card CSVs.
//!
//! Debit (活期交易查询): `#` preamble lines (卡号/账号, dates), then
//! `记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要` with signed amounts, then `#` totals lines.
//!
//! Credit card: a title naming the statement month (`2024年01月`), then
//! `交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额`. Dates are `MM/DD` with no year: a month later
//! than the statement month is the previous year's (December purchases in a January statement). The file
//! writes spending positive and repayments/refunds negative (what the card owes); Purse reads every row
//! from the card account's side — money out of it negative — so the importer turns the sign over:
//! spending is negative, a repayment (money into the card account) positive. A repayment has no 交易日
//! (the 记账日 is used). 交易地金额 is the amount where the purchase was made, with a marker for the
//! place or currency (`12.00(US)`, `1,200(JP)`, `15.00(USD)`): `original` when that is not CNY.

use chrono::NaiveDate;
use wallet_core::Currency;

use super::bank::{
    account_in_preamble, is_comment, kind_from_summary, last_four, statement, totals_line,
};
use super::table::{Record, SetAside, Table, currency, header_line, money};
use crate::Importer;
use crate::amount;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, Statement};
use crate::text::Decoded;

/// CMB debit card (一卡通) transactions.
#[derive(Debug, Clone, Copy, Default)]
pub struct CmbDebit;

/// CMB credit card statement.
#[derive(Debug, Clone, Copy, Default)]
pub struct CmbCredit;

const DEBIT_HEADER: &[&str] = &[
    "记账日期",
    "货币",
    "交易金额",
    "联机余额",
    "交易摘要",
    "对手信息",
];
const CREDIT_HEADER: &[&str] = &["交易日", "记账日", "交易摘要", "人民币金额", "卡号末四位"];

impl Importer for CmbDebit {
    fn format(&self) -> Format {
        Format::CmbDebit
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, DEBIT_HEADER).is_some()
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let header_at = header_line(text, DEBIT_HEADER).ok_or(Error::UnknownFormat)?;
        let table = Table::read(text, header_at)?;
        let date = table.need(&["记账日期"])?;
        let currency_column = table.find(&["货币"]);
        let amount_column = table.need(&["交易金额"])?;
        let balance = table.find(&["联机余额"]);
        let summary = table.find(&["交易摘要"]);
        let counterparty = table.find(&["对手信息"]);
        let memo = table.find(&["客户摘要"]);

        let mut rows = Vec::new();
        let mut skipped = Vec::new();
        let mut aside = SetAside::default();
        for record in &table.rows {
            if let Some(reason) = totals_line(record) {
                skipped.push(reason);
                continue;
            }
            if is_comment(record) {
                continue;
            }
            table.whole(record)?;
            let line = record.line;
            let (at, has_time) = record.date(date, "记账日期")?;
            let currency = record.currency(currency_column, "货币", options.default_currency)?;
            let amount = record.money(amount_column, "交易金额", currency)?;
            let balance_after = aside.keep(
                "联机余额",
                record.optional_money(balance, "联机余额", currency),
            );
            let category_hint = record.text(summary);
            let kind = kind_from_summary(category_hint.as_deref(), false, !amount.is_negative());
            rows.push(ImportedRow {
                id: String::new(),
                at,
                has_time,
                amount,
                original: None,
                counterparty: record.text(counterparty),
                counterparty_account: None,
                description: record.text(memo),
                category_hint,
                kind,
                funding: None,
                balance_after,
                line,
            });
        }
        Ok(statement(
            Format::CmbDebit,
            account_in_preamble(text, header_at),
            options.default_currency,
            rows,
            skipped,
            aside,
        ))
    }
}

impl Importer for CmbCredit {
    fn format(&self) -> Format {
        Format::CmbCredit
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, CREDIT_HEADER).is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header_at = header_line(text, CREDIT_HEADER).ok_or(Error::UnknownFormat)?;
        let (year, month) = text
            .lines()
            .take(header_at)
            .find_map(statement_month)
            .ok_or_else(|| {
                Error::at(
                    header_at + 1,
                    "the statement month (YYYY年MM月) is not in the title before the header",
                )
            })?;
        let table = Table::read(text, header_at)?;
        let tx_day = table.need(&["交易日"])?;
        let booked_day = table.need(&["记账日"])?;
        let summary = table.find(&["交易摘要"]);
        let cny = table.need(&["人民币金额"])?;
        let card = table.find(&["卡号末四位"]);
        let local = table.find(&["交易地金额"]);

        let mut rows = Vec::new();
        let mut skipped = Vec::new();
        let mut aside = SetAside::default();
        let mut account = None;
        for record in &table.rows {
            if let Some(reason) = totals_line(record) {
                skipped.push(reason);
                continue;
            }
            if is_comment(record) {
                continue;
            }
            table.whole(record)?;
            let line = record.line;
            let (column, day) = match record.get(Some(tx_day)) {
                "" => ("记账日", record.get(Some(booked_day))),
                day => ("交易日", day),
            };
            let date = month_day(day, year, month).ok_or_else(|| {
                Error::at(line, format!("{column}: \"{day}\" is not a MM/DD date"))
            })?;
            // The file's sign is the card's debt; turned over so spending is money out (negative).
            let owed = record.money(cny, "人民币金额", Currency::CNY)?;
            let amount = owed.negate();
            let original = aside
                .keep("交易地金额", local_amount(record, local))
                .filter(|original| original.currency() != Currency::CNY)
                .map(|original| {
                    if amount.is_negative() == original.is_negative() {
                        original
                    } else {
                        original.negate()
                    }
                });
            if account.is_none() {
                account = last_four(record.get(card));
            }
            // 交易摘要 is the merchant's text (`财付通-星巴克`, `自动还款`), the row's description.
            let description = record.text(summary);
            let kind = kind_from_summary(description.as_deref(), true, !amount.is_negative());
            rows.push(ImportedRow {
                id: String::new(),
                at: date.and_time(chrono::NaiveTime::MIN),
                has_time: false,
                amount,
                original,
                counterparty: None,
                counterparty_account: None,
                description,
                category_hint: None,
                kind,
                funding: None,
                balance_after: None,
                line,
            });
        }
        Ok(statement(
            Format::CmbCredit,
            account.or_else(|| account_in_preamble(text, header_at)),
            Currency::CNY,
            rows,
            skipped,
            aside,
        ))
    }
}

/// `2024年01月` (or `2024年1月`) anywhere in a line: the statement's year and month.
fn statement_month(line: &str) -> Option<(i32, u32)> {
    let year_mark = line.find('年')?;
    let before = &line[..year_mark];
    let digits = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()?
        .0;
    let year: i32 = before[digits..].parse().ok()?;
    let after = &line[year_mark + '年'.len_utf8()..];
    let month_end = after.find('月')?;
    let month: u32 = after[..month_end].trim().parse().ok()?;
    (before.len() - digits == 4 && (1..=12).contains(&month)).then_some((year, month))
}

/// `MM/DD` in a statement for `year`/`month`: a month after the statement's is the year before.
fn month_day(cell: &str, year: i32, statement_month: u32) -> Option<NaiveDate> {
    let (m, d) = cell.trim().split_once('/')?;
    let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
    let year = if m > statement_month { year - 1 } else { year };
    NaiveDate::from_ymd_opt(year, m, d)
}

/// 交易地金额: an amount with a place or currency marker after it (`12.00(US)`, `15.00(USD)`), or before
/// it (`USD 15.00`); None when the cell is empty or the marker is not one Purse knows.
fn local_amount(record: &Record, column: Option<usize>) -> Result<Option<wallet_core::Money>> {
    let line = record.line;
    let cell = record.get(column);
    if cell.is_empty() {
        return Ok(None);
    }
    let (number, marker) = if let Some(open) = cell.rfind(['(', '（']) {
        let marker = cell[open..]
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）']);
        (&cell[..open], marker.trim())
    } else {
        let split = cell
            .find(|c: char| c.is_ascii_digit() || c == '-')
            .unwrap_or(0);
        (&cell[split..], cell[..split].trim())
    };
    let Some(currency) = place_currency(marker) else {
        return Ok(None);
    };
    amount::parse_optional(number)
        .map_err(|e| Error::at(line, format!("交易地金额: {e}")))?
        .map(|value| money(value, currency, line, "交易地金额"))
        .transpose()
}

/// The currency of a 交易地金额 marker: an ISO currency code or name, or a country/region code.
fn place_currency(marker: &str) -> Option<Currency> {
    let code = match marker.to_ascii_uppercase().as_str() {
        "CN" => "CNY",
        "US" => "USD",
        "JP" => "JPY",
        "HK" => "HKD",
        "MO" => "MOP",
        "TW" => "TWD",
        "GB" | "UK" => "GBP",
        "KR" => "KRW",
        "SG" => "SGD",
        "TH" => "THB",
        "MY" => "MYR",
        "AU" => "AUD",
        "NZ" => "NZD",
        "CA" => "CAD",
        "CH" => "CHF",
        "DE" | "FR" | "IT" | "ES" | "NL" | "BE" | "AT" | "PT" | "FI" | "IE" | "GR" => "EUR",
        _ => return currency(marker),
    };
    code.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_month_is_read_from_the_title() {
        assert_eq!(
            statement_month("招商银行信用卡对账单 2024年01月"),
            Some((2024, 1))
        );
        assert_eq!(statement_month("2023年12月账单,,,,,"), Some((2023, 12)));
        assert_eq!(statement_month("24年01月"), None);
        assert_eq!(statement_month("交易日,记账日"), None);
    }

    #[test]
    fn a_december_day_in_a_january_statement_is_last_year() {
        assert_eq!(
            month_day("12/30", 2024, 1),
            NaiveDate::from_ymd_opt(2023, 12, 30)
        );
        assert_eq!(
            month_day("01/02", 2024, 1),
            NaiveDate::from_ymd_opt(2024, 1, 2)
        );
        assert_eq!(month_day("02/30", 2024, 1), None);
    }
}
