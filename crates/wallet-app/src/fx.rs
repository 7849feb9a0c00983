//! Rates into the home currency, taken from the bank's own conversions: for each foreign currency, the rate
//! of the latest card payment the bank converted. Real data with a date and a source, never a made-up table.

use rust_decimal::Decimal;
use wallet_store::FxRate;

use crate::error::ApiResult;
use crate::wallet::Wallet;

/// Enough precision for display and conversion; banks quote 4–6 places.
pub(crate) const RATE_PLACES: u32 = 6;

impl Wallet {
    pub(crate) async fn refresh_fx_rates(&self) -> ApiResult<()> {
        for conversion in self.store.latest_conversions(self.home_currency).await? {
            let original = conversion.original.amount().abs();
            if original.is_zero() {
                continue;
            }
            let Some(rate) = conversion.booked.amount().abs().checked_div(original) else {
                continue;
            };
            let rate: Decimal = rate.round_dp(RATE_PLACES).normalize();
            self.store
                .upsert_fx_rate(&FxRate {
                    from: conversion.original.currency(),
                    to: self.home_currency,
                    rate,
                    as_of: conversion.booked_at.date_naive().to_string(),
                    source: format!("{} card conversion", self.bank.bank_name()),
                })
                .await?;
        }
        Ok(())
    }
}
