//! The server's own error messages from an `/accounts` answer: v1's `errors` (plain strings) and the v2
//! draft's `errlist` (`code`, `message` or `msg`, `conn_id`, `account_id`). They are shown to the person,
//! so each is sanitized untrusted text; the code tells the caller what kind of problem it is.

use serde::Deserialize;

use crate::sanitize::{MAX_MESSAGE_CHARS, sanitize_text};

/// One message from the server, to show the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerMessage {
    /// The v2 code (`con.auth`…) as sent, sanitized; `None` for a v1 message.
    pub code: Option<String>,
    /// Sanitized text (control characters removed, at most 500 characters). Plain text, never HTML.
    pub text: String,
    /// The connection it concerns (v2 `con.*`).
    pub conn_id: Option<String>,
    /// The account it concerns (v2 `act.*`).
    pub account_id: Option<String>,
}

impl ServerMessage {
    pub(crate) fn v1(text: &str) -> ServerMessage {
        ServerMessage {
            code: None,
            text: sanitize_text(text, MAX_MESSAGE_CHARS),
            conn_id: None,
            account_id: None,
        }
    }

    /// What the code means; an unknown subcode counts as its bare prefix, as the draft says.
    pub fn error_code(&self) -> ErrorCode {
        ErrorCode::parse(self.code.as_deref())
    }
}

/// The v2 draft's error codes (`prefix.subcode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// `gen.` (or a v1 message, which has no code).
    General,
    /// `gen.api`: API misuse, meant for the developer (e.g. the date range was capped).
    GeneralApi,
    /// `gen.auth`: authentication to the SimpleFIN server failed.
    GeneralAuth,
    /// `con.`: a problem with one bank connection.
    Connection,
    /// `con.auth`: the bank login needs re-authentication in the Bridge.
    ConnectionAuth,
    /// `act.`: a problem with one account.
    Account,
    /// `act.failed`: the account could not be fetched; retry later.
    AccountFailed,
    /// `act.missingdata`: the transaction list is incomplete; retry later.
    AccountMissingData,
    /// A prefix the draft does not define.
    Unknown,
}

impl ErrorCode {
    pub fn parse(code: Option<&str>) -> ErrorCode {
        let Some(code) = code else {
            return ErrorCode::General;
        };
        let (prefix, sub) = code.split_once('.').unwrap_or((code, ""));
        match (prefix, sub) {
            ("gen", "api") => ErrorCode::GeneralApi,
            ("gen", "auth") => ErrorCode::GeneralAuth,
            ("gen", _) => ErrorCode::General,
            ("con", "auth") => ErrorCode::ConnectionAuth,
            ("con", _) => ErrorCode::Connection,
            ("act", "failed") => ErrorCode::AccountFailed,
            ("act", "missingdata") => ErrorCode::AccountMissingData,
            ("act", _) => ErrorCode::Account,
            _ => ErrorCode::Unknown,
        }
    }
}

/// A v2 `errlist` entry as sent.
#[derive(Deserialize)]
pub(crate) struct RawError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    msg: Option<String>,
    #[serde(default)]
    conn_id: Option<String>,
    #[serde(default)]
    account_id: Option<String>,
}

impl From<RawError> for ServerMessage {
    fn from(raw: RawError) -> Self {
        let text = raw.message.or(raw.msg).unwrap_or_default();
        let short = |s: String| sanitize_text(&s, MAX_MESSAGE_CHARS);
        ServerMessage {
            code: raw.code.map(short),
            text: short(text),
            conn_id: raw.conn_id.map(short),
            account_id: raw.account_id.map(short),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_subcodes_count_as_their_prefix() {
        assert_eq!(
            ErrorCode::parse(Some("con.auth")),
            ErrorCode::ConnectionAuth
        );
        assert_eq!(ErrorCode::parse(Some("con.weird")), ErrorCode::Connection);
        assert_eq!(
            ErrorCode::parse(Some("act.missingdata")),
            ErrorCode::AccountMissingData
        );
        assert_eq!(ErrorCode::parse(Some("gen")), ErrorCode::General);
        assert_eq!(ErrorCode::parse(Some("zzz.x")), ErrorCode::Unknown);
        assert_eq!(ErrorCode::parse(None), ErrorCode::General);
    }

    #[test]
    fn message_and_msg_are_both_read() {
        for json in [
            r#"{"code":"gen.api","message":"capped"}"#,
            r#"{"code":"gen.api","msg":"capped"}"#,
        ] {
            let raw: RawError = serde_json::from_str(json).expect("error");
            let m = ServerMessage::from(raw);
            assert_eq!(m.text, "capped");
            assert_eq!(m.error_code(), ErrorCode::GeneralApi);
        }
    }
}
