//! SWIFT MT940 customer statements.
//!
//! Lines are read as fields (`:61:` and the lines after it up to the next `:NN:` tag); a bank's own header
//! lines, SWIFT envelopes (`{1:…}{2:…}{4:` … `-}`) and the SOH/ETX bytes around messages are passed
//! over. `:86:` lines are wrapped at a fixed width wherever that falls, often mid-word, so a field's lines
//! are joined as they are, without a space between them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use wallet_core::{Currency, Money};

use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, RowKind, Statement};
use crate::text::Decoded;
use crate::{Importer, row_id};

/// MT940: every `:61:` of every statement (`:20:` … `:62F:`), its `:86:` as the description (with the
/// German `?20`-style subfields read into counterparty, account and purpose), the balance after each row
/// counted from `:60F:`, and the bank reference (`//…`) as the id.
pub struct Mt940;

impl Importer for Mt940 {
    fn format(&self) -> Format {
        Format::Mt940
    }

    fn recognises(&self, text: &Decoded) -> bool {
        let tagged = |tag: &str| {
            text.lines()
                .any(|line| clean_line(line).trim_start().starts_with(tag))
        };
        tagged(":20:") && (tagged(":61:") || tagged(":60F:") || tagged(":60M:"))
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let fields = fields(&text.text);
        let mut statements: Vec<Open> = Vec::new();
        let mut open: Option<Open> = None;
        for field in &fields {
            match field.tag.as_str() {
                "20" => {
                    if let Some(unfinished) = open.take() {
                        return Err(Error::at(
                            field.line,
                            format!(
                                "a new statement starts before the one on line {} has its closing balance (:62F:)",
                                unfinished.line
                            ),
                        ));
                    }
                    open = Some(Open {
                        line: field.line,
                        account: None,
                        currency: None,
                        balance: None,
                        rows: Vec::new(),
                        last_was_row: false,
                    });
                }
                tag => {
                    let Some(statement) = open.as_mut() else {
                        // A field outside any statement: a bank's header, skipped like the envelope.
                        continue;
                    };
                    match tag {
                        "25" => statement.account = Some(field.text.trim().to_string()),
                        "60F" | "60M" => {
                            let (currency, balance) = balance(&field.text, field.line)?;
                            statement.currency = Some(currency);
                            statement.balance = Some(balance);
                        }
                        "61" => {
                            let currency = statement.currency.ok_or_else(|| {
                                Error::at(
                                    field.line,
                                    "a transaction (:61:) before the opening balance (:60F:) that names the currency",
                                )
                            })?;
                            let row = transaction(field, currency)?;
                            if let Some(balance) = statement.balance.as_mut() {
                                *balance += row.amount.amount();
                                let after = Money::new(*balance, currency).map_err(|problem| {
                                    Error::at(field.line, problem.to_string())
                                })?;
                                let mut row = row;
                                row.balance_after = Some(after);
                                statement.rows.push(row);
                            } else {
                                statement.rows.push(row);
                            }
                            statement.last_was_row = true;
                            continue;
                        }
                        "86" if statement.last_was_row => {
                            if let Some(row) = statement.rows.last_mut() {
                                information(row, &field.text);
                            }
                        }
                        "62F" | "62M" => {
                            // Read, though not needed: a closing balance cut short is a file cut off.
                            balance(&field.text, field.line)?;
                            if let Some(done) = open.take() {
                                statements.push(done);
                            }
                            continue;
                        }
                        _ => {}
                    }
                    statement.last_was_row = false;
                }
            }
        }
        if let Some(unfinished) = open {
            return Err(Error::Truncated {
                problem: format!(
                    "the statement that starts on line {} has no closing balance (:62F:): the file stops on line {}",
                    unfinished.line,
                    text.last_line()
                ),
            });
        }
        // Several statements (days, or accounts) are all read: the file's account and currency are the
        // first statement's; every row keeps its own statement's currency.
        let Some(first) = statements.first() else {
            return Err(Error::at(1, "this MT940 file holds no statement (:20:)"));
        };
        let account = first.account.clone();
        let currency = first.currency.unwrap_or(options.default_currency);
        let mut rows: Vec<ImportedRow> = statements.into_iter().flat_map(|s| s.rows).collect();
        row_id::assign_fallback_ids(&mut rows);
        Ok(Statement {
            format: Format::Mt940,
            account,
            currency,
            rows,
            skipped: Vec::new(),
            warnings: Vec::new(),
        })
    }
}

