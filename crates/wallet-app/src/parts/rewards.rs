//! Points and the bank's offers (issue 7): read with every sync, shown from the wallet file; points
//! redeemed with the payment PIN; before paying, the bank's quote of the best offer for the payment, which
//! the payment then carries as its expectation so the bank charges exactly what the sheet showed.

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use bank_api::wire::{self, RedemptionRequest};
use wallet_core::{Currency, Money};
use wallet_store::OfferDiscount;

use super::to_u32;
use crate::dto::MoneyDto;
use crate::dto::rewards::{
    AppliedOffer, Offer, OfferKind, OfferRefusal, OfferStatus, PointsEntry, PointsEntryKind,
    PointsOverview, RedeemRequest, Redemption, RedemptionKind, Voucher,
};
use crate::error::{ApiError, ApiResult, ErrorCode};

pub struct Rewards {
    pub(crate) cx: Arc<Context>,
    /// Redeeming points takes the payment PIN.
    pub(crate) security: Arc<crate::parts::Security>,
    /// A redemption syncs, so the bills show its credit.
    pub(crate) links: Arc<crate::parts::Links>,
}

/// History entries the points screen shows.
const HISTORY_SHOWN: u32 = 100;

pub(crate) fn money(amount: &wire::Amount) -> ApiResult<Money> {
    let currency: Currency = amount
        .currency
        .parse()
        .map_err(|_| ApiError::invalid(format!("{} is not a currency.", amount.currency)))?;
    Money::new(amount.amount, currency).map_err(|e| ApiError::invalid(e.to_string()))
}

pub(crate) fn money_dto(amount: &wire::Amount) -> ApiResult<MoneyDto> {
    Ok(money(amount)?.into())
}

#[commands]
impl Rewards {
    /// The points screen, from the last sync.
    pub async fn points_overview(&self) -> ApiResult<PointsOverview> {
        let Some(snapshot) = self.cx.store.points_snapshot(self.cx.link()?).await? else {
            return Ok(PointsOverview {
                balance: 0,
                earned: 0,
                redeemed: 0,
                points_per_yuan: 100,
                minimum_bill_credit: 100,
                bill_credit_account_name: None,
                vouchers: Vec::new(),
                history: Vec::new(),
                synced_at: None,
            });
        };
        let vouchers: Vec<wire::VoucherOption> = serde_json::from_str(&snapshot.vouchers_json)
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let card_name = match &snapshot.bill_credit_account {
            Some(bank_id) => self
                .cx
                .store
                .accounts_of_link(self.cx.link()?)
                .await?
                .into_iter()
                .find(|a| &a.bank_account_id == bank_id)
                .map(|a| a.display_name().to_string()),
            None => None,
        };
        let history = self
            .cx
            .store
            .points_entries(self.cx.link()?, HISTORY_SHOWN)
            .await?
            .into_iter()
            .map(|entry| PointsEntry {
                id: entry.entry_id,
                at: entry.at.to_rfc3339(),
                points: entry.points,
                kind: match entry.kind.as_str() {
                    "Earned" => PointsEntryKind::Earned,
                    "Returned" => PointsEntryKind::Returned,
                    _ => PointsEntryKind::Redeemed,
                },
                description: entry.description,
            })
            .collect();
        Ok(PointsOverview {
            balance: snapshot.balance,
            earned: snapshot.earned,
            redeemed: snapshot.redeemed,
            points_per_yuan: snapshot.points_per_yuan,
            minimum_bill_credit: snapshot.minimum_bill_credit,
            bill_credit_account_name: card_name,
            vouchers: vouchers
                .iter()
                .map(|v| {
                    Ok(Voucher {
                        voucher_id: v.voucher_id.clone(),
                        title: v.title.clone(),
                        points: v.points,
                        value: money_dto(&v.value)?,
                    })
                })
                .collect::<ApiResult<_>>()?,
            history,
            synced_at: Some(snapshot.synced_at.to_rfc3339()),
        })
    }

    /// The bank's offers as the last sync found them.
    pub async fn list_offers(&self) -> ApiResult<Vec<Offer>> {
        self.cx
            .store
            .bank_offers(self.cx.link()?)
            .await?
            .iter()
            .map(|json| {
                let offer: wire::Offer = serde_json::from_str(json)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
                offer_dto(&offer)
            })
            .collect()
    }

