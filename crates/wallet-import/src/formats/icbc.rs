//! ICBC (工商银行) debit and credit card CSV downloads, and the small table helpers the three Chinese bank
//! importers (ICBC, CMB, Bank of China) share: the rows read with the `csv` crate from the header on, cells
//! cleaned, columns found by name, currencies written in Chinese, dates in the banks' few shapes.
//!
//! ICBC debit (明细查询文件下载): a 卡号/子账户 preamble, then
//! `交易日期,摘要,交易详情,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户`
//! and a 合计 footer. Money in and money out are separate columns (the other one empty or a placeholder);
//! a cross-border row is booked (记账) in the account's currency from an amount (交易) in another: the
//! row's amount is the booked one, `original` the transaction one.
//!
//! ICBC credit card: the same idea with `交易日期,记账日期,…,余额,对方户名`: the income column holds
//! repayments and refunds (money into the card account, positive), the expense column spending (negative).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use wallet_core::{Currency, Money};

use crate::Importer;
use crate::amount;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, RowKind, Skipped, Statement};
use crate::row_id;
use crate::text::{self, Decoded};

/// ICBC debit card 明细 download.
#[derive(Debug, Clone, Copy, Default)]
pub struct IcbcDebit;

/// ICBC credit card 明细 download.
#[derive(Debug, Clone, Copy, Default)]
pub struct IcbcCredit;

/// The columns only the ICBC debit header has together (交易详情 and 对方账户 are not in the credit one).
const DEBIT_HEADER: &[&str] = &[
    "交易日期",
    "摘要",
    "交易详情",
    "交易场所",
    "记账币种",
    "对方账户",
];
/// The credit card header: 记账日期 is what tells it from the debit one.
const CREDIT_HEADER: &[&str] = &[
    "交易日期",
    "记账日期",
    "摘要",
    "交易场所",
    "记账币种",
    "对方户名",
];

impl Importer for IcbcDebit {
    fn format(&self) -> Format {
        Format::IcbcDebit
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, DEBIT_HEADER).is_some()
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        read_icbc(text, options, false)
    }
}

impl Importer for IcbcCredit {
    fn format(&self) -> Format {
        Format::IcbcCredit
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_line(text, CREDIT_HEADER).is_some()
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        read_icbc(text, options, true)
    }
}

