//! The bank's daily reference rates against CNY (a 09:15 Beijing-time fixing on business days), made up
//! but deterministic and realistic: each currency's base rate with a bounded drift worked out exactly, in
//! decimals, from the day number. Quotes for payments abroad start from them, the API publishes them
//! (`GET /purse/v1/fx/reference-rates`), and other code may compare a card conversion with the day's rate.

use axum::Json;
use axum::extract::{Query, State};
use bank_api::wire::{Envelope, FX_PREFIX, Links, Meta, ReferenceRateList};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

use crate::ob_error::ObError;
use crate::state::BankState;

/// Where the rates come from, as the API and the wallet name it.
pub const REFERENCE_RATE_SOURCE: &str = "Purse Sandbox Bank reference rate, 09:15 fixing";
/// The currency every reference rate is expressed in.
pub const REFERENCE_QUOTE_CURRENCY: &str = "CNY";
/// The longest range one request may ask for.
const MAX_DAYS: i64 = 400;

/// Each currency: CNY per unit at the centre of its band, as (mantissa, decimals) so it is exact.
/// The seeded card conversions (USD ≈ 7.182, JPY ≈ 0.0481) sit 0–2 % above these bands, as a card
/// scheme's rate with its margin does.
const SERIES: &[(&str, i64, u32)] = &[
    ("USD", 71_200, 4),
    ("EUR", 77_400, 4),
    ("GBP", 90_600, 4),
    ("HKD", 9_150, 4),
    ("JPY", 47_600, 6),
    ("AUD", 46_900, 4),
    ("CAD", 51_500, 4),
    ("CHF", 80_500, 4),
    ("SGD", 53_300, 4),
];

/// The currencies with a reference rate.
pub fn reference_currencies() -> impl Iterator<Item = &'static str> {
    SERIES.iter().map(|(code, ..)| *code)
}

/// One day's fixing of one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceRate {
    pub currency: &'static str,
    /// The business day of the fixing (a weekend day is priced at Friday's).
    pub date: NaiveDate,
    /// CNY per one unit of `currency`.
    pub rate: Decimal,
}

/// Half the swing of the slow cycle and of the day-to-day noise, in basis points; the cycle's length.
const CYCLE_BP: i64 = 80;
const NOISE_BP: i64 = 5;
const CYCLE_DAYS: i64 = 120;

fn business_day(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date - Duration::days(1),
        Weekday::Sun => date - Duration::days(2),
        _ => date,
    }
}

/// The fixing in force on `date` (Friday's for a weekend), or `None` for a currency without one.
pub fn reference_rate(currency: &str, date: NaiveDate) -> Option<ReferenceRate> {
    let index = SERIES.iter().position(|(code, ..)| *code == currency)?;
    let (code, mantissa, decimals) = SERIES[index];
    let day = business_day(date);
    let n = i64::from(day.num_days_from_ce()) + i64::try_from(index).unwrap_or(0) * 29;
    // A triangle wave between -CYCLE_BP and +CYCLE_BP over CYCLE_DAYS, plus noise within ±NOISE_BP.
    let phase = n.rem_euclid(CYCLE_DAYS);
    let half = CYCLE_DAYS / 2;
    let cycle = Decimal::from(2 * CYCLE_BP * (phase - half).abs()) / Decimal::from(half)
        - Decimal::from(CYCLE_BP);
    let noise = Decimal::from((n * 37).rem_euclid(2 * NOISE_BP + 1) - NOISE_BP);
    let drift = (cycle + noise) / Decimal::from(10_000);
    let rate = (Decimal::new(mantissa, decimals) * (Decimal::ONE + drift))
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    Some(ReferenceRate {
        currency: code,
        date: day,
        rate,
    })
}

/// The fixing in force at an instant: today's after 09:15 Beijing time, the last business day's before.
pub fn reference_rate_at(currency: &str, at: DateTime<Utc>) -> Option<ReferenceRate> {
    let beijing = at + Duration::hours(crate::seed::CST_HOURS);
    let fixing = NaiveTime::from_hms_opt(9, 15, 0)?;
    let date = if beijing.time() >= fixing {
        beijing.date_naive()
    } else {
        business_day(beijing.date_naive() - Duration::days(1))
    };
    reference_rate(currency, date)
}

