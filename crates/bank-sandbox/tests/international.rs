//! Payments abroad against a real sandbox on loopback, through the real client: the quote and its expiry,
//! the charges, a payment made only at the quoted rate, an idempotency key that never pays twice, a payee
//! the bank refuses, and the published reference rates.

mod common;

use bank_api::wire::{
    CashAccount, ChargeBearer, Creditor, CreditorAgent, EntryStatus, ExchangeRateRequest,
    InternationalConsentRequest, InternationalConsentRequestData, InternationalConsentResponse,
    InternationalInitiation, InternationalPaymentRequest, InternationalPaymentRequestData,
    PaymentRisk, PaymentStatus, RateType,
};
use bank_api::{AccessToken, BankError, wire::Amount};
use bank_sandbox::{DEFAULT_QUOTE_LIFETIME, DEMO_ACCOUNTS, INTERNATIONAL_SETTLEMENT};
use chrono::Duration;
use common::{Bank, bank, demo};
use rust_decimal::Decimal;

const IBAN: &str = "DE89370400440532013000";

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// 1000 EUR to Anna Schmidt in Germany from `from`, at the contract's rate.
fn initiation(
    from: &str,
    amount: &str,
    rate: Decimal,
    contract: &str,
    bearer: ChargeBearer,
) -> InternationalInitiation {
    InternationalInitiation {
        instruction_identification: "instr-abroad-1".into(),
        end_to_end_identification: "e2e-abroad-1".into(),
        local_instrument: None,
        instruction_priority: None,
        charge_bearer: Some(bearer),
        currency_of_transfer: "EUR".into(),
        destination_country_code: Some("DE".into()),
        instructed_amount: Amount {
            amount: dec(amount),
            currency: "EUR".into(),
        },
        exchange_rate_information: Some(ExchangeRateRequest {
            unit_currency: "EUR".into(),
            exchange_rate: Some(rate),
            rate_type: RateType::Agreed,
            contract_identification: Some(contract.into()),
        }),
        debtor_account: Some(demo(from)),
        creditor: Some(Creditor {
            name: Some("Anna Schmidt".into()),
        }),
        creditor_agent: Some(CreditorAgent {
            scheme_name: Some("UK.OBIE.BICFI".into()),
            identification: Some("COBADEFFXXX".into()),
            name: None,
        }),
        creditor_account: CashAccount {
            scheme_name: "UK.OBIE.IBAN".into(),
            identification: IBAN.into(),
            name: Some("Anna Schmidt".into()),
            secondary_identification: None,
        },
        remittance_information: None,
    }
}

async fn app_token(bank: &Bank) -> AccessToken {
    bank.client
        .client_credentials_token()
        .await
        .unwrap()
        .access_token
}

/// A firm quote for EUR from `from`'s currency and a consent at it.
async fn quoted(
    bank: &Bank,
    from: &str,
    amount: &str,
    bearer: ChargeBearer,
) -> Result<InternationalConsentResponse, BankError> {
    let app = app_token(bank).await;
    let account_currency = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.id == from)
        .unwrap()
        .currency;
    let fx = bank
        .client
        .fx_quote(&app, "EUR", account_currency)
        .await
        .unwrap();
    let initiation = initiation(
        from,
        amount,
        fx.exchange_rate,
        &fx.contract_identification,
        bearer,
    );
    consent_for(bank, initiation).await
}

async fn consent_for(
    bank: &Bank,
    initiation: InternationalInitiation,
) -> Result<InternationalConsentResponse, BankError> {
    let app = app_token(bank).await;
    bank.client
        .create_international_payment_consent(
            &app,
            &InternationalConsentRequest {
                data: InternationalConsentRequestData { initiation },
                risk: PaymentRisk::default(),
            },
            &uuid::Uuid::new_v4().to_string(),
        )
        .await
}

async fn approve(bank: &Bank, consent: &str) -> AccessToken {
    bank.approve(consent, "pay").await.access_token
}

