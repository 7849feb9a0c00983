//! What a sync reads of the bank's points, their history, its offers and the offers used (issue 7); the
//! Rewards part shows them from the wallet file.

use bank_api::wire;
use wallet_store::{OfferDiscount, PointsEntryRecord, PointsSnapshot};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Links;
use crate::parts::rewards::money;

/// Re-read this much points history before the newest kept entry (a line may book late).
const HISTORY_OVERLAP: chrono::Duration = chrono::Duration::days(3);

impl Links {
    /// Reads the points, their history, the offers and the offers used from the bank into the wallet file.
    pub(crate) async fn sync_rewards(&self) -> ApiResult<()> {
        let token = self.cx.open_banking()?.access_token().await?;
        let client = self.cx.open_banking()?.client();
        let balance = client.points_balance(&token).await?;
        let from = self
            .cx
            .store
            .latest_points_entry(self.cx.link()?)
            .await?
            .map(|at| at - HISTORY_OVERLAP);
        let entries = client
            .points_history(&token, from)
            .await?
            .into_iter()
            .map(|entry| PointsEntryRecord {
                entry_id: entry.entry_id,
                at: entry.booking_date_time,
                points: entry.points,
                kind: match entry.kind {
                    wire::PointsEntryKind::Earned => "Earned",
                    wire::PointsEntryKind::Returned => "Returned",
                    wire::PointsEntryKind::Redeemed => "Redeemed",
                }
                .to_string(),
                description: entry.description,
                bank_transaction_id: entry.transaction_id,
            })
            .collect::<Vec<_>>();
        let offers = client
            .offers(&token)
            .await?
            .iter()
            .map(|offer| {
                serde_json::to_string(offer)
                    .map(|json| (offer.offer_id.clone(), json))
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        let mut discounts = Vec::new();
        for used in client.offer_uses(&token).await? {
            if let (wire::OfferUseStatus::Used, Some(line)) = (used.status, used.transaction_id) {
                discounts.push((
                    line,
                    OfferDiscount {
                        offer_id: used.offer_id,
                        offer_title: used.title,
                        discount: money(&used.discount)?,
                    },
                ));
            }
        }
        let snapshot = PointsSnapshot {
            balance: balance.balance,
            earned: balance.earned,
            redeemed: balance.redeemed,
            points_per_yuan: balance.points_per_yuan,
            minimum_bill_credit: balance.minimum_bill_credit,
            bill_credit_account: balance.bill_credit_account_id,
            vouchers_json: serde_json::to_string(&balance.vouchers)
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?,
            synced_at: self.cx.clock.now(),
        };
        self.cx
            .store
            .save_rewards(self.cx.link()?, &snapshot, &entries, &offers, &discounts)
            .await?;
        Ok(())
    }
}
