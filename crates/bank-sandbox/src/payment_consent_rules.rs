//! What a domestic and an international payment consent share: the stored status, who may reach one,
//! who may ask whether its funds are there, and the funds-confirmation answer.

use bank_api::wire::{
    Envelope, FundsAvailableResult, FundsConfirmationData, Links, Meta, PaymentConsentStatus,
};
use chrono::{DateTime, Utc};

use crate::auth::Caller;
use crate::ob_error::ObError;
use crate::payment_record::invalid_consent_status;
use crate::pisp_consents::PREFIX;
use crate::state::BankState;

/// The consent's status as the `consents` table keeps it.
pub fn status_from_stored(stored: &str) -> PaymentConsentStatus {
    match stored {
        "Authorised" => PaymentConsentStatus::Authorised,
        "Consumed" => PaymentConsentStatus::Consumed,
        "Rejected" => PaymentConsentStatus::Rejected,
        _ => PaymentConsentStatus::AwaitingAuthorisation,
    }
}

/// Only the client that created a payment consent, or a customer token for it, may see it.
pub fn check_reach(caller: &Caller, client_id: &str, consent_id: &str) -> Result<(), ObError> {
    let own_client = caller.client_id == client_id;
    let own_consent = caller.kind == "client" || caller.consent_id.as_deref() == Some(consent_id);
    if own_client && own_consent {
        Ok(())
    } else {
        Err(ObError::forbidden(
            "This token does not reach that consent.",
        ))
    }
}

/// Funds are confirmed only to the customer's token for an authorised consent.
pub fn check_funds_asker(
    caller: &Caller,
    consent_id: &str,
    status: PaymentConsentStatus,
) -> Result<(), ObError> {
    if caller.kind != "access" || caller.consent_id.as_deref() != Some(consent_id) {
        return Err(ObError::forbidden(
            "Funds are confirmed only to the customer's token for this consent.",
        ));
    }
    if status != PaymentConsentStatus::Authorised {
        return Err(invalid_consent_status("The consent is not authorised."));
    }
    Ok(())
}

/// The funds-confirmation answer; `resource` is the path segment, `domestic-payment-consents` or
/// `international-payment-consents`.
pub fn funds_answer(
    bank: &BankState,
    resource: &str,
    consent_id: &str,
    available: bool,
    now: DateTime<Utc>,
) -> Envelope<FundsConfirmationData> {
    Envelope {
        data: FundsConfirmationData {
            funds_available_result: Some(FundsAvailableResult {
                funds_available_date_time: now,
                funds_available: available,
            }),
        },
        links: Links {
            self_: format!(
                "{}{PREFIX}/{resource}/{consent_id}/funds-confirmation",
                bank.base_url
            ),
            ..Links::default()
        },
        meta: Meta::default(),
    }
}
