//! Carrying a payment from the outbox to the bank, step by step, each step written down first: a consent
//! (created under its own idempotency key), the customer's approval, then the payment under the payment's
//! key, then the bank's verdict. Any step may be repeated after a lost answer or a restart; the keys make
//! the bank do it once. One pipeline for every kind of payment: what differs between a payment at home
//! and one abroad (its consent, its request, how its verdict is judged) is the [`Order`], written per
//! kind here and in `payment_abroad_flow`.

use std::time::Duration;

use bank_api::wire::{
    CashAccount, DomesticConsentRequest, DomesticConsentRequestData, DomesticInitiation,
    DomesticPaymentRequest, DomesticPaymentRequestData, DomesticPaymentResponse,
    PaymentContextCode, PaymentRisk, RemittanceInformation,
};
use bank_api::wire::{InternationalPaymentRequest, InternationalPaymentResponse};
use bank_api::{AccessToken, BankClient, BankError, wire::Amount};
use wallet_core::{PaymentKind, PaymentStatus};
use wallet_store::{InternationalQuote, PaymentRecord};

use crate::error::{ApiError, ApiResult};
use crate::parts::Payments;
use crate::parts::payments::bank_verdict::{PaymentResource, accepted_status};

/// Tries per drive before a payment is left queued for the next start or sync.
const ATTEMPTS: u32 = 3;
const FIRST_WAIT: Duration = Duration::from_millis(300);

/// How a step ended when it did not reach the bank's verdict.
pub(crate) enum Setback {
    /// Worth trying again with the same keys: the network, a timeout, a busy bank.
    Transient(String),
    /// No money moved and none will: the payment fails with this reason.
    Final(String),
}

impl From<BankError> for Setback {
    fn from(error: BankError) -> Self {
        match error {
            BankError::Unreachable { .. }
            | BankError::Timeout
            | BankError::RateLimited
            | BankError::Server { .. }
            | BankError::Protocol(_)
            | BankError::RelinkNeeded => Setback::Transient(error.to_string()),
            BankError::Rejected { message, .. } => Setback::Final(message),
        }
    }
}

impl From<ApiError> for Setback {
    fn from(error: ApiError) -> Self {
        Setback::Transient(error.message)
    }
}

impl Payments {
    /// Moves one payment as far as it will go now. Returns it as it then stands.
    pub(crate) async fn drive_payment(&self, id: &str) -> ApiResult<PaymentRecord> {
        let _one_at_a_time = self.payment_lock.lock().await;
        let mut wait = FIRST_WAIT;
        for attempt in 1..=ATTEMPTS {
            let payment = self.stored_payment(id).await?;
            if payment.status != PaymentStatus::Queued {
                break;
            }
            match self.advance(&payment).await {
                Ok(()) => break,
                Err(Setback::Final(reason)) => {
                    self.cx
                        .store
                        .set_payment_status(
                            id,
                            PaymentStatus::Failed,
                            Some(&reason),
                            None,
                            self.cx.clock.now(),
                        )
                        .await?;
                    break;
                }
                Err(Setback::Transient(problem)) => {
                    tracing::warn!(payment = id, attempt, %problem, "payment attempt did not reach the bank's answer");
                    self.cx
                        .store
                        .record_payment_attempt(id, &problem, self.cx.clock.now())
                        .await?;
                    if attempt < ATTEMPTS {
                        tokio::time::sleep(wait).await;
                        wait *= 2;
                    }
                }
            }
        }
        self.stored_payment(id).await
    }

    pub(crate) async fn stored_payment(&self, id: &str) -> ApiResult<PaymentRecord> {
        self.cx
            .store
            .payment(id)
            .await?
            .ok_or_else(|| ApiError::not_found("There is no such payment."))
    }

