//! Pay, transfer, top up: the request is checked and the PIN asked before anything is written; then the
//! payment goes into the outbox and on to the bank (see `payment_flow`). Unfinished payments are resumed
//! at the next start or sync.

use crate::commands::commands;
use std::collections::HashMap;
use wallet_core::account::mask_number;
use wallet_core::payment::{self, AccountRouting};

use wallet_core::{Account, AccountId, AccountKind, Currency, Money, PaymentKind, PaymentStatus};
use wallet_store::{Payee, PaymentPayee, PaymentRecord, StoreError};

use super::qr;
use crate::dto::security::SecurityEventKind;
use crate::dto::{Payment, PaymentDraft, PaymentRequest, PaymentTarget};
use crate::error::{ApiError, ApiResult};
use crate::parts::Payments;
use crate::parts::security::typed;

/// Receives a payment each time its status changes (the desktop app forwards it as `payment-status`).
pub type PaymentSink<'a> = &'a (dyn Fn(Payment) + Send + Sync);

/// The newest payments shown in the payments list.
const LIST_LIMIT: u32 = 200;

fn invalid(error: payment::PaymentInputError) -> ApiError {
    ApiError::invalid(error.to_string())
}

/// Who is paid and what kind of payment that makes, before anything is written.
pub(crate) struct Destination {
    pub kind: PaymentKind,
    pub payee: PaymentPayee,
    /// Set when the user asked to keep a new person as a payee.
    pub save_as: Option<Payee>,
    /// The payee's country (ISO 3166 alpha-2) when known (a QR code says it).
    pub country: Option<String>,
}

/// A payment checked and ready for its PIN.
pub(crate) struct Prepared {
    pub from: Account,
    pub amount: Money,
    pub note: Option<String>,
    pub destination: Destination,
}

impl Payments {
    pub async fn submit_payment(
        &self,
        request: PaymentRequest,
        on_change: PaymentSink<'_>,
    ) -> ApiResult<Payment> {
        self.submit_payment_with_offer(request, None, on_change)
            .await
    }

    /// `submit_payment` carrying the offer the confirmation sheet showed: the bank charges the amount less
    /// its discount, or refuses the payment (nothing paid) when its own quote differs.
    pub async fn submit_payment_with_offer(
        &self,
        request: PaymentRequest,
        offer: Option<crate::dto::rewards::OfferChoice>,
        on_change: PaymentSink<'_>,
    ) -> ApiResult<Payment> {
        let Prepared {
            from,
            amount,
            note,
            destination,
        } = self.prepare_payment(&request.draft()).await?;
        let offer = offer
            .map(|choice| Self::checked_offer(&choice, &amount, destination.kind))
            .transpose()?;
        let mut lock = self
            .authorise_payment(
                request.pin.expose(),
                &destination,
                &amount,
                &amount,
                typed(&request.second_factor),
            )
            .await?;
        let now = self.cx.clock.now();
        let record = PaymentRecord {
            id: uuid::Uuid::now_v7().to_string(),
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            kind: destination.kind,
            from_account: from.id,
            payee: destination.payee,
            amount,
            note,
            status: PaymentStatus::Queued,
            status_reason: None,
            consent_id: None,
            access_token: None,
            token_expires_at: None,
            bank_payment_id: None,
            attempts: 0,
            created_at: now,
            updated_at: now,
        };
        // Under the lock the checks ran under: the payee, the offer, then the payment (never without the
        // offer it was confirmed with), all kept together or not at all.
        let payee_added = match &destination.save_as {
            Some(payee) => match lock.insert_payee(payee).await {
                Ok(()) => true,
                Err(StoreError::Duplicate(_)) => false,
                Err(other) => return Err(other.into()),
            },
            None => false,
        };
        if let Some(offer) = &offer {
            lock.set_payment_offer(&record.id, offer).await?;
        }
        // Written before any network call: from here on the payment is never lost.
        lock.insert_payment(&record).await?;
        lock.commit().await?;
        if let Some(payee) = destination.save_as.as_ref().filter(|_| payee_added) {
            self.cx
                .record(SecurityEventKind::PayeeAdded, Some(&payee.name))
                .await;
        }
        let discount = offer.map(|offer| crate::parts::rewards::applied_dto(offer, amount));
        self.drive_written(&record, discount, on_change).await
    }
}

#[commands]
impl Payments {
    /// The newest payments first.
    pub async fn list_payments(&self) -> ApiResult<Vec<Payment>> {
        let names = self.cx.account_names().await?;
        let mut shown = Vec::new();
        for record in self.cx.store.list_payments(LIST_LIMIT).await? {
            shown.push(Payment {
                discount: self.payment_discount(&record).await?,
                ..payment_dto(&record, &names)
            });
        }
        Ok(shown)
    }

    pub async fn get_payment(&self, payment_id: &str) -> ApiResult<Payment> {
        let record = self.stored_payment(payment_id).await?;
        Ok(Payment {
            discount: self.payment_discount(&record).await?,
            ..payment_dto(&record, &self.cx.account_names().await?)
        })
    }
}

impl Payments {
    /// Carries on every queued payment (a crash or a lost connection stopped it) and asks the bank about
    /// every sent one. Returns those whose status changed.
    pub async fn resume_payments(&self, on_change: PaymentSink<'_>) -> ApiResult<Vec<Payment>> {
        let mut changed = Vec::new();
        let names = self.cx.account_names().await?;
        for payment in self.cx.store.unfinished_payments().await? {
            let before = (payment.status, payment.status_reason.clone());
            let after = match payment.status {
                PaymentStatus::Queued => self.drive_payment(&payment.id).await?,
                _ => {
                    if let Err(error) = self.follow_up(&payment).await {
                        tracing::info!(%error, payment = payment.id, "could not ask the bank about a sent payment");
                    }
                    self.stored_payment(&payment.id).await?
                }
            };
            if (after.status, after.status_reason.clone()) != before {
                let shown = payment_dto(&after, &names);
                on_change(shown.clone());
                changed.push(shown);
            }
        }
        Ok(changed)
    }
}

