//! ISO 20022 CAMT.053 bank-to-customer statements, versions .001.02 and .001.08.
//!
//! Read with quick-xml's event reader, by element names without their namespace prefix, so both versions
//! (and the ones between) go through the same code: `<Sts>BOOK</Sts>` (.02) and `<Sts><Cd>BOOK</Cd></Sts>`
//! (.08), `<Cdtr><Nm>` (.02) and `<Cdtr><Pty><Nm>` (.08), `<TxDtls><AmtDtls><TxAmt><Amt>` (.02) and
//! `<TxDtls><Amt>` (.08).

use chrono::{NaiveDate, NaiveDateTime};
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use rust_decimal::Decimal;
use wallet_core::{Currency, Money};

use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, RowKind, Skipped, Statement};
use crate::text::Decoded;
use crate::{Importer, amount, row_id};

/// CAMT.053 (`BkToCstmrStmt`): every booked `<Ntry>` of every `<Stmt>`, a batch entry as one row per
/// `<TxDtls>`; pending (`PDNG`) and information-only (`INFO`) entries are skipped with the reason.
pub struct Camt053;

impl Importer for Camt053 {
    fn format(&self) -> Format {
        Format::Camt053
    }

    fn recognises(&self, text: &Decoded) -> bool {
        text.text.contains("camt.053") || text.text.contains("BkToCstmrStmt")
    }

    fn read(&self, text: &Decoded, options: &ImportOptions) -> Result<Statement> {
        let lines = LineIndex::new(&text.text);
        let mut reader = Reader::from_str(&text.text);
        reader.config_mut().trim_text(true);
        let mut walk = Walk {
            options,
            path: Vec::new(),
            statement: None,
            entry: None,
            tx: None,
            ccy: None,
            statements: 0,
            account: None,
            currency: None,
            rows: Vec::new(),
            skipped: Vec::new(),
        };
        loop {
            let event = reader.read_event();
            let position = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            let line = lines.line(position.saturating_sub(1));
            match event {
                Ok(Event::Start(start)) => walk.start(&start, line)?,
                Ok(Event::Empty(start)) => {
                    walk.start(&start, line)?;
                    walk.end(line)?;
                }
                Ok(Event::End(_)) => walk.end(line)?,
                Ok(Event::Text(content)) => {
                    let value = content.unescape().map_err(|problem| {
                        Error::at(line, format!("the XML is not well formed: {problem}"))
                    })?;
                    walk.text(value.trim(), line)?;
                }
                Ok(Event::CData(content)) => {
                    let value = String::from_utf8_lossy(&content).into_owned();
                    walk.text(value.trim(), line)?;
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(XmlError::Syntax(
                    SyntaxError::UnclosedTag
                    | SyntaxError::UnclosedComment
                    | SyntaxError::UnclosedCData
                    | SyntaxError::UnclosedDoctype
                    | SyntaxError::UnclosedPIOrXmlDecl
                    | SyntaxError::InvalidBangMarkup,
                )) => {
                    return Err(Error::Truncated {
                        problem: format!("the XML stops inside a tag on line {line}"),
                    });
                }
                Err(problem) => {
                    let at = usize::try_from(reader.error_position()).unwrap_or(position);
                    return Err(Error::at(
                        lines.line(at),
                        format!("the XML is not well formed: {problem}"),
                    ));
                }
            }
        }
        if let Some(open) = walk.path.last() {
            return Err(Error::Truncated {
                problem: format!("the XML stops on line {} inside <{open}>", text.last_line()),
            });
        }
        if walk.statements == 0 {
            return Err(Error::at(1, "this CAMT.053 file holds no statement (Stmt)"));
        }
        let mut rows = walk.rows;
        row_id::assign_fallback_ids(&mut rows);
        Ok(Statement {
            format: Format::Camt053,
            account: walk.account,
            currency: walk.currency.unwrap_or(options.default_currency),
            rows,
            skipped: walk.skipped,
            warnings: Vec::new(),
        })
    }
}

/// Byte offset → 1-based line.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(at, _)| at)
                .collect(),
        )
    }

    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&newline| newline < offset) + 1
    }
}

/// An open `<Stmt>`: where it sits in the element path.
struct Stmt {
    depth: usize,
    account: Option<String>,
    currency: Option<Currency>,
}

/// An amount as written: the text, its `Ccy`, its line.
type Written = (String, Option<String>, usize);

