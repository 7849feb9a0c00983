//! OFX/QFX statements, v1 (SGML) and v2 (XML), bank and credit card.
//!
//! One tolerant tag scanner reads both versions: every `<TAG>` is taken with the text that follows it up
//! to the next `<`, so an SGML leaf without its end tag (`<TRNAMT>-12.50`), an XML leaf
//! (`<TRNAMT>-12.50</TRNAMT>`) and an XML file that still writes SGML leaves all read the same way. The
//! header (`OFXHEADER:100` lines, or the `<?xml?>`/`<?OFX?>` instructions) is not needed and may be absent.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use wallet_core::{Currency, Money};

use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, RowKind, Statement};
use crate::text::Decoded;
use crate::{Importer, amount, row_id};

/// OFX 1.x (SGML) and 2.x (XML) and Quicken's QFX: bank (`STMTRS`) and credit card (`CCSTMTRS`)
/// statements, one row per `STMTTRN`, its `FITID` as the id.
pub struct Ofx;

impl Importer for Ofx {
    fn format(&self) -> Format {
        Format::Ofx
    }

    fn recognises(&self, text: &Decoded) -> bool {
        let head: String = text.text.chars().take(4096).collect::<String>();
        head.contains("OFXHEADER") || text.text.to_ascii_uppercase().contains("<OFX>")
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let tags = scan(&text.text)?;
        let mut reader = Walk {
            options,
            statements: Vec::new(),
            open: None,
            txn: None,
            warnings: Vec::new(),
        };
        for tag in &tags {
            reader.tag(tag)?;
        }
        if let Some(txn) = &reader.txn {
            return Err(Error::Truncated {
                problem: format!(
                    "the transaction (STMTTRN) that starts on line {} has no end: the file stops on line {}",
                    txn.line,
                    text.last_line()
                ),
            });
        }
        if let Some(open) = &reader.open {
            return Err(Error::Truncated {
                problem: format!(
                    "the statement that starts on line {} has no end (no </STMTRS> or </CCSTMTRS>): the file stops on line {}",
                    open.line,
                    text.last_line()
                ),
            });
        }
        // Several statements (a checking account and a card, say) are all read: every row keeps its own
        // statement's currency, and the statement's account and currency are the first statement's.
        // Every OFX file, v1 too, ends with `</OFX>`: without it the file was cut off, perhaps after the
        // last transaction, perhaps before the first statement.
        if !tags.iter().any(|tag| tag.closing && tag.name == "OFX") {
            return Err(Error::Truncated {
                problem: format!(
                    "the file stops on line {} before its end (</OFX>)",
                    text.last_line()
                ),
            });
        }
        let Some(first) = reader.statements.first() else {
            return Err(Error::at(
                1,
                "this OFX file holds no bank or credit card statement (STMTRS or CCSTMTRS)",
            ));
        };
        let account = first.account.clone();
        let currency = first.currency.unwrap_or(options.default_currency);
        let mut rows: Vec<ImportedRow> = reader
            .statements
            .into_iter()
            .flat_map(|statement| statement.rows)
            .collect();
        row_id::assign_fallback_ids(&mut rows);
        Ok(Statement {
            format: Format::Ofx,
            account,
            currency,
            rows,
            skipped: Vec::new(),
            warnings: reader.warnings,
        })
    }
}

/// One tag as the scanner found it: its name (upper case), whether it is an end tag, the text after it
/// up to the next tag, and its line.
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    value: String,
    line: usize,
}

/// Every tag of the file, in order; processing instructions (`<?xml?>`, `<?OFX?>`), declarations and
/// comments are passed over. A `<` with no `>` after it is a file cut off.
fn scan(text: &str) -> Result<Vec<Tag>> {
    let mut tags = Vec::new();
    let mut line = 1;
    let mut counted = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find('<') {
        let start = at + found;
        line += text[counted..start].matches('\n').count();
        counted = start;
        if text[start..].starts_with("<!--") {
            match text[start..].find("-->") {
                Some(end) => at = start + end + 3,
                None => {
                    return Err(Error::Truncated {
                        problem: format!("the comment on line {line} has no end"),
                    });
                }
            }
            continue;
        }
        let Some(end) = text[start..].find('>') else {
            return Err(Error::Truncated {
                problem: format!("the tag on line {line} has no end"),
            });
        };
        let inner = &text[start + 1..start + end];
        at = start + end + 1;
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name = inner
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_ascii_uppercase();
        let value_end = text[at..].find('<').map_or(text.len(), |next| at + next);
        tags.push(Tag {
            name,
            closing,
            value: unescape(text[at..value_end].trim()),
            line,
        });
    }
    Ok(tags)
}

