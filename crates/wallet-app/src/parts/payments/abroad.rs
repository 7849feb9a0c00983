//! Sending money abroad: the recipient checked as typed, a quote from the bank at a firm rate (an FX
//! contract named in an international payment consent, `RateType` `Agreed`), and paying an accepted quote
//! with the PIN and the same risk checks, limits and second factor as any payment. An expired quote is
//! never paid (`QuoteExpired`: ask for a new one); the payment goes through the outbox like any other.

use crate::commands::commands;
use bank_api::wire::{
    CashAccount, Creditor, CreditorAgent, ExchangeRateRequest, InternationalConsentRequest,
    InternationalConsentRequestData, InternationalInitiation, PaymentContextCode, PaymentRisk,
    RateType, RemittanceInformation,
};
use wallet_core::account::mask_number;
use wallet_core::recipient_abroad::{
    Bic, CountryCode, RecipientAbroad, RecipientError, SCHEME_BIC, account_for,
};
use wallet_core::{Currency, Money, PaymentKind, PaymentStatus, payment};
use wallet_store::{InternationalQuote, PaymentPayee, PaymentRecord, StoreError};

use super::at_home::{Destination, PaymentSink};
use crate::dto::Payment;
use crate::dto::abroad::{
    ChargeBearer, InternationalQuoteDto, InternationalQuoteRequest, PayInternationalRequest,
    RecipientAbroadCheck, RecipientAbroadDraft,
};
use crate::dto::security::RiskAssessment;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Payments;
use crate::parts::security::typed;

/// The risk context every payment abroad is sent with.
pub(crate) fn risk_abroad() -> PaymentRisk {
    PaymentRisk {
        payment_context_code: Some(PaymentContextCode::PartyToParty),
        merchant_category_code: None,
        beneficiary_account_type: None,
    }
}

fn bearer_wire(bearer: ChargeBearer) -> bank_api::wire::ChargeBearer {
    match bearer {
        ChargeBearer::Shared => bank_api::wire::ChargeBearer::Shared,
        ChargeBearer::BorneByDebtor => bank_api::wire::ChargeBearer::BorneByDebtor,
        ChargeBearer::BorneByCreditor => bank_api::wire::ChargeBearer::BorneByCreditor,
    }
}

/// As the quote keeps it: the spec's code.
fn bearer_stored(bearer: ChargeBearer) -> &'static str {
    match bearer {
        ChargeBearer::Shared => "Shared",
        ChargeBearer::BorneByDebtor => "BorneByDebtor",
        ChargeBearer::BorneByCreditor => "BorneByCreditor",
    }
}

fn bearer_from_stored(text: &str) -> ChargeBearer {
    match text {
        "BorneByDebtor" => ChargeBearer::BorneByDebtor,
        "BorneByCreditor" => ChargeBearer::BorneByCreditor,
        _ => ChargeBearer::Shared,
    }
}

fn bank_answer(problem: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::BankError, problem)
}

/// Each field's problem in the user's words; a field is judged only once the ones it depends on are right.
pub fn check_recipient(draft: &RecipientAbroadDraft) -> RecipientAbroadCheck {
    let name = draft.name.trim();
    let name_error = (name.is_empty() || name.chars().count() > 140)
        .then(|| RecipientError::NameLength.to_string());
    let country = CountryCode::parse(&draft.country);
    let country_error = match &country {
        Err(error) => Some(error.to_string()),
        Ok(code) if code.as_str() == "CN" => Some(RecipientError::DomesticCountry.to_string()),
        Ok(_) => None,
    };
    let country = country.ok().filter(|_| country_error.is_none());
    let (account_error, account) = match &country {
        Some(country) => match account_for(&draft.account, country) {
            Ok((_, account)) => (None, Some(account)),
            Err(error) => (Some(error.to_string()), None),
        },
        None => (None, None),
    };
    let bic_error = match (Bic::parse(&draft.bic), &country) {
        (Err(error), _) => Some(error.to_string()),
        (Ok(bic), Some(country)) if bic.country() != country.as_str() => Some(
            RecipientError::BicCountryMismatch {
                bic_country: bic.country().to_string(),
                country: country.to_string(),
            }
            .to_string(),
        ),
        _ => None,
    };
    let valid =
        RecipientAbroad::parse(&draft.name, &draft.account, &draft.bic, &draft.country).is_ok();
    RecipientAbroadCheck {
        name_error,
        uses_iban: country.as_ref().map(CountryCode::uses_iban),
        country_error,
        account_error,
        bic_error,
        account,
        valid,
    }
}

