//! Linked banks: which bank of which kind, for which customer, when last synced, how the link is faring
//! and when its service was asked (for quotas). The link's consent, tokens and credentials are kept in
//! the OS keyring (or the passphrase vault), never in this file; [`LinkTokens`] is the shape of an Open
//! Banking link's.

use chrono::{DateTime, Utc};
use sensitive::Sensitive;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use wallet_core::BankLinkId;

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLink {
    pub id: BankLinkId,
    pub kind: LinkKind,
    pub bank_name: String,
    pub base_url: Option<String>,
    pub embedded: bool,
    pub customer: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_synced_at: Option<DateTime<Utc>>,
}

/// Which kind of bank a link reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A UK Open Banking v3.1 bank (the sandbox, and the demo bank).
    OpenBanking,
    /// SimpleFIN Bridge (North America), read-only.
    Simplefin,
    /// Enable Banking (European PSD2 banks), read-only.
    EnableBanking,
}

impl LinkKind {
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::OpenBanking => "openBanking",
            LinkKind::Simplefin => "simplefin",
            LinkKind::EnableBanking => "enableBanking",
        }
    }

    fn from_code(code: &str) -> Result<Self> {
        Ok(match code {
            "openBanking" => LinkKind::OpenBanking,
            "simplefin" => LinkKind::Simplefin,
            "enableBanking" => LinkKind::EnableBanking,
            other => return Err(StoreError::Corrupt(format!("bank link kind {other}"))),
        })
    }
}

/// How a link is faring, as its last sync left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// Synced as asked.
    Fine,
    /// Synced, and the bank said something the person should read (`message`).
    Attention,
    /// The bank no longer honours the consent: the person must sign in again.
    NeedsRenewal,
    /// The last sync failed; `message` says why, in the bank's words.
    Failing,
    /// Unlinked, its credentials forgotten, its bills kept.
    Unlinked,
}

impl LinkState {
    pub fn code(self) -> &'static str {
        match self {
            LinkState::Fine => "fine",
            LinkState::Attention => "attention",
            LinkState::NeedsRenewal => "needsRenewal",
            LinkState::Failing => "failing",
            LinkState::Unlinked => "unlinked",
        }
    }

    fn from_code(code: &str) -> Result<Self> {
        Ok(match code {
            "fine" => LinkState::Fine,
            "attention" => LinkState::Attention,
            "needsRenewal" => LinkState::NeedsRenewal,
            "failing" => LinkState::Failing,
            "unlinked" => LinkState::Unlinked,
            other => return Err(StoreError::Corrupt(format!("bank link state {other}"))),
        })
    }
}

/// A link's health: its state, what the bank said last, when it may sync next, until when its consent
/// holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkHealth {
    pub state: LinkState,
    pub message: Option<String>,
    pub next_sync_at: Option<DateTime<Utc>>,
    pub consent_until: Option<DateTime<Utc>>,
}

impl Default for LinkHealth {
    fn default() -> Self {
        LinkHealth {
            state: LinkState::Fine,
            message: None,
            next_sync_at: None,
            consent_until: None,
        }
    }
}

/// A consent and its tokens, as the keyring keeps them. Never logged: the tokens are `Sensitive`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTokens {
    pub consent_id: String,
    pub access_token: Sensitive<String>,
    pub refresh_token: Option<Sensitive<String>>,
    pub expires_at: DateTime<Utc>,
}

fn link_from_row(row: &SqliteRow) -> Result<BankLink> {
    let id: String = row.try_get("id")?;
    Ok(BankLink {
        id: id
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("bank link id {id}")))?,
        kind: LinkKind::from_code(&row.try_get::<String, _>("kind")?)?,
        bank_name: row.try_get("bank_name")?,
        base_url: row.try_get("base_url")?,
        embedded: row.try_get::<i64, _>("embedded")? == 1,
        customer: row.try_get("customer")?,
        created_at: from_millis(row.try_get("created_at")?)?,
        last_synced_at: row
            .try_get::<Option<i64>, _>("last_synced_at")?
            .map(from_millis)
            .transpose()?,
    })
}

