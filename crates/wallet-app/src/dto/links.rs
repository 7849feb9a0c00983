//! The wallet's bank links as the window and the CLI show them: each with its kind, its state (and the
//! bank's words), its last and next sync, and how long its consent holds.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LinkKindDto {
    OpenBanking,
    Simplefin,
    EnableBanking,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LinkStateDto {
    /// Synced as asked.
    Fine,
    /// Synced, and the bank said something to read (`message`).
    Attention,
    /// The bank no longer honours the consent: link it again.
    NeedsRenewal,
    /// The last sync failed; `message` says why.
    Failing,
    /// Unlinked; its bills are kept.
    Unlinked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkDto {
    pub id: String,
    pub kind: LinkKindDto,
    pub bank_name: String,
    /// The demo bank that comes with Purse (not unlinked: start over instead).
    pub demo: bool,
    pub state: LinkStateDto,
    /// What the bank said last, as plain text.
    pub message: Option<String>,
    pub accounts: u32,
    pub last_synced_at: Option<String>,
    /// The earliest the bank may be asked again (a quota), when later than now.
    pub next_sync_at: Option<String>,
    /// When the consent ends, and the whole days left until then.
    pub consent_until: Option<String>,
    #[ts(type = "number | null")]
    pub consent_days_left: Option<i64>,
}