#[commands]
impl Payments {
    /// Checks a payment as typed: the account, the amount in its currency, the note, who is paid.
    pub(crate) async fn prepare_payment(&self, draft: &PaymentDraft) -> ApiResult<Prepared> {
        let from = self.cx.account_by_id(&draft.from_account_id).await?;
        let currency: Currency = draft
            .currency
            .parse()
            .map_err(|_| ApiError::invalid(format!("{} is not a currency.", draft.currency)))?;
        let amount =
            payment::parse_amount(&draft.amount, currency, from.currency).map_err(invalid)?;
        let note = payment::note(draft.note.as_deref()).map_err(invalid)?;
        let destination = self.destination(&from, &draft.to, &amount).await?;
        Ok(Prepared {
            from,
            amount,
            note,
            destination,
        })
    }

    /// Who is paid; for a QR code that fixes the amount, also checks `amount` against it.
    async fn destination(
        &self,
        from: &Account,
        target: &PaymentTarget,
        amount: &Money,
    ) -> ApiResult<Destination> {
        match target {
            PaymentTarget::OwnAccount { account_id } => {
                let to = self.cx.account_by_id(account_id).await?;
                if to.id == from.id {
                    return Err(ApiError::invalid("Choose two different accounts."));
                }
                if to.currency != from.currency {
                    return Err(ApiError::invalid(format!(
                        "{} holds {} and {} holds {}: a transfer between them needs an exchange.",
                        from.display_name(),
                        from.currency,
                        to.display_name(),
                        to.currency
                    )));
                }
                let routing = to.routing.clone().ok_or_else(|| {
                    ApiError::invalid(
                        "The bank has not given that account's number yet; sync first.",
                    )
                })?;
                let top_up = to.kind == AccountKind::EWallet && from.kind == AccountKind::DebitCard;
                Ok(Destination {
                    kind: if top_up {
                        PaymentKind::TopUp
                    } else {
                        PaymentKind::OwnTransfer
                    },
                    payee: payee_of(&to.name, routing, None),
                    save_as: None,
                    country: None,
                })
            }
            PaymentTarget::Payee { payee_id } => {
                let saved = self
                    .cx
                    .store
                    .payee(payee_id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("There is no such payee."))?;
                Ok(Destination {
                    kind: PaymentKind::PersonTransfer,
                    payee: PaymentPayee {
                        name: saved.name,
                        scheme: saved.scheme,
                        identification: saved.identification,
                        mcc: None,
                    },
                    save_as: None,
                    country: None,
                })
            }
            PaymentTarget::Person {
                name,
                account_number,
                bank_name,
                save,
            } => {
                let payee = self.new_payee(name, account_number, bank_name.as_deref())?;
                Ok(Destination {
                    kind: PaymentKind::PersonTransfer,
                    payee: PaymentPayee {
                        name: payee.name.clone(),
                        scheme: payee.scheme.clone(),
                        identification: payee.identification.clone(),
                        mcc: None,
                    },
                    save_as: save.then_some(payee),
                    country: None,
                })
            }
            PaymentTarget::Qr { payload } => {
                let found = qr::payable(payload)?;
                check_fixed_amount(&found, amount)?;
                let is_merchant = found.is_merchant();
                let country = found.code.country_code().to_string();
                let routing = AccountRouting {
                    scheme: found.account.scheme.clone(),
                    identification: found.account.identification.clone(),
                };
                Ok(Destination {
                    kind: if is_merchant {
                        PaymentKind::Merchant
                    } else {
                        PaymentKind::PersonTransfer
                    },
                    payee: payee_of(
                        &found.display_name(),
                        routing,
                        is_merchant.then(|| found.code.merchant_category_code().to_string()),
                    ),
                    save_as: None,
                    country: Some(country),
                })
            }
        }
    }
}

/// A code that fixes the amount is paid exactly that amount, in its currency.
fn check_fixed_amount(found: &qr::PayableCode, amount: &Money) -> ApiResult<()> {
    if found.code.currency() != amount.currency() {
        return Err(ApiError::invalid(format!(
            "This code asks for {}; pay it from an account in that currency.",
            found.code.currency()
        )));
    }
    match found.fixed_amount() {
        Some(fixed) if fixed != *amount => Err(ApiError::invalid(format!(
            "This code fixes the amount at {} {}.",
            fixed.amount(),
            fixed.currency()
        ))),
        _ => Ok(()),
    }
}

pub(crate) fn payment_dto(
    record: &PaymentRecord,
    account_names: &HashMap<AccountId, String>,
) -> Payment {
    Payment {
        id: record.id.clone(),
        kind: record.kind.into(),
        from_account_id: record.from_account.to_string(),
        from_account_name: account_names
            .get(&record.from_account)
            .cloned()
            .unwrap_or_default(),
        payee_name: record.payee.name.clone(),
        payee_masked_number: mask_number(&record.payee.identification),
        amount: record.amount.into(),
        note: record.note.clone(),
        status: record.status.into(),
        status_reason: record.status_reason.clone(),
        created_at: record.created_at.to_rfc3339(),
        updated_at: record.updated_at.to_rfc3339(),
        discount: None,
    }
}

fn payee_of(name: &str, routing: AccountRouting, mcc: Option<String>) -> PaymentPayee {
    PaymentPayee {
        name: name.to_string(),
        scheme: routing.scheme,
        identification: routing.identification,
        mcc,
    }
}
