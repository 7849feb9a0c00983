//! International payments: made once under an authorised consent, at its contract's rate and never at
//! another: a payment whose rate differs from the quote, or whose quote has expired, is refused and books
//! nothing. An accepted one debits the converted amount (with its currency exchange) and the charges the
//! payer bears, and settles with the correspondent bank after `INTERNATIONAL_SETTLEMENT`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    Envelope, ExchangeRateQuote, InternationalPaymentData, InternationalPaymentRequest,
    InternationalPaymentResponse, Links, Meta, PaymentDetailsData,
};
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use sqlx::{Row, SqliteConnection};

use crate::auth;
use crate::clearing::{self, Held};
use crate::idempotency::{self, Start};
use crate::international_consents::{self, InternationalConsent};
use crate::ob_error::ObError;
use crate::payment_record::{self, PaymentRecord, check_consent_usable, millis};
use crate::pisp_consents::PREFIX;
use crate::state::BankState;

/// How long a payment abroad takes to reach the correspondent bank (a demo's minutes for real days).
pub const INTERNATIONAL_SETTLEMENT: Duration = Duration::minutes(2);

/// A payment abroad: the record every payment has, and the rate it was booked at.
struct Payment {
    record: PaymentRecord,
    rate: Decimal,
}

async fn load(conn: &mut SqliteConnection, payment_id: &str) -> Result<Option<Payment>, ObError> {
    let row = sqlx::query("SELECT * FROM international_payments WHERE payment_id = ?")
        .bind(payment_id)
        .fetch_optional(conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Payment {
        record: PaymentRecord::from_row(&row)?,
        rate: row
            .try_get::<String, _>("rate")?
            .parse()
            .map_err(ObError::internal)?,
    }))
}

fn response(
    bank: &BankState,
    payment: &Payment,
    consent: &InternationalConsent,
    now: i64,
) -> InternationalPaymentResponse {
    let record = &payment.record;
    InternationalPaymentResponse {
        data: InternationalPaymentData {
            international_payment_id: record.payment_id.clone(),
            consent_id: record.consent_id.clone(),
            creation_date_time: millis(record.created_at),
            status: record.status(now),
            status_update_date_time: millis(record.status_changed_at(now)),
            expected_settlement_date_time: record.accepted.then(|| millis(record.settle_at)),
            charges: consent.charges.clone(),
            // The rate the payment was made at (always the contract's, unless a test made the bank err).
            exchange_rate_information: Some(ExchangeRateQuote {
                exchange_rate: payment.rate,
                ..consent.rate()
            }),
            initiation: consent.initiation.clone(),
        },
        links: Links {
            self_: format!(
                "{}{PREFIX}/international-payments/{}",
                bank.base_url, record.payment_id
            ),
            ..Links::default()
        },
        meta: Meta::default(),
    }
}

/// The rate checks, before anything is written: the payment repeats the consent's exact rate, and the
/// quote still holds.
fn check_rate(
    request: &InternationalPaymentRequest,
    consent: &InternationalConsent,
    now_ms: i64,
) -> Result<(), ObError> {
    let asked = request.data.initiation.exchange_rate_information.as_ref();
    let agreed = consent.initiation.exchange_rate_information.as_ref();
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
                consent.contract.rate
            ),
        ));
    }
    if request.data.initiation != consent.initiation {
        return Err(ObError::new(
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Resource.ConsentMismatch",
            "The payment's Initiation differs from the one the customer approved.",
        ));
    }
    if consent.contract.has_expired(now_ms) {
        return Err(ObError::new(
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Rules.AfterCutOffDateTime",
            format!(
                "The exchange rate quote expired at {}; ask for a new quote. Nothing was paid.",
                consent.contract.expiry().to_rfc3339()
            ),
        ));
    }
    Ok(())
}