#[derive(Debug, Deserialize)]
pub struct RangeQuery {
    currency: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn date_param(name: &str, value: Option<&str>) -> Result<NaiveDate, ObError> {
    let text = value.ok_or_else(|| ObError::invalid_field(format!("{name} is required.")))?;
    text.parse().map_err(|_| {
        ObError::invalid_field(format!(
            "{name} must be a date like 2026-11-20, not {text}."
        ))
    })
}

/// `GET /purse/v1/fx/reference-rates?currency=USD&from=2026-11-01&to=2026-11-20`: one rate per business day.
pub async fn list(
    State(bank): State<BankState>,
    Query(query): Query<RangeQuery>,
) -> Result<Json<Envelope<ReferenceRateList>>, ObError> {
    let currency = query
        .currency
        .as_deref()
        .ok_or_else(|| ObError::invalid_field("currency is required."))?
        .to_ascii_uppercase();
    if reference_rate(&currency, NaiveDate::MIN).is_none() {
        return Err(ObError::invalid_field(format!(
            "This bank publishes no reference rate for {currency}; it does for {}.",
            reference_currencies().collect::<Vec<_>>().join(", ")
        )));
    }
    let from = date_param("from", query.from.as_deref())?;
    let to = date_param("to", query.to.as_deref())?;
    if to < from || (to - from).num_days() > MAX_DAYS {
        return Err(ObError::invalid_field(format!(
            "from must not be after to, and the range at most {MAX_DAYS} days."
        )));
    }
    // Nothing after the latest fixing: tomorrow's rate is not known yet.
    let latest = reference_rate_at(&currency, bank.clock.now())
        .map(|rate| rate.date)
        .unwrap_or(to);
    let rates = from
        .iter_days()
        .take_while(|day| *day <= to.min(latest))
        .filter(|day| business_day(*day) == *day)
        .filter_map(|day| reference_rate(&currency, day))
        .map(|rate| bank_api::wire::ReferenceRate {
            currency: rate.currency.to_string(),
            quote_currency: REFERENCE_QUOTE_CURRENCY.to_string(),
            date: rate.date,
            rate: rate.rate,
            source: REFERENCE_RATE_SOURCE.to_string(),
        })
        .collect();
    Ok(Json(Envelope {
        data: ReferenceRateList {
            reference_rate: rates,
        },
        links: Links {
            self_: format!("{}{FX_PREFIX}/reference-rates", bank.base_url),
            ..Links::default()
        },
        meta: Meta::default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_rate_is_the_same_every_time_it_is_asked_for() {
        assert_eq!(
            reference_rate("USD", day(2026, 11, 20)),
            reference_rate("USD", day(2026, 11, 20))
        );
    }

    #[test]
    fn a_weekend_day_is_priced_at_fridays_fixing() {
        let friday = reference_rate("EUR", day(2026, 11, 20)).unwrap();
        let sunday = reference_rate("EUR", day(2026, 11, 22)).unwrap();
        assert_eq!(sunday, friday);
        assert_eq!(sunday.date, day(2026, 11, 20));
    }

    #[test]
    fn every_rate_stays_within_its_band_and_moves_little_from_day_to_day() {
        for (code, mantissa, decimals) in SERIES {
            let centre = Decimal::new(*mantissa, *decimals);
            let band = centre * Decimal::new(CYCLE_BP + NOISE_BP, 4) + Decimal::new(1, *decimals);
            let mut yesterday: Option<Decimal> = None;
            for date in day(2016, 1, 1).iter_days().take(3_700) {
                let rate = reference_rate(code, date).unwrap().rate;
                assert!((rate - centre).abs() <= band, "{code} {date} {rate}");
                if let Some(before) = yesterday {
                    // At most 0.2 % from one fixing to the next (a weekend is three days of the cycle).
                    assert!(
                        (rate - before).abs() <= centre * Decimal::new(20, 4),
                        "{code} {date}"
                    );
                }
                yesterday = Some(rate);
            }
        }
    }

    #[test]
    fn the_seeded_card_conversions_sit_just_above_the_reference_rate() {
        // seed.rs: USD 7.1820–7.1838 in February, JPY 0.04810–0.04816 in July, every year.
        for year in 2016..=2026 {
            for (currency, date, card) in [
                ("USD", day(year, 2, 16), Decimal::new(71_820, 4)),
                ("JPY", day(year, 7, 12), Decimal::new(4_810, 5)),
            ] {
                let reference = reference_rate(currency, date).unwrap().rate;
                let margin = (card - reference) / reference;
                assert!(
                    margin > Decimal::ZERO && margin < Decimal::new(2, 2),
                    "{currency} {date}: card {card} against {reference}"
                );
            }
        }
    }

    #[test]
    fn before_the_morning_fixing_the_last_business_days_rate_is_in_force() {
        // Monday 23 November 2026, 09:00 and 09:30 Beijing time.
        let before = DateTime::parse_from_rfc3339("2026-11-23T01:00:00Z")
            .unwrap()
            .to_utc();
        let after = DateTime::parse_from_rfc3339("2026-11-23T01:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            reference_rate_at("GBP", before).unwrap().date,
            day(2026, 11, 20)
        );
        assert_eq!(
            reference_rate_at("GBP", after).unwrap().date,
            day(2026, 11, 23)
        );
    }

    #[test]
    fn a_currency_without_a_fixing_has_no_rate() {
        assert_eq!(reference_rate("XAU", day(2026, 11, 20)), None);
    }
}
