//! Points and the bank's offers (issue 7): read with every sync, shown from the wallet file; points
//! redeemed with the payment PIN; before paying, the bank's quote of the best offer for the payment, which
//! the payment then carries as its expectation so the bank charges exactly what the sheet showed.

use crate::commands::commands;
use bank_api::wire::{self, CashAccount, OfferQuoteRequest, RedemptionRequest};
use wallet_core::{Currency, Money, PaymentKind};
use wallet_store::{OfferDiscount, PaymentRecord, PointsEntryRecord, PointsSnapshot};

use super::to_u32;
use crate::dto::rewards::{
    AppliedOffer, Offer, OfferChoice, OfferKind, OfferNotApplied, OfferQuote, OfferRefusal,
    OfferStatus, PointsEntry, PointsEntryKind, PointsOverview, RedeemRequest, Redemption,
    RedemptionKind, Voucher,
};
use crate::dto::{MoneyDto, PaymentDraft};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::wallet::Wallet;

/// History entries the points screen shows.
const HISTORY_SHOWN: u32 = 100;
/// Re-read this much points history before the newest kept entry (a line may book late).
const HISTORY_OVERLAP: chrono::Duration = chrono::Duration::days(3);

fn money(amount: &wire::Amount) -> ApiResult<Money> {
    let currency: Currency = amount
        .currency
        .parse()
        .map_err(|_| ApiError::invalid(format!("{} is not a currency.", amount.currency)))?;
    Money::new(amount.amount, currency).map_err(|e| ApiError::invalid(e.to_string()))
}

fn money_dto(amount: &wire::Amount) -> ApiResult<MoneyDto> {
    Ok(money(amount)?.into())
}

