//! The Open Banking bank behind the seam: the link's consent, accounts with balances, lines page by page
//! (`Links.Next`, carried as the page cursor), card statements and the consents revoked at closure.

use std::any::Any;

use async_trait::async_trait;
use bank_link::{BankConnection, BankLine, CardStatementFacts, LinePage, LinkError};
use chrono::{DateTime, Utc};
use url::Url;
use wallet_core::{Account, AccountId};

use super::{OpenBanking, mapping};

#[async_trait]
impl BankConnection for OpenBanking {
    fn bank_name(&self) -> &str {
        &self.bank_name
    }

    fn customer(&self) -> &str {
        &self.customer
    }

    fn base_url(&self) -> &Url {
        &self.base_url
    }

    async fn link(&self, again: bool) -> Result<(), LinkError> {
        if again {
            self.relink().await?;
        } else {
            self.access_token().await?;
        }
        Ok(())
    }

    async fn accounts(&self) -> Result<Vec<Account>, LinkError> {
        let token = self.access_token().await?;
        let mut accounts = Vec::new();
        for wire in self.client.accounts(&token).await.map_err(to_link)? {
            let balances = self
                .client
                .balances(&token, &wire.account_id)
                .await
                .map_err(to_link)?;
            accounts.push(mapping::account(
                &wire,
                &balances,
                AccountId::new(),
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
        let token = self.access_token().await?;
        let mut pages = match cursor {
            None => self
                .client
                .transaction_pages(&token, &account.bank_account_id, since, None),
            Some(cursor) => self
                .client
                .resume_transaction_pages(&token, &cursor)
                .map_err(to_link)?,
        };
        let Some((wire_lines, progress)) = pages.next_page().await.map_err(to_link)? else {
            return Ok(LinePage::default());
        };
        let mut charges = mapping::charges(&wire_lines, account)?;
        let mut lines = Vec::with_capacity(wire_lines.len());
        for wire in &wire_lines {
            let transaction = mapping::transaction(wire, account)?;
            let charge = charges
                .iter()
                .position(|(_, id)| *id == transaction.bank_transaction_id)
                .map(|at| charges.swap_remove(at).0);
            lines.push(BankLine {
                transaction,
                charge,
            });
        }
        Ok(LinePage {
            lines,
            next: pages.cursor(),
            fetched: progress.fetched,
        })
    }

    async fn card_statements(
        &self,
        account: &Account,
    ) -> Result<Vec<CardStatementFacts>, LinkError> {
        let token = self.access_token().await?;
        let statements = self
            .client
            .statements(&token, &account.bank_account_id)
            .await
            .map_err(to_link)?;
        Ok(statements
            .iter()
            .filter_map(|statement| mapping::card_statement(statement, account))
            .collect())
    }

    async fn revoke_consents(&self) -> Result<(), LinkError> {
        Ok(self.revoke_every_consent().await?)
    }

    async fn stop(&self) -> bool {
        match self.running.lock().await.take() {
            Some(running) => {
                running.stop().await;
                true
            }
            None => false,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn to_link(error: bank_api::BankError) -> LinkError {
    crate::ApiError::from(error).into()
}