/// Why the payer's account cannot pay this, or the account; nothing is written either way.
async fn check_debtor(
    conn: &mut SqliteConnection,
    consent: &InternationalConsent,
    total_minor: i64,
    now: DateTime<Utc>,
) -> Result<Result<Held, String>, ObError> {
    let debtor = consent
        .initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::internal("a consent without a debtor"))?;
    let customer = consent.customer_id.as_deref().unwrap_or_default();
    let Some(held) = clearing::find(conn, debtor)
        .await?
        .filter(|held| held.customer_id == customer)
    else {
        return Ok(Err("The paying account is not this customer's.".into()));
    };
    match held.status.as_str() {
        "Enabled" => {}
        "Frozen" => return Ok(Err("The paying account is frozen.".into())),
        _ => return Ok(Err("The paying account is closed.".into())),
    }
    let currency = &consent.account_currency;
    let available = clearing::available_minor(conn, &held, now.timestamp_millis()).await?;
    if total_minor > available {
        return Ok(Err(format!(
            "Insufficient funds: {} available, {} needed with the charges.",
            clearing::minor_text(available.max(0), currency),
            clearing::minor_text(total_minor, currency)
        )));
    }
    if let Some(limit) = held.daily_limit_minor {
        let today = clearing::paid_today_minor(conn, &held.account_id, now).await?;
        if today + total_minor > limit {
            return Ok(Err(format!(
                "The daily payment limit of {} would be exceeded ({} already paid today).",
                clearing::minor_text(limit, currency),
                clearing::minor_text(today, currency)
            )));
        }
    }
    Ok(Ok(held))
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
    consent: &InternationalConsent,
    debtor: &Held,
    applied: &Applied,
    now: i64,
    settle_at: i64,
) -> Result<(), ObError> {
    let Applied {
        rate,
        converted_minor,
    } = *applied;
    let initiation = &consent.initiation;
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
    let instructed_minor = international_consents::instructed_minor(initiation)?;
    sqlx::query(
        "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor, information,
             bank_code, counterparty, fx_currency, fx_minor, fx_rate)
         VALUES (?, ?, ?, ?, ?, ?, 'TRANSFER', ?, ?, ?, ?)",
    )
    .bind(format!("tx-{payment_id}-out"))
    .bind(&debtor.account_id)
    .bind(now)
    .bind(settle_at)
    .bind(-converted_minor)
    .bind(&information)
    .bind(&payee)
    .bind(&initiation.currency_of_transfer)
    .bind(instructed_minor)
    .bind(rate.to_string())
    .execute(&mut *conn)
    .await?;
    if consent.fee_minor > 0 {
        sqlx::query(
            "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor, information,
                 bank_code, counterparty)
             VALUES (?, ?, ?, ?, ?, ?, 'FEE', ?)",
        )
        .bind(format!("tx-{payment_id}-fee"))
        .bind(&debtor.account_id)
        .bind(now)
        .bind(settle_at)
        .bind(-consent.fee_minor)
        .bind(format!("境外汇款手续费 Charges for the transfer to {payee}"))
        .bind("Purse Sandbox Bank")
        .execute(&mut *conn)
        .await?;
    }
    crate::books::restate_running(conn).await?;
    Ok(())
}