fn read_icbc(text: &Decoded, options: &ImportOptions, credit: bool) -> Result<Statement> {
    let (format, needed) = if credit {
        (Format::IcbcCredit, CREDIT_HEADER)
    } else {
        (Format::IcbcDebit, DEBIT_HEADER)
    };
    let header_at = header_line(text, needed).ok_or(Error::UnknownFormat)?;
    let table = Table::read(text, header_at)?;
    let date = table.need("交易日期")?;
    let booked_date = table.find("记账日期");
    let income = table.need("记账金额(收入)")?;
    let expense = table.need("记账金额(支出)")?;
    let booked_currency = table.find("记账币种");
    let tx_income = table.find("交易金额(收入)");
    let tx_expense = table.find("交易金额(支出)");
    let tx_currency = table.find("交易币种");
    let balance = if credit { None } else { table.find("余额") };
    let summary = table.find("摘要");
    let details = table.find("交易详情");
    let place = table.find("交易场所");
    let counterparty = table.find("对方户名");
    let counterparty_account = table.find("对方账户");

    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut statement_currency = None;
    for record in &table.rows {
        if let Some(reason) = record.totals_line() {
            skipped.push(reason);
            continue;
        }
        let line = record.line;
        let mut day = record.get(Some(date));
        if day.is_empty()
            && let Some(booked) = booked_date
        {
            day = record.get(Some(booked));
        }
        let (at, has_time) = parse_date(day)
            .ok_or_else(|| Error::at(line, format!("交易日期: \"{day}\" is not a date")))?;
        let currency = match booked_currency.map(|c| record.get(Some(c))) {
            Some(name) if !name.is_empty() => currency(name).ok_or_else(|| {
                Error::at(line, format!("记账币种: \"{name}\" is not a currency"))
            })?,
            _ => options.default_currency,
        };
        statement_currency.get_or_insert(currency);
        let booked = in_minus_out(record, income, expense, "记账金额(收入)", "记账金额(支出)")?
            .ok_or_else(|| {
                Error::at(
                    line,
                    "记账金额(收入) and 记账金额(支出): neither holds an amount",
                )
            })?;
        let amount = money(booked, currency, line, "记账金额")?;

        let original = match tx_currency.map(|c| record.get(Some(c))) {
            Some(name) if !name.is_empty() => {
                let tx_cur = currency_or_err(name, line, "交易币种")?;
                if tx_cur == currency {
                    None
                } else {
                    let tx_in = tx_income.ok_or_else(|| missing("交易金额(收入)", line))?;
                    let tx_out = tx_expense.ok_or_else(|| missing("交易金额(支出)", line))?;
                    in_minus_out(record, tx_in, tx_out, "交易金额(收入)", "交易金额(支出)")?
                        .map(|value| money(value, tx_cur, line, "交易金额"))
                        .transpose()?
                }
            }
            _ => None,
        };
        let balance_after = match balance {
            Some(column) => amount::parse_optional(record.get(Some(column)))
                .map_err(|e| Error::at(line, format!("余额: {e}")))?
                .map(|value| money(value, currency, line, "余额"))
                .transpose()?,
            None => None,
        };
        let category_hint = record.text(summary);
        let description = joined(record.text(details), record.text(place));
        let kind = kind_from_summary(category_hint.as_deref(), credit, !amount.is_negative());
        rows.push(ImportedRow {
            id: String::new(),
            at,
            has_time,
            amount,
            original,
            counterparty: record.text(counterparty),
            counterparty_account: record.text(counterparty_account),
            description,
            category_hint,
            kind,
            funding: None,
            balance_after,
            line,
        });
    }
    row_id::assign_fallback_ids(&mut rows);
    Ok(Statement {
        format,
        account: account_in_preamble(text, header_at),
        currency: statement_currency.unwrap_or(options.default_currency),
        rows,
        skipped,
    })
}

/// The signed amount of a row with separate money-in and money-out columns: the one that holds an
/// amount (a zero in the other is allowed); None when neither does; an error when both do.
fn in_minus_out(
    record: &Record,
    income: usize,
    expense: usize,
    income_name: &str,
    expense_name: &str,
) -> Result<Option<Decimal>> {
    let line = record.line;
    let read = |column: usize, name: &str| {
        amount::parse_optional(record.get(Some(column)))
            .map_err(|e| Error::at(line, format!("{name}: {e}")))
    };
    let money_in = read(income, income_name)?.filter(|v| !v.is_zero());
    let money_out = read(expense, expense_name)?.filter(|v| !v.is_zero());
    match (money_in, money_out) {
        (Some(value), None) => Ok(Some(value)),
        (None, Some(value)) => Ok(Some(-value.abs())),
        (None, None) => {
            // Both empty, or a real zero row (a fee waived): a zero only when a zero is written.
            let zero = read(income, income_name)?.or(read(expense, expense_name)?);
            Ok(zero)
        }
        (Some(a), Some(b)) => Err(Error::at(
            line,
            format!("{income_name} \"{a}\" and {expense_name} \"{b}\" both hold an amount"),
        )),
    }
}

/// Payment unless the bank's summary says otherwise: a credit card repayment (还款) is money moved
/// between the person's own accounts; 退款/退货 money in is a refund (the file does not say of what).
pub(crate) fn kind_from_summary(summary: Option<&str>, credit: bool, money_in: bool) -> RowKind {
    let summary = summary.unwrap_or_default();
    if credit && summary.contains("还款") {
        RowKind::Neutral
    } else if money_in && (summary.contains("退款") || summary.contains("退货")) {
        RowKind::Refund { of: None }
    } else {
        RowKind::Payment
    }
}

fn joined(first: Option<String>, second: Option<String>) -> Option<String> {
    match (first, second) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} · {b}")),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

fn missing(column: &str, line: usize) -> Error {
    Error::at(line, format!("the column {column} is missing"))
}

