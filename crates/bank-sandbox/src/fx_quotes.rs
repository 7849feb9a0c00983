//! Firm FX rates (contracts): the day's reference rate with the bank's spread, good for a fixed window.
//! A client asks for one (`POST /purse/v1/fx/quotes`, a vendor extension) and names it in an international
//! payment consent with `RateType` `Agreed`; a consent with `RateType` `Actual` gets one made for it.
//! A payment is made at its contract's rate or not at all.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use bank_api::wire::{Envelope, FX_PREFIX, FxQuote, FxQuoteRequest, Links, Meta};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{Row, SqliteConnection};

use crate::auth;
use crate::ob_error::ObError;
use crate::reference_rates::{REFERENCE_QUOTE_CURRENCY, reference_rate_at};
use crate::state::BankState;

/// What the bank adds to the reference rate when it sells a currency: 0.5 %.
pub const SPREAD: Decimal = Decimal::from_parts(5, 0, 0, false, 3);
/// How long a quote holds unless the sandbox was opened with another lifetime.
pub const DEFAULT_QUOTE_LIFETIME: Duration = Duration::minutes(2);

/// A firm rate for one client: `rate` of `quote_currency` buys one `unit_currency` until `expires_at`.
#[derive(Debug, Clone)]
pub struct Contract {
    pub contract_id: String,
    pub client_id: String,
    pub unit_currency: String,
    pub quote_currency: String,
    pub rate: Decimal,
    pub reference_date: NaiveDate,
    pub expires_at: i64,
    /// The consent that took it, if one has.
    pub consent_id: Option<String>,
}

impl Contract {
    pub fn expiry(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.expires_at).unwrap_or_default()
    }

    pub fn has_expired(&self, now_ms: i64) -> bool {
        now_ms >= self.expires_at
    }
}

/// CNY per unit of `currency` at `at` (CNY itself is 1), with the fixing's date.
fn cny_per_unit(currency: &str, at: DateTime<Utc>) -> Option<(Decimal, Option<NaiveDate>)> {
    if currency == REFERENCE_QUOTE_CURRENCY {
        return Some((Decimal::ONE, None));
    }
    reference_rate_at(currency, at).map(|fixing| (fixing.rate, Some(fixing.date)))
}