pub async fn create(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    bank.catch_up().await?;
    let now = bank.clock.now();
    let now_ms = now.timestamp_millis();
    let caller = auth::caller(&bank.pool, &headers, now_ms).await?;
    // Before the token is matched to the consent: a wallet that lost the answer may come back with a
    // fresh client token, and must get the first answer, not a second payment.
    let (mut tx, body, ticket) =
        match idempotency::start(&bank.pool, &headers, &caller.client_id, body, now_ms).await? {
            Start::Fresh(tx, body, ticket) => (tx, body, ticket),
            Start::Replayed(response) => return Ok(response),
        };
    let request: InternationalPaymentRequest = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The payment request is not valid: {e}")))?;
    let consent_id = &request.data.consent_id;
    if caller.kind != "access" || caller.consent_id.as_deref() != Some(consent_id.as_str()) {
        return Err(ObError::forbidden(
            "A payment needs the customer's token for its own consent.",
        ));
    }
    let consent = international_consents::load(&mut tx, consent_id)
        .await?
        .filter(|c| c.client_id == caller.client_id)
        .ok_or_else(|| ObError::forbidden("No such payment consent for this client."))?;
    check_consent_usable(consent.status)?;
    check_rate(&request, &consent, now_ms)?;
    // A test may ask the bank to err and apply another rate, so the wallet's own check can be seen.
    let rate = if bank.faults.take_misquoted_rate() {
        consent.contract.rate * Decimal::new(101, 2)
    } else {
        consent.contract.rate
    };
    let converted_minor = if rate == consent.contract.rate {
        consent.converted_minor
    } else {
        (Decimal::from(consent.converted_minor) * Decimal::new(101, 2))
            .round()
            .try_into()
            .unwrap_or(consent.converted_minor)
    };
    let total = converted_minor + consent.fee_minor;
    // At most 40 characters, the spec's limit for InternationalPaymentId.
    let payment_id = format!("ip-{}", uuid::Uuid::new_v4());
    let settle_at = (now + INTERNATIONAL_SETTLEMENT).timestamp_millis();
    let (status, reason, debtor_id) = match check_debtor(&mut tx, &consent, total, now).await? {
        Ok(debtor) => {
            let applied = Applied {
                rate,
                converted_minor,
            };
            write_lines(
                &mut tx,
                &payment_id,
                &consent,
                &debtor,
                &applied,
                now_ms,
                settle_at,
            )
            .await?;
            ("Accepted", None, Some(debtor.account_id))
        }
        Err(reason) => ("Rejected", Some(reason), None),
    };
    sqlx::query(
        "INSERT INTO international_payments (payment_id, consent_id, client_id, status, reason,
             debtor_account_id, rate, converted_minor, fee_minor, currency, created_at, settle_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&payment_id)
    .bind(consent_id)
    .bind(&caller.client_id)
    .bind(status)
    .bind(&reason)
    .bind(&debtor_id)
    .bind(rate.to_string())
    .bind(converted_minor)
    .bind(consent.fee_minor)
    .bind(&consent.account_currency)
    .bind(now_ms)
    .bind(if reason.is_some() { now_ms } else { settle_at })
    .execute(&mut *tx)
    .await?;
    payment_record::consume_consent(&mut tx, consent_id, now_ms).await?;
    let payment = load(&mut tx, &payment_id)
        .await?
        .ok_or_else(|| ObError::internal("payment vanished"))?;
    let body = serde_json::to_string(&response(&bank, &payment, &consent, now_ms))
        .map_err(ObError::internal)?;
    payment_record::answer_created(&bank, ticket, tx, body, &payment_id, now_ms).await
}

async fn reachable_payment(
    bank: &BankState,
    headers: &HeaderMap,
    payment_id: &str,
) -> Result<(Payment, InternationalConsent), ObError> {
    let caller = auth::caller(&bank.pool, headers, bank.now_millis()).await?;
    let mut conn = bank.pool.acquire().await?;
    let payment = load(&mut conn, payment_id)
        .await?
        .ok_or_else(|| ObError::unknown_resource("No such payment."))?;
    payment.record.check_reach(&caller)?;
    let consent = international_consents::load(&mut conn, &payment.record.consent_id)
        .await?
        .ok_or_else(|| ObError::internal("a payment without its consent"))?;
    Ok((payment, consent))
}

pub async fn get(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<InternationalPaymentResponse>, ObError> {
    let (payment, consent) = reachable_payment(&bank, &headers, &payment_id).await?;
    Ok(Json(response(&bank, &payment, &consent, bank.now_millis())))
}

pub async fn details(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<Envelope<PaymentDetailsData>>, ObError> {
    let (payment, _) = reachable_payment(&bank, &headers, &payment_id).await?;
    Ok(Json(payment.record.details(
        &bank,
        "international-payments",
        "On its way to the payee's bank abroad.",
        bank.now_millis(),
    )))
}
