//! The table the five CSV-like importers (Alipay, WeChat Pay, ICBC, CMB, Bank of China) read: the header
//! row found by its content, the rows from there read with the `csv` crate (comma-separated, or
//! tab-separated when the header is, as Excel's "Unicode text" saves a sheet) and cleaned, columns found by
//! name, and cells read as dates, amounts and Chinese currency names with errors that name the line, the
//! column and the value. Each importer keeps its own rules; this is only how a row of cells is read.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use wallet_core::{Currency, Money};

use crate::amount;
use crate::error::{Error, Result};
use crate::text::{self, Decoded};

/// The 0-based line of the header row: [`text::find_header`] over the decoded lines, else the same header
/// with full-width brackets, as some export versions write them.
pub(crate) fn header_line(text: &Decoded, needed: &[&str]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    text::find_header(&lines, needed).or_else(|| {
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

    /// The day (and time, when written) in `column`, the column `name` said when it is not one.
    pub fn date(&self, column: usize, name: &str) -> Result<(NaiveDateTime, bool)> {
        let cell = self.get(Some(column));
        parse_date(cell)
            .ok_or_else(|| Error::at(self.line, format!("{name}: \"{cell}\" is not a date")))
    }

    /// The amount in `column`, which must hold one.
    pub fn amount(&self, column: usize, name: &str) -> Result<Decimal> {
        amount::parse(text::clean(self.get(Some(column))))
            .map_err(|e| Error::at(self.line, format!("{name}: {e}")))
    }

    /// The amount in `column`, None when it is absent, empty or a placeholder.
    pub fn optional_amount(&self, column: Option<usize>, name: &str) -> Result<Option<Decimal>> {
        amount::parse_optional(self.get(column))
            .map_err(|e| Error::at(self.line, format!("{name}: {e}")))
    }

    /// The amount in `column` as money in `currency`.
    pub fn money(&self, column: usize, name: &str, currency: Currency) -> Result<Money> {
        money(self.amount(column, name)?, currency, self.line, name)
    }

    /// The amount in `column` as money in `currency`, None when there is none.
    pub fn optional_money(
        &self,
        column: Option<usize>,
        name: &str,
        currency: Currency,
    ) -> Result<Option<Money>> {
        self.optional_amount(column, name)?
            .map(|value| money(value, currency, self.line, name))
            .transpose()
    }

    /// The currency named in `column` (Chinese name or ISO code), `default` when the cell is empty or a
    /// placeholder (ICBC writes `-` in 交易币种 for a row with no foreign amount).
    pub fn currency(
        &self,
        column: Option<usize>,
        name: &str,
        default: Currency,
    ) -> Result<Currency> {
        match self.text(column) {
            None => Ok(default),
            Some(cell) => currency(&cell).ok_or_else(|| {
                Error::at(self.line, format!("{name}: \"{cell}\" is not a currency"))
            }),
        }
    }
}

/// What a row does not need to be placed — a balance after it, the amount in the currency of purchase —
/// and could not be read (a bank that masks its balance column as `xx,yyyy.zz`): left out of the row, the
/// file still read, and one warning per column telling how many rows and the first of them.
#[derive(Debug, Default)]
pub(crate) struct SetAside {
    /// Per column name, in the order first met: the rows set aside and the first one's line and problem.
    columns: Vec<(String, usize, usize, String)>,
}

impl SetAside {
    /// `read`'s value, or None with the problem noted against `column` when it failed.
    pub fn keep<T>(&mut self, column: &str, read: Result<Option<T>>) -> Option<T> {
        match read {
            Ok(value) => value,
            Err(error) => {
                let (line, problem) = match error {
                    Error::Malformed { line, problem } => (line, problem),
                    other => (0, other.to_string()),
                };
                match self.columns.iter_mut().find(|(name, ..)| name == column) {
                    Some((_, rows, ..)) => *rows += 1,
                    None => self.columns.push((column.to_string(), 1, line, problem)),
                }
                None
            }
        }
    }

    /// One warning per column set aside.
    pub fn warnings(self) -> Vec<String> {
        self.columns
            .into_iter()
            .map(|(column, rows, line, problem)| {
                let more = match rows {
                    1 => String::new(),
                    n => format!(" (and on {} more rows)", n - 1),
                };
                format!(
                    "line {line}: {problem}{more}; {column} is not needed to place a transaction, so it was left out"
                )
            })
            .collect()
    }
}

/// The rows from the header on, read with the `csv` crate (quoted cells with commas, rows of any length,
/// trailing commas), every cell cleaned; blank rows (`,,,`, `""`) left out.
#[derive(Debug)]
pub(crate) struct Table {
    /// The header's 1-based line.
    pub header_line: usize,
    /// The header's cells, cleaned.
    pub header: Vec<String>,
    pub rows: Vec<Record>,
    /// The line of the last row when the file stops inside it (a download cut off): the text ends without
    /// a line end and the row has fewer cells than the header or an odd number of quotes (it stops inside a
    /// quoted cell). See [`Table::whole`].
    pub cut: Option<usize>,
    /// Each header name's first column, made on the first [`Table::find`]: looked up for every cell of
    /// every row, a search along the header made a header of thousands of cells take seconds.
    pub columns: OnceLock<HashMap<String, usize>>,
}

impl Table {
    /// `header_at` is the 0-based index of the header line among the decoded lines.
    pub fn read(text: &Decoded, header_at: usize) -> Result<Table> {
        let lines: Vec<&str> = text.lines().collect();
        // From the header on: the preamble above it is not CSV.
        let from_header = lines.get(header_at..).unwrap_or_default();
        let body = from_header.join("\n");
        let header_text = from_header.first().copied().unwrap_or_default();
        let delimiter = if header_text.matches('\t').count() > header_text.matches(',').count() {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(body.as_bytes());
        let line_of = |p: Option<&csv::Position>| header_at + p.map_or(1, |p| p.line() as usize);
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        // The last record after the header: its line, cell count and first byte, None when it was blank.
        let mut last = None;
        for record in reader.records() {
            let record = record
                .map_err(|e| Error::at(line_of(e.position()), format!("not a CSV row: {e}")))?;
            let cells: Vec<String> = record.iter().map(|c| text::clean(c).to_string()).collect();
            if header.is_none() {
                header = Some(cells);
            } else if cells.iter().all(String::is_empty) {
                last = None;
            } else {
                let line = line_of(record.position());
                let byte = record.position().map_or(0, |p| p.byte() as usize);
                last = Some((line, cells.len(), byte));
                rows.push(Record { line, cells });
            }
        }
        let header = header.unwrap_or_default();
        // The header's width without the empty cells a trailing comma leaves.
        let width = header
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |at| at + 1);
        let cut = last
            .filter(|(_, cells, byte)| {
                let quotes = body.get(*byte..).unwrap_or_default().matches('"').count();
                !text.text.ends_with('\n') && (*cells < width || quotes % 2 == 1)
            })
            .map(|(line, _, _)| line);
        Ok(Table {
            header_line: header_at + 1,
            header,
            rows,
            cut,
            columns: OnceLock::new(),
        })
    }

    /// Refuses the row the file stops inside ([`Table::cut`]): without this a row cut off after its
    /// amount read as a whole one and a row cut after its first cells was set aside as a note. Each
    /// importer asks this of every row it does not set aside as a footer, totals or comment line.
    ///
    /// A last line that is plainly a count or totals note (`共12笔记录`, `合计…`: at most two cells, no day,
    /// the words of a count or a total), left without a line end by the exporter, is not a cut row.
    pub fn whole(&self, record: &Record) -> Result<()> {
        if self.cut != Some(record.line) {
            return Ok(());
        }
        let filled: Vec<&String> = record.cells.iter().filter(|c| !c.is_empty()).collect();
        let has_a_day = filled.iter().any(|c| parse_date(c).is_some());
        let counts = filled.first().is_some_and(|first| {
            ["笔", "合计", "总计", "小计"]
                .iter()
                .any(|word| first.contains(word))
        });
        if filled.len() <= 2 && !has_a_day && counts {
            return Ok(());
        }
        let columns = self.header.iter().filter(|c| !c.is_empty()).count();
        let place = if record.cells.len() < columns {
            format!(
                "after {} of the header's {columns} columns",
                record.cells.len()
            )
        } else {
            "inside a quoted cell".to_string()
        };
        Err(Error::at(
            record.line,
            format!(
                "the row stops {place} and the file ends there: it looks cut off (export it again)"
            ),
        ))
    }

    /// The column under the first of `names` the header has; a name with ASCII brackets also finds the
    /// header written with full-width ones (`金额(元)` finds `金额（元）`).
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        let columns = self.columns.get_or_init(|| {
            let mut columns = HashMap::new();
            for (at, cell) in self.header.iter().enumerate() {
                columns.entry(cell.clone()).or_insert(at);
                columns
                    .entry(cell.replace('（', "(").replace('）', ")"))
                    .or_insert(at);
            }
            columns
        });
        names.iter().find_map(|name| columns.get(*name).copied())
    }

    /// [`Table::find`] for a column the importer cannot do without.
    pub fn need(&self, names: &[&str]) -> Result<usize> {
        self.find(names).ok_or_else(|| {
            Error::at(
                self.header_line,
                format!("the column {} is missing", names[0]),
            )
        })
    }
}

/// A currency as the Chinese banks and apps write it: the Chinese name (人民币, 美元…) or the ISO code.
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

/// An exact amount in a currency; refused (with the column) when it has more decimals than the currency.
pub(crate) fn money(
    value: Decimal,
    currency: Currency,
    line: usize,
    column: &str,
) -> Result<Money> {
    Money::new(value, currency).map_err(|e| Error::at(line, format!("{column}: {e}")))
}

/// A day as the files write it (`2024-01-31`, `20240131`, `2024/01/31`, `2024/1/31`, `2024.01.31`),
/// possibly with a time after it (` 12:30:05`, `T12:30`); the bool says whether there was a time.
pub(crate) fn parse_date(cell: &str) -> Option<(NaiveDateTime, bool)> {
    let cell = text::clean(cell);
    let (day, time) = match cell.split_once([' ', 'T']) {
        Some((day, time)) => (day, time.trim()),
        None => (cell, ""),
    };
    let day = ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())?;
    match time {
        "" => Some((day.and_time(NaiveTime::MIN), false)),
        time => Some((day.and_time(parse_time(time)?), true)),
    }
}

/// `12:34:56`, `12:34` or `123456`.
pub(crate) fn parse_time(cell: &str) -> Option<NaiveTime> {
    ["%H:%M:%S", "%H:%M", "%H%M%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(cell.trim(), f).ok())
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
    fn the_days_shapes_read_with_or_without_a_time() {
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
        assert_eq!(
            parse_date("2024/1/31 08:05"),
            Some((day.and_hms_opt(8, 5, 0).unwrap(), true))
        );
        assert_eq!(parse_date("31/01/2024"), None);
    }
}