fn payment_request(consent: &InternationalConsentResponse) -> InternationalPaymentRequest {
    InternationalPaymentRequest {
        data: InternationalPaymentRequestData {
            consent_id: consent.data.consent_id.clone(),
            initiation: consent.data.initiation.clone(),
        },
        risk: PaymentRisk::default(),
    }
}

async fn lines(bank: &Bank, account: &str) -> Vec<bank_api::wire::Transaction> {
    let token = bank.token().await;
    bank.history(&token, account).await
}

fn rejection_code(error: BankError) -> (String, String) {
    match error {
        BankError::Rejected { code, message, .. } => (code, message),
        other => panic!("expected a refusal, got {other}"),
    }
}

#[tokio::test]
async fn a_quote_states_the_rate_its_expiry_and_the_charges_shared() {
    let bank = bank().await;
    let consent = quoted(&bank, "acc-demo-salary", "1000.00", ChargeBearer::Shared)
        .await
        .unwrap();
    let rate = consent.data.exchange_rate_information.clone().unwrap();
    let reference = bank_sandbox::reference_rate_at("EUR", common::start_time()).unwrap();
    assert_eq!(
        rate.exchange_rate,
        (reference.rate * dec("1.005")).round_dp(4)
    );
    assert_eq!(rate.unit_currency, "EUR");
    assert_eq!(rate.rate_type, RateType::Agreed);
    assert_eq!(
        rate.expiration_date_time,
        Some(common::start_time() + DEFAULT_QUOTE_LIFETIME)
    );
    let charges: Vec<(String, Decimal, String)> = consent
        .data
        .charges
        .iter()
        .map(|c| (c.kind.clone(), c.amount.amount, c.amount.currency.clone()))
        .collect();
    // The bank's fee from the account in yuan; the correspondent's out of the euros sent.
    assert_eq!(charges[0].1, dec("50.00"));
    assert_eq!(charges[0].2, "CNY");
    assert_eq!(charges[1].2, "EUR");
    assert_eq!(
        charges[1].1,
        (dec("100") / rate.exchange_rate)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero)
    );
}

#[tokio::test]
async fn a_payment_settles_at_the_quoted_rate_and_books_the_conversion_and_the_fee() {
    let bank = bank().await;
    let consent = quoted(
        &bank,
        "acc-demo-salary",
        "1000.00",
        ChargeBearer::BorneByDebtor,
    )
    .await
    .unwrap();
    let rate = consent
        .data
        .exchange_rate_information
        .clone()
        .unwrap()
        .exchange_rate;
    let token = approve(&bank, &consent.data.consent_id).await;
    let paid = bank
        .client
        .create_international_payment(&token, &payment_request(&consent), "abroad-1")
        .await
        .unwrap();
    assert_eq!(paid.data.status, PaymentStatus::AcceptedSettlementInProcess);
    assert_eq!(
        paid.data.exchange_rate_information.unwrap().exchange_rate,
        rate
    );
    bank.clock.advance(INTERNATIONAL_SETTLEMENT);
    let lines = lines(&bank, "acc-demo-salary").await;
    let transfer = lines
        .iter()
        .find(|l| {
            l.currency_exchange.is_some()
                && l.transaction_information
                    .as_deref()
                    .is_some_and(|t| t.contains("Anna Schmidt"))
        })
        .expect("the transfer's line");
    assert_eq!(transfer.status, EntryStatus::Booked);
    assert_eq!(transfer.amount.amount, (dec("1000") * rate).round_dp(2));
    let exchange = transfer.currency_exchange.as_ref().unwrap();
    assert_eq!(exchange.source_currency, "EUR");
    assert_eq!(exchange.exchange_rate, rate);
    assert_eq!(
        exchange.instructed_amount.as_ref().unwrap().amount,
        dec("1000.00")
    );
    let fee = lines
        .iter()
        .find(|l| {
            l.transaction_information
                .as_deref()
                .is_some_and(|t| t.contains("Charges for the transfer"))
        })
        .expect("the fee's line");
    // Borne by the debtor: the bank's CNY 50 and the correspondent's CNY 100.
    assert_eq!(fee.amount.amount, dec("150.00"));
}

