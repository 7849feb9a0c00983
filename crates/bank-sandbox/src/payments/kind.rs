//! What differs between payment kinds, and nothing else: the pipeline in `consent` and `payment` calls
//! these for the kind's request, checks, price and booking.

use std::future::Future;

use bank_api::wire::DomesticInitiation;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;
use sqlx::sqlite::SqliteRow;

use super::consent::Consent;
use super::payment::Payment;
use crate::auth::Caller;
use crate::ob_error::ObError;
use crate::state::BankState;

/// A kind of payment the bank makes (domestic, international): one implementation per kind, one line in
/// `payments::routes` to serve it.
pub trait PaymentKind: Sized + Send + Sync + 'static {
    /// The kind as the `consents` table keeps it.
    const STORED: &'static str;
    /// The path segments of its consents and its payments.
    const CONSENTS: &'static str;
    const PAYMENTS: &'static str;
    /// The spec's name for the payment id in its paths.
    const PAYMENT_ID_NAME: &'static str;
    /// The table its payments are kept in (the columns of `PaymentRecord`, and the kind's own).
    const PAYMENT_TABLE: &'static str;
    /// How a new consent's and a new payment's ids start (ids stay within the spec's 40 characters).
    const CONSENT_ID_PREFIX: &'static str;
    const PAYMENT_ID_PREFIX: &'static str;
    /// The payment-details reason while an accepted payment settles.
    const IN_PROCESS: &'static str;

    type ConsentRequest: DeserializeOwned + Send + Sync;
    type ConsentResponse: Serialize + Send;
    type PaymentRequest: DeserializeOwned + Send + Sync;
    type PaymentResponse: Serialize + Send;
    /// What the kind keeps of a consent besides what every consent has.
    type Terms: Send + Sync;
    /// What the kind keeps of a payment besides the `PaymentRecord`.
    type Booked: Send + Sync;

    /// Checks a new consent's request (what the bank does not take on trust), prices it, and keeps the
    /// kind's part of it; the `consents` row is already written in the same transaction.
    fn open(
        conn: &mut SqliteConnection,
        bank: &BankState,
        caller: &Caller,
        request: &Self::ConsentRequest,
        consent_id: &str,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), ObError>> + Send;

    /// The kind's part of a stored consent.
    fn load_terms(
        conn: &mut SqliteConnection,
        consent_id: &str,
    ) -> impl Future<Output = Result<Option<Self::Terms>, ObError>> + Send;

    fn consent_response(bank: &BankState, consent: &Consent<Self>) -> Self::ConsentResponse;

    /// What the customer is asked to approve: amount, payee, paying account.
    fn summary(terms: &Self::Terms) -> DomesticInitiation;

    /// Whether the customer's paying account covers what the payment would take now.
    fn funds_available(
        conn: &mut SqliteConnection,
        consent: &Consent<Self>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<bool, ObError>> + Send;

    /// The consent a payment request names.
    fn consent_id_of(request: &Self::PaymentRequest) -> &str;

    /// Why the payment request cannot be made under the consent the customer approved, before anything
    /// is written.
    fn check_payment(
        request: &Self::PaymentRequest,
        consent: &Consent<Self>,
        now_ms: i64,
    ) -> Result<(), ObError>;

    /// Books the payment (or its rejection, with a reason) and writes its row in `PAYMENT_TABLE`.
    fn make(
        conn: &mut SqliteConnection,
        bank: &BankState,
        consent: &Consent<Self>,
        payment_id: &str,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), ObError>> + Send;

    /// The kind's columns of a payment row.
    fn booked_from_row(row: &SqliteRow) -> Result<Self::Booked, ObError>;

    fn payment_response(
        bank: &BankState,
        payment: &Payment<Self>,
        consent: &Consent<Self>,
        now: i64,
    ) -> Self::PaymentResponse;
}
