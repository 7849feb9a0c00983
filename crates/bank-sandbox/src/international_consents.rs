//! International payment consents: the wallet states a payment abroad (client token) at a firm rate, the
//! bank checks the payee (IBAN, BIC, country: it does not trust the wallet), prices it (the rate, the
//! charges, until when the rate holds) and the customer approves it; funds confirmation as for domestic.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    ChargeBearer, DomesticInitiation, Envelope, ExchangeRateQuote, FundsConfirmationData,
    InternationalConsentData, InternationalConsentRequest, InternationalConsentResponse,
    InternationalInitiation, Links, Meta, PaymentConsentStatus, PaymentRisk, RateType,
};
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};
use wallet_core::recipient_abroad::{RecipientAbroad, SCHEME_BIC};

use crate::auth::{self, Caller};
use crate::clearing;
use crate::fx_quotes::{self, Contract};
use crate::idempotency::{self, Start};
use crate::international_terms::{self, Terms};
use crate::ob_error::ObError;
use crate::payment_consent_rules;
use crate::pisp_consents::PREFIX;
use crate::state::BankState;

pub const KIND: &str = "international-payment";

fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// An international payment consent as the bank keeps it.
pub struct InternationalConsent {
    pub consent_id: String,
    pub client_id: String,
    pub customer_id: Option<String>,
    pub status: PaymentConsentStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub initiation: InternationalInitiation,
    pub risk: PaymentRisk,
    pub contract: Contract,
    pub account_currency: String,
    pub converted_minor: i64,
    pub fee_minor: i64,
    pub charges: Vec<bank_api::wire::Charge>,
}

