//! The one payment pipeline: a consent (created, read, its funds confirmed) → the customer's approval on the
//! authorize page → the payment, made once → its status by the clock. The steps are written once, in
//! `consent` and `payment`; a payment kind (domestic, international) is what `PaymentKind` says differs:
//! its request and answer, its checks, its price and how it is booked.

mod consent;
mod domestic;
mod initiation_rules;
mod international;
mod kind;
mod payment;
mod record;

use axum::Router;
use axum::routing::{get, post};
use bank_api::wire::DomesticInitiation;
use sqlx::SqliteConnection;

pub use domestic::amount_minor;
pub use international::INTERNATIONAL_SETTLEMENT;
pub use kind::PaymentKind;

use crate::ob_error::ObError;
use crate::state::BankState;
use domestic::Domestic;
use international::International;

pub const PREFIX: &str = "/open-banking/v3.1/pisp";

/// Every payment kind's endpoints: the same six for each, under its own resource names.
pub fn routes() -> Router<BankState> {
    Router::new()
        .merge(kind_routes::<Domestic>())
        .merge(kind_routes::<International>())
}

fn kind_routes<K: PaymentKind>() -> Router<BankState> {
    let consents = format!("{PREFIX}/{}", K::CONSENTS);
    let payments = format!("{PREFIX}/{}", K::PAYMENTS);
    Router::new()
        .route(&consents, post(consent::create::<K>))
        .route(&format!("{consents}/{{ConsentId}}"), get(consent::get::<K>))
        .route(
            &format!("{consents}/{{ConsentId}}/funds-confirmation"),
            get(consent::funds_confirmation::<K>),
        )
        .route(&payments, post(payment::create::<K>))
        .route(
            &format!("{payments}/{{{}}}", K::PAYMENT_ID_NAME),
            get(payment::get::<K>),
        )
        .route(
            &format!("{payments}/{{{}}}/payment-details", K::PAYMENT_ID_NAME),
            get(payment::details::<K>),
        )
}

/// What the authorize page shows of a payment consent of the stored `kind` (amount, payee, paying account),
/// the same for every kind; None for a consent that is not a payment's or does not exist.
pub async fn approval_summary(
    conn: &mut SqliteConnection,
    kind: &str,
    consent_id: &str,
) -> Result<Option<DomesticInitiation>, ObError> {
    if kind == Domestic::STORED {
        consent::summary::<Domestic>(conn, consent_id).await
    } else if kind == International::STORED {
        consent::summary::<International>(conn, consent_id).await
    } else {
        Ok(None)
    }
}
