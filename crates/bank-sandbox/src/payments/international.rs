//! The international kind: a payment abroad at a firm rate. The bank checks the payee (IBAN, BIC, country:
//! it does not trust the wallet), prices the consent (the rate, the charges, until when the rate holds),
//! and pays at its contract's rate and never at another: a payment whose rate differs from the quote, or
//! whose quote has expired, is refused and books nothing. An accepted one debits the converted amount
//! (with its currency exchange) and the charges the payer bears, and settles with the correspondent bank
//! after `INTERNATIONAL_SETTLEMENT`.

use axum::http::StatusCode;
use bank_api::wire::{
    Charge, ChargeBearer, DomesticInitiation, ExchangeRateQuote, InternationalConsentData,
    InternationalConsentRequest, InternationalConsentResponse, InternationalInitiation,
    InternationalPaymentData, InternationalPaymentRequest, InternationalPaymentResponse, Meta,
    PaymentRisk, RateType,
};
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use wallet_core::recipient_abroad::{RecipientAbroad, SCHEME_BIC};

use super::consent::{Consent, links, millis};
use super::initiation_rules as rules;
use super::kind::PaymentKind;
use super::payment::Payment;
use crate::auth::Caller;
use crate::clearing::{self, Held};
use crate::fx_quotes::{self, Contract};
use crate::international_terms;
use crate::ob_error::ObError;
use crate::state::BankState;

/// How long a payment abroad takes to reach the correspondent bank (a demo's minutes for real days).
pub const INTERNATIONAL_SETTLEMENT: Duration = Duration::minutes(2);

pub struct International;

/// What an international consent keeps: the Initiation and Risk approved, the FX contract it pays at,
/// and its price in the paying account's currency.
pub struct Terms {
    initiation: InternationalInitiation,
    risk: PaymentRisk,
    contract: Contract,
    account_currency: String,
    converted_minor: i64,
    fee_minor: i64,
    charges: Vec<Charge>,
}

impl Terms {
    /// The rate as the consent's and the payment's answers state it.
    fn rate(&self) -> ExchangeRateQuote {
        ExchangeRateQuote {
            unit_currency: self.contract.unit_currency.clone(),
            exchange_rate: self.contract.rate,
            rate_type: self
                .initiation
                .exchange_rate_information
                .as_ref()
                .map_or(RateType::Actual, |asked| asked.rate_type),
            contract_identification: Some(self.contract.contract_id.clone()),
            expiration_date_time: Some(self.contract.expiry()),
        }
    }
}

/// The authorize page shows a payment abroad as it shows one at home: amount, payee, paying account.
fn summary(initiation: &InternationalInitiation) -> DomesticInitiation {
    DomesticInitiation {
        instruction_identification: initiation.instruction_identification.clone(),
        end_to_end_identification: initiation.end_to_end_identification.clone(),
        local_instrument: None,
        instructed_amount: initiation.instructed_amount.clone(),
        debtor_account: initiation.debtor_account.clone(),
        creditor_account: initiation.creditor_account.clone(),
        remittance_information: initiation.remittance_information.clone(),
        supplementary_data: None,
    }
}

/// The amount in minor units of the currency of transfer, or why it cannot be paid.
fn instructed_minor(initiation: &InternationalInitiation) -> Result<i64, ObError> {
    let amount = &initiation.instructed_amount;
    if amount.currency != initiation.currency_of_transfer {
        // Deviation: the spec allows an amount in the debtor's currency; this bank takes it in the
        // currency the payee receives, so the rate decides only what is debited.
        return Err(ObError::invalid_field(
            "InstructedAmount must be in the CurrencyOfTransfer at this bank.",
        ));
    }
    rules::amount_minor(amount)
}