impl InternationalConsent {
    /// The rate as the consent's and the payment's answers state it.
    pub fn rate(&self) -> ExchangeRateQuote {
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

pub async fn load(
    conn: &mut SqliteConnection,
    consent_id: &str,
) -> Result<Option<InternationalConsent>, ObError> {
    let row = sqlx::query(
        "SELECT c.client_id, c.customer_id, c.status, c.created_at, c.updated_at, i.*
         FROM consents c JOIN international_consents i ON i.consent_id = c.consent_id
         WHERE c.consent_id = ? AND c.kind = ?",
    )
    .bind(consent_id)
    .bind(KIND)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status = payment_consent_rules::status_from_stored(&row.try_get::<String, _>("status")?);
    let json = |column: &str| -> Result<String, ObError> { Ok(row.try_get(column)?) };
    let contract_id: String = row.try_get("contract_id")?;
    let contract = fx_quotes::load(conn, &contract_id)
        .await?
        .ok_or_else(|| ObError::internal("a consent without its FX contract"))?;
    Ok(Some(InternationalConsent {
        consent_id: consent_id.to_string(),
        client_id: row.try_get("client_id")?,
        customer_id: row.try_get("customer_id")?,
        status,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        initiation: serde_json::from_str(&json("initiation_json")?).map_err(ObError::internal)?,
        risk: serde_json::from_str(&json("risk_json")?).map_err(ObError::internal)?,
        contract,
        account_currency: row.try_get("account_currency")?,
        converted_minor: row.try_get("converted_minor")?,
        fee_minor: row.try_get("fee_minor")?,
        charges: serde_json::from_str(&json("charges_json")?).map_err(ObError::internal)?,
    }))
}

pub fn response(bank: &BankState, consent: &InternationalConsent) -> InternationalConsentResponse {
    InternationalConsentResponse {
        data: InternationalConsentData {
            consent_id: consent.consent_id.clone(),
            creation_date_time: millis(consent.created_at),
            status: consent.status,
            status_update_date_time: millis(consent.updated_at),
            // After the rate's expiry the consent cannot be paid.
            cut_off_date_time: Some(consent.contract.expiry()),
            expected_settlement_date_time: None,
            charges: consent.charges.clone(),
            exchange_rate_information: Some(consent.rate()),
            initiation: consent.initiation.clone(),
        },
        risk: consent.risk.clone(),
        links: Links {
            self_: format!(
                "{}{PREFIX}/international-payment-consents/{}",
                bank.base_url, consent.consent_id
            ),
            ..Links::default()
        },
        meta: Meta::default(),
    }
}

/// The authorize page shows a payment abroad as it shows one at home: amount, payee, paying account.
pub fn summary(initiation: &InternationalInitiation) -> DomesticInitiation {
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

fn within(name: &str, text: &str, max: usize) -> Result<(), ObError> {
    let length = text.chars().count();
    if length == 0 || length > max {
        Err(ObError::invalid_field(format!(
            "{name} must be 1 to {max} characters."
        )))
    } else {
        Ok(())
    }
}

/// The amount in minor units of the currency of transfer, or why it cannot be paid.
pub fn instructed_minor(initiation: &InternationalInitiation) -> Result<i64, ObError> {
    let amount = &initiation.instructed_amount;
    if amount.currency != initiation.currency_of_transfer {
        // Deviation: the spec allows an amount in the debtor's currency; this bank takes it in the
        // currency the payee receives, so the rate decides only what is debited.
        return Err(ObError::invalid_field(
            "InstructedAmount must be in the CurrencyOfTransfer at this bank.",
        ));
    }
    crate::pisp_consents::amount_minor(&summary(initiation))
}

/// Checks what the bank must not take on trust: identifiers, the payee's account, bank and country.
fn check_initiation(initiation: &InternationalInitiation) -> Result<(), ObError> {
    within(
        "InstructionIdentification",
        &initiation.instruction_identification,
        35,
    )?;
    within(
        "EndToEndIdentification",
        &initiation.end_to_end_identification,
        35,
    )?;
    if let Some(text) = initiation
        .remittance_information
        .as_ref()
        .and_then(|r| r.unstructured.as_ref())
    {
        within("RemittanceInformation.Unstructured", text, 140)?;
    }
    let debtor = initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::invalid_field("DebtorAccount is required by this bank."))?;
    within("DebtorAccount.Identification", &debtor.identification, 256)?;
    let account = &initiation.creditor_account;
    let name = account
        .name
        .as_deref()
        .ok_or_else(|| ObError::invalid_field("CreditorAccount.Name is required."))?;
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

pub async fn create(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    let now = bank.clock.now();
    let now_ms = now.timestamp_millis();
    let caller = auth::caller(&bank.pool, &headers, now_ms).await?;
    if caller.kind != "client" {
        return Err(ObError::forbidden(
            "Payment consents are created with a client-credentials token.",
        ));
    }
    let (mut tx, body, ticket) =
        match idempotency::start(&bank.pool, &headers, &caller.client_id, body, now_ms).await? {
            Start::Fresh(tx, body, ticket) => (tx, body, ticket),
            Start::Replayed(response) => return Ok(response),
        };
    let request: InternationalConsentRequest = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The consent request is not valid: {e}")))?;
    let initiation = &request.data.initiation;
    check_initiation(initiation)?;
    let debtor = initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::internal("checked above"))?;
    let account = clearing::find(&mut tx, debtor)
        .await?
        .ok_or_else(|| ObError::invalid_field("DebtorAccount is not an account at this bank."))?;
    let contract =
        contract_for(&mut tx, &bank, &caller, initiation, &account.currency, now).await?;
    let Terms {
        converted_minor,
        fee_minor,
        charges,
        ..
    } = international_terms::terms(
        instructed_minor(initiation)?,
        &initiation.currency_of_transfer,
        &account.currency,
        contract.rate,
        initiation.charge_bearer.unwrap_or(ChargeBearer::Shared),
    )?;
    let consent_id = format!("pic-{}", uuid::Uuid::new_v4());
    sqlx::query(
        "INSERT INTO consents (consent_id, client_id, status, permissions, created_at, updated_at, kind)
         VALUES (?, ?, 'AwaitingAuthorisation', '', ?, ?, ?)",
    )
    .bind(&consent_id)
    .bind(&caller.client_id)
    .bind(now_ms)
    .bind(now_ms)
    .bind(KIND)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO international_consents (consent_id, initiation_json, risk_json, contract_id,
             account_currency, converted_minor, fee_minor, charges_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&consent_id)
    .bind(serde_json::to_string(initiation).map_err(ObError::internal)?)
    .bind(serde_json::to_string(&request.risk).map_err(ObError::internal)?)
    .bind(&contract.contract_id)
    .bind(&account.currency)
    .bind(converted_minor)
    .bind(fee_minor)
    .bind(serde_json::to_string(&charges).map_err(ObError::internal)?)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE fx_quotes SET consent_id = ? WHERE contract_id = ?")
        .bind(&consent_id)
        .bind(&contract.contract_id)
        .execute(&mut *tx)
        .await?;
    let consent = load(&mut tx, &consent_id)
        .await?
        .ok_or_else(|| ObError::internal("international consent vanished"))?;
    let body = serde_json::to_string(&response(&bank, &consent)).map_err(ObError::internal)?;
    let answer = ticket.answer(tx, StatusCode::CREATED, body, now_ms).await?;
    Ok(answer)
}

pub async fn get(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<InternationalConsentResponse>, ObError> {
    let caller = auth::caller(&bank.pool, &headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let consent = load(&mut conn, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment consent."))?;
    payment_consent_rules::check_reach(&caller, &consent.client_id, &consent.consent_id)?;
    Ok(Json(response(&bank, &consent)))
}

/// Whether the paying account covers the converted amount and the charges it bears.
pub async fn funds_confirmation(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(consent_id): Path<String>,
) -> Result<Json<Envelope<FundsConfirmationData>>, ObError> {
    bank.catch_up().await?;
    let now = bank.clock.now();
    let caller = auth::caller(&bank.pool, &headers, now.timestamp_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let consent = load(&mut conn, &consent_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment consent."))?;
    payment_consent_rules::check_funds_asker(&caller, &consent.consent_id, consent.status)?;
    let customer = consent.customer_id.clone().unwrap_or_default();
    let debtor = consent
        .initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::internal("a consent without a debtor"))?;
    let available = match clearing::find(&mut conn, debtor)
        .await?
        .filter(|held| held.customer_id == customer)
    {
        Some(held) => {
            clearing::available_minor(&mut conn, &held, now.timestamp_millis()).await?
                >= consent.converted_minor + consent.fee_minor
        }
        None => false,
    };
    Ok(Json(payment_consent_rules::funds_answer(
        &bank,
        "international-payment-consents",
        &consent_id,
        available,
        now,
    )))
}
