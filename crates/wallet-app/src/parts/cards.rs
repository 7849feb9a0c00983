//! Credit cards: the latest statement, what is still due and by when, and a reminder a few days before
//! the due date (and when it is missed). Repaying is an own-account transfer to the card (payments).

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use chrono::{NaiveTime, TimeZone};
use wallet_core::credit_cycle::{Cycle, Statement, StatementStatus};
use wallet_core::{Account, AccountKind, Money};
use wallet_store::CardStatement;

use crate::dto::{CardReminder, CardStatus};
use crate::error::{ApiError, ApiResult};

pub struct Cards {
    pub(crate) cx: Arc<Context>,
}

/// Days before the due date that a reminder is given.
pub const REMINDER_DAYS: u32 = 3;

fn status_name(status: StatementStatus) -> &'static str {
    match status {
        StatementStatus::Paid => "paid",
        StatementStatus::NotDue => "notDue",
        StatementStatus::DueSoon { .. } => "dueSoon",
        StatementStatus::DueToday => "dueToday",
        StatementStatus::MinimumPaid { .. } => "minimumPaid",
        StatementStatus::Overdue { .. } => "overdue",
    }
}

#[commands]
impl Cards {
    async fn card_status_of(
        &self,
        account: &Account,
        latest: &CardStatement,
    ) -> ApiResult<CardStatus> {
        let today = self
            .cx
            .clock
            .now()
            .with_timezone(&chrono::Local)
            .date_naive();
        let statement_end =
            (latest.facts.statement_date + chrono::Duration::days(1)).and_time(NaiveTime::MIN);
        let since = chrono::Local
            .from_local_datetime(&statement_end)
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_else(|| self.cx.clock.now());
        let paid = Money::from_minor(
            self.cx.store.paid_in_since(account.id, since).await?,
            account.currency,
        );
        let statement = Statement {
            cycle: Cycle {
                start: latest.facts.start,
                statement_date: latest.facts.statement_date,
                due_date: latest.facts.due_date,
            },
            balance: latest.facts.balance,
            minimum: latest.facts.minimum,
        };
        let status = statement.status(paid, today, REMINDER_DAYS)?;
        let left = latest.facts.balance.checked_add(&paid.negate())?;
        Ok(CardStatus {
            account_id: account.id.to_string(),
            account_name: account.display_name().to_string(),
            statement_date: latest.facts.statement_date.to_string(),
            due_date: latest.facts.due_date.to_string(),
            statement_balance: latest.facts.balance.into(),
            minimum_payment: latest.facts.minimum.into(),
            paid_since: paid.into(),
            still_due: if left.is_negative() {
                Money::zero(account.currency)
            } else {
                left
            }
            .into(),
            status: status_name(status).to_string(),
            days_to_due: (latest.facts.due_date - today).num_days(),
        })
    }

    /// The card's latest statement and where it stands today.
    pub async fn card_status(&self, account_id: &str) -> ApiResult<CardStatus> {
        let account = self.cx.account_by_id(account_id).await?;
        if account.kind != AccountKind::CreditCard {
            return Err(ApiError::invalid("Only credit cards have statements."));
        }
        let latest = self
            .cx
            .store
            .card_statements(account.id)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| {
                ApiError::not_found("The bank has not issued a statement for this card yet.")
            })?;
        self.card_status_of(&account, &latest).await
    }
}

impl Cards {
    /// Cards due within the reminder window, due today or overdue, not yet reminded of for that state.
    pub async fn check_card_reminders(&self) -> ApiResult<Vec<CardReminder>> {
        let mut reminders = Vec::new();
        for account in self.cx.store.list_accounts().await? {
            if account.kind != AccountKind::CreditCard {
                continue;
            }
            let Some(latest) = self
                .cx
                .store
                .card_statements(account.id)
                .await?
                .into_iter()
                .next()
            else {
                continue;
            };
            let card = self.card_status_of(&account, &latest).await?;
            if matches!(card.status.as_str(), "dueSoon" | "dueToday" | "overdue")
                && self
                    .cx
                    .store
                    .record_card_reminder(
                        account.id,
                        &latest.facts.statement_id,
                        &card.status,
                        self.cx.clock.now(),
                    )
                    .await?
            {
                reminders.push(CardReminder { card });
            }
        }
        Ok(reminders)
    }
}
