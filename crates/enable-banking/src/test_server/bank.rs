//! The test server's state and rules, without HTTP: the registered app, banks, pending authorisations,
//! codes, sessions, accounts and their data, the unattended counter, and the clock the test controls.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::fingerprint::is_real_reference;
use crate::wire::{self, SessionStatus, TransactionStatus};

/// How the API answers, for failure tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Every API call gets a proxy's HTML page with HTTP 502.
    BadGatewayHtml,
    /// Every API call gets 200 with a body larger than 8 MiB.
    Oversized,
}

/// A `/auth` waiting for the browser.
#[derive(Debug, Clone)]
pub struct PendingAuthorization {
    pub aspsp: wire::AspspId,
    pub state: String,
    pub redirect_url: String,
    pub valid_until: DateTime<Utc>,
    pub psu_type: String,
    pub used: bool,
}

/// A code handed to the browser.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    pub authorization_id: String,
    pub issued: DateTime<Utc>,
    pub used: bool,
}

/// A session: its own uids for the bank's accounts.
#[derive(Debug, Clone)]
pub struct MockSession {
    pub status: SessionStatus,
    pub aspsp: wire::AspspId,
    pub psu_type: String,
    pub created: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
    /// (uid, index into `Bank::accounts`).
    pub uids: Vec<(String, usize)>,
}

/// An account at the Mock ASPSP (its `uid` is set per session in answers).
#[derive(Debug, Clone)]
pub struct MockAccount {
    pub account: wire::Account,
    pub balances: Vec<wire::Balance>,
    pub transactions: Vec<wire::Transaction>,
}

#[derive(Debug, Clone)]
pub struct Bank {
    pub now: DateTime<Utc>,
    pub mode: Mode,
    pub application_name: String,
    pub active: bool,
    pub redirect_urls: Vec<String>,
    pub aspsps: Vec<wire::Aspsp>,
    pub accounts: Vec<MockAccount>,
    /// Transactions per page.
    pub page_size: usize,
    /// Serve an empty page (with a key) after the first one.
    pub empty_page_after_first: bool,
    /// How long a code may wait before `POST /sessions`.
    pub code_lifetime: Duration,
    pub authorizations: HashMap<String, PendingAuthorization>,
    pub codes: HashMap<String, IssuedCode>,
    pub sessions: HashMap<String, MockSession>,
    /// Unattended data calls per (identification_hash, UTC day of `now`).
    pub unattended: HashMap<(String, NaiveDate), u32>,
    /// Counter of renumbering / reference changes, to make new references.
    pub generation: u32,
}

/// The most unattended data calls per account per day before 429.
pub const UNATTENDED_LIMIT: u32 = 4;

impl Bank {
    /// A session's status on the current clock (an authorised session past `valid_until` expires).
    pub fn refresh_session(&mut self, id: &str) -> Option<&MockSession> {
        let now = self.now;
        let session = self.sessions.get_mut(id)?;
        if session.status == SessionStatus::Authorized && now >= session.valid_until {
            session.status = SessionStatus::Expired;
        }
        Some(session)
    }

    /// Ends a session as the bank would when the user withdraws consent.
    pub fn revoke(&mut self, id: &str) {
        if let Some(session) = self.sessions.get_mut(id) {
            session.status = SessionStatus::Revoked;
        }
    }

    /// Counts one unattended call to the account; `false` once over the day's limit.
    pub fn count_unattended(&mut self, identification_hash: &str) -> bool {
        let key = (identification_hash.to_string(), self.now.date_naive());
        let count = self.unattended.entry(key).or_insert(0);
        *count += 1;
        *count <= UNATTENDED_LIMIT
    }

    /// Books every pending row of account `index` today; `keep_reference` false gives booked rows a new
    /// `entry_reference`, as some banks do.
    pub fn settle_pending(&mut self, index: usize, keep_reference: bool) {
        self.generation += 1;
        let today = self.now.date_naive();
        let generation = self.generation;
        if let Some(account) = self.accounts.get_mut(index) {
            for (i, t) in account.transactions.iter_mut().enumerate() {
                if t.status == TransactionStatus::Pending {
                    t.status = TransactionStatus::Booked;
                    t.booking_date = Some(today);
                    t.value_date.get_or_insert(today);
                    if !keep_reference || t.entry_reference.is_none() {
                        t.entry_reference = Some(format!("BOOK-{generation}-{i}"));
                    }
                }
            }
        }
    }

    /// Renumbers positional references (`YYYY-MM-DD.n` → `.n+shift`) and changes every `transaction_id`,
    /// as a bank does when a row is added to an earlier day.
    pub fn renumber_positional(&mut self, index: usize, shift: u32) {
        self.generation += 1;
        let generation = self.generation;
        if let Some(account) = self.accounts.get_mut(index) {
            for t in &mut account.transactions {
                t.transaction_id = Some(format!("tx-{generation}-{}", uuid::Uuid::new_v4()));
                let Some(reference) = t.entry_reference.clone() else {
                    continue;
                };
                if is_real_reference(Some(&reference)) || reference.len() < 12 {
                    continue;
                }
                let (day, number) = reference.split_at(11);
                if let Ok(n) = number.parse::<u32>() {
                    t.entry_reference = Some(format!("{day}{}", n + shift));
                }
            }
        }
    }
}