// ---- Shared by the ICBC, CMB and Bank of China importers ----

/// The header row of a bank CSV: [`text::find_header`] over the decoded lines.
pub(crate) fn header_line(text: &Decoded, needed: &[&str]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    text::find_header(&lines, needed).or_else(|| {
        // The same header with full-width brackets, as some export versions write them.
        let widened: Vec<String> = needed
            .iter()
            .map(|n| n.replace('(', "（").replace(')', "）"))
            .collect();
        let widened: Vec<&str> = widened.iter().map(String::as_str).collect();
        text::find_header(&lines, &widened)
    })
}

/// One data row: its 1-based line in the file and its cleaned cells.
#[derive(Debug)]
pub(crate) struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Record {
    /// The cell in `column`, or "" when the column is absent or the row is short.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", String::as_str)
    }

    /// The cell as text, None when empty or a placeholder (`-`, `/`, `------`).
    pub fn text(&self, column: Option<usize>) -> Option<String> {
        let cell = self.get(column);
        let placeholder = cell.chars().all(|c| c == '-' || c == '/' || c == '—');
        (!placeholder).then(|| cell.to_string())
    }

    /// A totals footer (合计, 总计, 小计; CMB writes `# 收入合计…`): left out, said so.
    pub fn totals_line(&self) -> Option<Skipped> {
        let first = self.cells.iter().find(|c| !c.is_empty())?;
        let totals = ["合计", "总计", "小计"].iter().any(|t| first.contains(t));
        totals.then(|| Skipped {
            line: self.line,
            reason: format!("totals line ({first})"),
        })
    }

    /// A `#` comment line (CMB's preamble style, also after the rows).
    pub fn is_comment(&self) -> bool {
        self.cells.first().is_some_and(|c| c.starts_with('#'))
    }
}

/// The rows from the header on, read with the `csv` crate (quoted cells with commas, rows of any length,
/// trailing commas), every cell cleaned; blank rows (`,,,`, `""`) left out.
#[derive(Debug)]
pub(crate) struct Table {
    pub header_line: usize,
    pub columns: Vec<String>,
    pub rows: Vec<Record>,
}

impl Table {
    /// `header_at` is the 0-based index of the header line among the decoded lines.
    pub fn read(text: &Decoded, header_at: usize) -> Result<Table> {
        let body: Vec<&str> = text.lines().skip(header_at).collect();
        let body = body.join("\n");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes());
        let mut columns = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = header_at
                    + e.position()
                        .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
                Error::at(line, format!("not a CSV row: {e}"))
            })?;
            let line = header_at
                + record
                    .position()
                    .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
            let cells: Vec<String> = record.iter().map(|c| text::clean(c).to_string()).collect();
            if columns.is_none() {
                columns = Some(
                    cells
                        .iter()
                        .map(|c| c.replace('（', "(").replace('）', ")"))
                        .collect(),
                );
                continue;
            }
            if cells.iter().all(String::is_empty) {
                continue;
            }
            rows.push(Record { line, cells });
        }
        Ok(Table {
            header_line: header_at + 1,
            columns: columns.unwrap_or_default(),
            rows,
        })
    }

    /// The index of the column named `name` (full-width brackets read as ASCII ones).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    pub fn need(&self, name: &str) -> Result<usize> {
        self.find(name)
            .ok_or_else(|| Error::at(self.header_line, format!("the column {name} is missing")))
    }
}

/// A currency as the Chinese banks write it: the Chinese name (人民币, 美元…) or the ISO code.
pub(crate) fn currency(name: &str) -> Option<Currency> {
    let code = match name.trim() {
        "人民币" | "人民币元" | "RMB" | "元" => "CNY",
        "美元" | "美金" => "USD",
        "欧元" => "EUR",
        "英镑" => "GBP",
        "日元" | "日圆" => "JPY",
        "港币" | "港元" => "HKD",
        "澳门元" | "澳门币" => "MOP",
        "新台币" => "TWD",
        "澳元" | "澳大利亚元" => "AUD",
        "加元" | "加拿大元" => "CAD",
        "新西兰元" => "NZD",
        "瑞士法郎" => "CHF",
        "新加坡元" => "SGD",
        "韩元" => "KRW",
        "泰铢" => "THB",
        "卢布" => "RUB",
        "林吉特" | "马来西亚林吉特" => "MYR",
        other => other,
    };
    code.parse().ok()
}