    /// One pass down the pipeline: the kind's order (its consent made first when it has none), the
    /// customer's approval (or, after an attempt whose answer was lost, the bank's replay for the key),
    /// the payment, and the bank's verdict recorded.
    async fn advance(&self, payment: &PaymentRecord) -> Result<(), Setback> {
        let quote = self
            .cx
            .store
            .quote_of_payment(&payment.id)
            .await
            .map_err(ApiError::from)?;
        let order = match &quote {
            Some(quote) => self.order_abroad(payment, quote)?,
            None => self.order_at_home(payment).await?,
        };
        let client = self.cx.open_banking()?.client();
        let key = &payment.idempotency_key;
        let now = self.cx.clock.now();
        let token = match (&payment.access_token, payment.token_expires_at) {
            (Some(token), Some(expires)) if expires > now + chrono::Duration::seconds(30) => {
                AccessToken::from(token.expose().clone())
            }
            _ => {
                if payment.attempts > 0 {
                    // An earlier attempt may have reached the bank and lost its answer: ask with a client
                    // token first. The bank replays the first answer for this key; a refusal means it
                    // never got the payment.
                    let app = client.client_credentials_token().await?;
                    match order.send(client, &app.access_token, key).await {
                        Ok(answer) => return self.settle(payment, answer).await,
                        Err(BankError::RelinkNeeded) => {}
                        Err(other) => return Err(other.into()),
                    }
                }
                let (token, expires) = self.approved_by_payer(payment, order.consent_id()).await?;
                self.cx
                    .store
                    .set_payment_token(&payment.id, token.expose(), expires, self.cx.clock.now())
                    .await
                    .map_err(ApiError::from)?;
                token
            }
        };
        let answer = match order.send(client, &token, key).await {
            Ok(answer) => answer,
            Err(BankError::RelinkNeeded) => {
                // The token no longer works: forget it, so the next attempt asks again.
                self.cx
                    .store
                    .clear_payment_token(&payment.id, now)
                    .await
                    .map_err(ApiError::from)?;
                return Err(Setback::Transient(
                    "The bank asked for the payment to be approved again.".into(),
                ));
            }
            Err(other) => return Err(other.into()),
        };
        self.settle(payment, answer).await
    }

    /// A payment at home: its consent, created under its own key the first time and written down.
    async fn order_at_home(&self, payment: &PaymentRecord) -> Result<Order<'static>, Setback> {
        let client = self.cx.open_banking()?.client();
        let initiation = self.initiation(payment).await?;
        let consent_id = match &payment.consent_id {
            Some(consent) => consent.clone(),
            None => {
                let app = client.client_credentials_token().await?;
                let request = DomesticConsentRequest {
                    data: DomesticConsentRequestData {
                        initiation: initiation.clone(),
                    },
                    risk: risk(payment),
                };
                // Its own key, derived from the payment's: a lost answer here gets the same consent back.
                let key = format!("{}-c", payment.idempotency_key);
                let consent = client
                    .create_domestic_payment_consent(&app.access_token, &request, &key)
                    .await?;
                let consent_id = consent.data.consent_id;
                self.cx
                    .store
                    .set_payment_consent(&payment.id, &consent_id, self.cx.clock.now())
                    .await
                    .map_err(ApiError::from)?;
                consent_id
            }
        };
        Ok(Order::AtHome(Box::new(DomesticPaymentRequest {
            data: DomesticPaymentRequestData {
                consent_id,
                initiation,
            },
            risk: risk(payment),
        })))
    }

    /// Records the bank's verdict, judged as the payment's kind is.
    async fn settle(&self, payment: &PaymentRecord, answer: Answer<'_>) -> Result<(), Setback> {
        match answer {
            Answer::AtHome(answer) => self.settle_answer(payment, *answer).await,
            Answer::Abroad(answer, quote) => self.settle_abroad(payment, quote, *answer).await,
        }
    }

    /// Records the bank's verdict: completed, on its way (sent), or rejected with the bank's reason.
    async fn settle_answer(
        &self,
        payment: &PaymentRecord,
        answer: DomesticPaymentResponse,
    ) -> Result<(), Setback> {
        use bank_api::wire::PaymentStatus as Bank;
        let bank_id = answer.data.domestic_payment_id.clone();
        let (status, reason) = match answer.data.status {
            Bank::Rejected => (
                PaymentStatus::Rejected,
                Some(
                    self.rejection_reason(PaymentResource::Domestic, &bank_id)
                        .await,
                ),
            ),
            accepted => (accepted_status(accepted), None),
        };
        self.record_verdict(payment, status, reason.as_deref(), &bank_id)
            .await
    }

    /// Asks the bank about a sent payment; completed once it has settled.
    pub(crate) async fn follow_up(&self, payment: &PaymentRecord) -> ApiResult<()> {
        if self.cx.store.quote_of_payment(&payment.id).await?.is_some() {
            return self.follow_up_abroad(payment).await;
        }
        let Some(bank_id) = &payment.bank_payment_id else {
            return Ok(());
        };
        let client = self.cx.open_banking()?.client();
        let app = client.client_credentials_token().await?;
        let answer = client.domestic_payment(&app.access_token, bank_id).await?;
        self.complete_if_settled(payment, answer.data.status).await
    }

    async fn initiation(&self, payment: &PaymentRecord) -> Result<DomesticInitiation, Setback> {
        let from = self
            .cx
            .store
            .account(payment.from_account)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| {
                Setback::Final("The paying account is no longer in the wallet.".into())
            })?;
        let routing = from.routing.ok_or_else(|| {
            Setback::Final(
                "The bank has not given this account's number; sync and try again.".into(),
            )
        })?;
        // 35 characters at most: the payment id without its dashes is 32.
        let reference = payment.id.replace('-', "");
        Ok(DomesticInitiation {
            instruction_identification: reference.clone(),
            end_to_end_identification: reference,
            local_instrument: None,
            instructed_amount: Amount {
                amount: payment.amount.amount(),
                currency: payment.amount.currency().code().to_string(),
            },
            debtor_account: Some(CashAccount {
                scheme_name: routing.scheme,
                identification: routing.identification,
                name: None,
                secondary_identification: None,
            }),
            creditor_account: CashAccount {
                scheme_name: payment.payee.scheme.clone(),
                identification: payment.payee.identification.clone(),
                name: Some(payment.payee.name.clone()),
                secondary_identification: None,
            },
            remittance_information: payment.note.as_ref().map(|note| RemittanceInformation {
                unstructured: Some(note.clone()),
                reference: None,
            }),
            supplementary_data: self.offer_supplement(payment).await?,
        })
    }
}