#[derive(Default)]
struct Entry {
    depth: usize,
    line: usize,
    amount: Option<Written>,
    indicator: Option<(String, usize)>,
    status: Option<String>,
    booked: Option<(String, usize)>,
    valued: Option<(String, usize)>,
    entry_ref: Option<String>,
    servicer_ref: Option<String>,
    info: Option<String>,
    /// `<RvslInd>true</RvslInd>`: the entry undoes an earlier one (its CdtDbtInd is already the
    /// direction the money moved now).
    reversal: bool,
    code: Code,
    details: Vec<Tx>,
}

/// The bank transaction code: proprietary, or domain/family/sub-family.
#[derive(Default)]
struct Code {
    proprietary: Option<String>,
    structured: Vec<String>,
}

#[derive(Default)]
struct Tx {
    depth: usize,
    line: usize,
    amount: Option<Written>,
    indicator: Option<(String, usize)>,
    creditor: Option<String>,
    debtor: Option<String>,
    creditor_account: Option<String>,
    debtor_account: Option<String>,
    unstructured: Vec<String>,
    servicer_ref: Option<String>,
    info: Option<String>,
}

/// How many elements below a statement, an entry or a transaction the deepest path read is
/// (`RltdPties/CdtrAcct/Id/Othr/Id`).
const DEEPEST: usize = 5;

struct Walk<'a> {
    options: &'a ImportOptions,
    path: Vec<String>,
    statement: Option<Stmt>,
    entry: Option<Entry>,
    tx: Option<Tx>,
    /// The `Ccy` of the `<Amt>` being read.
    ccy: Option<String>,
    statements: usize,
    /// The file's account and currency: the first statement's (a file for several accounts keeps
    /// every row, each in its own currency).
    account: Option<String>,
    currency: Option<Currency>,
    rows: Vec<ImportedRow>,
    skipped: Vec<Skipped>,
}

