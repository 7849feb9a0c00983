//! Accounts and cards: one row per bank account, refreshed from the bank at every sync.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use wallet_core::{Account, AccountId, AccountRouting, BankLinkId, Currency, Money};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

fn account_from_row(row: &SqliteRow) -> Result<Account> {
    let id: String = row.try_get("id")?;
    let link: String = row.try_get("bank_link_id")?;
    let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
    let money = |minor: Option<i64>| minor.map(|m| Money::from_minor(m, currency));
    Ok(Account {
        id: id
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("account id {id}")))?,
        bank_link: link
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("bank link id {link}")))?,
        bank_account_id: row.try_get("bank_account_id")?,
        bank_name: row.try_get("bank_name")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        masked_number: row.try_get("masked_number")?,
        currency,
        name: row.try_get("name")?,
        nickname: row.try_get("nickname")?,
        balance: Money::from_minor(row.try_get("balance_minor")?, currency),
        available: money(row.try_get("available_minor")?),
        credit_limit: money(row.try_get("credit_limit_minor")?),
        routing: match (
            row.try_get::<Option<String>, _>("routing_scheme")?,
            row.try_get::<Option<String>, _>("routing_identification")?,
        ) {
            (Some(scheme), Some(identification)) => Some(AccountRouting {
                scheme,
                identification,
            }),
            _ => None,
        },
    })
}

/// Inserts a newly seen bank account or refreshes a known one; returns the wallet's id for it.
/// The wallet id and the sync cursor survive a refresh.
pub(crate) async fn upsert_account_in(
    conn: &mut SqliteConnection,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<AccountId> {
    let minor = |money: Option<Money>| money.map(|m| m.to_minor()).transpose();
    let id: String = sqlx::query_scalar(
        "INSERT INTO accounts (id, bank_link_id, bank_account_id, bank_name, kind, masked_number, currency,
                               name, nickname, balance_minor, available_minor, credit_limit_minor, updated_at,
                               routing_scheme, routing_identification, no)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(no), 0) + 1 FROM accounts))
         ON CONFLICT (bank_link_id, bank_account_id) DO UPDATE SET
             bank_name = excluded.bank_name, kind = excluded.kind, masked_number = excluded.masked_number,
             currency = excluded.currency, name = excluded.name, nickname = excluded.nickname,
             balance_minor = excluded.balance_minor, available_minor = excluded.available_minor,
             credit_limit_minor = excluded.credit_limit_minor, updated_at = excluded.updated_at,
             routing_scheme = COALESCE(excluded.routing_scheme, routing_scheme),
             routing_identification = COALESCE(excluded.routing_identification, routing_identification)
         RETURNING id",
    )
    .bind(account.id.to_string())
    .bind(account.bank_link.to_string())
    .bind(&account.bank_account_id)
    .bind(&account.bank_name)
    .bind(account.kind.as_str())
    .bind(&account.masked_number)
    .bind(account.currency.code())
    .bind(&account.name)
    .bind(&account.nickname)
    .bind(account.balance.to_minor()?)
    .bind(minor(account.available)?)
    .bind(minor(account.credit_limit)?)
    .bind(to_millis(now))
    .bind(account.routing.as_ref().map(|r| r.scheme.as_str()))
    .bind(account.routing.as_ref().map(|r| r.identification.as_str()))
    .fetch_one(&mut *conn)
    .await?;
    id.parse()
        .map_err(|_| StoreError::Corrupt(format!("account id {id}")))
}

impl Store {
    /// Inserts a newly seen bank account or refreshes a known one; returns the wallet's id for it.
    pub async fn upsert_account(&self, account: &Account, now: DateTime<Utc>) -> Result<AccountId> {
        let mut conn = self.pool().acquire().await?;
        upsert_account_in(&mut conn, account, now).await
    }

    pub async fn list_accounts(&self) -> Result<Vec<Account>> {
        let rows = sqlx::query(
            "SELECT * FROM accounts ORDER BY CASE kind WHEN 'debitCard' THEN 0 WHEN 'creditCard' THEN 1
                                                  WHEN 'savings' THEN 2 ELSE 3 END, currency = 'CNY' DESC, name",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(account_from_row).collect()
    }

    pub async fn accounts_of_link(&self, link: BankLinkId) -> Result<Vec<Account>> {
        let rows = sqlx::query("SELECT * FROM accounts WHERE bank_link_id = ? ORDER BY name")
            .bind(link.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(account_from_row).collect()
    }

    pub async fn account(&self, id: AccountId) -> Result<Option<Account>> {
        let row = sqlx::query("SELECT * FROM accounts WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(account_from_row).transpose()
    }

    /// Booking time up to which this account's history has been fetched.
    pub async fn synced_through(&self, id: AccountId) -> Result<Option<DateTime<Utc>>> {
        let millis: Option<i64> =
            sqlx::query_scalar("SELECT synced_through FROM accounts WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(self.pool())
                .await?
                .flatten();
        millis.map(from_millis).transpose()
    }

    pub async fn set_synced_through(&self, id: AccountId, through: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE accounts SET synced_through = ? WHERE id = ?")
            .bind(to_millis(through))
            .bind(id.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