#[commands]
impl Payments {
    /// The recipient as typed, field by field (the window shows the messages as the user types).
    pub async fn check_recipient_abroad(
        &self,
        draft: RecipientAbroadDraft,
    ) -> ApiResult<RecipientAbroadCheck> {
        Ok(check_recipient(&draft))
    }

    /// Asks the bank for a firm price of the payment: its rate, its charges, what arrives, until when.
    pub async fn quote_international(
        &self,
        request: InternationalQuoteRequest,
    ) -> ApiResult<InternationalQuoteDto> {
        let from = self.cx.account_by_id(&request.from_account_id).await?;
        let routing = from.routing.clone().ok_or_else(|| {
            ApiError::invalid("The bank has not given that account's number yet; sync first.")
        })?;
        let currency: Currency = request
            .currency
            .parse()
            .map_err(|_| ApiError::invalid(format!("{} is not a currency.", request.currency)))?;
        if currency == from.currency {
            return Err(ApiError::invalid(format!(
                "{} holds {currency}: choose the currency the recipient is sent, other than {currency}.",
                from.display_name()
            )));
        }
        let instructed = payment::parse_amount(&request.amount, currency, currency)
            .map_err(|error| ApiError::invalid(error.to_string()))?;
        let note =
            payment::note(request.note.as_deref()).map_err(|e| ApiError::invalid(e.to_string()))?;
        let draft = &request.recipient;
        let recipient =
            RecipientAbroad::parse(&draft.name, &draft.account, &draft.bic, &draft.country)
                .map_err(|error| ApiError::invalid(error.to_string()))?;

        let client = self.cx.open_banking()?.client();
        let app = client.client_credentials_token().await?;
        let fx = client
            .fx_quote(&app.access_token, currency.code(), from.currency.code())
            .await?;
        let quote_id = uuid::Uuid::now_v7().to_string();
        // 35 characters at most: the quote id without its dashes is 32.
        let reference = quote_id.replace('-', "");
        let initiation = InternationalInitiation {
            instruction_identification: reference.clone(),
            end_to_end_identification: reference,
            local_instrument: None,
            instruction_priority: Some("Normal".into()),
            charge_bearer: Some(bearer_wire(request.charge_bearer)),
            currency_of_transfer: currency.code().to_string(),
            destination_country_code: Some(recipient.country.to_string()),
            instructed_amount: bank_api::wire::Amount {
                amount: instructed.amount(),
                currency: currency.code().to_string(),
            },
            exchange_rate_information: Some(ExchangeRateRequest {
                unit_currency: currency.code().to_string(),
                exchange_rate: Some(fx.exchange_rate),
                rate_type: RateType::Agreed,
                contract_identification: Some(fx.contract_identification.clone()),
            }),
            debtor_account: Some(CashAccount {
                scheme_name: routing.scheme,
                identification: routing.identification,
                name: None,
                secondary_identification: None,
            }),
            creditor: Some(Creditor {
                name: Some(recipient.name.clone()),
            }),
            creditor_agent: Some(CreditorAgent {
                scheme_name: Some(SCHEME_BIC.to_string()),
                identification: Some(recipient.bic.as_str().to_string()),
                name: None,
            }),
            creditor_account: CashAccount {
                scheme_name: recipient.scheme.to_string(),
                identification: recipient.account.clone(),
                name: Some(recipient.name.clone()),
                secondary_identification: None,
            },
            remittance_information: note.as_ref().map(|note| RemittanceInformation {
                unstructured: Some(note.clone()),
                reference: None,
            }),
        };
        let consent = client
            .create_international_payment_consent(
                &app.access_token,
                &InternationalConsentRequest {
                    data: InternationalConsentRequestData {
                        initiation: initiation.clone(),
                    },
                    risk: risk_abroad(),
                },
                &format!("{quote_id}-c"),
            )
            .await?;
        let quoted = consent
            .data
            .exchange_rate_information
            .ok_or_else(|| bank_answer("The bank's consent states no exchange rate."))?;
        if quoted.exchange_rate != fx.exchange_rate {
            return Err(bank_answer(format!(
                "The bank's consent states the rate {} instead of its quote {}; nothing was paid.",
                quoted.exchange_rate, fx.exchange_rate
            )));
        }
        let expires_at = quoted
            .expiration_date_time
            .map_or(fx.expiration_date_time, |at| {
                at.min(fx.expiration_date_time)
            });
        let mut fee = Money::zero(from.currency);
        let mut deducted = Money::zero(currency);
        for charge in &consent.data.charges {
            let amount = &charge.amount;
            if amount.currency == from.currency.code() {
                fee = fee.checked_add(&Money::new(amount.amount, from.currency)?)?;
            } else if amount.currency == currency.code() {
                deducted = deducted.checked_add(&Money::new(amount.amount, currency)?)?;
            } else {
                return Err(bank_answer(format!(
                    "The bank states a charge in {}, neither the account's currency nor the one sent.",
                    amount.currency
                )));
            }
        }
        // The bank's documented rule: the instructed amount at the rate, half away from zero.
        let converted = wallet_core::fx::convert(instructed, fx.exchange_rate, from.currency)?;
        let delivered = Money::new(instructed.amount() - deducted.amount(), currency)?;
        let quote = InternationalQuote {
            id: quote_id,
            from_account: from.id,
            payee_name: recipient.name.clone(),
            payee_country: recipient.country.to_string(),
            payee_scheme: recipient.scheme.to_string(),
            payee_account: recipient.account.clone(),
            payee_bic: recipient.bic.as_str().to_string(),
            instructed,
            charge_bearer: bearer_stored(request.charge_bearer).to_string(),
            note,
            rate: fx.exchange_rate,
            converted,
            fee,
            delivered,
            contract_id: fx.contract_identification,
            consent_id: consent.data.consent_id,
            initiation_json: serde_json::to_string(&initiation)
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?,
            expires_at,
            created_at: self.cx.clock.now(),
            payment_id: None,
        };
        self.cx.store.insert_international_quote(&quote).await?;
        self.quote_dto(&quote, &deducted).await
    }
}