/// The XML character entities (v2 writes `&amp;`; v1 files mostly write a bare `&`, kept as it is).
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// A statement being read.
struct Open {
    line: usize,
    account: Option<String>,
    currency: Option<Currency>,
    rows: Vec<ImportedRow>,
}

/// A `STMTTRN` being read: each leaf with its line.
#[derive(Default)]
struct Txn {
    line: usize,
    amount: Option<(String, usize)>,
    posted: Option<(String, usize)>,
    fitid: Option<String>,
    name: Option<String>,
    memo: Option<String>,
    trntype: Option<String>,
    /// Inside `BANKACCTTO`/`CCACCTTO`: the `ACCTID` there is the other side's account.
    in_account_to: bool,
    account_to: Option<String>,
}

struct Walk<'a> {
    options: &'a ImportOptions,
    statements: Vec<Open>,
    open: Option<Open>,
    txn: Option<Txn>,
    warnings: Vec<String>,
}

impl Walk<'_> {
    fn tag(&mut self, tag: &Tag) -> Result<()> {
        let name = tag.name.as_str();
        if tag.closing {
            match name {
                "STMTTRN" | "BANKTRANLIST" => self.finish_txn()?,
                "BANKACCTTO" | "CCACCTTO" => {
                    if let Some(txn) = &mut self.txn {
                        txn.in_account_to = false;
                    }
                }
                "STMTRS" | "CCSTMTRS" => self.finish_statement()?,
                _ => {}
            }
            return Ok(());
        }
        match name {
            "STMTRS" | "CCSTMTRS" => {
                self.finish_statement()?;
                self.open = Some(Open {
                    line: tag.line,
                    account: None,
                    currency: None,
                    rows: Vec::new(),
                });
                return Ok(());
            }
            "STMTTRN" => {
                self.finish_txn()?;
                if self.open.is_some() {
                    self.txn = Some(Txn {
                        line: tag.line,
                        ..Txn::default()
                    });
                }
                return Ok(());
            }
            _ => {}
        }
        let value = (!tag.value.is_empty()).then(|| tag.value.clone());
        if let Some(txn) = &mut self.txn {
            match name {
                "TRNAMT" => txn.amount = Some((tag.value.clone(), tag.line)),
                "DTPOSTED" => txn.posted = Some((tag.value.clone(), tag.line)),
                "FITID" => txn.fitid = value,
                // A leaf NAME, or the NAME inside a PAYEE aggregate; a PAYEE written as a leaf too.
                "NAME" | "PAYEE" if txn.name.is_none() => txn.name = value,
                "MEMO" => txn.memo = value,
                "TRNTYPE" => txn.trntype = value,
                "BANKACCTTO" | "CCACCTTO" => txn.in_account_to = true,
                "ACCTID" if txn.in_account_to => txn.account_to = value,
                _ => {}
            }
        } else if let Some(open) = &mut self.open {
            match name {
                // An empty CURDEF (some exporters write `<CURDEF></CURDEF>`): the amounts are in the
                // currency the person chose (the account's), said in the preview.
                "CURDEF" if tag.value.is_empty() => self.warnings.push(format!(
                    "line {}: the statement names no currency (CURDEF is empty); its amounts are taken to be in {}",
                    tag.line,
                    self.options.default_currency.code()
                )),
                "CURDEF" => {
                    let currency = tag.value.parse::<Currency>().map_err(|_| {
                        Error::at(
                            tag.line,
                            format!("CURDEF \"{}\" is not a currency Purse knows", tag.value),
                        )
                    })?;
                    open.currency = Some(currency);
                }
                // The ACCTID of BANKACCTFROM/CCACCTFROM: the only one outside the transactions.
                "ACCTID" if open.account.is_none() => open.account = value,
                _ => {}
            }
        }
        Ok(())
    }

    fn finish_statement(&mut self) -> Result<()> {
        self.finish_txn()?;
        if let Some(open) = self.open.take() {
            if open.currency.is_none() && !self.warnings.iter().any(|w| w.contains("CURDEF")) {
                self.warnings.push(format!(
                    "line {}: the statement names no currency (no CURDEF); its amounts are taken to be in {}",
                    open.line,
                    self.options.default_currency.code()
                ));
            }
            self.statements.push(open);
        }
        Ok(())
    }

    fn finish_txn(&mut self) -> Result<()> {
        let Some(txn) = self.txn.take() else {
            return Ok(());
        };
        let Some(open) = &mut self.open else {
            return Ok(());
        };
        let currency = open.currency.unwrap_or(self.options.default_currency);
        let (amount_text, amount_line) = txn
            .amount
            .ok_or_else(|| Error::at(txn.line, "the transaction (STMTTRN) has no TRNAMT"))?;
        let value = amount::parse(&amount_text)
            .map_err(|problem| Error::at(amount_line, format!("TRNAMT: {problem}")))?;
        let amount = Money::new(value, currency)
            .map_err(|problem| Error::at(amount_line, format!("TRNAMT: {problem}")))?;
        let (posted_text, posted_line) = txn
            .posted
            .ok_or_else(|| Error::at(txn.line, "the transaction (STMTTRN) has no DTPOSTED"))?;
        let (at, has_time) = date(&posted_text).ok_or_else(|| {
            Error::at(
                posted_line,
                format!("DTPOSTED \"{posted_text}\" is not a date"),
            )
        })?;
        open.rows.push(ImportedRow {
            id: txn.fitid.unwrap_or_default(),
            at,
            has_time,
            amount,
            original: None,
            counterparty: txn.name,
            counterparty_account: txn.account_to,
            description: txn.memo,
            category_hint: txn.trntype,
            kind: RowKind::Payment,
            funding: None,
            balance_after: None,
            line: txn.line,
        });
        Ok(())
    }
}

