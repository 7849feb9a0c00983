//! The real cost of the bills' payments abroad: each converted line with the bank's charge on it and the
//! reference rate of its day, taken apart by `wallet_core::conversion_cost`.

use std::collections::HashMap;

use chrono::Local;
use wallet_core::{StoredTransaction, TransactionId, conversion_cost};

use crate::dto::ConversionCostDto;
use crate::error::ApiResult;
use crate::parts::Bills;

impl Bills {
    /// The cost of each converted line among `lines` (one lookup per currency and day on the page).
    pub(crate) async fn conversion_costs(
        &self,
        lines: &[StoredTransaction],
    ) -> ApiResult<HashMap<TransactionId, ConversionCostDto>> {
        let converted: Vec<_> = lines
            .iter()
            .filter_map(|stored| Some((stored, stored.line.original_amount?)))
            .filter(|(stored, original)| original.currency() != stored.line.amount.currency())
            .collect();
        if converted.is_empty() {
            return Ok(HashMap::new());
        }
        let ids: Vec<_> = converted.iter().map(|(stored, _)| stored.id).collect();
        let charges = self.cx.store.line_charges(&ids).await?;
        let day_of = |stored: &StoredTransaction| {
            stored
                .line
                .value_at
                .unwrap_or(stored.line.booked_at)
                .with_timezone(&Local)
                .date_naive()
        };
        let mut wanted: Vec<_> = converted
            .iter()
            .map(|(stored, original)| (original.currency(), day_of(stored)))
            .collect();
        wanted.sort_by_key(|(currency, day)| (currency.code().to_string(), *day));
        wanted.dedup();
        let home = self.cx.home_currency;
        let references = self.cx.store.reference_rates_on(home, &wanted).await?;
        let mut costs = HashMap::new();
        for (stored, original) in converted {
            let booked = stored.line.amount;
            let reference = (booked.currency() == home)
                .then(|| {
                    references
                        .get(&(original.currency(), day_of(stored)))
                        .cloned()
                })
                .flatten();
            let fee = charges.get(&stored.id).copied();
            // A line whose amounts cannot be taken apart (a zero original) simply shows no cost.
            if let Ok(cost) = conversion_cost(original, booked, fee, reference) {
                costs.insert(stored.id, cost.into());
            }
        }
        Ok(costs)
    }
}
