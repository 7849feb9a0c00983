//! What the real cost of a payment abroad is worked out from: the bank's charge on a line (its conversion
//! fee) and the bank's daily reference rates. Few lines have a charge, so they are kept beside the lines.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use wallet_core::{AccountId, Currency, Money, ReferenceRate, TransactionId};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::tables::monthly_totals::{KEYS_PER_STATEMENT, push_list};
use crate::tables::transactions::ACCOUNT_NO_OF;

/// A bank's reference rate for one day: `rate` units of `quote` per unit of `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyRate {
    pub currency: Currency,
    pub quote: Currency,
    pub day: NaiveDate,
    pub rate: Decimal,
    pub source: String,
}

impl Store {
    /// The charges on those of `lines` that have one.
    pub async fn line_charges(
        &self,
        lines: &[TransactionId],
    ) -> Result<HashMap<TransactionId, Money>> {
        let mut found = HashMap::new();
        for chunk in lines.chunks(KEYS_PER_STATEMENT) {
            let mut query = QueryBuilder::<Sqlite>::new(
                "SELECT line_id, charge_minor, currency FROM line_charges WHERE line_id IN ",
            );
            push_list(&mut query, chunk.iter().map(|id| id.0));
            for row in query.build().fetch_all(self.pool()).await? {
                let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
                found.insert(
                    TransactionId(row.try_get("line_id")?),
                    Money::from_minor(row.try_get("charge_minor")?, currency),
                );
            }
        }
        Ok(found)
    }

    pub async fn upsert_reference_rates(&self, rates: &[DailyRate]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for rate in rates {
            sqlx::query(
                "INSERT INTO reference_rates (currency, quote_currency, day, rate, source) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (currency, quote_currency, day) DO UPDATE SET rate = excluded.rate, source = excluded.source",
            )
            .bind(rate.currency.code())
            .bind(rate.quote.code())
            .bind(rate.day.to_string())
            .bind(rate.rate.to_string())
            .bind(&rate.source)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The reference rate into `quote` for each (currency, day) asked: that day's, or on a day with no fixing
    /// (a weekend, a holiday) the last one of the week before; left out when there is none.
    pub async fn reference_rates_on(
        &self,
        quote: Currency,
        wanted: &[(Currency, NaiveDate)],
    ) -> Result<HashMap<(Currency, NaiveDate), ReferenceRate>> {
        let mut found = HashMap::new();
        for (currency, day) in wanted {
            let row = sqlx::query(
                "SELECT day, rate, source FROM reference_rates
                 WHERE currency = ? AND quote_currency = ? AND day <= ? AND day >= ?
                 ORDER BY day DESC LIMIT 1",
            )
            .bind(currency.code())
            .bind(quote.code())
            .bind(day.to_string())
            .bind((*day - chrono::Days::new(7)).to_string())
            .fetch_optional(self.pool())
            .await?;
            if let Some(row) = row {
                let rate: String = row.try_get("rate")?;
                found.insert(
                    (*currency, *day),
                    ReferenceRate {
                        rate: rate
                            .parse()
                            .map_err(|_| StoreError::Corrupt(format!("reference rate {rate}")))?,
                        day: row.try_get("day")?,
                        source: row.try_get("source")?,
                    },
                );
            }
        }
        Ok(found)
    }

    /// The last day of `currency`'s reference rates the wallet holds, to fetch only what is new.
    pub async fn last_reference_day(
        &self,
        currency: Currency,
        quote: Currency,
    ) -> Result<Option<NaiveDate>> {
        let day: Option<String> = sqlx::query_scalar(
            "SELECT MAX(day) FROM reference_rates WHERE currency = ? AND quote_currency = ?",
        )
        .bind(currency.code())
        .bind(quote.code())
        .fetch_one(self.pool())
        .await?;
        day.map(|day| parse_day(&day)).transpose()
    }

    /// Each currency's latest reference rate into `quote`.
    pub async fn latest_reference_rates(&self, quote: Currency) -> Result<Vec<DailyRate>> {
        let rows = sqlx::query(
            "SELECT r.currency, r.day, r.rate, r.source FROM reference_rates r
             JOIN (SELECT currency, MAX(day) AS day FROM reference_rates WHERE quote_currency = ?1
                   GROUP BY currency) latest ON latest.currency = r.currency AND latest.day = r.day
             WHERE r.quote_currency = ?1 ORDER BY r.currency",
        )
        .bind(quote.code())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let rate: String = row.try_get("rate")?;
                Ok(DailyRate {
                    currency: row.try_get::<String, _>("currency")?.parse()?,
                    quote,
                    day: parse_day(&row.try_get::<String, _>("day")?)?,
                    rate: rate
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("reference rate {rate}")))?,
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }
}

fn parse_day(day: &str) -> Result<NaiveDate> {
    day.parse()
        .map_err(|_| StoreError::Corrupt(format!("reference day {day}")))
}

/// Keeps the bank's charge on a line (by the bank's id), on the caller's connection (a bulk load's).
pub(crate) async fn write_line_charge(
    connection: &mut SqliteConnection,
    account: AccountId,
    bank_transaction_id: &str,
    charge: Money,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO line_charges (line_id, charge_minor, currency)
         SELECT id, ?, ? FROM transactions WHERE account_no = {ACCOUNT_NO_OF} AND bank_transaction_id = ?
         ON CONFLICT (line_id) DO UPDATE SET charge_minor = excluded.charge_minor, currency = excluded.currency"
    ))
    .bind(charge.abs().to_minor()?)
    .bind(charge.currency().code())
    .bind(account.to_string())
    .bind(bank_transaction_id)
    .execute(connection)
    .await?;
    Ok(())
}