impl Payments {
    /// Pays an accepted quote, at its rate, or not at all.
    pub async fn pay_international(
        &self,
        request: PayInternationalRequest,
        on_change: PaymentSink<'_>,
    ) -> ApiResult<Payment> {
        let quote = self.quote(&request.quote_id).await?;
        if quote.payment_id.is_some() {
            return Err(ApiError::invalid("This quote has been paid already."));
        }
        self.check_quote_holds(&quote)?;
        let destination = destination_of(&quote);
        let debited = quote.debited()?;
        let mut lock = self
            .authorise_payment(
                request.pin.expose(),
                &destination,
                &debited,
                &quote.instructed,
                typed(&request.second_factor),
            )
            .await?;
        // The PIN and the code take a moment: the quote must still hold when the payment is written.
        self.check_quote_holds(&quote)?;
        let now = self.cx.clock.now();
        let record = PaymentRecord {
            id: uuid::Uuid::now_v7().to_string(),
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            kind: PaymentKind::PersonTransfer,
            from_account: quote.from_account,
            payee: destination.payee,
            amount: debited,
            note: quote.note.clone(),
            status: PaymentStatus::Queued,
            status_reason: None,
            consent_id: Some(quote.consent_id.clone()),
            access_token: None,
            token_expires_at: None,
            bank_payment_id: None,
            attempts: 0,
            created_at: now,
            updated_at: now,
        };
        match lock.insert_payment_of_quote(&record, &quote.id).await {
            Ok(()) => lock.commit().await?,
            Err(StoreError::Duplicate(_)) => {
                return Err(ApiError::invalid("This quote has been paid already."));
            }
            Err(other) => return Err(other.into()),
        }
        self.drive_written(&record, None, on_change).await
    }
}

#[commands]
impl Payments {
    async fn quote(&self, quote_id: &str) -> ApiResult<InternationalQuote> {
        self.cx
            .store
            .international_quote(quote_id)
            .await?
            .ok_or_else(|| ApiError::not_found("There is no such quote."))
    }

