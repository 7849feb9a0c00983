//! Credit-card statements from the bank, what has been paid into the card since, and the reminders given.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteConnection;
use wallet_core::credit_cycle::CardStatementFacts;
use wallet_core::{AccountId, Currency, Money};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::tables::transactions::ACCOUNT_NO_OF;
use crate::time::to_millis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardStatement {
    pub account_id: AccountId,
    pub facts: CardStatementFacts,
}

fn date(text: String) -> Result<NaiveDate> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("date {text}")))
}

pub(crate) async fn upsert_card_statement_in(
    conn: &mut SqliteConnection,
    statement: &CardStatement,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO card_statements (account_id, statement_id, start_date, statement_date, due_date,
             balance_minor, minimum_minor, currency)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, statement_id) DO UPDATE SET start_date = excluded.start_date,
             statement_date = excluded.statement_date, due_date = excluded.due_date,
             balance_minor = excluded.balance_minor, minimum_minor = excluded.minimum_minor,
             currency = excluded.currency",
    )
    .bind(statement.account_id.to_string())
    .bind(&statement.facts.statement_id)
    .bind(statement.facts.start.to_string())
    .bind(statement.facts.statement_date.to_string())
    .bind(statement.facts.due_date.to_string())
    .bind(statement.facts.balance.to_minor()?)
    .bind(statement.facts.minimum.to_minor()?)
    .bind(statement.facts.balance.currency().code())
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// The card's statements, newest first.
    pub async fn card_statements(&self, account: AccountId) -> Result<Vec<CardStatement>> {
        let rows = sqlx::query(
            "SELECT * FROM card_statements WHERE account_id = ? ORDER BY statement_date DESC",
        )
        .bind(account.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
                Ok(CardStatement {
                    account_id: account,
                    facts: CardStatementFacts {
                        statement_id: row.try_get("statement_id")?,
                        start: date(row.try_get("start_date")?)?,
                        statement_date: date(row.try_get("statement_date")?)?,
                        due_date: date(row.try_get("due_date")?)?,
                        balance: Money::from_minor(row.try_get("balance_minor")?, currency),
                        minimum: Money::from_minor(row.try_get("minimum_minor")?, currency),
                    },
                })
            })
            .collect()
    }

    /// What has come into the account (booked credits) since `since`, in minor units.
    pub async fn paid_in_since(&self, account: AccountId, since: DateTime<Utc>) -> Result<i64> {
        Ok(sqlx::query_scalar(&format!(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions
             WHERE account_no = {ACCOUNT_NO_OF} AND status = 'booked' AND amount_minor > 0 AND booked_at >= ?"
        ))
        .bind(account.to_string())
        .bind(to_millis(since))
        .fetch_one(self.pool())
        .await?)
    }

    /// Records a reminder; false when it had already been given.
    pub async fn record_card_reminder(
        &self,
        account: AccountId,
        statement_id: &str,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO card_reminders (account_id, statement_id, kind, reminded_at) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(account.to_string())
        .bind(statement_id)
        .bind(kind)
        .bind(to_millis(now))
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }
}