struct Open {
    line: usize,
    account: Option<String>,
    currency: Option<Currency>,
    /// The running balance, from the opening balance on.
    balance: Option<Decimal>,
    rows: Vec<ImportedRow>,
    /// Whether the field before was a `:61:` (an `:86:` after it describes it).
    last_was_row: bool,
}

/// One `:tag:` field with its continuation lines joined (`\n` between them; `:86:` joins them without).
struct Field {
    tag: String,
    text: String,
    line: usize,
}

/// A line without the SOH/ETX bytes that frame SWIFT messages.
fn clean_line(line: &str) -> String {
    line.chars()
        .filter(|c| *c != '\u{1}' && *c != '\u{3}')
        .collect()
}

/// The fields of the file, in order. An envelope's `{1:…}{2:…}{4:` opening (fields may follow on the
/// same line), a `-}` end, `{5:…}` trailers and lines before the first field are not fields.
fn fields(text: &str) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    let mut in_field = false;
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let mut content = clean_line(raw);
        if content.trim_start().starts_with('{') {
            // `{1:F01BANK…}{2:O940…}{4:` then maybe `:20:…` on the same line.
            match content.find("{4:") {
                Some(block) => content = content[block + 3..].to_string(),
                None => {
                    in_field = false;
                    continue;
                }
            }
        }
        let trimmed = content.trim_end();
        if trimmed == "-" || trimmed.starts_with("-}") {
            in_field = false;
            continue;
        }
        if let Some((tag, rest)) = tag_of(&content) {
            fields.push(Field {
                tag: tag.to_string(),
                text: rest.to_string(),
                line,
            });
            in_field = true;
        } else if in_field && !trimmed.is_empty() {
            if let Some(field) = fields.last_mut() {
                if field.tag == "86" {
                    // Kept as it is, trailing spaces too: a space at the end of a line is a word's end.
                    field.text.push_str(&content);
                } else {
                    field.text.push('\n');
                    field.text.push_str(trimmed);
                }
            }
        } else if trimmed.is_empty() {
            in_field = false;
        }
    }
    fields
}

/// `:61:2401310131D12,50NTRF` → ("61", "2401310131D12,50NTRF").
fn tag_of(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let tag = &rest[..end];
    let well_formed = (2..=3).contains(&tag.len())
        && tag.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        // After the two digits, the optional letter (`60F`, `28C`).
        && tag.as_bytes()[2..].iter().all(u8::is_ascii_uppercase);
    well_formed.then(|| (tag, &rest[end + 1..]))
}

/// `:60F:C240131EUR1234,56`: the currency and the signed balance.
fn balance(text: &str, line: usize) -> Result<(Currency, Decimal)> {
    let text = text.trim();
    let problem = || {
        Error::at(
            line,
            format!("\"{text}\" is not a balance (C/D, YYMMDD, currency, amount)"),
        )
    };
    let mark = text.get(..1).ok_or_else(problem)?;
    let code = text.get(7..10).ok_or_else(problem)?;
    let currency = code
        .parse::<Currency>()
        .map_err(|_| Error::at(line, format!("\"{code}\" is not a currency Purse knows")))?;
    let value = comma_amount(text.get(10..).ok_or_else(problem)?).ok_or_else(problem)?;
    match mark {
        "C" => Ok((currency, value)),
        "D" => Ok((currency, -value)),
        _ => Err(problem()),
    }
}

/// An MT940 amount: digits with a comma as the decimal point (`1234,56`, `12,`), never grouped.
fn comma_amount(text: &str) -> Option<Decimal> {
    let (whole, fraction) = text.split_once(',')?;
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let fraction = if fraction.is_empty() { "0" } else { fraction };
    format!("{whole}.{fraction}").parse().ok()
}