#[commands]
impl Wallet {
    /// Reads the points, their history, the offers and the offers used from the bank into the wallet file.
    pub(crate) async fn sync_rewards(&self) -> ApiResult<()> {
        let token = self.open_banking()?.access_token().await?;
        let client = self.open_banking()?.client();
        let balance = client.points_balance(&token).await?;
        let from = self
            .store
            .latest_points_entry(self.link()?)
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
            synced_at: self.clock.now(),
        };
        self.store
            .save_rewards(self.link()?, &snapshot, &entries, &offers, &discounts)
            .await?;
        Ok(())
    }

    /// The points screen, from the last sync.
    pub async fn points_overview(&self) -> ApiResult<PointsOverview> {
        let Some(snapshot) = self.store.points_snapshot(self.link()?).await? else {
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
                .store
                .accounts_of_link(self.link()?)
                .await?
                .into_iter()
                .find(|a| &a.bank_account_id == bank_id)
                .map(|a| a.display_name().to_string()),
            None => None,
        };
        let history = self
            .store
            .points_entries(self.link()?, HISTORY_SHOWN)
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
        self.store
            .bank_offers(self.link()?)
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
        self.check_payment_pin(request.pin.expose()).await?;
        let token = self.open_banking()?.access_token().await?;
        let done = self
            .open_banking()?
            .client()
            .redeem_points(&token, &wire_request, key)
            .await?;
        if let Err(error) = self.sync_now(&|_| {}).await {
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

    /// What the bank would take off this payment now (asked before the PIN, for the confirmation sheet).
    /// Money between the user's own accounts gets no offer.
    pub async fn quote_offer(&self, draft: PaymentDraft) -> ApiResult<OfferQuote> {
        let prepared = self.prepare_payment(&draft).await?;
        let amount = prepared.amount;
        let nothing = || OfferQuote {
            offer: None,
            amount: amount.into(),
            to_pay: amount.into(),
            not_applied: Vec::new(),
        };
        if matches!(
            prepared.destination.kind,
            PaymentKind::OwnTransfer | PaymentKind::TopUp
        ) {
            return Ok(nothing());
        }
        let Some(routing) = prepared.from.routing.clone() else {
            return Ok(nothing());
        };
        let payee = &prepared.destination.payee;
        let request = OfferQuoteRequest {
            debtor_account: CashAccount {
                scheme_name: routing.scheme,
                identification: routing.identification,
                name: None,
                secondary_identification: None,
            },
            creditor_account: CashAccount {
                scheme_name: payee.scheme.clone(),
                identification: payee.identification.clone(),
                name: Some(payee.name.clone()),
                secondary_identification: None,
            },
            instructed_amount: wire::Amount {
                amount: amount.amount(),
                currency: amount.currency().code().to_string(),
            },
            merchant_category_code: payee.mcc.clone(),
        };
        let token = self.open_banking()?.access_token().await?;
        let quote = self
            .open_banking()?
            .client()
            .quote_offer(&token, &request)
            .await?;
        Ok(OfferQuote {
            offer: quote
                .offer
                .as_ref()
                .map(|offer| {
                    Ok::<_, ApiError>(AppliedOffer {
                        offer_id: offer.offer_id.clone(),
                        title: offer.title.clone(),
                        discount: money_dto(&offer.discount)?,
                        full_price: None,
                        charged: None,
                    })
                })
                .transpose()?,
            amount: amount.into(),
            to_pay: money_dto(&quote.amount_to_pay)?,
            not_applied: quote
                .not_applied
                .iter()
                .map(|n| OfferNotApplied {
                    title: n.title.clone(),
                    reason: refusal_dto(n.reason),
                    description: n.description.clone(),
                })
                .collect(),
        })
    }

    /// The offer a payment is to carry, checked against the payment: a discount in its currency, more than
    /// nothing and less than the amount.
    pub(crate) fn checked_offer(
        choice: &OfferChoice,
        amount: &Money,
        kind: PaymentKind,
    ) -> ApiResult<OfferDiscount> {
        if matches!(kind, PaymentKind::OwnTransfer | PaymentKind::TopUp) {
            return Err(ApiError::invalid(
                "Offers apply to payments to others, not between your own accounts.",
            ));
        }
        let currency: Currency = choice
            .currency
            .parse()
            .map_err(|_| ApiError::invalid(format!("{} is not a currency.", choice.currency)))?;
        let discount = wallet_core::payment::parse_amount(&choice.discount, currency, currency)
            .map_err(|e| ApiError::invalid(format!("The offer's discount: {e}")))?;
        if discount.currency() != amount.currency() || discount.amount() >= amount.amount() {
            return Err(ApiError::invalid(
                "The offer's discount must be in the payment's currency and less than the amount.",
            ));
        }
        Ok(OfferDiscount {
            offer_id: choice.offer_id.clone(),
            offer_title: choice.title.clone(),
            discount,
        })
    }

    /// The `SupplementaryData` of a payment's Initiation: the offer it expects, if any.
    pub(crate) async fn offer_supplement(
        &self,
        payment: &PaymentRecord,
    ) -> ApiResult<Option<serde_json::Value>> {
        let Some(offer) = self.store.payment_offer(&payment.id).await? else {
            return Ok(None);
        };
        let expectation = wire::OfferExpectation {
            purse_offer: wire::ExpectedOffer {
                offer_id: offer.offer_id,
                discount: wire::Amount {
                    amount: offer.discount.amount(),
                    currency: offer.discount.currency().code().to_string(),
                },
            },
        };
        serde_json::to_value(expectation)
            .map(Some)
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
    }

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

    /// The offer a payment carries, for the payments list.
    pub(crate) async fn payment_discount(
        &self,
        payment: &PaymentRecord,
    ) -> ApiResult<Option<AppliedOffer>> {
        Ok(self
            .store
            .payment_offer(&payment.id)
            .await?
            .map(|offer| applied_dto(offer, payment.amount)))
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

fn refusal_dto(reason: wire::OfferRefusal) -> OfferRefusal {
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
