//! Rates into the home currency, always from the bank, each with its date and source: the bank's published
//! daily reference rates (fetched at each sync for every foreign currency the wallet meets, from the first
//! day it met it), and where the bank publishes none, the rate of the latest card payment it converted.

use std::collections::{BTreeMap, BTreeSet};

use bank_api::AccessToken;
use chrono::{Days, Local, NaiveDate};
use wallet_core::{Currency, fx};
use wallet_store::{DailyRate, FxRate};

use crate::context::Context;
use crate::error::ApiResult;

/// The longest range the bank answers in one request.
const DAYS_PER_REQUEST: u64 = 400;
/// How far back a currency met only as an account's (no converted lines) is fetched.
const ACCOUNT_ONLY_DAYS: u64 = 30;

impl Context {
    /// Brings the bank's reference rates up to today for every foreign currency of the wallet's accounts
    /// and converted lines. A bank that publishes none (the extension is the sandbox's, not the
    /// standard's), or none for a currency, is not an error: the card conversions stand in.
    pub(crate) async fn refresh_reference_rates(&self, token: &AccessToken) -> ApiResult<()> {
        let home = self.home_currency;
        let today = self.clock.now().with_timezone(&Local).date_naive();
        for (currency, first_needed) in self.foreign_currencies_met(today).await? {
            let from = match self.store.last_reference_day(currency, home).await? {
                Some(last) => last + Days::new(1),
                None => first_needed,
            };
            let mut window_start = from;
            while window_start <= today {
                let window_end = (window_start + Days::new(DAYS_PER_REQUEST - 1)).min(today);
                let answer = self
                    .open_banking()?
                    .client()
                    .reference_rates(token, currency.code(), window_start, window_end)
                    .await;
                let published = match answer {
                    Ok(published) => published,
                    Err(error) => {
                        tracing::info!(%currency, %error, "the bank publishes no reference rates for this currency");
                        break;
                    }
                };
                let rates: Vec<DailyRate> = published
                    .into_iter()
                    .filter(|rate| {
                        rate.quote_currency == home.code() && rate.currency == currency.code()
                    })
                    .map(|rate| DailyRate {
                        currency,
                        quote: home,
                        day: rate.date,
                        rate: rate.rate,
                        source: rate.source,
                    })
                    .collect();
                self.store.upsert_reference_rates(&rates).await?;
                window_start = window_end + Days::new(1);
            }
        }
        Ok(())
    }

    /// Each foreign currency the wallet holds or has paid in, with the first day a rate is needed for.
    async fn foreign_currencies_met(
        &self,
        today: NaiveDate,
    ) -> ApiResult<BTreeMap<Currency, NaiveDate>> {
        let home = self.home_currency;
        let mut met = BTreeMap::new();
        for month in self.store.rates_into(home).await?.months {
            let first_day = NaiveDate::from_ymd_opt(
                i32::try_from(month.month / 100).unwrap_or(1970),
                u32::try_from(month.month % 100).unwrap_or(1),
                1,
            )
            .unwrap_or(today);
            met.entry(month.from)
                .and_modify(|day: &mut NaiveDate| *day = (*day).min(first_day))
                .or_insert(first_day);
        }
        let accounts: BTreeSet<Currency> = self
            .store
            .list_accounts()
            .await?
            .into_iter()
            .map(|account| account.currency)
            .filter(|currency| *currency != home)
            .collect();
        for currency in accounts {
            met.entry(currency)
                .or_insert(today - Days::new(ACCOUNT_ONLY_DAYS));
        }
        Ok(met)
    }

    /// Today's rate per foreign currency: the bank's latest reference rate where it publishes one, else
    /// its latest card conversion.
    pub(crate) async fn refresh_fx_rates(&self) -> ApiResult<()> {
        let home = self.home_currency;
        let published = self.store.latest_reference_rates(home).await?;
        for rate in &published {
            self.store
                .upsert_fx_rate(&FxRate {
                    from: rate.currency,
                    to: home,
                    rate: rate.rate,
                    as_of: rate.day.to_string(),
                    source: rate.source.clone(),
                })
                .await?;
        }
        for conversion in self.store.latest_conversions(home).await? {
            let foreign = conversion.original.currency();
            if published.iter().any(|rate| rate.currency == foreign) {
                continue;
            }
            let Some(rate) = fx::rate_of(conversion.original.amount(), conversion.booked.amount())
            else {
                continue;
            };
            self.store
                .upsert_fx_rate(&FxRate {
                    from: foreign,
                    to: home,
                    rate,
                    as_of: conversion.booked_at.date_naive().to_string(),
                    source: format!("{} card conversion", self.bank()?.bank_name()),
                })
                .await?;
        }
        Ok(())
    }
}