/// Checks what the bank must not take on trust: identifiers, the payee's account, bank and country.
fn check_initiation(initiation: &InternationalInitiation) -> Result<(), ObError> {
    rules::identifications(
        &initiation.instruction_identification,
        &initiation.end_to_end_identification,
    )?;
    rules::remittance(initiation.remittance_information.as_ref())?;
    rules::debtor(initiation.debtor_account.as_ref())?;
    let account = &initiation.creditor_account;
    let name = rules::creditor_name(account)?;
    let country = initiation
        .destination_country_code
        .as_deref()
        .ok_or_else(|| {
            ObError::invalid_field("DestinationCountryCode is required by this bank.")
        })?;
    let agent = initiation
        .creditor_agent
        .as_ref()
        .filter(|agent| agent.scheme_name.as_deref() == Some(SCHEME_BIC))
        .and_then(|agent| agent.identification.as_deref())
        .ok_or_else(|| {
            ObError::invalid_field(
                "CreditorAgent with SchemeName UK.OBIE.BICFI and the payee bank's BIC is required.",
            )
        })?;
    let recipient = RecipientAbroad::parse(name, &account.identification, agent, country)
        .map_err(|e| ObError::invalid_field(format!("The payee: {e}")))?;
    if recipient.scheme != account.scheme_name {
        return Err(ObError::invalid_field(format!(
            "CreditorAccount.SchemeName must be {} for an account in {}.",
            recipient.scheme, recipient.country
        )));
    }
    instructed_minor(initiation).map(|_| ())
}

/// The contract the consent pays at: the one named (`Agreed`, its rate repeated exactly) or a new one
/// (`Actual`). An estimate (`Indicative`) is refused: this bank pays abroad only at a firm rate.
async fn contract_for(
    conn: &mut SqliteConnection,
    bank: &BankState,
    caller: &Caller,
    initiation: &InternationalInitiation,
    account_currency: &str,
    now: DateTime<Utc>,
) -> Result<Contract, ObError> {
    let asked = initiation
        .exchange_rate_information
        .as_ref()
        .ok_or_else(|| {
            ObError::invalid_field("ExchangeRateInformation is required by this bank.")
        })?;
    if asked.unit_currency != initiation.currency_of_transfer {
        return Err(ObError::invalid_field(
            "ExchangeRateInformation.UnitCurrency must be the CurrencyOfTransfer.",
        ));
    }
    match asked.rate_type {
        RateType::Indicative => Err(ObError::invalid_field(
            "This bank pays abroad only at a firm rate: RateType Agreed (a quote from /purse/v1/fx/quotes) or Actual.",
        )),
        RateType::Actual => {
            if asked.exchange_rate.is_some() || asked.contract_identification.is_some() {
                return Err(ObError::new(
                    StatusCode::BAD_REQUEST,
                    "UK.OBIE.Field.Unexpected",
                    "With RateType Actual the bank sets the rate: leave ExchangeRate and ContractIdentification out.",
                ));
            }
            fx_quotes::issue(
                conn,
                &caller.client_id,
                &initiation.currency_of_transfer,
                account_currency,
                now,
                bank.quote_lifetime,
            )
            .await
        }
        RateType::Agreed => {
            let (Some(rate), Some(id)) = (asked.exchange_rate, &asked.contract_identification)
            else {
                return Err(ObError::new(
                    StatusCode::BAD_REQUEST,
                    "UK.OBIE.Field.Missing",
                    "With RateType Agreed, ExchangeRate and ContractIdentification are required.",
                ));
            };
            let contract = fx_quotes::load(conn, id)
                .await?
                .filter(|c| c.client_id == caller.client_id)
                .ok_or_else(|| ObError::invalid_field("No such FX contract for this client."))?;
            if contract.consent_id.is_some() {
                return Err(ObError::invalid_field(
                    "This FX contract is already used by another consent.",
                ));
            }
            if contract.has_expired(now.timestamp_millis()) {
                return Err(ObError::new(
                    StatusCode::BAD_REQUEST,
                    "UK.OBIE.Rules.AfterCutOffDateTime",
                    format!(
                        "The FX quote expired at {}; ask for a new one.",
                        contract.expiry().to_rfc3339()
                    ),
                ));
            }
            if contract.unit_currency != initiation.currency_of_transfer
                || contract.quote_currency != account_currency
            {
                return Err(ObError::invalid_field(format!(
                    "The FX contract is for {} from {}, not {} from an account in {account_currency}.",
                    contract.unit_currency,
                    contract.quote_currency,
                    initiation.currency_of_transfer
                )));
            }
            if contract.rate != rate {
                return Err(ObError::invalid_field(format!(
                    "ExchangeRate {rate} is not the contract's rate {}.",
                    contract.rate
                )));
            }
            Ok(contract)
        }
    }
}