/// An OFX date-time: `YYYYMMDD`, `YYYYMMDDHHMM`, `YYYYMMDDHHMMSS`, each optionally with `.XXX`
/// milliseconds and a `[-7:MST]` zone. The time is kept as the file writes it (the zone is dropped: rows
/// hold local time); whether a time was given at all is the second value.
fn date(value: &str) -> Option<(NaiveDateTime, bool)> {
    let stamp = value.split('[').next()?.trim();
    let stamp = stamp.split('.').next()?;
    if !stamp.bytes().all(|b| b.is_ascii_digit()) || stamp.len() < 8 {
        return None;
    }
    let number = |from: usize, to: usize| stamp.get(from..to)?.parse::<u32>().ok();
    let year = i32::try_from(number(0, 4)?).ok()?;
    let day = NaiveDate::from_ymd_opt(year, number(4, 6)?, number(6, 8)?)?;
    let (time, has_time) = match stamp.len() {
        8 => (NaiveTime::MIN, false),
        12 => (
            NaiveTime::from_hms_opt(number(8, 10)?, number(10, 12)?, 0)?,
            true,
        ),
        14 => (
            NaiveTime::from_hms_opt(number(8, 10)?, number(10, 12)?, number(12, 14)?)?,
            true,
        ),
        _ => return None,
    };
    Some((day.and_time(time), has_time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_ofx_writes_a_date_reads_as_the_local_time_it_says() {
        let day = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        assert_eq!(
            date("20240131"),
            Some((day.and_time(NaiveTime::MIN), false))
        );
        assert_eq!(
            date("20240131120000.000[-7:MST]"),
            Some((day.and_hms_opt(12, 0, 0).unwrap(), true))
        );
        assert_eq!(
            date("202401311205"),
            Some((day.and_hms_opt(12, 5, 0).unwrap(), true))
        );
        assert_eq!(date("2024013"), None);
        assert_eq!(date("20241331"), None);
    }
}