    fn check_quote_holds(&self, quote: &InternationalQuote) -> ApiResult<()> {
        if self.cx.clock.now() >= quote.expires_at {
            return Err(ApiError::new(
                ErrorCode::QuoteExpired,
                format!(
                    "The rate quoted ({} {} for 1 {}) expired at {}. Nothing was paid: get a new quote.",
                    quote.rate,
                    quote.converted.currency(),
                    quote.instructed.currency(),
                    quote.expires_at.to_rfc3339()
                ),
            ));
        }
        Ok(())
    }

    async fn quote_dto(
        &self,
        quote: &InternationalQuote,
        deducted: &Money,
    ) -> ApiResult<InternationalQuoteDto> {
        let destination = destination_of(quote);
        let debited = quote.debited()?;
        let assessment = self.assess(&destination, &debited).await?;
        let from_account_name = self
            .cx
            .account_names()
            .await?
            .get(&quote.from_account)
            .cloned()
            .unwrap_or_default();
        Ok(InternationalQuoteDto {
            id: quote.id.clone(),
            from_account_id: quote.from_account.to_string(),
            from_account_name,
            recipient_name: quote.payee_name.clone(),
            recipient_masked_account: mask_number(&quote.payee_account),
            bic: quote.payee_bic.clone(),
            country: quote.payee_country.clone(),
            instructed: quote.instructed.into(),
            rate: quote.rate.to_string(),
            unit_currency: quote.instructed.currency().code().to_string(),
            rate_currency: quote.converted.currency().code().to_string(),
            converted: quote.converted.into(),
            fee: quote.fee.into(),
            debited: debited.into(),
            deducted: (*deducted).into(),
            delivered: quote.delivered.into(),
            charge_bearer: bearer_from_stored(&quote.charge_bearer),
            note: quote.note.clone(),
            expires_at: quote.expires_at.to_rfc3339(),
            created_at: quote.created_at.to_rfc3339(),
            risk: RiskAssessment {
                score: assessment.score,
                verdict: assessment.verdict.into(),
                reasons: assessment.reasons.iter().map(Into::into).collect(),
                second_factor_enrolled: self.security.second_factor_enrolled().await?,
            },
        })
    }
}

/// Who a quote pays, as the risk checks and the outbox see a payee.
fn destination_of(quote: &InternationalQuote) -> Destination {
    Destination {
        kind: PaymentKind::PersonTransfer,
        payee: PaymentPayee {
            name: quote.payee_name.clone(),
            scheme: quote.payee_scheme.clone(),
            identification: quote.payee_account.clone(),
            mcc: None,
        },
        save_as: None,
        country: Some(quote.payee_country.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, account: &str, bic: &str, country: &str) -> RecipientAbroadDraft {
        RecipientAbroadDraft {
            name: name.into(),
            account: account.into(),
            bic: bic.into(),
            country: country.into(),
        }
    }

    #[test]
    fn a_good_recipient_has_no_messages_and_its_iban_compacted() {
        let check = check_recipient(&draft(
            "Anna Schmidt",
            "de89 3704 0044 0532 0130 00",
            "COBADEFFXXX",
            "DE",
        ));
        assert!(check.valid);
        assert_eq!(check.account.as_deref(), Some("DE89370400440532013000"));
        assert_eq!(
            (
                check.name_error,
                check.country_error,
                check.account_error,
                check.bic_error
            ),
            (None, None, None, None)
        );
    }

    #[test]
    fn each_field_says_what_is_wrong_with_it() {
        let check = check_recipient(&draft("", "DE88 3704 0044 0532 0130 00", "COBADEF", "DE"));
        assert!(!check.valid);
        assert!(check.name_error.is_some());
        assert!(check.account_error.unwrap().contains("check digits"));
        assert!(check.bic_error.unwrap().contains("8 or 11"));
        assert_eq!(check.country_error, None);
    }

    #[test]
    fn an_account_is_not_judged_before_its_country_is_known() {
        let check = check_recipient(&draft("Anna", "DE89370400440532013000", "COBADEFF", "ZZ"));
        assert!(check.country_error.unwrap().contains("ZZ"));
        assert_eq!(check.account_error, None);
        assert_eq!(check.uses_iban, None);
    }
}
