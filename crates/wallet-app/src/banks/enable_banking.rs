//! Enable Banking (a PSD2 aggregator for European banks) behind the bank seam (issue 19): the person's
//! own application (id and private key) and the session their bank consented to are kept in the
//! keychain, never in the wallet file. A sync reads each account's balances and its transactions a page
//! at a time (the seam's cursor is Enable Banking's `continuation_key`), booked and pending, cancelled
//! and rejected ones left out. PSD2 allows four unattended reads of an account a day: a sync is two
//! (balances, transactions), counted in the wallet file (`link_requests`), and one that would pass the
//! limit is not made — the link says when it may sync next. Accounts are known by their identification
//! hash, which outlives a session, so a renewed consent reaches the same Purse accounts.

mod credential;
mod mapping;

use std::any::Any;
use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;
use bank_link::{BankConnection, BankLine, CardStatementFacts, LinePage, LinkError};
use chrono::{DateTime, Duration, Utc};
use enable_banking::fingerprint::{fingerprint, is_real_reference};
use enable_banking::unattended::UNATTENDED_PER_DAY;
use enable_banking::{AppKey, Client, DEFAULT_BASE_URL, LineStatus, line_status};
use sensitive::Sensitive;
use url::Url;
use wallet_core::clock::SharedClock;
use wallet_core::{Account, BankLinkId};
use wallet_store::Store;

pub(crate) use credential::Credential;
pub(crate) use mapping::link_error;

/// Where Enable Banking answers, when not at its own address (https, or http on loopback for tests).
pub const BASE_URL_ENV: &str = "PURSE_ENABLE_BANKING_URL";
/// The unattended reads one sync makes of each account: its balances and its transactions.
const READS_PER_SYNC: usize = 2;
/// How far back the first read of an account asks.
const FIRST_WINDOW: Duration = Duration::days(90);

/// Where Enable Banking answers: `given`, else the address in [`BASE_URL_ENV`], else its own.
pub(crate) fn api_url(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var(BASE_URL_ENV).ok())
        .map(|url| url.trim().to_string())
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
}

/// A client for Enable Banking at `base_url` (https, or http on loopback) signing with `key`.
pub(crate) fn client(base_url: &str, key: AppKey) -> Result<Client, LinkError> {
    Client::new(base_url, key).map_err(|error| link_error(&error, "Enable Banking"))
}

/// One Enable Banking link: one session at one bank.
pub(crate) struct EnableBankingBank {
    link: BankLinkId,
    bank_name: String,
    credential: Credential,
    client: Client,
    store: Store,
    clock: SharedClock,
    /// Per account (its key), what this read has seen: identical fingerprinted rows counted across
    /// pages, and the lines fetched.
    reads: Mutex<HashMap<String, Read>>,
}

#[derive(Default)]
struct Read {
    seen: HashMap<String, u32>,
    fetched: usize,
}

impl EnableBankingBank {
    /// The link as the keychain keeps it.
    pub(crate) fn new(
        link: BankLinkId,
        bank_name: String,
        secret: &Sensitive<String>,
        store: Store,
        clock: SharedClock,
    ) -> Result<Self, LinkError> {
        let credential = Credential::from_secret(secret)?;
        let client = client(&credential.api_url, credential.key()?)?;
        Ok(Self {
            link,
            bank_name,
            credential,
            client,
            store,
            clock,
            reads: Mutex::new(HashMap::new()),
        })
    }

    async fn record_reads(&self, at: DateTime<Utc>, reads: usize) -> Result<(), LinkError> {
        for _ in 0..reads {
            self.store
                .record_link_request(self.link, at)
                .await
                .map_err(|error| LinkError::local(error.to_string()))?;
        }
        Ok(())
    }

    /// The service's error in the seam's terms. A bank that says its limit is reached gets the day's
    /// reads counted as spent until the time it named, so the next sync waits for it.
    async fn failed(&self, error: enable_banking::Error) -> LinkError {
        if let enable_banking::Error::RateLimited { retry_after, .. } = &error {
            let now = self.clock.now();
            let at = (*retry_after - Duration::hours(24))
                .max(now - Duration::hours(24) + Duration::seconds(1))
                .min(now);
            if let Err(local) = self.record_reads(at, UNATTENDED_PER_DAY).await {
                return local;
            }
        }
        link_error(&error, &self.bank_name)
    }

    fn reads(&self) -> std::sync::MutexGuard<'_, HashMap<String, Read>> {
        self.reads.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// When a sync of `READS_PER_SYNC` more reads fits PSD2's four a day, given the reads in the last 24
/// hours (oldest first): `None` when it fits now.
fn next_sync_after(recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let may_stay = UNATTENDED_PER_DAY.saturating_sub(READS_PER_SYNC);
    let recent: Vec<&DateTime<Utc>> = recent
        .iter()
        .filter(|t| **t > now - Duration::hours(24))
        .collect();
    if recent.len() <= may_stay {
        return None;
    }
    let next = *recent[recent.len() - may_stay - 1] + Duration::hours(24);
    (next > now).then_some(next)
}

#[async_trait]
impl BankConnection for EnableBankingBank {
    fn bank_name(&self) -> &str {
        &self.bank_name
    }

