//! The domestic kind: a payment in the account's own currency to a payee at a bank this sandbox hosts,
//! settled at once inside one bank; an offer the wallet showed may be reserved with the consent.

use bank_api::wire::{
    DomesticConsentData, DomesticConsentRequest, DomesticConsentResponse, DomesticInitiation,
    DomesticPaymentData, DomesticPaymentRequest, DomesticPaymentResponse, Meta, PaymentRisk,
};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::consent::{Consent, links, millis};
use super::initiation_rules::{self as rules, within};
use super::kind::PaymentKind;
use super::payment::Payment;
use crate::auth::Caller;
use crate::clearing::{self, Instruction, Outcome};
use crate::ob_error::ObError;
use crate::state::BankState;

pub struct Domestic;

/// What a domestic consent keeps: the Initiation and Risk as the customer approved them.
pub struct Terms {
    initiation: DomesticInitiation,
    risk: PaymentRisk,
}

/// The instructed amount in minor units of its currency, or why it cannot be paid at all.
pub fn amount_minor(initiation: &DomesticInitiation) -> Result<i64, ObError> {
    rules::amount_minor(&initiation.instructed_amount)
}

fn check_initiation(initiation: &DomesticInitiation) -> Result<(), ObError> {
    rules::identifications(
        &initiation.instruction_identification,
        &initiation.end_to_end_identification,
    )?;
    let creditor = &initiation.creditor_account;
    within(
        "CreditorAccount.Identification",
        &creditor.identification,
        256,
    )?;
    within("CreditorAccount.Name", rules::creditor_name(creditor)?, 350)?;
    rules::debtor(initiation.debtor_account.as_ref())?;
    rules::remittance(initiation.remittance_information.as_ref())?;
    amount_minor(initiation).map(|_| ())
}

impl PaymentKind for Domestic {
    const STORED: &'static str = "domestic-payment";
    const CONSENTS: &'static str = "domestic-payment-consents";
    const PAYMENTS: &'static str = "domestic-payments";
    const PAYMENT_ID_NAME: &'static str = "DomesticPaymentId";
    const PAYMENT_TABLE: &'static str = "payments";
    const CONSENT_ID_PREFIX: &'static str = "pdc-";
    const PAYMENT_ID_PREFIX: &'static str = "pay-";
    const IN_PROCESS: &'static str = "On its way to the payee's bank.";

    type ConsentRequest = DomesticConsentRequest;
    type ConsentResponse = DomesticConsentResponse;
    type PaymentRequest = DomesticPaymentRequest;
    type PaymentResponse = DomesticPaymentResponse;
    type Terms = Terms;
    type Booked = ();

    async fn open(
        conn: &mut SqliteConnection,
        _bank: &BankState,
        _caller: &Caller,
        request: &DomesticConsentRequest,
        consent_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ObError> {
        let initiation = &request.data.initiation;
        check_initiation(initiation)?;
        sqlx::query(
            "INSERT INTO payment_consents (consent_id, initiation_json, risk_json) VALUES (?, ?, ?)",
        )
        .bind(consent_id)
        .bind(serde_json::to_string(initiation).map_err(ObError::internal)?)
        .bind(serde_json::to_string(&request.risk).map_err(ObError::internal)?)
        .execute(&mut *conn)
        .await?;
        crate::offers::reserve_for_consent(conn, consent_id, initiation, now.timestamp_millis())
            .await
    }

    async fn load_terms(
        conn: &mut SqliteConnection,
        consent_id: &str,
    ) -> Result<Option<Terms>, ObError> {
        let row = sqlx::query(
            "SELECT initiation_json, risk_json FROM payment_consents WHERE consent_id = ?",
        )
        .bind(consent_id)
        .fetch_optional(conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Terms {
            initiation: serde_json::from_str(&row.try_get::<String, _>("initiation_json")?)
                .map_err(ObError::internal)?,
            risk: serde_json::from_str(&row.try_get::<String, _>("risk_json")?)
                .map_err(ObError::internal)?,
        }))
    }

