//! Statement files from banks and payment apps — Alipay, WeChat Pay, JD Pay, Meituan, Chinese bank CSVs, OFX/QFX, ISO 20022
//! CAMT.053, MT940 and QIF — read into one shape ([`Statement`] of [`ImportedRow`]s), with the format and
//! the encoding found from the content, amounts exact, and a stable id per row for de-duplication. No IO:
//! the caller hands over the file's bytes; nothing is written here.

pub mod amount;
mod error;
pub mod formats;
pub mod model;
pub mod row_id;
pub mod text;

pub use error::{Error, Result};
pub use model::{DateOrder, Format, ImportOptions, ImportedRow, RowKind, Statement};

/// One importer per format: the only trait in the crate, because there really are many.
pub trait Importer: Sync {
    fn format(&self) -> Format;

    /// Whether `text` (the decoded file) is this importer's format, judged by its content (a header row,
    /// a tag), never by the file's name.
    fn recognises(&self, text: &text::Decoded) -> bool;

    /// Reads the whole file; any row it cannot read fails the whole file with the line and the problem
    /// (a file is imported all or nothing).
    fn read(&self, text: &text::Decoded, options: &ImportOptions) -> Result<Statement>;
}

/// Reads a statement file: the encoding and the format found from the content, then the rows. A file no
/// importer recognises is [`Error::UnknownFormat`]; one that a known importer cannot read says which line
/// and why, and nothing of it is kept.
pub fn read(bytes: &[u8], options: &ImportOptions) -> Result<Statement> {
    let decoded = text::decode(bytes)?;
    let importer = formats::all()
        .into_iter()
        .find(|importer| importer.recognises(&decoded))
        .ok_or(Error::UnknownFormat)?;
    let statement = importer.read(&decoded, options)?;
    within_what_a_wallet_holds(&statement)?;
    Ok(statement)
}

/// Refuses, naming its line, an amount too large for the wallet to keep (its minor units past `i64`):
/// exact decimals read `99999999999999999999999999.99` without complaint, and the store would refuse it
/// later without saying where it came from.
fn within_what_a_wallet_holds(statement: &Statement) -> Result<()> {
    for row in &statement.rows {
        for money in [Some(row.amount), row.original, row.balance_after]
            .into_iter()
            .flatten()
        {
            if money.to_minor().is_err() {
                return Err(Error::at(
                    row.line,
                    format!("the amount {money} is too large for a wallet to hold"),
                ));
            }
        }
    }
    Ok(())
}
