//! "Sync now": pull accounts, balances and the transactions since the last sync from the bank, writing
//! each page as it arrives into one database transaction (a bulk load), so a long first history is never
//! held in memory whole. A bank that fails part-way changes nothing: the load is rolled back.

use std::collections::HashMap;

use bank_link::BankConnection;
use chrono::{DateTime, Duration, Utc};
use wallet_core::{AccountId, BankLinkId};

use crate::dto::{SyncProgress, SyncReport, SyncStage};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Links;
use crate::parts::to_u32;

/// Re-read this much history before the cursor, for lines a bank books late.
const OVERLAP: Duration = Duration::days(3);

/// Receives progress while a sync runs (the desktop app forwards it as `sync-progress` events).
pub type ProgressSink<'a> = &'a (dyn Fn(SyncProgress) + Send + Sync);

impl Links {
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
        if let Err(error) = self.payments.resume_payments(payments).await {
            tracing::warn!(%error, "unfinished payments could not be resumed");
        }
        progress(stage(SyncStage::Linking, 0, 0));
        let others = self.banks_to_sync().await?;
        let composed = self.cx.bank().ok();
        if composed.is_none() && others.is_empty() {
            // No bank at all: say so, as before.
            self.cx.bank()?;
        }
        let mut counts = SyncCounts::default();
        if let Some(bank) = composed {
            counts += self.sync_composed(bank, progress).await?;
        }
        let mut notices = Vec::new();
        for link in others {
            let (synced, said) = self.sync_link(&link, progress).await;
            counts += synced;
            notices.extend(
                said.into_iter()
                    .map(|words| format!("{}: {words}", link.bank_name)),
            );
        }
        let finished_at = self.cx.clock.now();
        let report = SyncReport {
            accounts: to_u32(counts.accounts),
            transactions_added: to_u32(counts.added),
            transactions_updated: to_u32(counts.updated + counts.removed),
            finished_at: finished_at.to_rfc3339(),
            notices,
        };
        progress(stage(SyncStage::Done, report.accounts, report.accounts));
        Ok(report)
    }

    /// The bank the front end composed (the demo bank): linked, read, and what only it offers (rates,
    /// points) refreshed. Its failure is the sync's.
    async fn sync_composed(
        &self,
        bank: &dyn BankConnection,
        progress: ProgressSink<'_>,
    ) -> ApiResult<SyncCounts> {
        let link = self.cx.link()?;
        bank.link(false).await?;
        let counts = match self.fetch_and_write(bank, link, progress).await {
            Err(error) if error.code == ErrorCode::BankRelinkNeeded => {
                // The bank stopped honouring the consent: the customer is asked again.
                bank.link(true).await?;
                self.fetch_and_write(bank, link, progress).await?
            }
            other => other?,
        };
        if let Ok(open_banking) = self.cx.open_banking() {
            let token = open_banking.access_token().await?;
            self.cx.refresh_reference_rates(&token).await?;
        }
        self.cx.refresh_fx_rates().await?;
        if let Err(error) = self.sync_rewards().await {
            tracing::warn!(%error, "the bank's points and offers could not be read");
        }
        Ok(counts)
    }

    /// Everything the bank has for the link, written page by page into one bulk load that commits at
    /// the end (dropped on an error, so nothing of a failed sync is kept).
    pub(super) async fn fetch_and_write(
        &self,
        bank: &dyn BankConnection,
        link: BankLinkId,
        progress: ProgressSink<'_>,
    ) -> ApiResult<SyncCounts> {
        let bank_accounts = bank.accounts().await?;
        let count = to_u32(bank_accounts.len());
        progress(stage(SyncStage::Accounts, 0, count));
        let known: HashMap<String, AccountId> = self
            .cx
            .store
            .accounts_of_link(link)
            .await?
            .into_iter()
            .map(|a| (a.bank_account_id.clone(), a.id))
            .collect();
        let rules = self.cx.store.category_rules().await?;
        let now = self.cx.clock.now();
        let mut load = self.cx.store.begin_bulk_ingest().await?;
        let mut removed = 0;
        for (index, mut account) in bank_accounts.into_iter().enumerate() {
            let index = to_u32(index);
            let known_id = known.get(&account.bank_account_id).copied();
            account.id = known_id.unwrap_or_default();
            account.id = load.upsert_account(&account, now).await?;
            let name = account.display_name().to_string();
            progress(SyncProgress {
                account_name: Some(name.clone()),
                ..stage(SyncStage::Balances, index, count)
            });
            if account.kind == wallet_core::AccountKind::CreditCard {
                for facts in bank.card_statements(&account).await? {
                    load.upsert_card_statement(&card_statement(facts, account.id))
                        .await?;
                }
            }

            let window_start = match known_id {
                Some(id) => self.window_start(id).await?,
                None => None,
            };
            let since = window_start.unwrap_or(DateTime::<Utc>::MIN_UTC);
            let mut not_reported = load.pending_since(account.id, since).await?;
            let mut synced_through = window_start;
            let mut next = Some(bank.lines(&account, window_start, None).await?);
            while let Some(page) = next.take() {
                let mut lines = Vec::with_capacity(page.lines.len());
                let mut charges = Vec::new();
                for bank_line in page.lines {
                    let mut line = bank_line.transaction;
                    // The user's rules outrank the bank's codes (they only reach new lines: a known
                    // line keeps whatever category it has).
                    if let Some(category) = rules.get(line.payee()) {
                        line.category_id = category.clone();
                    }
                    not_reported.remove(&line.bank_transaction_id);
                    synced_through = synced_through.max(Some(line.booked_at));
                    if let Some(charge) = bank_line.charge {
                        charges.push((charge, line.bank_transaction_id.clone()));
                    }
                    lines.push(line);
                }
                // The next page is fetched while this one is written.
                let fetch = async {
                    match page.next {
                        Some(cursor) => bank
                            .lines(&account, window_start, Some(cursor))
                            .await
                            .map(Some),
                        None => Ok(None),
                    }
                };
                let (fetched, written) = tokio::join!(fetch, load.add(&lines));
                written?;
                for (charge, line) in charges {
                    load.set_line_charge(account.id, &line, charge).await?;
                }
                next = fetched?;
                progress(SyncProgress {
                    account_name: Some(name.clone()),
                    transactions_fetched: to_u32(page.fetched),
                    ..stage(SyncStage::Transactions, index, count)
                });
            }
            // Pending lines the bank stopped reporting: released authorisations.
            removed += load.remove_lines(account.id, &not_reported).await?;
            if let Some(through) = synced_through {
                load.set_synced_through(account.id, through).await?;
            }
        }
        load.mark_synced(link, now).await?;
        let lines = load.finish().await?;
        Ok(SyncCounts {
            accounts: count as usize,
            added: lines.added,
            updated: lines.updated,
            removed,
        })
    }

    /// From where to ask again: a little before the cursor, and no later than the oldest pending line.
    async fn window_start(&self, account: AccountId) -> ApiResult<Option<DateTime<Utc>>> {
        let Some(through) = self.cx.store.synced_through(account).await? else {
            return Ok(None);
        };
        let start = through - OVERLAP;
        Ok(Some(match self.cx.store.oldest_pending(account).await? {
            Some(pending) if pending < start => pending,
            _ => start,
        }))
    }
}

/// What a sync wrote.
#[derive(Default)]
pub(super) struct SyncCounts {
    accounts: usize,
    added: usize,
    updated: usize,
    /// Pending lines the bank stopped reporting (released authorisations).
    removed: usize,
}

impl std::ops::AddAssign for SyncCounts {
    fn add_assign(&mut self, other: SyncCounts) {
        self.accounts += other.accounts;
        self.added += other.added;
        self.updated += other.updated;
        self.removed += other.removed;
    }
}

/// A card statement as the bank stated it, for the wallet's account `account`.
fn card_statement(
    facts: bank_link::CardStatementFacts,
    account: AccountId,
) -> wallet_store::CardStatement {
    wallet_store::CardStatement {
        account_id: account,
        facts,
    }
}

pub(super) fn stage(stage: SyncStage, account_index: u32, account_count: u32) -> SyncProgress {
    SyncProgress {
        stage,
        account_index,
        account_count,
        account_name: None,
        transactions_fetched: 0,
    }
}