/// The customer's rate: the reference cross rate plus the spread, to 4 decimals (6 below 1, so a yen or
/// a Hong Kong dollar keeps its precision).
pub fn firm_rate(
    unit_currency: &str,
    quote_currency: &str,
    at: DateTime<Utc>,
) -> Result<(Decimal, NaiveDate), ObError> {
    let unknown = |code: &str| {
        ObError::invalid_field(format!(
            "This bank does not exchange {code}: it quotes {} and CNY.",
            crate::reference_rates::reference_currencies()
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    if unit_currency == quote_currency {
        return Err(ObError::invalid_field(format!(
            "{unit_currency} needs no exchange from an account in {quote_currency}."
        )));
    }
    let (unit, unit_day) = cny_per_unit(unit_currency, at).ok_or_else(|| unknown(unit_currency))?;
    let (quote, quote_day) =
        cny_per_unit(quote_currency, at).ok_or_else(|| unknown(quote_currency))?;
    let day = unit_day.or(quote_day).unwrap_or_default();
    Ok((wallet_core::fx::with_markup(unit / quote, SPREAD), day))
}

/// Writes a new contract for `client_id`, good for `lifetime` from `now`.
pub async fn issue(
    conn: &mut SqliteConnection,
    client_id: &str,
    unit_currency: &str,
    quote_currency: &str,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> Result<Contract, ObError> {
    let (rate, reference_date) = firm_rate(unit_currency, quote_currency, now)?;
    let contract = Contract {
        contract_id: format!("fxq-{}", uuid::Uuid::new_v4()),
        client_id: client_id.to_string(),
        unit_currency: unit_currency.to_string(),
        quote_currency: quote_currency.to_string(),
        rate,
        reference_date,
        expires_at: (now + lifetime).timestamp_millis(),
        consent_id: None,
    };
    sqlx::query(
        "INSERT INTO fx_quotes (contract_id, client_id, unit_currency, quote_currency, rate, reference_date,
                                created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&contract.contract_id)
    .bind(client_id)
    .bind(unit_currency)
    .bind(quote_currency)
    .bind(rate.to_string())
    .bind(reference_date.to_string())
    .bind(now.timestamp_millis())
    .bind(contract.expires_at)
    .execute(conn)
    .await?;
    Ok(contract)
}

pub async fn load(
    conn: &mut SqliteConnection,
    contract_id: &str,
) -> Result<Option<Contract>, ObError> {
    let row = sqlx::query("SELECT * FROM fx_quotes WHERE contract_id = ?")
        .bind(contract_id)
        .fetch_optional(conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Contract {
        contract_id: row.try_get("contract_id")?,
        client_id: row.try_get("client_id")?,
        unit_currency: row.try_get("unit_currency")?,
        quote_currency: row.try_get("quote_currency")?,
        rate: row
            .try_get::<String, _>("rate")?
            .parse()
            .map_err(ObError::internal)?,
        reference_date: row
            .try_get::<String, _>("reference_date")?
            .parse()
            .map_err(ObError::internal)?,
        expires_at: row.try_get("expires_at")?,
        consent_id: row.try_get("consent_id")?,
    }))
}

pub fn wire(contract: &Contract) -> FxQuote {
    FxQuote {
        contract_identification: contract.contract_id.clone(),
        unit_currency: contract.unit_currency.clone(),
        quote_currency: contract.quote_currency.clone(),
        exchange_rate: contract.rate,
        expiration_date_time: contract.expiry(),
        reference_date: contract.reference_date,
    }
}

/// `POST /purse/v1/fx/quotes` with a client-credentials token.
pub async fn create(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<FxQuoteRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Envelope<FxQuote>>), ObError> {
    let now = bank.clock.now();
    let caller = auth::caller(&bank.pool, &headers, now.timestamp_millis()).await?;
    let Json(request) =
        body.map_err(|e| ObError::invalid_field(format!("The quote request is not valid: {e}")))?;
    let mut conn = bank.pool.acquire().await?;
    let contract = issue(
        &mut conn,
        &caller.client_id,
        &request.data.unit_currency,
        &request.data.quote_currency,
        now,
        bank.quote_lifetime,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Envelope {
            data: wire(&contract),
            links: Links {
                self_: format!(
                    "{}{FX_PREFIX}/quotes/{}",
                    bank.base_url, contract.contract_id
                ),
                ..Links::default()
            },
            meta: Meta::default(),
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn a_firm_rate_is_the_reference_rate_with_the_spread() {
        let now = at("2026-11-20T10:00:00Z");
        let reference = reference_rate_at("EUR", now).unwrap().rate;
        let (rate, day) = firm_rate("EUR", "CNY", now).unwrap();
        assert_eq!(rate, (reference * Decimal::new(1005, 3)).round_dp(4));
        assert_eq!(day, reference_rate_at("EUR", now).unwrap().date);
    }

    #[test]
    fn a_rate_from_a_dollar_account_crosses_through_the_yuan() {
        let now = at("2026-11-20T10:00:00Z");
        let eur = reference_rate_at("EUR", now).unwrap().rate;
        let usd = reference_rate_at("USD", now).unwrap().rate;
        let (rate, _) = firm_rate("EUR", "USD", now).unwrap();
        assert_eq!(rate, (eur / usd * Decimal::new(1005, 3)).round_dp(4));
    }

    #[test]
    fn a_yen_rate_keeps_six_decimals() {
        let (rate, _) = firm_rate("JPY", "CNY", at("2026-11-20T10:00:00Z")).unwrap();
        assert_eq!(rate.scale(), 6);
        assert!(
            rate > Decimal::new(4, 2) && rate < Decimal::new(5, 2),
            "{rate}"
        );
    }

    #[test]
    fn the_same_currency_or_an_unknown_one_gets_no_rate() {
        let now = at("2026-11-20T10:00:00Z");
        assert!(firm_rate("CNY", "CNY", now).is_err());
        assert!(firm_rate("XAU", "CNY", now).is_err());
    }
}
