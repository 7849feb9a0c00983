//! WeChat Pay bills, CSV and XLSX.
//!
//! Both carry the same columns (`交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,
//! 商户单号,备注`) after a preamble; the CSV is read with the `csv` crate, the XLSX's first sheet with
//! `calamine`, and both rows go through one reader. The table helpers are shared with `alipay.rs`.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wallet_core::Money;

use super::alipay::{
    Columns, Flow, Parsed, csv_table, finish, is_data_row, parse_time, preamble_value,
    signed_amount, with_notes,
};
use crate::Importer;
use crate::amount;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, RowKind, Skipped, Statement};
use crate::text::{self, Decoded};

/// The columns that tell a WeChat Pay bill's header row.
const HEADER: &[&str] = &["交易时间", "交易类型", "交易对方", "当前状态", "交易单号"];

/// WeChat Pay bill as CSV (older exports): UTF-8, 16 preamble lines, rows padded with commas.
pub struct WeChatCsv;

/// WeChat Pay bill as XLSX (current exports): the same columns on the first sheet, the header found by
/// its content (row 18 today), 金额 a number cell, 交易时间 a text or a date cell.
pub struct WeChatXlsx;

impl Importer for WeChatCsv {
    fn format(&self) -> Format {
        Format::WeChatCsv
    }

    fn recognises(&self, text: &Decoded) -> bool {
        csv_header(text).is_some()
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let header = csv_header(text).ok_or(Error::UnknownFormat)?;
        let table = csv_table(text, header)?;
        read_bill(
            Format::WeChatCsv,
            &table.preamble,
            &table.header,
            &table.rows,
            header + 1,
            options,
        )
    }
}

fn csv_header(text: &Decoded) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    text::find_header(&lines, HEADER)
}

impl Importer for WeChatXlsx {
    fn format(&self) -> Format {
        Format::WeChatXlsx
    }

    fn recognises(&self, text: &Decoded) -> bool {
        text.is_zip() && sheet(text).is_ok_and(|sheet| sheet.header.is_some())
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let sheet = sheet(text)?;
        let header = sheet.header.ok_or(Error::UnknownFormat)?;
        let (header_line, header_cells) = &sheet.rows[header];
        let time = Columns::new(header_cells).index(&["交易时间"]);
        let preamble: Vec<String> = sheet.rows[..header]
            .iter()
            .map(|(_, cells)| cells.join(","))
            .collect();
        let rows: Vec<(usize, Vec<String>)> = sheet.rows[header + 1..]
            .iter()
            .map(|(line, cells)| {
                let cells = cells
                    .iter()
                    .enumerate()
                    .map(|(at, cell)| {
                        // A date cell whose text we could not get reads as its Excel serial number.
                        if Some(at) == time
                            && let Ok(serial) = cell.parse::<f64>()
                        {
                            return excel_serial(serial).unwrap_or_else(|| cell.clone());
                        }
                        cell.clone()
                    })
                    .collect();
                (*line, cells)
            })
            .filter(|(_, cells): &(usize, Vec<String>)| cells.iter().any(|c| !c.is_empty()))
            .take_while(|(_, cells)| !cells.first().is_some_and(|c| c.starts_with("---")))
            .collect();
        read_bill(
            Format::WeChatXlsx,
            &preamble,
            header_cells,
            &rows,
            *header_line,
            options,
        )
    }
}

/// The first sheet as text cells, each row with its 1-based row number, and which row is the header.
struct Sheet {
    rows: Vec<(usize, Vec<String>)>,
    header: Option<usize>,
}

fn sheet(text: &Decoded) -> Result<Sheet> {
    let mut book =
        Xlsx::new(Cursor::new(text.bytes.as_slice())).map_err(|_| Error::UnknownFormat)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(Error::UnknownFormat)?
        .map_err(|_| Error::UnknownFormat)?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let rows: Vec<(usize, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(at, cells)| {
            (
                first_row + at + 1,
                cells.iter().map(cell_text).collect::<Vec<_>>(),
            )
        })
        .collect();
    let header = rows
        .iter()
        .position(|(_, cells)| HEADER.iter().all(|name| cells.iter().any(|c| c == name)));
    Ok(Sheet { rows, header })
}

/// A cell as the CSV would have written it: numbers in the shortest decimal form that reads back as the
/// same binary number (`28.16`, what the yuan-formatted cell shows; the decimal text, not the float, is
/// then read by `amount::parse`), dates as `2026-11-02 12:30:05`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(text) => text::clean(text).to_string(),
        Data::Float(number) => yuan(*number),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(at) => excel_serial(at.as_f64()).unwrap_or_else(|| at.as_f64().to_string()),
        Data::DateTimeIso(at) => at.replace('T', " "),
        Data::DurationIso(text) => text.clone(),
        Data::Error(problem) => format!("#{problem:?}"),
        Data::Empty => String::new(),
    }
}

/// A number cell's value as decimal text: Rust's shortest form of the float that reads back as the same
/// binary number (`28.16`), and float noise from a computed cell (`45.000000000000007`) taken off when
/// it is less than a millionth of a fen. No float arithmetic: the text is read as a Decimal.
fn yuan(number: f64) -> String {
    let text = format!("{number}");
    let Ok(exact) = text.parse::<Decimal>() else {
        return text;
    };
    let fen = exact.round_dp(2);
    if (exact - fen).abs() < Decimal::new(1, 8) {
        fen.normalize().to_string()
    } else {
        text
    }
}