/// The customer's paying account, if it can pay `total_minor` now; else why not. Nothing is written.
async fn check_debtor(
    conn: &mut SqliteConnection,
    consent: &Consent<International>,
    total_minor: i64,
    now: DateTime<Utc>,
) -> Result<Result<Held, String>, ObError> {
    let debtor = consent
        .terms
        .initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::internal("a consent without a debtor"))?;
    let held = match clearing::paying_account(conn, debtor, consent.customer()).await? {
        Ok(held) => held,
        Err(reason) => return Ok(Err(reason)),
    };
    let refused = clearing::shortfall(
        conn,
        &held,
        total_minor,
        now,
        Some("needed with the charges"),
    )
    .await?;
    Ok(refused.map_or(Ok(held), Err))
}

/// The rate a payment is booked at and what it converts to, in the account's minor units.
#[derive(Debug, Clone, Copy)]
struct Applied {
    rate: Decimal,
    converted_minor: i64,
}

/// The payer's lines: the converted amount with its exchange, and the charges it bears. Both pending
/// until the payment settles.
async fn write_lines(
    conn: &mut SqliteConnection,
    payment_id: &str,
    terms: &Terms,
    debtor: &Held,
    applied: Applied,
    now: i64,
    settle_at: i64,
) -> Result<(), ObError> {
    let initiation = &terms.initiation;
    let payee = initiation.creditor_account.name.clone().unwrap_or_default();
    let country = initiation
        .destination_country_code
        .clone()
        .unwrap_or_default();
    let information = initiation
        .remittance_information
        .as_ref()
        .and_then(|r| r.unstructured.clone())
        .unwrap_or_else(|| format!("境外汇款 Transfer abroad to {payee} ({country})"));
    sqlx::query(
        "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor, information,
             bank_code, counterparty, fx_currency, fx_minor, fx_rate)
         VALUES (?, ?, ?, ?, ?, ?, 'TRANSFER', ?, ?, ?, ?)",
    )
    .bind(format!("tx-{payment_id}-out"))
    .bind(&debtor.account_id)
    .bind(now)
    .bind(settle_at)
    .bind(-applied.converted_minor)
    .bind(&information)
    .bind(&payee)
    .bind(&initiation.currency_of_transfer)
    .bind(instructed_minor(initiation)?)
    .bind(applied.rate.to_string())
    .execute(&mut *conn)
    .await?;
    if terms.fee_minor > 0 {
        sqlx::query(
            "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor, information,
                 bank_code, counterparty)
             VALUES (?, ?, ?, ?, ?, ?, 'FEE', ?)",
        )
        .bind(format!("tx-{payment_id}-fee"))
        .bind(&debtor.account_id)
        .bind(now)
        .bind(settle_at)
        .bind(-terms.fee_minor)
        .bind(format!("境外汇款手续费 Charges for the transfer to {payee}"))
        .bind("Purse Sandbox Bank")
        .execute(&mut *conn)
        .await?;
    }
    crate::books::restate_running(conn).await?;
    Ok(())
}

/// The rate the payment is booked at: its contract's, unless a test asked the bank to err by 1 % so the
/// wallet's own check can be seen.
fn applied(bank: &BankState, terms: &Terms) -> Applied {
    let agreed = Applied {
        rate: terms.contract.rate,
        converted_minor: terms.converted_minor,
    };
    if !bank.faults.take_misquoted_rate() {
        return agreed;
    }
    let off = Decimal::new(101, 2);
    Applied {
        rate: agreed.rate * off,
        converted_minor: (Decimal::from(agreed.converted_minor) * off)
            .round()
            .try_into()
            .unwrap_or(agreed.converted_minor),
    }
}

impl PaymentKind for International {
    const STORED: &'static str = "international-payment";
    const CONSENTS: &'static str = "international-payment-consents";
    const PAYMENTS: &'static str = "international-payments";
    const PAYMENT_ID_NAME: &'static str = "InternationalPaymentId";
    const PAYMENT_TABLE: &'static str = "international_payments";
    const CONSENT_ID_PREFIX: &'static str = "pic-";
    const PAYMENT_ID_PREFIX: &'static str = "ip-";
    const IN_PROCESS: &'static str = "On its way to the payee's bank abroad.";

    type ConsentRequest = InternationalConsentRequest;
    type ConsentResponse = InternationalConsentResponse;
    type PaymentRequest = InternationalPaymentRequest;
    type PaymentResponse = InternationalPaymentResponse;
    type Terms = Terms;
    /// The rate the payment was made at.
    type Booked = Decimal;

