//! Re-categorising a bill: one line, or every line of its payee through a rule that also reaches the
//! lines future syncs bring.

use crate::commands::commands;
use wallet_core::TransactionId;
use wallet_core::category;

use crate::dto::{Recategorise, RecategoriseResult};
use crate::error::{ApiError, ApiResult};
use crate::parts::Bills;

#[commands]
impl Bills {
    /// Moves one bill to another category, or (`forWholePayee`) every bill of its payee, with a rule for
    /// new ones.
    pub async fn recategorise(&self, request: Recategorise) -> ApiResult<RecategoriseResult> {
        let id: TransactionId = request.transaction_id.parse().map_err(|_| {
            ApiError::invalid(format!("\"{}\" is not a bill id", request.transaction_id))
        })?;
        if category::find(&request.category_id).is_none() {
            return Err(ApiError::invalid(format!(
                "There is no category \"{}\".",
                request.category_id
            )));
        }
        let line = self
            .cx
            .store
            .transaction(id)
            .await?
            .ok_or_else(|| ApiError::not_found("There is no such bill."))?
            .line;
        if !request.for_whole_payee {
            let changed = self.cx.store.set_category(id, &request.category_id).await?;
            return Ok(RecategoriseResult {
                changed: u32::from(changed && line.category_id != request.category_id),
                rule_payee: None,
            });
        }
        let payee = line.payee().to_string();
        let changed = self
            .cx
            .store
            .apply_category_rule(&payee, &request.category_id, self.cx.clock.now())
            .await?;
        Ok(RecategoriseResult {
            changed: u32::try_from(changed).unwrap_or(u32::MAX),
            rule_payee: Some(payee),
        })
    }
}
