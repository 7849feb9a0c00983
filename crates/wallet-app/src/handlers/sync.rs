//! "Sync now": pull accounts, balances and the transactions since the last sync from the bank, then write
//! them in one database transaction. A bank that fails part-way changes nothing.

use std::collections::HashMap;

use bank_api::AccessToken;
use chrono::{DateTime, Duration, Utc};
use wallet_core::AccountId;
use wallet_store::{AccountSync, SyncBatch};

use crate::dto::{SyncProgress, SyncReport, SyncStage};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::mapping;
use crate::wallet::Wallet;

/// Re-read this much history before the cursor, for lines a bank books late.
const OVERLAP: Duration = Duration::days(3);

/// Receives progress while a sync runs (the desktop app forwards it as `sync-progress` events).
pub type ProgressSink<'a> = &'a (dyn Fn(SyncProgress) + Send + Sync);

impl Wallet {
    pub async fn sync_now(&self, progress: ProgressSink<'_>) -> ApiResult<SyncReport> {
        self.sync_now_telling(progress, &|_| {}).await
    }

    /// `sync_now`, telling `payments` of every payment whose status the sync's resume changed.
    pub async fn sync_now_telling(
        &self,
        progress: ProgressSink<'_>,
        payments: crate::PaymentSink<'_>,
    ) -> ApiResult<SyncReport> {
        let _one_at_a_time = self
            .sync_lock
            .try_lock()
            .map_err(|_| ApiError::new(ErrorCode::Busy, "A sync is already running."))?;
        // Payments first: a queued one is carried on, a sent one asked after, so the bills agree with them.
        if let Err(error) = self.resume_payments(payments).await {
            tracing::warn!(%error, "unfinished payments could not be resumed");
        }
        progress(stage(SyncStage::Linking, 0, 0));
        let token = self.bank.access_token(&self.store, self.link).await?;
        let batch = match self.fetch(&token, progress).await {
            Err(error) if error.code == ErrorCode::BankRelinkNeeded => {
                // The embedded bank's consent can always be renewed by signing in as the demo customer again.
                let token = self.bank.relink(&self.store, self.link).await?;
                self.fetch(&token, progress).await?
            }
            other => other?,
        };
        let counts = self.store.apply_sync(batch).await?;
        self.refresh_fx_rates().await?;
        let finished_at = self.clock.now();
        let report = SyncReport {
            accounts: to_u32(counts.accounts),
            transactions_added: to_u32(counts.lines.added),
            transactions_updated: to_u32(counts.lines.updated + counts.removed),
            finished_at: finished_at.to_rfc3339(),
        };
        progress(stage(SyncStage::Done, report.accounts, report.accounts));
        Ok(report)
    }

    /// Everything the bank has for the link, read before anything is written.
    async fn fetch(&self, token: &AccessToken, progress: ProgressSink<'_>) -> ApiResult<SyncBatch> {
        let client = self.bank.client();
        let bank_accounts = client.accounts(token).await?;
        let count = to_u32(bank_accounts.len());
        progress(stage(SyncStage::Accounts, 0, count));
        let known: HashMap<String, AccountId> = self
            .store
            .accounts_of_link(self.link)
            .await?
            .into_iter()
            .map(|a| (a.bank_account_id.clone(), a.id))
            .collect();
        let rules = self.store.category_rules().await?;
        let mut accounts = Vec::with_capacity(bank_accounts.len());
        for (index, wire) in bank_accounts.iter().enumerate() {
            let index = to_u32(index);
            let balances = client.balances(token, &wire.account_id).await?;
            let id = known.get(&wire.account_id).copied().unwrap_or_default();
            let account = mapping::account(wire, &balances, id, self.link, self.bank.bank_name())?;
            let name = account.display_name().to_string();
            progress(SyncProgress {
                account_name: Some(name.clone()),
                ..stage(SyncStage::Balances, index, count)
            });

            let window_start = match known.get(&wire.account_id) {
                Some(&id) => self.window_start(id).await?,
                None => None,
            };
            let mut on_page = |page: bank_api::PageProgress| {
                progress(SyncProgress {
                    account_name: Some(name.clone()),
                    transactions_fetched: to_u32(page.fetched),
                    ..stage(SyncStage::Transactions, index, count)
                });
            };
            let wire_lines = client
                .transactions(token, &wire.account_id, window_start, None, &mut on_page)
                .await?;
            let mut lines = wire_lines
                .iter()
                .map(|line| mapping::transaction(line, &account))
                .collect::<ApiResult<Vec<_>>>()?;
            // The user's rules outrank the bank's codes (they only reach new lines: a known line keeps
            // whatever category it has).
            for line in &mut lines {
                if let Some(category) = rules.get(line.payee()) {
                    line.category_id = category.clone();
                }
            }
            let synced_through = lines.iter().map(|l| l.booked_at).max().or(window_start);
            let statements = if account.kind == wallet_core::AccountKind::CreditCard {
                client
                    .statements(token, &wire.account_id)
                    .await?
                    .iter()
                    .filter_map(|s| mapping::card_statement(s, &account))
                    .collect()
            } else {
                Vec::new()
            };
            accounts.push(AccountSync {
                account,
                lines,
                window_start,
                synced_through,
                statements,
            });
        }
        Ok(SyncBatch {
            link: self.link,
            at: self.clock.now(),
            accounts,
        })
    }

    /// From where to ask again: a little before the cursor, and no later than the oldest pending line.
    async fn window_start(&self, account: AccountId) -> ApiResult<Option<DateTime<Utc>>> {
        let Some(through) = self.store.synced_through(account).await? else {
            return Ok(None);
        };
        let start = through - OVERLAP;
        Ok(Some(match self.store.oldest_pending(account).await? {
            Some(pending) if pending < start => pending,
            _ => start,
        }))
    }
}

fn stage(stage: SyncStage, account_index: u32, account_count: u32) -> SyncProgress {
    SyncProgress {
        stage,
        account_index,
        account_count,
        account_name: None,
        transactions_fetched: 0,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