pub(crate) fn currency_or_err(name: &str, line: usize, column: &str) -> Result<Currency> {
    currency(name).ok_or_else(|| Error::at(line, format!("{column}: \"{name}\" is not a currency")))
}

/// An exact amount in a currency; refused (with the column) when it has more decimals than the currency.
pub(crate) fn money(
    value: Decimal,
    currency: Currency,
    line: usize,
    column: &str,
) -> Result<Money> {
    Money::new(value, currency).map_err(|e| Error::at(line, format!("{column}: {e}")))
}

/// A cell that must hold an amount, in `currency`.
pub(crate) fn money_cell(
    cell: &str,
    currency: Currency,
    line: usize,
    column: &str,
) -> Result<Money> {
    let value = amount::parse(cell).map_err(|e| Error::at(line, format!("{column}: {e}")))?;
    money(value, currency, line, column)
}

/// A day as the banks write it (`2024-01-31`, `20240131`, `2024/01/31`, `2024.01.31`), possibly with a
/// time after it; the bool says whether there was a time.
pub(crate) fn parse_date(cell: &str) -> Option<(NaiveDateTime, bool)> {
    let cell = cell.trim();
    let (day, time) = match cell.split_once([' ', 'T']) {
        Some((day, time)) => (day, Some(time.trim())),
        None => (cell, None),
    };
    let day = ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())?;
    match time {
        None | Some("") => Some((day.and_time(NaiveTime::MIN), false)),
        Some(time) => Some((day.and_time(parse_time(time)?), true)),
    }
}

/// `12:34:56`, `12:34` or `123456`.
pub(crate) fn parse_time(cell: &str) -> Option<NaiveTime> {
    ["%H:%M:%S", "%H:%M", "%H%M%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(cell.trim(), f).ok())
}

/// The account's last four digits from a preamble line naming the card or account (`卡号: 6222…0123`,
/// `# 账    号: [一卡通:6214********1234 人民币]`), masked digits allowed.
pub(crate) fn account_in_preamble(text: &Decoded, header_at: usize) -> Option<String> {
    text.lines().take(header_at).find_map(|line| {
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let at = squeezed.find("卡号").or_else(|| squeezed.find("账号"))?;
        let after = &squeezed[at..];
        // The number runs to the next cell or the next label (子账户, 币种…).
        let number: String = after
            .chars()
            .skip(2)
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '*')
            .filter(char::is_ascii_digit)
            .collect();
        last_four(&number)
    })
}

/// The last four digits of a card or account number, None when it has fewer.
pub(crate) fn last_four(number: &str) -> Option<String> {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 4).then(|| digits[digits.len() - 4..].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_currency_names_and_iso_codes_both_read() {
        assert_eq!(currency("人民币"), Some(Currency::CNY));
        assert_eq!(currency("美元"), Some(Currency::USD));
        assert_eq!(currency("USD"), Some(Currency::USD));
        assert_eq!(currency("日元"), Some(Currency::JPY));
        assert_eq!(currency("金币"), None);
    }

    #[test]
    fn the_banks_day_shapes_read_with_or_without_a_time() {
        let day = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        assert_eq!(
            parse_date("20240131"),
            Some((day.and_time(NaiveTime::MIN), false))
        );
        assert_eq!(
            parse_date("2024/01/31"),
            Some((day.and_time(NaiveTime::MIN), false))
        );
        assert_eq!(
            parse_date("2024-01-31 08:05:00"),
            Some((day.and_hms_opt(8, 5, 0).unwrap(), true))
        );
        assert_eq!(parse_date("31/01/2024"), None);
    }

    #[test]
    fn the_last_four_digits_survive_masking() {
        assert_eq!(last_four("6214********1234"), Some("1234".into()));
        assert_eq!(last_four("12"), None);
    }
}