    async fn open(
        conn: &mut SqliteConnection,
        bank: &BankState,
        caller: &Caller,
        request: &InternationalConsentRequest,
        consent_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ObError> {
        let initiation = &request.data.initiation;
        check_initiation(initiation)?;
        let debtor = rules::debtor(initiation.debtor_account.as_ref())?;
        let account = clearing::find(conn, debtor).await?.ok_or_else(|| {
            ObError::invalid_field("DebtorAccount is not an account at this bank.")
        })?;
        let contract = contract_for(conn, bank, caller, initiation, &account.currency, now).await?;
        let price = international_terms::terms(
            instructed_minor(initiation)?,
            &initiation.currency_of_transfer,
            &account.currency,
            contract.rate,
            initiation.charge_bearer.unwrap_or(ChargeBearer::Shared),
        )?;
        sqlx::query(
            "INSERT INTO international_consents (consent_id, initiation_json, risk_json, contract_id,
                 account_currency, converted_minor, fee_minor, charges_json)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(consent_id)
        .bind(serde_json::to_string(initiation).map_err(ObError::internal)?)
        .bind(serde_json::to_string(&request.risk).map_err(ObError::internal)?)
        .bind(&contract.contract_id)
        .bind(&account.currency)
        .bind(price.converted_minor)
        .bind(price.fee_minor)
        .bind(serde_json::to_string(&price.charges).map_err(ObError::internal)?)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE fx_quotes SET consent_id = ? WHERE contract_id = ?")
            .bind(consent_id)
            .bind(&contract.contract_id)
            .execute(conn)
            .await?;
        Ok(())
    }

    async fn load_terms(
        conn: &mut SqliteConnection,
        consent_id: &str,
    ) -> Result<Option<Terms>, ObError> {
        let row = sqlx::query("SELECT * FROM international_consents WHERE consent_id = ?")
            .bind(consent_id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let json = |column: &str| -> Result<String, ObError> { Ok(row.try_get(column)?) };
        let contract_id: String = row.try_get("contract_id")?;
        let contract = fx_quotes::load(conn, &contract_id)
            .await?
            .ok_or_else(|| ObError::internal("a consent without its FX contract"))?;
        Ok(Some(Terms {
            initiation: serde_json::from_str(&json("initiation_json")?)
                .map_err(ObError::internal)?,
            risk: serde_json::from_str(&json("risk_json")?).map_err(ObError::internal)?,
            contract,
            account_currency: row.try_get("account_currency")?,
            converted_minor: row.try_get("converted_minor")?,
            fee_minor: row.try_get("fee_minor")?,
            charges: serde_json::from_str(&json("charges_json")?).map_err(ObError::internal)?,
        }))
    }

    fn consent_response(bank: &BankState, consent: &Consent<Self>) -> InternationalConsentResponse {
        let terms = &consent.terms;
        InternationalConsentResponse {
            data: InternationalConsentData {
                consent_id: consent.consent_id.clone(),
                creation_date_time: millis(consent.created_at),
                status: consent.status,
                status_update_date_time: millis(consent.updated_at),
                // After the rate's expiry the consent cannot be paid.
                cut_off_date_time: Some(terms.contract.expiry()),
                expected_settlement_date_time: None,
                charges: terms.charges.clone(),
                exchange_rate_information: Some(terms.rate()),
                initiation: terms.initiation.clone(),
            },
            risk: terms.risk.clone(),
            links: consent.links(bank),
            meta: Meta::default(),
        }
    }

    fn summary(terms: &Terms) -> DomesticInitiation {
        summary(&terms.initiation)
    }

    /// Whether the paying account covers the converted amount and the charges it bears.
    async fn funds_available(
        conn: &mut SqliteConnection,
        consent: &Consent<Self>,
        now: DateTime<Utc>,
    ) -> Result<bool, ObError> {
        let terms = &consent.terms;
        let debtor = terms
            .initiation
            .debtor_account
            .as_ref()
            .ok_or_else(|| ObError::internal("a consent without a debtor"))?;
        let Some(held) = clearing::find(conn, debtor)
            .await?
            .filter(|held| held.customer_id == consent.customer())
        else {
            return Ok(false);
        };
        let available = clearing::available_minor(conn, &held, now.timestamp_millis()).await?;
        Ok(available >= terms.converted_minor + terms.fee_minor)
    }

    fn consent_id_of(request: &InternationalPaymentRequest) -> &str {
        &request.data.consent_id
    }

    /// The payment repeats the consent's exact rate and Initiation, and the quote still holds.
    fn check_payment(
        request: &InternationalPaymentRequest,
        consent: &Consent<Self>,
        now_ms: i64,
    ) -> Result<(), ObError> {
        let terms = &consent.terms;
        let asked = request.data.initiation.exchange_rate_information.as_ref();
        let agreed = terms.initiation.exchange_rate_information.as_ref();
        if let (Some(asked), Some(agreed)) = (asked, agreed)
            && asked.exchange_rate != agreed.exchange_rate
        {
            return Err(ObError::new(
                StatusCode::BAD_REQUEST,
                "UK.OBIE.Resource.ConsentMismatch",
                format!(
                    "The payment's exchange rate {} is not the rate quoted, {}; nothing was paid.",
                    asked
                        .exchange_rate
                        .map_or("(none)".to_string(), |r| r.to_string()),
                    terms.contract.rate
                ),
            ));
        }
        rules::same_as_approved(&request.data.initiation, &terms.initiation)?;
        if terms.contract.has_expired(now_ms) {
            return Err(ObError::new(
                StatusCode::BAD_REQUEST,
                "UK.OBIE.Rules.AfterCutOffDateTime",
                format!(
                    "The exchange rate quote expired at {}; ask for a new quote. Nothing was paid.",
                    terms.contract.expiry().to_rfc3339()
                ),
            ));
        }
        Ok(())
    }

    async fn make(
        conn: &mut SqliteConnection,
        bank: &BankState,
        consent: &Consent<Self>,
        payment_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ObError> {
        let now_ms = now.timestamp_millis();
        let terms = &consent.terms;
        let applied = applied(bank, terms);
        let total = applied.converted_minor + terms.fee_minor;
        let settle_at = (now + INTERNATIONAL_SETTLEMENT).timestamp_millis();
        let (status, reason, debtor_id) = match check_debtor(conn, consent, total, now).await? {
            Ok(debtor) => {
                write_lines(conn, payment_id, terms, &debtor, applied, now_ms, settle_at).await?;
                ("Accepted", None, Some(debtor.account_id))
            }
            Err(reason) => ("Rejected", Some(reason), None),
        };
        sqlx::query(
            "INSERT INTO international_payments (payment_id, consent_id, client_id, status, reason,
                 debtor_account_id, rate, converted_minor, fee_minor, currency, created_at, settle_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(payment_id)
        .bind(&consent.consent_id)
        .bind(&consent.client_id)
        .bind(status)
        .bind(&reason)
        .bind(&debtor_id)
        .bind(applied.rate.to_string())
        .bind(applied.converted_minor)
        .bind(terms.fee_minor)
        .bind(&terms.account_currency)
        .bind(now_ms)
        .bind(if reason.is_some() { now_ms } else { settle_at })
        .execute(conn)
        .await?;
        Ok(())
    }

    fn booked_from_row(row: &SqliteRow) -> Result<Decimal, ObError> {
        row.try_get::<String, _>("rate")?
            .parse()
            .map_err(ObError::internal)
    }

    fn payment_response(
        bank: &BankState,
        payment: &Payment<Self>,
        consent: &Consent<Self>,
        now: i64,
    ) -> InternationalPaymentResponse {
        let record = &payment.record;
        let terms = &consent.terms;
        InternationalPaymentResponse {
            data: InternationalPaymentData {
                international_payment_id: record.payment_id.clone(),
                consent_id: record.consent_id.clone(),
                creation_date_time: millis(record.created_at),
                status: record.status(now),
                status_update_date_time: millis(record.status_changed_at(now)),
                expected_settlement_date_time: record.accepted.then(|| millis(record.settle_at)),
                charges: terms.charges.clone(),
                // The rate the payment was made at (always the contract's, unless a test made the bank err).
                exchange_rate_information: Some(ExchangeRateQuote {
                    exchange_rate: payment.booked,
                    ..terms.rate()
                }),
                initiation: terms.initiation.clone(),
            },
            links: links(bank, Self::PAYMENTS, &record.payment_id),
            meta: Meta::default(),
        }
    }
}
