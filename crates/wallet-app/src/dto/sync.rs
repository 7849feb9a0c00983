//! Sync progress, reported as events while a sync runs, and its final report.

use serde::Serialize;
use ts_rs::TS;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SyncStage {
    Linking,
    Accounts,
    Balances,
    Transactions,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub stage: SyncStage,
    pub account_index: u32,
    pub account_count: u32,
    pub account_name: Option<String>,
    pub transactions_fetched: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub accounts: u32,
    pub transactions_added: u32,
    pub transactions_updated: u32,
    pub finished_at: String,
    /// What a linked bank said, or why it could not be synced, one line each ("bank: words").
    pub notices: Vec<String>,
}

/// What the start-up sync ended with, sent as one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    pub report: Option<SyncReport>,
    pub error: Option<ApiError>,
}
