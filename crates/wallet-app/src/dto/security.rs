//! The security log as the window shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What happened. The window words each kind in its language; `detail` adds the particulars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SecurityEventKind {
    /// The wallet was opened (its key read from the keyring).
    WalletOpened,
    PinSet,
    /// A wrong payment PIN (detail: tries left).
    PinWrong,
    /// Too many wrong PINs (detail: locked until).
    PinLocked,
    /// A payee saved with a payment (detail: the payee's name).
    PayeeAdded,
}

impl SecurityEventKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::WalletOpened => "walletOpened",
            Self::PinSet => "pinSet",
            Self::PinWrong => "pinWrong",
            Self::PinLocked => "pinLocked",
            Self::PayeeAdded => "payeeAdded",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::WalletOpened,
            Self::PinSet,
            Self::PinWrong,
            Self::PinLocked,
            Self::PayeeAdded,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityEventDto {
    /// The event's number, for asking for the page before it.
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub kind: SecurityEventKind,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityLogQuery {
    /// At most this many (default 50, at most 200).
    pub limit: Option<u32>,
    /// The id of the last event already shown.
    #[ts(type = "number | null")]
    pub before: Option<i64>,
}