#[tokio::test]
async fn an_expired_quote_is_refused_and_nothing_is_booked() {
    let bank = bank().await;
    let consent = quoted(&bank, "acc-demo-salary", "200.00", ChargeBearer::Shared)
        .await
        .unwrap();
    let token = approve(&bank, &consent.data.consent_id).await;
    let before = bank
        .running
        .count_lines("acc-demo-salary", "TRANSFER")
        .await
        .unwrap();
    bank.clock
        .advance(DEFAULT_QUOTE_LIFETIME + Duration::seconds(1));
    let (code, message) = rejection_code(
        bank.client
            .create_international_payment(&token, &payment_request(&consent), "abroad-late")
            .await
            .unwrap_err(),
    );
    assert_eq!(code, "UK.OBIE.Rules.AfterCutOffDateTime");
    assert!(message.contains("expired"), "{message}");
    assert_eq!(
        bank.running
            .count_lines("acc-demo-salary", "TRANSFER")
            .await
            .unwrap(),
        before
    );
}

#[tokio::test]
async fn an_expired_quote_cannot_be_named_in_a_new_consent() {
    let bank = bank().await;
    let app = app_token(&bank).await;
    let fx = bank.client.fx_quote(&app, "EUR", "CNY").await.unwrap();
    bank.clock.advance(DEFAULT_QUOTE_LIFETIME);
    let initiation = initiation(
        "acc-demo-salary",
        "10.00",
        fx.exchange_rate,
        &fx.contract_identification,
        ChargeBearer::Shared,
    );
    let (code, _) = rejection_code(consent_for(&bank, initiation).await.unwrap_err());
    assert_eq!(code, "UK.OBIE.Rules.AfterCutOffDateTime");
}

#[tokio::test]
async fn a_payment_at_another_rate_than_the_quote_is_refused_and_nothing_is_booked() {
    let bank = bank().await;
    let consent = quoted(&bank, "acc-demo-salary", "300.00", ChargeBearer::Shared)
        .await
        .unwrap();
    let token = approve(&bank, &consent.data.consent_id).await;
    let mut request = payment_request(&consent);
    let asked = request
        .data
        .initiation
        .exchange_rate_information
        .as_mut()
        .unwrap();
    asked.exchange_rate = asked.exchange_rate.map(|r| r - dec("0.05"));
    let before = bank
        .running
        .count_lines("acc-demo-salary", "TRANSFER")
        .await
        .unwrap();
    let (code, message) = rejection_code(
        bank.client
            .create_international_payment(&token, &request, "abroad-cheaper")
            .await
            .unwrap_err(),
    );
    assert_eq!(code, "UK.OBIE.Resource.ConsentMismatch");
    assert!(message.contains("not the rate quoted"), "{message}");
    assert_eq!(
        bank.running
            .count_lines("acc-demo-salary", "TRANSFER")
            .await
            .unwrap(),
        before
    );
    // The honest request still pays, at the quote.
    let paid = bank
        .client
        .create_international_payment(&token, &payment_request(&consent), "abroad-honest")
        .await
        .unwrap();
    assert_eq!(paid.data.status, PaymentStatus::AcceptedSettlementInProcess);
}

#[tokio::test]
async fn a_consent_naming_another_rate_than_its_contract_is_refused() {
    let bank = bank().await;
    let app = app_token(&bank).await;
    let fx = bank.client.fx_quote(&app, "EUR", "CNY").await.unwrap();
    let initiation = initiation(
        "acc-demo-salary",
        "10.00",
        fx.exchange_rate + dec("0.1"),
        &fx.contract_identification,
        ChargeBearer::Shared,
    );
    let (_, message) = rejection_code(consent_for(&bank, initiation).await.unwrap_err());
    assert!(message.contains("not the contract's rate"), "{message}");
}

