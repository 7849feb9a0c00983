//! The bank's offers on a payment (issue 7): before paying, the bank's quote of the best offer for it,
//! which the payment then carries as its expectation, so the bank charges exactly what the sheet showed.

use bank_api::wire::{self, CashAccount, OfferQuoteRequest};
use wallet_core::{Currency, Money, PaymentKind};
use wallet_store::{OfferDiscount, PaymentRecord};

use crate::commands::commands;
use crate::dto::PaymentDraft;
use crate::dto::rewards::{AppliedOffer, OfferChoice, OfferNotApplied, OfferQuote};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Payments;
use crate::parts::rewards::{applied_dto, money_dto, refusal_dto};

#[commands]
impl Payments {
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
        let token = self.cx.open_banking()?.access_token().await?;
        let quote = self
            .cx
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
        let Some(offer) = self.cx.store.payment_offer(&payment.id).await? else {
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

    /// The offer a payment carries, for the payments list.
    pub(crate) async fn payment_discount(
        &self,
        payment: &PaymentRecord,
    ) -> ApiResult<Option<AppliedOffer>> {
        Ok(self
            .cx
            .store
            .payment_offer(&payment.id)
            .await?
            .map(|offer| applied_dto(offer, payment.amount)))
    }
}