    /// Spends points at the bank (with the PIN), then syncs so the balance and a bill credit's line show.
    pub async fn redeem_points(&self, request: RedeemRequest) -> ApiResult<Redemption> {
        let key = request.request_id.trim();
        if key.is_empty() || key.chars().count() > 40 {
            return Err(ApiError::invalid(
                "A redemption needs a request id of 1 to 40 characters.",
            ));
        }
        let wire_request = match request.kind {
            RedemptionKind::BillCredit => {
                let points = request.points.filter(|p| *p > 0).ok_or_else(|| {
                    ApiError::invalid("Say how many points to turn into a bill credit.")
                })?;
                RedemptionRequest {
                    kind: wire::RedemptionKind::BillCredit,
                    points: Some(points),
                    voucher_id: None,
                }
            }
            RedemptionKind::Voucher => RedemptionRequest {
                kind: wire::RedemptionKind::Voucher,
                points: None,
                voucher_id: Some(
                    request
                        .voucher_id
                        .clone()
                        .filter(|v| !v.trim().is_empty())
                        .ok_or_else(|| ApiError::invalid("Choose a voucher."))?,
                ),
            },
        };
        self.security
            .check_payment_pin(request.pin.expose())
            .await?;
        let token = self.cx.open_banking()?.access_token().await?;
        let done = self
            .cx
            .open_banking()?
            .client()
            .redeem_points(&token, &wire_request, key)
            .await?;
        if let Err(error) = self.links.sync_now(&|_| {}).await {
            tracing::info!(%error, "the sync after a redemption did not run");
        }
        Ok(Redemption {
            kind: request.kind,
            points: done.points,
            balance_after: done.balance_after,
            credit: done.credit.as_ref().map(money_dto).transpose()?,
            voucher_title: done.voucher_title,
            voucher_code: done.voucher_code,
        })
    }
}

/// The offer on a payment or a line that cost `full_price` before it.
pub(crate) fn applied_dto(offer: OfferDiscount, full_price: Money) -> AppliedOffer {
    let charged = Money::new(
        full_price.amount() - offer.discount.amount(),
        full_price.currency(),
    )
    .ok();
    AppliedOffer {
        offer_id: offer.offer_id,
        title: offer.offer_title,
        discount: offer.discount.into(),
        full_price: Some(full_price.into()),
        charged: charged.map(Into::into),
    }
}

pub(crate) fn refusal_dto(reason: wire::OfferRefusal) -> OfferRefusal {
    use wire::OfferRefusal as R;
    match reason {
        R::NotYetValid => OfferRefusal::NotYetValid,
        R::Expired => OfferRefusal::Expired,
        R::WrongMerchant => OfferRefusal::WrongMerchant,
        R::WrongCategory => OfferRefusal::WrongCategory,
        R::WrongCurrency => OfferRefusal::WrongCurrency,
        R::BelowMinimumSpend => OfferRefusal::BelowMinimumSpend,
        R::NotFirstPayment => OfferRefusal::NotFirstPayment,
        R::UsedUp => OfferRefusal::UsedUp,
        R::BudgetExhausted => OfferRefusal::BudgetExhausted,
        R::NotTheBest => OfferRefusal::NotTheBest,
    }
}

fn offer_dto(offer: &wire::Offer) -> ApiResult<Offer> {
    let count = |n: i64| to_u32(usize::try_from(n.max(0)).unwrap_or(usize::MAX));
    Ok(Offer {
        id: offer.offer_id.clone(),
        kind: match offer.kind {
            wire::OfferKind::Merchant => OfferKind::Merchant,
            wire::OfferKind::FirstPayment => OfferKind::FirstPayment,
            wire::OfferKind::CategoryCashback => OfferKind::CategoryCashback,
        },
        title: offer.title.clone(),
        description: offer.description.clone(),
        merchant_name: offer.merchant_name.clone(),
        minimum_spend: money_dto(&offer.minimum_spend)?,
        discount: offer.discount.as_ref().map(money_dto).transpose()?,
        percent: offer
            .percent_basis_points
            .map(|bps| rust_decimal::Decimal::new(bps, 2).normalize().to_string()),
        cap: offer.cap.as_ref().map(money_dto).transpose()?,
        valid_from: offer.valid_from.to_rfc3339(),
        valid_to: offer.valid_to.to_rfc3339(),
        per_customer_limit: count(offer.per_customer_limit),
        monthly: offer.period == wire::OfferPeriod::Month,
        used_by_you: count(offer.used_by_customer),
        left_for_you: count(offer.left_for_customer),
        budget_left: money_dto(&offer.budget_left)?,
        status: match offer.status {
            wire::OfferStatus::Active => OfferStatus::Active,
            wire::OfferStatus::NotYetValid => OfferStatus::NotYetValid,
            wire::OfferStatus::Expired => OfferStatus::Expired,
            wire::OfferStatus::UsedUp => OfferStatus::UsedUp,
            wire::OfferStatus::BudgetExhausted => OfferStatus::BudgetExhausted,
        },
    })
}

impl Context {
    /// The discounts the bank's offers took off these lines, by the bank's transaction id.
    pub(crate) async fn line_discounts(
        &self,
        lines: &[wallet_core::StoredTransaction],
    ) -> ApiResult<std::collections::HashMap<String, AppliedOffer>> {
        let ids: Vec<&str> = lines
            .iter()
            .map(|line| line.line.bank_transaction_id.as_str())
            .collect();
        let charged: std::collections::HashMap<&str, Money> = lines
            .iter()
            .map(|line| (line.line.bank_transaction_id.as_str(), line.line.amount))
            .collect();
        let mut found = std::collections::HashMap::new();
        for (id, offer) in self.store.line_discounts(&ids).await? {
            let Some(amount) = charged.get(id.as_str()) else {
                continue;
            };
            // The line is what was charged (a debit, negative): the price is that plus the discount.
            let full = Money::new(
                amount.amount().abs() + offer.discount.amount(),
                amount.currency(),
            )
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
            found.insert(id, applied_dto(offer, full));
        }
        Ok(found)
    }
}
