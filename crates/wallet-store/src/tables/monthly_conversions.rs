//! The bank's currency conversions added up per month (kept by triggers, see the monthly_conversions
//! migration): what a month's booking rate is worked out from.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use wallet_core::Currency;

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::tables::fx_rates::FxRate;

/// The converted card lines of one month from one currency into another, in minor units of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyConversion {
    pub from: Currency,
    pub to: Currency,
    /// YYYYMM.
    pub month: i64,
    /// The foreign money of the month's converted lines (absolute amounts added up).
    pub from_minor: i64,
    /// What the bank booked for them.
    pub to_minor: i64,
    pub lines: i64,
}

/// Today's rates and the monthly conversions, into one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateSources {
    pub today: Vec<FxRate>,
    pub months: Vec<MonthlyConversion>,
}

impl MonthlyConversion {
    fn from_row(row: &SqliteRow) -> Result<Self> {
        Ok(MonthlyConversion {
            from: row.try_get::<String, _>("from_currency")?.parse()?,
            to: row.try_get::<String, _>("to_currency")?.parse()?,
            month: row.try_get("month")?,
            from_minor: row.try_get("from_minor")?,
            to_minor: row.try_get("to_minor")?,
            lines: row.try_get("lines")?,
        })
    }
}

impl Store {
    /// Today's rates into `to` and every month's conversions into it (oldest first within each foreign
    /// currency): what a report's booking rates are made of, read in one query as one JSON value, since
    /// on a busy machine each query's hand-over costs ~0.1 ms and the month's statement has 2 ms in all.
    pub async fn rates_into(&self, to: Currency) -> Result<RateSources> {
        let text: String = sqlx::query_scalar(
            "SELECT json_array(
                 json((SELECT json_group_array(json_array(from_currency, rate, as_of, source))
                       FROM fx_rates WHERE to_currency = ?1)),
                 json((SELECT json_group_array(json_array(from_currency, month, from_minor, to_minor, lines))
                       FROM (SELECT * FROM monthly_conversions WHERE to_currency = ?1 AND lines > 0
                             ORDER BY from_currency, month))))",
        )
        .bind(to.code())
        .fetch_one(self.pool())
        .await?;
        type Today = (String, String, String, String);
        type Month = (String, i64, i64, i64, i64);
        let (today, months): (Vec<Today>, Vec<Month>) = serde_json::from_str(&text)
            .map_err(|error| StoreError::Corrupt(format!("rates did not read back: {error}")))?;
        Ok(RateSources {
            today: today
                .into_iter()
                .map(|(from, rate, as_of, source)| {
                    Ok(FxRate {
                        from: from.parse()?,
                        to,
                        rate: rate
                            .parse()
                            .map_err(|_| StoreError::Corrupt(format!("fx rate {rate}")))?,
                        as_of,
                        source,
                    })
                })
                .collect::<Result<_>>()?,
            months: months
                .into_iter()
                .map(|(from, month, from_minor, to_minor, lines)| {
                    Ok(MonthlyConversion {
                        from: from.parse()?,
                        to,
                        month,
                        from_minor,
                        to_minor,
                        lines,
                    })
                })
                .collect::<Result<_>>()?,
        })
    }

    /// The same, recomputed from the lines themselves, for checking that the kept sums agree.
    pub async fn monthly_conversions_recomputed(
        &self,
        to: Currency,
    ) -> Result<Vec<MonthlyConversion>> {
        let rows = sqlx::query(
            "SELECT original_currency AS from_currency, currency AS to_currency, booked_month AS month,
                    SUM(ABS(original_minor)) AS from_minor, SUM(ABS(amount_minor)) AS to_minor,
                    COUNT(*) AS lines
             FROM transactions
             WHERE status = 'booked' AND currency = ? AND original_currency IS NOT NULL
               AND original_currency != currency AND original_minor != 0
             GROUP BY original_currency, booked_month ORDER BY from_currency, month",
        )
        .bind(to.code())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(MonthlyConversion::from_row).collect()
    }
}
