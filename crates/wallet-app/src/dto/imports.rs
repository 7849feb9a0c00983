//! Importing a statement file as the window sends and shows it: the file, the preview of what it will
//! add, link or skip, and the history of imports.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::money::MoneyDto;
use super::transaction::CategoryLabel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DateOrderDto {
    MonthDayYear,
    DayMonthYear,
    YearMonthDay,
}

/// A statement file, chosen or dropped in the window.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    pub file_name: String,
    /// The file's bytes, base64.
    pub content_base64: String,
    /// The account the rows go into; for a preview, none lets the wallet suggest one.
    #[serde(default)]
    pub account_id: Option<String>,
    /// For QIF, which does not say how its dates are written.
    #[serde(default)]
    pub date_order: Option<DateOrderDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PreviewStatus {
    /// Will be added.
    New,
    /// An earlier import already brought it: nothing is added.
    Duplicate,
    /// A line the bank already sent: linked to it, not doubled.
    Linked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub line: u32,
    /// Local time, YYYY-MM-DD HH:MM.
    pub at: String,
    pub amount: MoneyDto,
    pub counterparty: Option<String>,
    pub description: Option<String>,
    pub category: CategoryLabel,
    pub status: PreviewStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRow {
    pub line: u32,
    pub reason: String,
}

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// The format found from the content (e.g. "alipayCurrent", "ofx").
    pub format: String,
    pub file_name: String,
    /// The account chosen, or the one whose number the file names.
    pub account_id: Option<String>,
    pub currency: String,
    pub new_rows: u32,
    pub duplicates: u32,
    pub linked: u32,
    /// The first rows, in file order (at most 500; the counts cover all).
    pub rows: Vec<PreviewRow>,
    pub skipped: Vec<SkippedRow>,
    /// What was read around rather than refused (a masked balance column set aside, the currency taken
    /// from the account): the person should see these before importing.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRecordDto {
    #[ts(type = "number")]
    pub id: i64,
    pub account_id: String,
    pub account_name: String,
    pub file_name: String,
    pub format: String,
    pub imported_at: String,
    #[ts(type = "number")]
    pub added: i64,
    #[ts(type = "number")]
    pub linked: i64,
    #[ts(type = "number")]
    pub duplicates: i64,
    pub undone_at: Option<String>,
}
