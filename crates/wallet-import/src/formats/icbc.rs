//! ICBC (工商银行) debit and credit card CSV downloads.
//!
//! ICBC debit (明细查询文件下载): a 卡号/子账户 preamble, then
//! `交易日期,摘要,交易详情,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户`
//! (the earlier download lacks 交易详情 and 对方账户) and a `人民币合计` footer. Cells are padded with
//! spaces and a tab inside their quotes, and `-` stands for an empty 交易金额 or 交易币种. Money in and money out are separate columns (the other one empty or a placeholder);
//! a cross-border row is booked (记账) in the account's currency from an amount (交易) in another: the
//! row's amount is the booked one, `original` the transaction one.
//!
//! ICBC credit card: the same idea with `交易日期,记账日期,…,余额,对方户名`: the income column holds
//! repayments and refunds (money into the card account, positive), the expense column spending (negative).

use rust_decimal::Decimal;
use wallet_core::{Currency, Money};

use super::bank::{account_in_preamble, kind_from_summary, statement, totals_line};
use super::table::{Record, SetAside, Table, header_line, money};
use crate::Importer;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, Statement};
use crate::text::Decoded;

/// ICBC debit card 明细 download.
#[derive(Debug, Clone, Copy, Default)]
pub struct IcbcDebit;

/// ICBC credit card 明细 download.
#[derive(Debug, Clone, Copy, Default)]
pub struct IcbcCredit;

/// The columns every ICBC debit header has: 钞/汇 is what tells it from the credit card one. The 2023
/// download added 交易详情 and 对方账户; the earlier one (and some branches' still) has neither, so
/// neither is needed.
const DEBIT_HEADER: &[&str] = &["交易日期", "摘要", "交易场所", "钞/汇", "记账币种"];
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
    let date = table.need(&["交易日期"])?;
    let booked_date = table.find(&["记账日期"]);
    let income = table.need(&["记账金额(收入)"])?;
    let expense = table.need(&["记账金额(支出)"])?;
    let booked_currency = table.find(&["记账币种"]);
    let tx_income = table.find(&["交易金额(收入)"]);
    let tx_expense = table.find(&["交易金额(支出)"]);
    let tx_currency = table.find(&["交易币种"]);
    // Only the debit download's 余额 is read as the balance after the row.
    let balance = table.find(&["余额"]).filter(|_| !credit);
    let summary = table.find(&["摘要"]);
    let details = table.find(&["交易详情"]);
    let place = table.find(&["交易场所"]);
    let counterparty = table.find(&["对方户名"]);
    let counterparty_account = table.find(&["对方账户"]);

    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut aside = SetAside::default();
    for record in &table.rows {
        if let Some(reason) = totals_line(record) {
            skipped.push(reason);
            continue;
        }
        table.whole(record)?;
        let line = record.line;
        // A credit card repayment has no 交易日期: its 记账日期 stands in (the error still names 交易日期).
        let day_column = match booked_date {
            Some(booked) if record.get(Some(date)).is_empty() => booked,
            _ => date,
        };
        let (at, has_time) = record.date(day_column, "交易日期")?;
        let currency = record.currency(booked_currency, "记账币种", options.default_currency)?;
        let booked = in_minus_out(record, income, expense, "记账金额(收入)", "记账金额(支出)")?
            .ok_or_else(|| {
                Error::at(
                    line,
                    "记账金额(收入) and 记账金额(支出): neither holds an amount",
                )
            })?;
        let amount = money(booked, currency, line, "记账金额")?;
        // The amount in the currency of purchase is told, not needed: one that cannot be read is left
        // out with a warning.
        let original = aside.keep(
            "交易金额",
            original_amount(record, currency, [tx_currency, tx_income, tx_expense]),
        );
        let balance_after = aside.keep("余额", record.optional_money(balance, "余额", currency));
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
    Ok(statement(
        format,
        account_in_preamble(text, header_at),
        options.default_currency,
        rows,
        skipped,
        aside,
    ))
}

/// The amount in the currency of purchase, when the row's 交易币种 differs from its booked currency:
/// `columns` are 交易币种, 交易金额(收入) and 交易金额(支出).
fn original_amount(
    record: &Record,
    booked: Currency,
    [currency, income, expense]: [Option<usize>; 3],
) -> Result<Option<Money>> {
    let line = record.line;
    if record.text(currency).is_none() {
        return Ok(None);
    }
    let bought_in = record.currency(currency, "交易币种", booked)?;
    if bought_in == booked {
        return Ok(None);
    }
    let income = income.ok_or_else(|| missing("交易金额(收入)", line))?;
    let expense = expense.ok_or_else(|| missing("交易金额(支出)", line))?;
    in_minus_out(record, income, expense, "交易金额(收入)", "交易金额(支出)")?
        .map(|value| money(value, bought_in, line, "交易金额"))
        .transpose()
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
    let money_in = record.optional_amount(Some(income), income_name)?;
    let money_out = record.optional_amount(Some(expense), expense_name)?;
    match (
        money_in.filter(|v| !v.is_zero()),
        money_out.filter(|v| !v.is_zero()),
    ) {
        (Some(value), None) => Ok(Some(value)),
        (None, Some(value)) => Ok(Some(-value.abs())),
        // Both empty, or a real zero row (a fee waived): a zero only when a zero is written.
        (None, None) => Ok(money_in.or(money_out)),
        (Some(a), Some(b)) => Err(Error::at(
            record.line,
            format!("{income_name} \"{a}\" and {expense_name} \"{b}\" both hold an amount"),
        )),
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
