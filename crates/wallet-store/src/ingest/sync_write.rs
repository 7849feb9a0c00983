//! A sync written as it is fetched: accounts, statements and each page of lines go into one bulk load
//! (one database transaction), so a long history is never held in memory whole, and a bank that fails
//! part-way still changes nothing (the load is dropped, and rolled back).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use wallet_core::{Account, AccountId, BankLinkId};

use crate::error::Result;
use crate::ingest::bulk_ingest::BulkIngest;
use crate::tables::accounts::upsert_account_in;
use crate::tables::card_statements::{CardStatement, upsert_card_statement_in};
use crate::tables::transactions::ACCOUNT_NO_OF;
use crate::time::to_millis;

impl BulkIngest {
    /// Adds or refreshes an account as the bank reports it; returns the wallet's id for it.
    pub async fn upsert_account(
        &mut self,
        account: &Account,
        at: DateTime<Utc>,
    ) -> Result<AccountId> {
        upsert_account_in(self.connection(), account, at).await
    }

    pub async fn upsert_card_statement(&mut self, statement: &CardStatement) -> Result<()> {
        upsert_card_statement_in(self.connection(), statement).await
    }

    /// The bank ids of the account's pending lines booked at or after `since`: those the bank does not
    /// report again in this sync were released, and go (`remove_lines`).
    pub async fn pending_since(
        &mut self,
        account: AccountId,
        since: DateTime<Utc>,
    ) -> Result<HashSet<String>> {
        let ids: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT bank_transaction_id FROM transactions
             WHERE account_no = {ACCOUNT_NO_OF} AND status = 'pending' AND booked_at >= ?"
        ))
        .bind(account.to_string())
        .bind(to_millis(since))
        .fetch_all(&mut *self.connection())
        .await?;
        Ok(ids.into_iter().collect())
    }

    /// Removes these lines of the account (by the bank's ids); returns how many went.
    pub async fn remove_lines(
        &mut self,
        account: AccountId,
        bank_ids: &HashSet<String>,
    ) -> Result<usize> {
        // The removals go through the triggers: the load's own totals and index so far are written first.
        self.catch_up().await?;
        let mut removed = 0;
        for bank_id in bank_ids {
            removed += sqlx::query(&format!(
                "DELETE FROM transactions WHERE account_no = {ACCOUNT_NO_OF} AND bank_transaction_id = ?"
            ))
            .bind(account.to_string())
            .bind(bank_id)
            .execute(&mut *self.connection())
            .await?
            .rows_affected();
        }
        Ok(usize::try_from(removed).unwrap_or(usize::MAX))
    }

    /// The account's history is complete up to `through` (the next sync asks from a little before it).
    pub async fn set_synced_through(
        &mut self,
        account: AccountId,
        through: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE accounts SET synced_through = ? WHERE id = ?")
            .bind(to_millis(through))
            .bind(account.to_string())
            .execute(&mut *self.connection())
            .await?;
        Ok(())
    }

    pub async fn mark_synced(&mut self, link: BankLinkId, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE bank_links SET last_synced_at = ? WHERE id = ?")
            .bind(to_millis(at))
            .bind(link.to_string())
            .execute(&mut *self.connection())
            .await?;
        Ok(())
    }
}