impl Walk<'_> {
    fn start(&mut self, start: &BytesStart<'_>, line: usize) -> Result<()> {
        let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        if name == "Amt" {
            self.ccy = match start.try_get_attribute("Ccy") {
                Ok(Some(attribute)) => Some(
                    attribute
                        .unescape_value()
                        .map_err(|problem| Error::at(line, format!("Ccy: {problem}")))?
                        .into_owned(),
                ),
                Ok(None) => None,
                Err(problem) => {
                    return Err(Error::at(
                        line,
                        format!("the XML is not well formed: {problem}"),
                    ));
                }
            };
        }
        self.path.push(name);
        let depth = self.path.len();
        match self.path[depth - 1].as_str() {
            "Stmt" if self.statement.is_none() => {
                self.statement = Some(Stmt {
                    depth,
                    account: None,
                    currency: None,
                });
            }
            "Ntry" if self.statement.is_some() && self.entry.is_none() => {
                self.entry = Some(Entry {
                    depth,
                    line,
                    ..Entry::default()
                });
            }
            "TxDtls" if self.entry.is_some() && self.tx.is_none() => {
                self.tx = Some(Tx {
                    depth,
                    line,
                    ..Tx::default()
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, line: usize) -> Result<()> {
        let depth = self.path.len();
        if self.tx.as_ref().is_some_and(|tx| tx.depth == depth) {
            if let (Some(tx), Some(entry)) = (self.tx.take(), self.entry.as_mut()) {
                entry.details.push(tx);
            }
        } else if self
            .entry
            .as_ref()
            .is_some_and(|entry| entry.depth == depth)
        {
            if let Some(entry) = self.entry.take() {
                self.entry_rows(entry)?;
            }
        } else if self
            .statement
            .as_ref()
            .is_some_and(|statement| statement.depth == depth)
            && let Some(statement) = self.statement.take()
        {
            self.statements += 1;
            if self.statements == 1 {
                self.account = statement.account;
                self.currency = self.currency.or(statement.currency);
            }
        }
        if self.path.pop().is_none() {
            return Err(Error::at(line, "an end tag with no start"));
        }
        Ok(())
    }

    fn text(&mut self, value: &str, line: usize) -> Result<()> {
        let own = || Some(value.to_string());
        // The path below the open element, joined only as deep as any path read here goes: joining a
        // path thousands of elements deep for every text made a deeply nested file take seconds.
        let path = &self.path;
        let below = |depth: usize| {
            if path.len().saturating_sub(depth) > DEEPEST {
                String::new()
            } else {
                path[depth..].join("/")
            }
        };
        if let Some(tx) = &mut self.tx {
            let relative = below(tx.depth);
            match relative.as_str() {
                "Amt" | "AmtDtls/TxAmt/Amt" if tx.amount.is_none() => {
                    tx.amount = Some((value.to_string(), self.ccy.clone(), line));
                }
                "CdtDbtInd" => tx.indicator = Some((value.to_string(), line)),
                "RltdPties/Cdtr/Nm" | "RltdPties/Cdtr/Pty/Nm" => tx.creditor = own(),
                "RltdPties/Dbtr/Nm" | "RltdPties/Dbtr/Pty/Nm" => tx.debtor = own(),
                "RltdPties/CdtrAcct/Id/IBAN" | "RltdPties/CdtrAcct/Id/Othr/Id" => {
                    tx.creditor_account = own();
                }
                "RltdPties/DbtrAcct/Id/IBAN" | "RltdPties/DbtrAcct/Id/Othr/Id" => {
                    tx.debtor_account = own();
                }
                "RmtInf/Ustrd" => tx.unstructured.push(value.to_string()),
                "Refs/AcctSvcrRef" => tx.servicer_ref = own(),
                "AddtlTxInf" => tx.info = own(),
                _ => {}
            }
        } else if let Some(entry) = &mut self.entry {
            let relative = below(entry.depth);
            match relative.as_str() {
                "Amt" => entry.amount = Some((value.to_string(), self.ccy.clone(), line)),
                "CdtDbtInd" => entry.indicator = Some((value.to_string(), line)),
                "Sts" | "Sts/Cd" | "Sts/Prtry" => entry.status = own(),
                "BookgDt/Dt" | "BookgDt/DtTm" => entry.booked = Some((value.to_string(), line)),
                "ValDt/Dt" | "ValDt/DtTm" => entry.valued = Some((value.to_string(), line)),
                "NtryRef" => entry.entry_ref = Some(bounded(value, 35, "NtryRef", line)?),
                "AcctSvcrRef" => {
                    entry.servicer_ref = Some(bounded(value, 35, "AcctSvcrRef", line)?);
                }
                "AddtlNtryInf" => entry.info = Some(bounded(value, 500, "AddtlNtryInf", line)?),
                "RvslInd" => entry.reversal = value.eq_ignore_ascii_case("true"),
                "BkTxCd/Prtry/Cd" => {
                    entry.code.proprietary = Some(bounded(value, 35, "BkTxCd/Prtry/Cd", line)?);
                }
                // Domain, family, sub-family: three codes of four letters (more are not read).
                "BkTxCd/Domn/Cd" | "BkTxCd/Domn/Fmly/Cd" | "BkTxCd/Domn/Fmly/SubFmlyCd"
                    if entry.code.structured.len() < 3 =>
                {
                    entry
                        .code
                        .structured
                        .push(bounded(value, 35, "BkTxCd", line)?);
                }
                _ => {}
            }
        } else if let Some(statement) = &mut self.statement {
            let relative = below(statement.depth);
            match relative.as_str() {
                "Acct/Id/IBAN" | "Acct/Id/Othr/Id" => statement.account = own(),
                "Acct/Ccy" => statement.currency = Some(currency(value, line)?),
                _ => {}
            }
        }
        Ok(())
    }

    /// The rows of one entry: one, or one per `<TxDtls>` when the entry is a batch of several.
    fn entry_rows(&mut self, mut entry: Entry) -> Result<()> {
        if let Some(status) = entry.status.as_deref()
            && status != "BOOK"
        {
            self.skipped.push(Skipped {
                line: entry.line,
                reason: format!("the entry is not booked (status {status})"),
            });
            return Ok(());
        }
        let statement_currency = self.statement.as_ref().and_then(|s| s.currency);
        let (date_text, date_line) = entry
            .booked
            .clone()
            .or(entry.valued.clone())
            .ok_or_else(|| Error::at(entry.line, "the entry (Ntry) has no booking date"))?;
        let (at, has_time) = date(&date_text)
            .ok_or_else(|| Error::at(date_line, format!("\"{date_text}\" is not a date")))?;
        let entry_amount = entry
            .amount
            .clone()
            .ok_or_else(|| Error::at(entry.line, "the entry (Ntry) has no amount (Amt)"))?;
        let entry_indicator = entry
            .indicator
            .clone()
            .ok_or_else(|| Error::at(entry.line, "the entry (Ntry) has no CdtDbtInd"))?;
        let entry_id = entry.servicer_ref.clone().or(entry.entry_ref.clone());
        let category_hint = entry.code.proprietary.clone().or_else(|| {
            (!entry.code.structured.is_empty()).then(|| entry.code.structured.join("/"))
        });
        // A batch (one entry, several TxDtls) is a row per transaction only when every one of them says
        // its own amount and they add up to the entry's: otherwise the entry is one row, so the file's
        // sum is never counted twice.
        let entry_signed = signed(&entry_amount, &entry_indicator)?;
        let batch = entry.details.len() > 1
            && entry
                .details
                .iter()
                .map(|tx| match (&tx.amount, &tx.indicator) {
                    (Some(amount), Some(indicator)) => signed(amount, indicator).ok(),
                    (Some(amount), None) => signed(amount, &entry_indicator).ok(),
                    _ => None,
                })
                .sum::<Option<Decimal>>()
                == Some(entry_signed);
        let mut details = std::mem::take(&mut entry.details);
        if !batch && details.len() > 1 {
            details.clear();
        }
        if details.is_empty() {
            details.push(Tx {
                line: entry.line,
                ..Tx::default()
            });
        }
        for (index, tx) in details.into_iter().enumerate() {
            let (amount_text, ccy, amount_line) = match (&tx.amount, batch) {
                (Some(own), true) => own.clone(),
                _ => entry_amount.clone(),
            };
            let indicator = match (&tx.indicator, batch) {
                (Some(own), true) => own.clone(),
                _ => entry_indicator.clone(),
            };
            let signed = signed(&(amount_text, ccy.clone(), amount_line), &indicator)?;
            let row_currency = match ccy {
                Some(code) => currency(&code, amount_line)?,
                None => statement_currency.unwrap_or(self.options.default_currency),
            };
            if self.currency.is_none() && self.statements == 0 {
                self.currency = statement_currency.or(Some(row_currency));
            }
            let amount = Money::new(signed, row_currency)
                .map_err(|problem| Error::at(amount_line, format!("Amt: {problem}")))?;
            let (counterparty, counterparty_account) = if signed < Decimal::ZERO {
                (tx.creditor, tx.creditor_account)
            } else {
                (tx.debtor, tx.debtor_account)
            };
            let description = if tx.unstructured.is_empty() {
                tx.info.or(entry.info.clone())
            } else {
                Some(tx.unstructured.join(" "))
            };
            let id = if batch {
                tx.servicer_ref
                    .or_else(|| entry_id.as_ref().map(|id| format!("{id}/{}", index + 1)))
            } else {
                entry_id.clone()
            };
            self.rows.push(ImportedRow {
                id: id.unwrap_or_default(),
                at,
                has_time,
                amount,
                original: None,
                counterparty,
                counterparty_account,
                description,
                category_hint: category_hint.clone(),
                kind: if entry.reversal && signed > Decimal::ZERO {
                    RowKind::Refund { of: None }
                } else {
                    RowKind::Payment
                },
                funding: None,
                balance_after: None,
                line: if batch { tx.line } else { entry.line },
            });
        }
        Ok(())
    }
}

/// An amount as written, signed by its CdtDbtInd: CRDT money in, DBIT money out.
fn signed(amount: &Written, indicator: &(String, usize)) -> Result<Decimal> {
    let (text, _, line) = amount;
    let value =
        amount::parse(text).map_err(|problem| Error::at(*line, format!("Amt: {problem}")))?;
    match indicator.0.as_str() {
        "CRDT" => Ok(value),
        "DBIT" => Ok(-value),
        other => Err(Error::at(
            indicator.1,
            format!("CdtDbtInd \"{other}\" is neither CRDT nor DBIT"),
        )),
    }
}

/// An entry's text that a batch copies into each of its rows (its reference, code and information), as
/// long as the schema allows (`Max35Text`, `Max500Text`) and no longer: 2,000 transactions of one entry
/// would otherwise each carry a copy of a text of any size (quadratic in the file's size).
fn bounded(value: &str, max: usize, name: &str, line: usize) -> Result<String> {
    let length = value.chars().count();
    if length > max {
        return Err(Error::at(
            line,
            format!("{name} is {length} characters long, more than the {max} CAMT.053 allows"),
        ));
    }
    Ok(value.to_string())
}

fn currency(code: &str, line: usize) -> Result<Currency> {
    code.parse::<Currency>()
        .map_err(|_| Error::at(line, format!("\"{code}\" is not a currency Purse knows")))
}

/// `2024-01-31` (no time), or `2024-01-31T09:30:00` with optional fractions and zone (kept as the local
/// time written; the zone is dropped).
fn date(value: &str) -> Option<(NaiveDateTime, bool)> {
    let day = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = &value[10..];
    if rest.is_empty() {
        return Some((day.and_hms_opt(0, 0, 0)?, false));
    }
    let time = rest.strip_prefix('T')?;
    let time = time.get(..8)?;
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").ok()?;
    Some((day.and_time(time), true))
}