/// A `:61:` line: value date, optional entry date, mark, amount, type, references.
fn transaction(field: &Field, currency: Currency) -> Result<ImportedRow> {
    let line = field.line;
    let (first, supplementary) = match field.text.split_once('\n') {
        Some((first, rest)) => (first, Some(rest.replace('\n', " "))),
        None => (field.text.as_str(), None),
    };
    let problem = |what: &str| Error::at(line, format!(":61: {what} in \"{first}\""));
    let value_date = first
        .get(..6)
        .and_then(yymmdd)
        .ok_or_else(|| problem("no value date (YYMMDD)"))?;
    let mut rest = &first[6..];
    let mut day = value_date;
    if rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        day =
            entry_date(value_date, &rest[..4]).ok_or_else(|| problem("a bad entry date (MMDD)"))?;
        rest = &rest[4..];
    }
    let (sign, after_mark) = if let Some(after) = rest.strip_prefix("RC") {
        (-1, after)
    } else if let Some(after) = rest.strip_prefix("RD") {
        (1, after)
    } else if let Some(after) = rest.strip_prefix('C') {
        (1, after)
    } else if let Some(after) = rest.strip_prefix('D') {
        (-1, after)
    } else {
        return Err(problem("no debit/credit mark (C, D, RC or RD)"));
    };
    // A funds code: the third letter of the currency, sometimes written.
    let after_mark = match after_mark.chars().next() {
        Some(letter) if letter.is_ascii_alphabetic() => &after_mark[1..],
        _ => after_mark,
    };
    let amount_end = after_mark
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(after_mark.len());
    let value = comma_amount(&after_mark[..amount_end]).ok_or_else(|| problem("no amount"))?;
    let signed = if sign < 0 { -value } else { value };
    let amount = Money::new(signed, currency).map_err(|e| Error::at(line, e.to_string()))?;
    let rest = &after_mark[amount_end..];
    let kind = rest
        .get(..4)
        .ok_or_else(|| problem("no transaction type"))?;
    let references = &rest[4..];
    let (customer, bank) = match references.split_once("//") {
        Some((customer, bank)) => (customer, Some(bank.trim())),
        None => (references, None),
    };
    let customer = customer.trim();
    let description = supplementary
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
        .or_else(|| (!customer.is_empty() && customer != "NONREF").then(|| customer.to_string()));
    Ok(ImportedRow {
        id: bank
            .filter(|b| !b.is_empty())
            .unwrap_or_default()
            .to_string(),
        at: NaiveDateTime::from(day),
        has_time: false,
        amount,
        original: None,
        counterparty: None,
        counterparty_account: None,
        description,
        category_hint: Some(kind.to_string()),
        kind: RowKind::Payment,
        funding: None,
        balance_after: None,
        line,
    })
}

fn yymmdd(text: &str) -> Option<NaiveDate> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: i32 = text.get(..2)?.parse().ok()?;
    let year = if yy < 80 { 2000 + yy } else { 1900 + yy };
    NaiveDate::from_ymd_opt(
        year,
        text.get(2..4)?.parse().ok()?,
        text.get(4..6)?.parse().ok()?,
    )
}

