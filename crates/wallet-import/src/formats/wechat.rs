//! WeChat Pay bills, CSV and XLSX.
//!
//! Both carry the same columns (`交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,
//! 商户单号,备注`) after a preamble; the CSV is read with the `csv` crate, the XLSX's first sheet with
//! `calamine`, and both rows go through one reader. What a payment app's bill means (the sign, refunds,
//! the footer) is shared with `alipay.rs`; reading the table is `table.rs`.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::alipay::{
    BILL_CURRENCY, Flow, Parsed, app_cell, finish, is_data_row, is_footer, not_a_transaction,
    preamble_value, signed_amount, with_notes,
};
use super::table::{Record, Table, header_line, money};
use crate::Importer;
use crate::amount;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, Statement};
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
        header_line(text, HEADER).is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header = header_line(text, HEADER).ok_or(Error::UnknownFormat)?;
        let table = Table::read(text, header)?;
        let preamble: Vec<String> = text.lines().take(header).map(str::to_string).collect();
        read_bill(Format::WeChatCsv, &preamble, &table)
    }
}

impl Importer for WeChatXlsx {
    fn format(&self) -> Format {
        Format::WeChatXlsx
    }

    fn recognises(&self, text: &Decoded) -> bool {
        text.is_zip() && sheet(text).is_ok_and(|sheet| sheet.header.is_some())
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let sheet = sheet(text)?;
        let header = sheet.header.ok_or(Error::UnknownFormat)?;
        let (header_line, header_cells) = &sheet.rows[header];
        let preamble: Vec<String> = sheet.rows[..header]
            .iter()
            .map(|(_, cells)| cells.join(","))
            .collect();
        let mut table = Table {
            header_line: *header_line,
            header: header_cells.clone(),
            rows: sheet.rows[header + 1..]
                .iter()
                .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
                .map(|(line, cells)| Record {
                    line: *line,
                    cells: cells.clone(),
                })
                .collect(),
            // A workbook is whole or calamine does not open it.
            cut: None,
            columns: Default::default(),
        };
        // A date cell whose text we could not get reads as its Excel serial number.
        if let Some(time) = table.find(&["交易时间"]) {
            for cell in table.rows.iter_mut().filter_map(|r| r.cells.get_mut(time)) {
                if let Some(at) = cell.parse::<f64>().ok().and_then(excel_serial) {
                    *cell = at;
                }
            }
        }
        read_bill(Format::WeChatXlsx, &preamble, &table)
    }
}

/// The first sheet as text cells, each row with its 1-based row number, and which row is the header.
struct Sheet {
    rows: Vec<(usize, Vec<String>)>,
    header: Option<usize>,
}

/// The columns of a sheet read, from its leftmost cell: a bill has 11, and a cell further right is left
/// out rather than widening every row to it (one cell at column XFD would make every row 16,384 cells).
const MAX_COLUMNS: usize = 32;

/// The first sheet, read cell by cell: only the rows that have cells, each as wide as its rightmost cell
/// (calamine's `worksheet_range` makes one rectangle from the top-left cell to the bottom-right one, so
/// two cells at A1 and XFD1048576 ask for 17 billion cells). calamine reads bytes we do not control, and
/// a debug build of it panics on a cell reference whose row overflows: such a workbook is one that
/// cannot be read, not a crash.
fn sheet(text: &Decoded) -> Result<Sheet> {
    std::panic::catch_unwind(|| first_sheet_cells(&text.bytes))
        .unwrap_or(Err(Error::UnknownFormat))
        .map(|cells| {
            let left = cells
                .iter()
                .map(|(_, column, _)| *column)
                .min()
                .unwrap_or(0);
            let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
            for (row, column, value) in cells {
                let column = (column - left) as usize;
                if column >= MAX_COLUMNS {
                    continue;
                }
                let line = row as usize + 1;
                if rows.last().is_none_or(|(last, _)| *last != line) {
                    rows.push((line, Vec::new()));
                }
                let Some((_, cells)) = rows.last_mut() else {
                    continue;
                };
                if cells.len() <= column {
                    cells.resize(column + 1, String::new());
                }
                cells[column] = value;
            }
            let header = rows
                .iter()
                .position(|(_, cells)| HEADER.iter().all(|name| cells.iter().any(|c| c == name)));
            Sheet { rows, header }
        })
}

/// What a workbook may unpack to: 32 MB, or 100 times its own size if that is more. A bill's XLSX
/// unpacks to some ten times its size; a ZIP that unpacks to much more (a ZIP bomb: megabytes of one
/// repeated letter in a shared string) would be read into memory whole by calamine.
fn unpack_limit(zip_len: usize) -> u64 {
    (32u64 << 20).max(zip_len as u64 * 100)
}

/// Unpacks every entry of the workbook into nothing, counting, and refuses it once the count passes
/// [`unpack_limit`] (what the ZIP's directory says the sizes are is not believed: it may lie).
fn unpacks_within_limit(bytes: &[u8]) -> Result<()> {
    let limit = unpack_limit(bytes.len());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Error::UnknownFormat)?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|_| Error::UnknownFormat)?;
        let mut bounded = entry.take(limit - total + 1);
        total +=
            std::io::copy(&mut bounded, &mut std::io::sink()).map_err(|_| Error::UnknownFormat)?;
        if total > limit {
            return Err(Error::at(
                1,
                format!(
                    "the workbook unpacks to more than {} MB from {} KB: it is not a WeChat bill",
                    limit >> 20,
                    bytes.len() >> 10
                ),
            ));
        }
    }
    Ok(())
}

/// The non-empty cells of the first sheet as (row, column, text), sorted by row and column.
fn first_sheet_cells(bytes: &[u8]) -> Result<Vec<(u32, u32, String)>> {
    unpacks_within_limit(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| Error::UnknownFormat)?;
    let name = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(Error::UnknownFormat)?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|_| Error::UnknownFormat)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|_| Error::UnknownFormat)? {
        let (row, column) = cell.get_position();
        let value = cell_text(&Data::from(cell.get_value().clone()));
        if !value.is_empty() {
            cells.push((row, column, value));
        }
    }
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    Ok(cells)
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

/// The rows of a bill, whichever file they came from.
fn read_bill(format: Format, preamble: &[String], table: &Table) -> Result<Statement> {
    let time = table.need(&["交易时间"])?;
    let amount_at = table.need(&["金额(元)", "金额（元）", "金额"])?;
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
        let value = record.amount(amount_at, &table.header[amount_at])?;
        let kind_cell = cell(&["交易类型"]);
        let status = cell(&["当前状态"]).unwrap_or_default();
        let description = cell(&["商品", "商品名称", "商品说明"]);
        let counterparty = cell(&["交易对方"]);
        // 交易类型 `退款` or `…-退款` is the refund row; `已全额退款`/`已退款(￥5.00)` in 当前状态 of a
        // 商户消费 row is the original order, which did move money and stays a payment.
        let refund = kind_cell.as_deref().is_some_and(|k| k.contains("退款"));
        let flow = match text::clean(record.get(Some(direction))) {
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
        parsed.push(Parsed {
            row: ImportedRow {
                id: cell(&["交易单号"]).unwrap_or_default(),
                at,
                has_time,
                amount: money(signed, currency, line, &table.header[amount_at])?,
                original: None,
                counterparty,
                counterparty_account: None,
                description: with_notes(description, &fee_note(cell(&["备注"]))),
                category_hint: kind_cell,
                kind: flow.kind(refund),
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
