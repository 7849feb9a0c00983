//! The checks an Initiation of any kind gets before the bank takes it: identifiers and texts within the
//! spec's lengths, a paying account named (this bank has no account picker), an amount it can pay, and,
//! at payment time, the Initiation the customer approved repeated exactly.

use axum::http::StatusCode;
use bank_api::wire::{Amount, CashAccount, RemittanceInformation};

use crate::ob_error::ObError;

pub fn within(name: &str, text: &str, max: usize) -> Result<(), ObError> {
    let length = text.chars().count();
    if length == 0 || length > max {
        Err(ObError::invalid_field(format!(
            "{name} must be 1 to {max} characters."
        )))
    } else {
        Ok(())
    }
}

pub fn identifications(instruction: &str, end_to_end: &str) -> Result<(), ObError> {
    within("InstructionIdentification", instruction, 35)?;
    within("EndToEndIdentification", end_to_end, 35)
}

/// Deviation: the sandbox has no account picker on its authorize page, so the wallet names the debtor.
pub fn debtor(debtor: Option<&CashAccount>) -> Result<&CashAccount, ObError> {
    let debtor =
        debtor.ok_or_else(|| ObError::invalid_field("DebtorAccount is required by this bank."))?;
    within("DebtorAccount.Identification", &debtor.identification, 256)?;
    Ok(debtor)
}

pub fn remittance(remittance: Option<&RemittanceInformation>) -> Result<(), ObError> {
    let Some(remittance) = remittance else {
        return Ok(());
    };
    if let Some(text) = &remittance.unstructured {
        within("RemittanceInformation.Unstructured", text, 140)?;
    }
    if let Some(text) = &remittance.reference {
        within("RemittanceInformation.Reference", text, 35)?;
    }
    Ok(())
}

/// The payee's name, which this bank requires.
pub fn creditor_name(creditor: &CashAccount) -> Result<&str, ObError> {
    creditor
        .name
        .as_deref()
        .ok_or_else(|| ObError::invalid_field("CreditorAccount.Name is required."))
}

/// The amount in minor units of its currency, or why it cannot be paid at all.
pub fn amount_minor(amount: &Amount) -> Result<i64, ObError> {
    let currency: wallet_core::Currency = amount.currency.parse().map_err(|_| {
        ObError::invalid_field(format!(
            "{} is not a currency this bank knows.",
            amount.currency
        ))
    })?;
    let money = wallet_core::Money::new(amount.amount, currency)
        .map_err(|e| ObError::invalid_field(format!("InstructedAmount: {e}")))?;
    let minor = money
        .to_minor()
        .map_err(|e| ObError::invalid_field(format!("InstructedAmount: {e}")))?;
    if minor <= 0 {
        return Err(ObError::invalid_field(
            "InstructedAmount must be more than zero.",
        ));
    }
    Ok(minor)
}

/// A payment repeats the Initiation its consent was approved with, or nothing is paid.
pub fn same_as_approved<T: PartialEq>(asked: &T, approved: &T) -> Result<(), ObError> {
    if asked == approved {
        Ok(())
    } else {
        Err(ObError::new(
            StatusCode::BAD_REQUEST,
            "UK.OBIE.Resource.ConsentMismatch",
            "The payment's Initiation differs from the one the customer approved.",
        ))
    }
}