#[tokio::test]
async fn the_same_idempotency_key_and_body_get_the_first_answer_and_debit_once() {
    let bank = bank().await;
    let consent = quoted(&bank, "acc-demo-salary", "50.00", ChargeBearer::Shared)
        .await
        .unwrap();
    let token = approve(&bank, &consent.data.consent_id).await;
    let request = payment_request(&consent);
    let first = bank
        .client
        .create_international_payment(&token, &request, "abroad-once")
        .await
        .unwrap();
    let app = app_token(&bank).await;
    let again = bank
        .client
        .create_international_payment(&app, &request, "abroad-once")
        .await
        .unwrap();
    assert_eq!(
        again.data.international_payment_id,
        first.data.international_payment_id
    );
    assert_eq!(
        bank.running
            .count_lines("acc-demo-salary", "FEE")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn a_payee_with_a_wrong_iban_or_bic_is_refused_by_the_bank_itself() {
    let bank = bank().await;
    let app = app_token(&bank).await;
    let fx = bank.client.fx_quote(&app, "EUR", "CNY").await.unwrap();
    let mut wrong_iban = initiation(
        "acc-demo-salary",
        "10.00",
        fx.exchange_rate,
        &fx.contract_identification,
        ChargeBearer::Shared,
    );
    wrong_iban.creditor_account.identification = "DE88370400440532013000".into();
    let (_, message) = rejection_code(consent_for(&bank, wrong_iban.clone()).await.unwrap_err());
    assert!(message.contains("check digits"), "{message}");
    let mut wrong_bic = wrong_iban;
    wrong_bic.creditor_account.identification = IBAN.into();
    wrong_bic.creditor_agent.as_mut().unwrap().identification = Some("BNPAFRPP".into());
    let (_, message) = rejection_code(consent_for(&bank, wrong_bic).await.unwrap_err());
    assert!(message.contains("bank in FR"), "{message}");
}

#[tokio::test]
async fn a_payment_the_funds_do_not_cover_is_rejected_and_books_nothing() {
    let bank = bank().await;
    // Far beyond the e-wallet's balance (and its daily limit is lower still, but funds come first).
    let consent = quoted(&bank, "acc-demo-ewallet", "90000.00", ChargeBearer::Shared)
        .await
        .unwrap();
    let token = approve(&bank, &consent.data.consent_id).await;
    let paid = bank
        .client
        .create_international_payment(&token, &payment_request(&consent), "abroad-broke")
        .await
        .unwrap();
    assert_eq!(paid.data.status, PaymentStatus::Rejected);
    let details = bank
        .client
        .international_payment_details(&app_token(&bank).await, &paid.data.international_payment_id)
        .await
        .unwrap();
    let reason = details[0]
        .status_detail
        .as_ref()
        .and_then(|d| d.status_reason_description.clone())
        .unwrap();
    assert!(reason.contains("Insufficient funds"), "{reason}");
    assert_eq!(
        bank.running
            .count_lines("acc-demo-ewallet", "FEE")
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn funds_confirmation_counts_the_charges() {
    let bank = bank().await;
    let consent = quoted(
        &bank,
        "acc-demo-salary",
        "100.00",
        ChargeBearer::BorneByDebtor,
    )
    .await
    .unwrap();
    let token = approve(&bank, &consent.data.consent_id).await;
    assert!(
        bank.client
            .international_funds_available(&token, &consent.data.consent_id)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn reference_rates_are_published_per_business_day_up_to_today() {
    let bank = bank().await;
    let app = app_token(&bank).await;
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let rates = bank
        .client
        .reference_rates(&app, "USD", day(14), day(30))
        .await
        .unwrap();
    // 16–20 November: Monday to Friday; nothing after today (the 20th).
    let days: Vec<_> = rates.iter().map(|r| r.date).collect();
    assert_eq!(days, vec![day(16), day(17), day(18), day(19), day(20)]);
    assert!(
        rates
            .iter()
            .all(|r| r.source == bank_sandbox::REFERENCE_RATE_SOURCE)
    );
    assert_eq!(
        rates[4].rate,
        bank_sandbox::reference_rate("USD", day(20)).unwrap().rate
    );
}