impl Store {
    pub async fn insert_bank_link(&self, link: &BankLink) -> Result<()> {
        sqlx::query(
            "INSERT INTO bank_links (id, kind, bank_name, base_url, embedded, customer, created_at, last_synced_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(link.id.to_string())
        .bind(link.kind.code())
        .bind(&link.bank_name)
        .bind(&link.base_url)
        .bind(i64::from(link.embedded))
        .bind(&link.customer)
        .bind(to_millis(link.created_at))
        .bind(link.last_synced_at.map(to_millis))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn list_bank_links(&self) -> Result<Vec<BankLink>> {
        let rows = sqlx::query("SELECT * FROM bank_links ORDER BY created_at, id")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(link_from_row).collect()
    }

    pub async fn embedded_bank_link(&self) -> Result<Option<BankLink>> {
        let row =
            sqlx::query("SELECT * FROM bank_links WHERE embedded = 1 ORDER BY created_at LIMIT 1")
                .fetch_optional(self.pool())
                .await?;
        row.as_ref().map(link_from_row).transpose()
    }

    pub async fn mark_link_synced(&self, link: BankLinkId, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE bank_links SET last_synced_at = ? WHERE id = ?")
            .bind(to_millis(at))
            .bind(link.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Each link with its health, oldest first.
    pub async fn bank_links_with_health(&self) -> Result<Vec<(BankLink, LinkHealth)>> {
        let rows = sqlx::query("SELECT * FROM bank_links ORDER BY created_at, id")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| Ok((link_from_row(row)?, health_from_row(row)?)))
            .collect()
    }

    pub async fn set_link_health(&self, link: BankLinkId, health: &LinkHealth) -> Result<()> {
        sqlx::query(
            "UPDATE bank_links SET state = ?, message = ?, next_sync_at = ?, consent_until = ?
             WHERE id = ?",
        )
        .bind(health.state.code())
        .bind(&health.message)
        .bind(health.next_sync_at.map(to_millis))
        .bind(health.consent_until.map(to_millis))
        .bind(link.to_string())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Notes that the link's service was asked at `at` (its quota counts the requests).
    pub async fn record_link_request(&self, link: BankLinkId, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("INSERT INTO link_requests (link_id, at) VALUES (?, ?)")
            .bind(link.to_string())
            .bind(to_millis(at))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// When the link's service was asked since `since`, oldest first; older notes are dropped.
    pub async fn link_requests_since(
        &self,
        link: BankLinkId,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>> {
        sqlx::query("DELETE FROM link_requests WHERE link_id = ? AND at < ?")
            .bind(link.to_string())
            .bind(to_millis(since))
            .execute(self.pool())
            .await?;
        let times: Vec<i64> =
            sqlx::query_scalar("SELECT at FROM link_requests WHERE link_id = ? ORDER BY at")
                .bind(link.to_string())
                .fetch_all(self.pool())
                .await?;
        times.into_iter().map(from_millis).collect()
    }

    /// Forgets a link with its accounts and their bills (unlinking without keeping them).
    pub async fn delete_bank_link(&self, link: BankLinkId) -> Result<()> {
        sqlx::query("DELETE FROM bank_links WHERE id = ?")
            .bind(link.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

fn health_from_row(row: &SqliteRow) -> Result<LinkHealth> {
    Ok(LinkHealth {
        state: LinkState::from_code(&row.try_get::<String, _>("state")?)?,
        message: row.try_get("message")?,
        next_sync_at: row
            .try_get::<Option<i64>, _>("next_sync_at")?
            .map(from_millis)
            .transpose()?,
        consent_until: row
            .try_get::<Option<i64>, _>("consent_until")?
            .map(from_millis)
            .transpose()?,
    })
}