/// A payment ready for the bank, by kind: what differs between a payment at home and one abroad.
pub(crate) enum Order<'q> {
    AtHome(Box<DomesticPaymentRequest>),
    /// Made with the quote's exact Initiation (its rate and contract), under the quote's consent.
    Abroad(Box<InternationalPaymentRequest>, &'q InternationalQuote),
}

/// The bank's answer to an [`Order`], of the same kind.
pub(crate) enum Answer<'q> {
    AtHome(Box<DomesticPaymentResponse>),
    Abroad(Box<InternationalPaymentResponse>, &'q InternationalQuote),
}

impl<'q> Order<'q> {
    fn consent_id(&self) -> &str {
        match self {
            Order::AtHome(request) => &request.data.consent_id,
            Order::Abroad(request, _) => &request.data.consent_id,
        }
    }

    /// Makes the payment at the bank under `key` (the bank makes it once per key).
    async fn send(
        &self,
        client: &BankClient,
        token: &AccessToken,
        key: &str,
    ) -> Result<Answer<'q>, BankError> {
        Ok(match self {
            Order::AtHome(request) => Answer::AtHome(Box::new(
                client.create_domestic_payment(token, request, key).await?,
            )),
            Order::Abroad(request, quote) => Answer::Abroad(
                Box::new(
                    client
                        .create_international_payment(token, request, key)
                        .await?,
                ),
                quote,
            ),
        })
    }
}

fn risk(payment: &PaymentRecord) -> PaymentRisk {
    PaymentRisk {
        payment_context_code: Some(match payment.kind {
            PaymentKind::OwnTransfer | PaymentKind::TopUp => PaymentContextCode::TransferToSelf,
            PaymentKind::PersonTransfer => PaymentContextCode::PartyToParty,
            PaymentKind::Merchant => PaymentContextCode::FaceToFacePointOfSale,
        }),
        merchant_category_code: payment.payee.mcc.clone(),
        beneficiary_account_type: None,
    }
}

impl Payments {
    /// The payer approves the payment's consent at the bank: the wallet's own customer through the
    /// composed consent step, a customer who linked in the browser on the bank's page, in the browser.
    async fn approved_by_payer(
        &self,
        payment: &PaymentRecord,
        consent_id: &str,
    ) -> ApiResult<(AccessToken, chrono::DateTime<chrono::Utc>)> {
        let account = self
            .cx
            .store
            .account(payment.from_account)
            .await?
            .ok_or_else(|| ApiError::not_found("The paying account is no longer in the wallet."))?;
        if Some(account.bank_link) == self.cx.link().ok() {
            return self.cx.open_banking()?.approve_payment(consent_id).await;
        }
        let link = self
            .cx
            .store
            .list_bank_links()
            .await?
            .into_iter()
            .find(|link| {
                link.id == account.bank_link && link.kind == wallet_store::LinkKind::OpenBanking
            })
            .ok_or_else(|| {
                ApiError::invalid("This account's bank does not take payments through Purse.")
            })?;
        let approval = self.cx.in_browser(browser_sign_in::DEFAULT_PATIENCE)?;
        self.cx
            .open_banking_as(&link, approval)?
            .approve_payment(consent_id)
            .await
    }
}