    fn consent_response(bank: &BankState, consent: &Consent<Self>) -> DomesticConsentResponse {
        DomesticConsentResponse {
            data: DomesticConsentData {
                consent_id: consent.consent_id.clone(),
                creation_date_time: millis(consent.created_at),
                status: consent.status,
                status_update_date_time: millis(consent.updated_at),
                charges: Vec::new(),
                initiation: consent.terms.initiation.clone(),
            },
            risk: consent.terms.risk.clone(),
            links: consent.links(bank),
            meta: Meta::default(),
        }
    }

    fn summary(terms: &Terms) -> DomesticInitiation {
        terms.initiation.clone()
    }

    async fn funds_available(
        conn: &mut SqliteConnection,
        consent: &Consent<Self>,
        now: DateTime<Utc>,
    ) -> Result<bool, ObError> {
        let initiation = &consent.terms.initiation;
        let minor = crate::offers::charged_minor(conn, &consent.consent_id, initiation).await?;
        Ok(clearing::funds_available(conn, initiation, consent.customer(), minor, now).await?)
    }

    fn consent_id_of(request: &DomesticPaymentRequest) -> &str {
        &request.data.consent_id
    }

    fn check_payment(
        request: &DomesticPaymentRequest,
        consent: &Consent<Self>,
        _now_ms: i64,
    ) -> Result<(), ObError> {
        rules::same_as_approved(&request.data.initiation, &consent.terms.initiation)
    }

    async fn make(
        conn: &mut SqliteConnection,
        _bank: &BankState,
        consent: &Consent<Self>,
        payment_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ObError> {
        let now_ms = now.timestamp_millis();
        let initiation = &consent.terms.initiation;
        let debtor = initiation
            .debtor_account
            .as_ref()
            .ok_or_else(|| ObError::internal("a payment consent without a debtor"))?;
        let remittance = initiation.remittance_information.as_ref();
        let order = Instruction {
            customer: consent.customer(),
            debtor,
            creditor: &initiation.creditor_account,
            // Less the discount of the offer reserved for the consent, if any.
            amount_minor: crate::offers::charged_minor(conn, &consent.consent_id, initiation)
                .await?,
            currency: &initiation.instructed_amount.currency,
            reference: remittance
                .and_then(|r| r.unstructured.as_deref().or(r.reference.as_deref())),
        };
        let outcome = clearing::execute(conn, payment_id, &order, now).await?;
        crate::offers::settle_for_payment(conn, &consent.consent_id, payment_id, &outcome).await?;
        let (status, reason, debtor_id, creditor_id, settle_at) = match &outcome {
            Outcome::Accepted {
                debtor_account_id,
                creditor_account_id,
                settle_at,
            } => (
                "Accepted",
                None,
                Some(debtor_account_id),
                Some(creditor_account_id),
                *settle_at,
            ),
            Outcome::Rejected { reason } => ("Rejected", Some(reason), None, None, now_ms),
        };
        sqlx::query(
            "INSERT INTO payments (payment_id, consent_id, client_id, status, reason, debtor_account_id,
                 creditor_account_id, amount_minor, currency, created_at, settle_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(payment_id)
        .bind(&consent.consent_id)
        .bind(&consent.client_id)
        .bind(status)
        .bind(reason)
        .bind(debtor_id)
        .bind(creditor_id)
        .bind(order.amount_minor)
        .bind(order.currency)
        .bind(now_ms)
        .bind(settle_at)
        .execute(conn)
        .await?;
        Ok(())
    }

    fn booked_from_row(_row: &SqliteRow) -> Result<(), ObError> {
        Ok(())
    }

    fn payment_response(
        bank: &BankState,
        payment: &Payment<Self>,
        consent: &Consent<Self>,
        now: i64,
    ) -> DomesticPaymentResponse {
        let record = &payment.record;
        DomesticPaymentResponse {
            data: DomesticPaymentData {
                domestic_payment_id: record.payment_id.clone(),
                consent_id: record.consent_id.clone(),
                creation_date_time: millis(record.created_at),
                status: record.status(now),
                status_update_date_time: millis(record.status_changed_at(now)),
                expected_settlement_date_time: record.accepted.then(|| millis(record.settle_at)),
                charges: Vec::new(),
                initiation: consent.terms.initiation.clone(),
            },
            links: links(bank, Self::PAYMENTS, &record.payment_id),
            meta: Meta::default(),
        }
    }
}