/// An Excel date serial (1900 system, as WeChat writes) as `2026-11-02 12:30:05`; None when out of range.
fn excel_serial(serial: f64) -> Option<String> {
    if !(61.0..=2_958_466.0).contains(&serial) {
        return None;
    }
    let serial: Decimal = format!("{serial}").parse().ok()?;
    let days = serial.floor();
    let seconds = ((serial - days) * Decimal::from(86_400)).round();
    let at = NaiveDate::from_ymd_opt(1899, 12, 30)?
        .and_hms_opt(0, 0, 0)?
        .checked_add_signed(Duration::days(days.to_i64()?))?
        .checked_add_signed(Duration::seconds(seconds.to_i64()?))?;
    Some(at.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// Statuses of a WeChat row that moved no money.
const NO_MONEY_MOVED: &[&str] = &[
    "支付失败",
    "交易关闭",
    "已关闭",
    "交易失败",
    "未支付",
    "已撤销",
];

/// The rows of a bill, whichever file they came from. `header_line` is the header's 1-based line.
fn read_bill(
    format: Format,
    preamble: &[String],
    header: &[String],
    rows: &[(usize, Vec<String>)],
    header_line: usize,
    options: &ImportOptions,
) -> Result<Statement> {
    let columns = Columns::new(header);
    let time = columns.require(&["交易时间"], header_line)?;
    let amount_at = columns.require(&["金额(元)", "金额（元）", "金额"], header_line)?;
    let direction = columns.require(&["收/支"], header_line)?;
    let currency = options.default_currency;
    let mut parsed = Vec::new();
    let mut skipped = Vec::new();
    for (line, cells) in rows {
        let line = *line;
        let cell = |names: &[&str]| columns.cell(cells, names);
        if !is_data_row(cells, time, amount_at) {
            skipped.push(Skipped {
                line,
                reason: "not a transaction (a note or totals line)".into(),
            });
            continue;
        }
        let at_cell = cells.get(time).map_or("", String::as_str);
        let (at, has_time) = parse_time(at_cell)
            .ok_or_else(|| Error::at(line, format!("交易时间 \"{at_cell}\" is not a date")))?;
        let amount_cell = text::clean(cells.get(amount_at).map_or("", String::as_str));
        let value = amount::parse(amount_cell)
            .map_err(|problem| Error::at(line, format!("{}: {problem}", header[amount_at])))?;
        let kind_cell = cell(&["交易类型"]);
        let status = cell(&["当前状态"]).unwrap_or_default();
        let description = cell(&["商品", "商品名称", "商品说明"]);
        let counterparty = cell(&["交易对方"]);
        // 交易类型 `退款` or `…-退款` is the refund row; `已全额退款`/`已退款(￥5.00)` in 当前状态 of a
        // 商户消费 row is the original order, which did move money and stays a payment.
        let refund = kind_cell.as_deref().is_some_and(|k| k.contains("退款"));
        let flow = match cells.get(direction).map_or("", |c| text::clean(c)) {
            "支出" => Flow::Out,
            "收入" => Flow::In,
            _ => Flow::Neutral,
        };
        let signed = signed_amount(
            value,
            flow,
            refund,
            &[
                kind_cell.as_deref().unwrap_or_default(),
                description.as_deref().unwrap_or_default(),
                status.as_str(),
            ],
        );
        let money = Money::new(signed, currency).map_err(|problem| {
            Error::at(
                line,
                format!("{} \"{amount_cell}\": {problem}", header[amount_at]),
            )
        })?;
        parsed.push(Parsed {
            row: ImportedRow {
                id: cell(&["交易单号"]).unwrap_or_default(),
                at,
                has_time,
                amount: money,
                original: None,
                counterparty,
                counterparty_account: None,
                description: with_notes(description, &fee_note(cell(&["备注"]))),
                category_hint: kind_cell,
                kind: if refund {
                    RowKind::Refund { of: None }
                } else if flow == Flow::Neutral {
                    RowKind::Neutral
                } else {
                    RowKind::Payment
                },
                funding: cell(&["支付方式"]),
                balance_after: None,
                line,
            },
            merchant_order: cell(&["商户单号"]),
            no_money: NO_MONEY_MOVED
                .contains(&status.as_str())
                .then(|| format!("{status}: the payment moved no money")),
        });
    }
    let account = preamble_value(preamble, &["微信昵称"]);
    Ok(finish(format, account, currency, parsed, skipped))
}

/// A 备注 of `服务费¥0.10` as the note `服务费 ¥0.10`. The row's amount stays the bill's 金额 (the fee is
/// not a row of its own in the bill and is not added or taken off): the note keeps the fact visible at
/// the end of the description. Other remarks are left out.
fn fee_note(remark: Option<String>) -> Vec<String> {
    let Some(remark) = remark else {
        return Vec::new();
    };
    let Some(rest) = remark.split_once("服务费").map(|(_, rest)| rest) else {
        return Vec::new();
    };
    let rest = rest.trim_start_matches([':', '：']);
    match amount::parse(rest) {
        Ok(fee) => vec![format!("服务费 ¥{}", fee.abs())],
        Err(_) => vec![remark.clone()],
    }
}
