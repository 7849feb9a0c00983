//! A whole sync written in one database transaction: either every account and line lands, or none does.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use wallet_core::{Account, AccountId, BankLinkId, Transaction};

use crate::accounts::upsert_account_in;
use crate::error::Result;
use crate::line_upsert::{LineWriter, UpsertCounts, remove_vanished_pending_in};
use crate::open::Store;
use crate::time::to_millis;

/// One account as the bank reported it, with the lines fetched for it.
#[derive(Debug, Clone)]
pub struct AccountSync {
    pub account: Account,
    /// The lines' `account_id` is replaced by the wallet's id for this account.
    pub lines: Vec<Transaction>,
    /// The start of the window the bank was asked for; `None` means the whole history.
    pub window_start: Option<DateTime<Utc>>,
    /// The new incremental-sync cursor.
    pub synced_through: Option<DateTime<Utc>>,
    /// The bank's statements for a credit card (empty for other accounts); their `account_id` is
    /// replaced by the wallet's id.
    pub statements: Vec<crate::CardStatement>,
}

#[derive(Debug, Clone)]
pub struct SyncBatch {
    pub link: BankLinkId,
    pub at: DateTime<Utc>,
    pub accounts: Vec<AccountSync>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncCounts {
    pub accounts: usize,
    pub lines: UpsertCounts,
    /// Pending lines the bank stopped reporting (released authorisations).
    pub removed: usize,
}

impl Store {
    pub async fn apply_sync(&self, batch: SyncBatch) -> Result<SyncCounts> {
        let mut counts = SyncCounts::default();
        let mut tx = self.pool().begin().await?;
        for AccountSync {
            account,
            mut lines,
            window_start,
            synced_through,
            statements,
        } in batch.accounts
        {
            let id: AccountId = upsert_account_in(&mut tx, &account, batch.at).await?;
            for mut statement in statements {
                statement.account_id = id;
                crate::card_statements::upsert_card_statement_in(&mut tx, &statement).await?;
            }
            for line in &mut lines {
                line.account_id = id;
            }
            let mut writer = LineWriter::new();
            writer.write(&mut tx, &lines).await?;
            counts.lines.add(writer.counts);
            let reported: HashSet<&str> = lines
                .iter()
                .map(|l| l.bank_transaction_id.as_str())
                .collect();
            let since = window_start.unwrap_or(DateTime::<Utc>::MIN_UTC);
            counts.removed += remove_vanished_pending_in(&mut tx, id, since, &reported).await?;
            if let Some(through) = synced_through {
                sqlx::query("UPDATE accounts SET synced_through = ? WHERE id = ?")
                    .bind(to_millis(through))
                    .bind(id.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            counts.accounts += 1;
        }
        sqlx::query("UPDATE bank_links SET last_synced_at = ? WHERE id = ?")
            .bind(to_millis(batch.at))
            .bind(batch.link.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(counts)
    }
}
