//! One linked bank, as the wallet syncs it: the consent, the accounts with their balances, the lines
//! since a cursor (pending and booked) a page at a time, a card's statements, and the consents withdrawn
//! when the account closes. Each bank maps its own answers to the wallet's domain types here, once.

use std::any::Any;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use url::Url;
use wallet_core::{Account, CardStatementFacts, Money, Transaction};

use crate::LinkError;

#[async_trait]
pub trait BankConnection: Send + Sync {
    /// The bank's name as the person knows it.
    fn bank_name(&self) -> &str;

    /// Who the link reads as, as the bank names them.
    fn customer(&self) -> &str;

    /// Where the bank answers.
    fn base_url(&self) -> &Url;

    /// Makes sure the link holds a consent the bank honours, asking the customer (through the consent
    /// step) when it holds none; `again` asks even when it holds one (the bank stopped honouring it).
    async fn link(&self, again: bool) -> Result<(), LinkError>;

    /// The customer's accounts with their balances; each [`Account::id`] is a new id, for the wallet to
    /// replace with its own for an account it knows (by `bank_account_id`).
    async fn accounts(&self) -> Result<Vec<Account>, LinkError>;

    /// One page of `account`'s lines booked since `since` (all, when `None`): the first page for
    /// `cursor` `None`, the next for the page's [`LinePage::next`].
    async fn lines(
        &self,
        account: &Account,
        since: Option<DateTime<Utc>>,
        cursor: Option<String>,
    ) -> Result<LinePage, LinkError>;

    /// A card account's statements (cycle, due date, balance and minimum), when the bank gives them.
    async fn card_statements(
        &self,
        account: &Account,
    ) -> Result<Vec<CardStatementFacts>, LinkError>;

    /// When the bank may be read next, if not now (a request quota, PSD2's four unattended reads a
    /// day): the sync then leaves the link until that time rather than failing. Now, by default.
    async fn next_read_at(&self, _now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, LinkError> {
        Ok(None)
    }

    /// What the bank said during the last read that the person should see (a SimpleFIN connection that
    /// needs attention), as plain text; nothing by default.
    fn notices(&self) -> Vec<String> {
        Vec::new()
    }

    /// Until when the link's consent holds, when the bank says (PSD2 consents end).
    fn consent_until(&self) -> Option<DateTime<Utc>> {
        None
    }

    /// Withdraws every consent the wallet was given at this bank (closing the account).
    async fn revoke_consents(&self) -> Result<(), LinkError>;

    /// Stops the bank if it runs inside this process; says whether it did.
    async fn stop(&self) -> bool;

    /// For what only some banks offer (payments, points): the wallet asks for the implementation that
    /// offers it and tells the person when this bank does not.
    fn as_any(&self) -> &dyn Any;
}

/// A page of lines, and where the next one starts.
#[derive(Debug, Clone, Default)]
pub struct LinePage {
    pub lines: Vec<BankLine>,
    /// Opaque to the wallet: handed back to [`BankConnection::lines`] for the next page.
    pub next: Option<String>,
    /// How many lines this account's read has fetched so far, for progress.
    pub fetched: usize,
}

/// A line as the bank reports it, with the bank's own charge on it (a card's conversion fee), if any.
#[derive(Debug, Clone)]
pub struct BankLine {
    pub transaction: Transaction,
    pub charge: Option<Money>,
}