/// The entry (booking) date `MMDD`, in the year that puts it nearest the value date (a value date of
/// 2 January booked on 31 December was booked the year before).
fn entry_date(value: NaiveDate, mmdd: &str) -> Option<NaiveDate> {
    let month: u32 = mmdd.get(..2)?.parse().ok()?;
    let day: u32 = mmdd.get(2..4)?.parse().ok()?;
    let year = match (i64::from(month) - i64::from(value.month()), value.year()) {
        (gap, year) if gap > 6 => year - 1,
        (gap, year) if gap < -6 => year + 1,
        (_, year) => year,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Fills a row from its `:86:`: free text as the description, or the structured form
/// `GVC?00posting text?20purpose…?30bank?31account?32name?33name…` (a three-digit code, then subfields
/// after a separator, `?` mostly). Subfield chunks are joined without spaces, as the lines are: both are
/// cut at a fixed width, often mid-word.
fn information(row: &mut ImportedRow, text: &str) {
    let bytes = text.as_bytes();
    let structured = bytes.len() > 4
        && bytes[..3].iter().all(u8::is_ascii_digit)
        && !bytes[3].is_ascii_alphanumeric()
        && bytes[3].is_ascii()
        && bytes[4..6.min(bytes.len())].iter().all(u8::is_ascii_digit);
    if !structured && slash_keyed(row, text) {
        return;
    }
    if !structured {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            row.description = Some(text);
        }
        return;
    }
    let separator = char::from(bytes[3]);
    let mut purpose = String::new();
    let mut name = String::new();
    let mut account = None;
    let mut posting = None;
    for part in text[4..].split(separator) {
        let (Some(code), Some(value)) = (part.get(..2), part.get(2..)) else {
            continue;
        };
        match code {
            "00" => posting = Some(value.trim().to_string()),
            "20" | "21" | "22" | "23" | "24" | "25" | "26" | "27" | "28" | "29" | "60" | "61"
            | "62" | "63" => purpose.push_str(value),
            "31" => account = Some(value.trim().to_string()),
            "32" | "33" => name.push_str(value),
            _ => {}
        }
    }
    let purpose = purpose.trim();
    if !purpose.is_empty() {
        row.description = Some(purpose.to_string());
    }
    let name = name.trim();
    if !name.is_empty() {
        row.counterparty = Some(name.to_string());
    }
    row.counterparty_account = account.filter(|a| !a.is_empty());
    if let Some(posting) = posting.filter(|p| !p.is_empty()) {
        row.category_hint = Some(posting);
    }
}

/// The keys of the slash-keyed `:86:` Dutch banks (and some others) write:
/// `/TRTP/SEPA OVERBOEKING/IBAN/NL…/BIC/…/NAME/J Jansen/REMI/factuur 12/EREF/…`.
const SLASH_KEYS: &[&str] = &[
    "TRTP",
    "EREF",
    "MARF",
    "CSID",
    "CNTP",
    "REMI",
    "PURP",
    "NAME",
    "IBAN",
    "BIC",
    "ADDR",
    "ORDP",
    "BENM",
    "ULTC",
    "ULTD",
    "ULTB",
    "RTRN",
    "PREF",
    "SVCL",
    "BUSP",
    "ISDT",
    "CDTRREF",
    "CDTRREFTP",
];

/// Fills a row from a slash-keyed `:86:`: `/NAME/` (or the name in `/CNTP/iban/bic/name/city`) as the
/// counterparty, `/IBAN/` as their account, `/REMI/` (its `/USTD//` text when structured so) as the
/// description, `/TRTP/` as the category hint. False when the text is not of that form.
fn slash_keyed(row: &mut ImportedRow, text: &str) -> bool {
    let text: String = text.split('\n').collect::<Vec<_>>().concat();
    if !text.trim_start().starts_with('/') {
        return false;
    }
    let mut marks: Vec<(usize, &str)> = SLASH_KEYS
        .iter()
        .flat_map(|key| {
            let pattern = format!("/{key}/");
            text.match_indices(&pattern)
                .map(|(at, _)| (at, *key))
                .collect::<Vec<_>>()
        })
        .collect();
    marks.sort_unstable();
    if marks.len() < 2 {
        return false;
    }
    let value = |index: usize| {
        let (at, key) = marks[index];
        let end = marks.get(index + 1).map_or(text.len(), |next| next.0);
        text.get(at + key.len() + 2..end.max(at + key.len() + 2))
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    for (index, (_, key)) in marks.iter().enumerate() {
        let found = value(index);
        if found.is_empty() {
            continue;
        }
        match *key {
            "NAME" => row.counterparty = Some(found),
            "IBAN" => row.counterparty_account = Some(found),
            "CNTP" => {
                let parts: Vec<&str> = found.split('/').collect();
                if let Some(account) = parts.first().filter(|a| !a.is_empty()) {
                    row.counterparty_account = Some((*account).to_string());
                }
                if let Some(name) = parts.get(2).filter(|n| !n.trim().is_empty()) {
                    row.counterparty = Some(name.trim().to_string());
                }
            }
            "REMI" => {
                let remittance = found.strip_prefix("USTD//").unwrap_or(&found);
                row.description = Some(remittance.trim_matches('/').trim().to_string());
            }
            "TRTP" => row.category_hint = Some(found),
            _ => {}
        }
    }
    true
}