    fn customer(&self) -> &str {
        "Enable Banking"
    }

    fn base_url(&self) -> &Url {
        self.client.base_url()
    }

    async fn link(&self, again: bool) -> Result<(), LinkError> {
        if again {
            return Err(LinkError::new(
                bank_link::LinkErrorKind::RelinkNeeded,
                format!(
                    "{} needs your consent again: link it again.",
                    self.bank_name
                ),
            ));
        }
        Ok(())
    }

    async fn next_read_at(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, LinkError> {
        let recent = self
            .store
            .link_requests_since(self.link, now - Duration::hours(24))
            .await
            .map_err(|error| LinkError::local(error.to_string()))?;
        Ok(next_sync_after(&recent, now))
    }

    async fn accounts(&self) -> Result<Vec<Account>, LinkError> {
        self.record_reads(self.clock.now(), READS_PER_SYNC).await?;
        self.reads().clear();
        let mut accounts = Vec::new();
        for account in &self.credential.accounts {
            let Some(uid) = account.uid.as_deref() else {
                continue;
            };
            let balances = match self.client.balances(uid, None).await {
                Ok(balances) => balances,
                Err(error) => return Err(self.failed(error).await),
            };
            accounts.push(mapping::to_account(
                account,
                &balances,
                self.link,
                &self.bank_name,
            )?);
        }
        Ok(accounts)
    }

    async fn lines(
        &self,
        account: &Account,
        since: Option<DateTime<Utc>>,
        cursor: Option<String>,
    ) -> Result<LinePage, LinkError> {
        let key = account.bank_account_id.clone();
        let uid = self.credential.uid_of(&key).ok_or_else(|| {
            LinkError::new(
                bank_link::LinkErrorKind::RelinkNeeded,
                format!(
                    "{} no longer shares {}: link it again.",
                    self.bank_name, account.name
                ),
            )
        })?;
        let now = self.clock.now();
        let from = since.unwrap_or(now - FIRST_WINDOW).date_naive();
        let page = match self
            .client
            .transactions_page(uid, from, None, cursor.as_deref(), None)
            .await
        {
            Ok(page) => page,
            Err(error) => return Err(self.failed(error).await),
        };
        let mut reads = self.reads();
        if cursor.is_none() {
            reads.remove(&key);
        }
        let read = reads.entry(key).or_default();
        let mut lines = Vec::new();
        for row in &page.transactions {
            // Every row counts towards its twins' numbers, as `transaction_keys` counts them.
            let id = match row.entry_reference.as_deref() {
                Some(reference) if is_real_reference(Some(reference)) => {
                    reference.trim().to_string()
                }
                _ => {
                    let base = fingerprint(row);
                    let seen = read.seen.entry(base.clone()).or_insert(0);
                    let id = format!("{base}#{seen}");
                    *seen += 1;
                    id
                }
            };
            let pending = match line_status(row.status) {
                LineStatus::Booked => false,
                LineStatus::Pending => true,
                LineStatus::Future | LineStatus::Dropped => continue,
            };
            lines.push(BankLine {
                transaction: mapping::to_line(row, id, pending, account, now)?,
                charge: None,
            });
        }
        read.fetched += lines.len();
        Ok(LinePage {
            lines,
            next: page.continuation_key.filter(|k| !k.is_empty()),
            fetched: read.fetched,
        })
    }

    async fn card_statements(
        &self,
        _account: &Account,
    ) -> Result<Vec<CardStatementFacts>, LinkError> {
        // Account information under PSD2 has no card statements.
        Ok(Vec::new())
    }

    fn consent_until(&self) -> Option<DateTime<Utc>> {
        Some(self.credential.valid_until.with_timezone(&Utc))
    }

    async fn revoke_consents(&self) -> Result<(), LinkError> {
        match self
            .client
            .delete_session(&self.credential.session_id)
            .await
        {
            Ok(()) => Ok(()),
            // Already over: nothing to withdraw.
            Err(enable_banking::Error::NeedsReconsent { .. }) => Ok(()),
            Err(error) => Err(link_error(&error, &self.bank_name)),
        }
    }

    async fn stop(&self) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_waits_until_two_of_the_days_four_reads_are_a_day_old() {
        let now: DateTime<Utc> = "2026-01-16T12:00:00Z".parse().unwrap_or_default();
        let at = |h: i64| now - Duration::hours(h);
        assert_eq!(next_sync_after(&[], now), None);
        assert_eq!(next_sync_after(&[at(3), at(3)], now), None);
        assert_eq!(
            next_sync_after(&[at(5), at(5), at(3), at(3)], now),
            Some(at(5) + Duration::hours(24))
        );
        assert_eq!(next_sync_after(&[at(30), at(30), at(3), at(3)], now), None);
    }
}
