//! Reference exchange rates into the home currency, each with its date and source.

use rust_decimal::Decimal;
use sqlx::Row;
use wallet_core::Currency;

use crate::error::{Result, StoreError};
use crate::file::open::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FxRate {
    pub from: Currency,
    pub to: Currency,
    /// Units of `to` for one unit of `from`.
    pub rate: Decimal,
    /// The day the rate was published (YYYY-MM-DD).
    pub as_of: String,
    pub source: String,
}

impl Store {
    pub async fn upsert_fx_rate(&self, rate: &FxRate) -> Result<()> {
        sqlx::query(
            "INSERT INTO fx_rates (from_currency, to_currency, rate, as_of, source) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (from_currency, to_currency)
             DO UPDATE SET rate = excluded.rate, as_of = excluded.as_of, source = excluded.source",
        )
        .bind(rate.from.code())
        .bind(rate.to.code())
        .bind(rate.rate.to_string())
        .bind(&rate.as_of)
        .bind(&rate.source)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn fx_rates_into(&self, to: Currency) -> Result<Vec<FxRate>> {
        let rows =
            sqlx::query("SELECT * FROM fx_rates WHERE to_currency = ? ORDER BY from_currency")
                .bind(to.code())
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| {
                let rate: String = row.try_get("rate")?;
                Ok(FxRate {
                    from: row.try_get::<String, _>("from_currency")?.parse()?,
                    to: row.try_get::<String, _>("to_currency")?.parse()?,
                    rate: rate
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("fx rate {rate}")))?,
                    as_of: row.try_get("as_of")?,
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }
}
