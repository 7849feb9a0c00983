//! Quicken Interchange Format, with the date order the person chooses.
//!
//! QIF names neither its currency nor the way it writes dates (`2/14'2020`, `14/02/2020` and `2020/02/14`
//! are all found), so both come from [`ImportOptions`]: without a date order the file is refused with a
//! question for the person, not guessed.

use chrono::{NaiveDate, NaiveDateTime};
use wallet_core::Money;

use crate::error::{Error, Result};
use crate::model::{DateOrder, Format, ImportOptions, ImportedRow, RowKind, Skipped, Statement};
use crate::text::Decoded;
use crate::{Importer, amount, row_id};

/// QIF `!Type:Bank`, `CCard`, `Cash`, `Oth A` and `Oth L` sections (several per file), one row per record.
/// A split record stays one row: its amount is the record's total, its description the record's memo and
/// the splits' memos joined with `; `, its category hint the record's category or else the splits'
/// categories joined with `, `. A category `[Account]` is a transfer between the person's own accounts:
/// [`RowKind::Neutral`], with the account's name as the category hint.
pub struct Qif;

const NO_DATE_ORDER: &str = "QIF does not say how its dates are written: choose day/month/year, month/day/year or year/month/day";

impl Importer for Qif {
    fn format(&self) -> Format {
        Format::Qif
    }

    fn recognises(&self, text: &Decoded) -> bool {
        text.lines().any(|line| {
            let line = line.trim_start_matches('\u{feff}').trim_start();
            line.get(..6)
                .is_some_and(|head| head.eq_ignore_ascii_case("!Type:"))
        })
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let order = options
            .date_order
            .ok_or_else(|| Error::Options(NO_DATE_ORDER.to_string()))?;
        let mut section = Section::None;
        let mut record = Record::default();
        let mut kept = Kept::default();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.trim_start_matches('\u{feff}').trim();
            if content.is_empty() {
                continue;
            }
            if let Some(header) = content.strip_prefix('!') {
                // Real exporters run a section's last record straight into the next `!Type:` header
                // without its `^`: the header ends it.
                if !record.is_empty() {
                    let done = std::mem::take(&mut record);
                    kept.keep(done, section, order, options)?;
                }
                section = Section::of(header);
                continue;
            }
            if record.is_empty() {
                record.line = line;
            }
            let (code, value) = content.split_at(content.chars().next().map_or(0, char::len_utf8));
            let value = value.trim();
            if code == "^" {
                let done = std::mem::take(&mut record);
                kept.keep(done, section, order, options)?;
                continue;
            }
            record.field(code, value, line);
        }
        if !record.is_empty() {
            return Err(Error::Truncated {
                problem: format!(
                    "the record that starts on line {} has no end (^): the file stops on line {}",
                    record.line,
                    text.last_line()
                ),
            });
        }
        let Kept {
            mut rows,
            skipped,
            account,
        } = kept;
        row_id::assign_fallback_ids(&mut rows);
        Ok(Statement {
            format: Format::Qif,
            account,
            currency: options.default_currency,
            rows,
            skipped,
            warnings: Vec::new(),
        })
    }
}

/// What the records ended so far became.
#[derive(Default)]
struct Kept {
    rows: Vec<ImportedRow>,
    skipped: Vec<Skipped>,
    /// The first `!Account` record's name.
    account: Option<String>,
}

impl Kept {
    /// A record ended (by `^`, or by the next section's header) in `section`.
    fn keep(
        &mut self,
        done: Record,
        section: Section,
        order: DateOrder,
        options: &ImportOptions,
    ) -> Result<()> {
        match section {
            Section::Transactions => self.rows.push(done.row(order, options)?),
            Section::Account => {
                if self.account.is_none() {
                    self.account = done.name;
                }
            }
            Section::Investments => self.skipped.push(Skipped {
                line: done.line,
                reason: "investment transactions are not read".into(),
            }),
            Section::None | Section::Other => {}
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before any `!Type:`.
    None,
    /// Bank, credit card, cash, other asset or liability: transactions.
    Transactions,
    /// `!Account`: the account the following sections are for.
    Account,
    Investments,
    /// Category and class lists, memorised transactions, options: nothing to import.
    Other,
}

impl Section {
    fn of(header: &str) -> Section {
        let header = header.trim().to_ascii_lowercase();
        if header == "account" {
            return Section::Account;
        }
        match header.strip_prefix("type:").map(str::trim) {
            Some("bank" | "ccard" | "cash" | "oth a" | "oth l") => Section::Transactions,
            Some("invst") => Section::Investments,
            _ => Section::Other,
        }
    }
}

/// A record's fields as read so far, each with its line.
#[derive(Default)]
struct Record {
    line: usize,
    date: Option<(String, usize)>,
    amount: Option<(String, usize)>,
    payee: Option<String>,
    memo: Option<String>,
    category: Option<String>,
    /// `N` in an `!Account` record is the account's name; in a transaction it is the cheque number,
    /// which a row has no place for (it is not an id: numbers repeat across accounts and years).
    name: Option<String>,
    split_categories: Vec<String>,
    split_memos: Vec<String>,
    fields: usize,
}

impl Record {
    fn is_empty(&self) -> bool {
        self.fields == 0
    }

    fn field(&mut self, code: &str, value: &str, line: usize) {
        self.fields += 1;
        let own = || (!value.is_empty()).then(|| value.to_string());
        match code {
            "D" => self.date = Some((value.to_string(), line)),
            // U is the same amount, written with more room; T wins when both are there.
            "T" => self.amount = Some((value.to_string(), line)),
            "U" if self.amount.is_none() => self.amount = Some((value.to_string(), line)),
            "P" => self.payee = own(),
            "M" => self.memo = own(),
            "L" => self.category = own(),
            "N" => self.name = own(),
            "S" => self.split_categories.extend(own()),
            "E" => self.split_memos.extend(own()),
            _ => {}
        }
    }

    fn row(self, order: DateOrder, options: &ImportOptions) -> Result<ImportedRow> {
        let (date_text, date_line) = self
            .date
            .ok_or_else(|| Error::at(self.line, "the transaction has no date (D)"))?;
        let day = date(&date_text, order).ok_or_else(|| {
            Error::at(
                date_line,
                format!("\"{date_text}\" is not a date in the order chosen ({order:?})"),
            )
        })?;
        let (amount_text, amount_line) = self
            .amount
            .ok_or_else(|| Error::at(self.line, "the transaction has no amount (T)"))?;
        let value = amount::parse(&amount_text)
            .map_err(|problem| Error::at(amount_line, problem.to_string()))?;
        let amount = Money::new(value, options.default_currency)
            .map_err(|problem| Error::at(amount_line, problem.to_string()))?;
        // `Groceries/Class`: the class after the slash is not the category.
        let category = self
            .category
            .as_deref()
            .map(|category| category.split('/').next().unwrap_or(category).trim());
        let transfer = category
            .and_then(|c| c.strip_prefix('['))
            .and_then(|c| c.strip_suffix(']'));
        let (kind, category_hint) = match (transfer, category) {
            (Some(account), _) => (RowKind::Neutral, Some(account.to_string())),
            (None, Some(category)) if !category.is_empty() => {
                (RowKind::Payment, Some(category.to_string()))
            }
            _ => (
                RowKind::Payment,
                (!self.split_categories.is_empty()).then(|| self.split_categories.join(", ")),
            ),
        };
        let memos: Vec<String> = self.memo.into_iter().chain(self.split_memos).collect();
        Ok(ImportedRow {
            id: String::new(),
            at: NaiveDateTime::from(day),
            has_time: false,
            amount,
            original: None,
            counterparty: self.payee,
            counterparty_account: None,
            description: (!memos.is_empty()).then(|| memos.join("; ")),
            category_hint,
            kind,
            funding: None,
            balance_after: None,
            line: self.line,
        })
    }
}

/// A QIF date in the chosen order: `2/14'2020`, `1/ 1'00` (an apostrophe before the year: Quicken's mark
/// for 2000 and later), `02/14/2020`, `14.02.2020`, `2020-02-14`, `2/14/98`. Two-digit years after a slash
/// are 1980–2079; after an apostrophe, 2000–2099.
fn date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let apostrophe = text.contains('\'');
    let parts: Vec<&str> = text.split(['/', '-', '.', '\'']).map(str::trim).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = |part: &str| -> Option<i32> {
        let value = i32::try_from(number(part)?).ok()?;
        Some(match (part.len(), apostrophe) {
            (1 | 2, true) => 2000 + value,
            (1 | 2, false) if value < 80 => 2000 + value,
            (1 | 2, false) => 1900 + value,
            (4, _) => value,
            _ => return None,
        })
    };
    let (y, m, d) = match order {
        DateOrder::MonthDayYear => (year(c)?, number(a)?, number(b)?),
        DateOrder::DayMonthYear => (year(c)?, number(b)?, number(a)?),
        DateOrder::YearMonthDay => (year(a)?, number(b)?, number(c)?),
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophe_and_two_digit_years_read_in_each_order() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(date("2/14'2020", DateOrder::MonthDayYear), day(2020, 2, 14));
        assert_eq!(date("1/ 1'00", DateOrder::MonthDayYear), day(2000, 1, 1));
        assert_eq!(date("12/31/98", DateOrder::MonthDayYear), day(1998, 12, 31));
        assert_eq!(
            date("14.02.2020", DateOrder::DayMonthYear),
            day(2020, 2, 14)
        );
        assert_eq!(date("14/2'20", DateOrder::DayMonthYear), day(2020, 2, 14));
        assert_eq!(
            date("2020-02-14", DateOrder::YearMonthDay),
            day(2020, 2, 14)
        );
        assert_eq!(date("2/14/2020", DateOrder::DayMonthYear), None);
        assert_eq!(date("2/14", DateOrder::MonthDayYear), None);
    }
}
