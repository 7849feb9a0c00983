//! Saved payees: add (the number checked before it is kept), list, remove.

use crate::commands::commands;
use crate::parts::security::typed;
use wallet_core::account::mask_number;
use wallet_core::payment::{self, AccountRouting};
use wallet_store::{Payee, StoreError};

use crate::dto::{NewPayee, PayeeDto};
use crate::error::{ApiError, ApiResult};
use crate::parts::Payments;

/// A card number (16–19 digits, Luhn), a 14-digit sort code and account number, or an IBAN.
pub(crate) fn routing_for(account_number: &str) -> ApiResult<AccountRouting> {
    let compact: String = account_number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let all_digits = !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit());
    let invalid = |e: payment::PaymentInputError| ApiError::invalid(e.to_string());
    if all_digits && compact.len() == 14 {
        return Ok(AccountRouting {
            scheme: "UK.OBIE.SortCodeAccountNumber".into(),
            identification: compact,
        });
    }
    if all_digits {
        return Ok(AccountRouting {
            scheme: payment::SCHEME_CARD.into(),
            identification: payment::card_number(&compact).map_err(invalid)?,
        });
    }
    let iban_like = compact.len() > 4
        && compact[..2].chars().all(|c| c.is_ascii_alphabetic())
        && compact[2..4].chars().all(|c| c.is_ascii_digit());
    if iban_like {
        return Ok(AccountRouting {
            scheme: "UK.OBIE.IBAN".into(),
            identification: payment::account_number(&compact).map_err(invalid)?,
        });
    }
    Err(ApiError::invalid(
        "Give a card number, a 14-digit account number, or an IBAN.",
    ))
}

pub(crate) fn payee_dto(payee: &Payee) -> PayeeDto {
    PayeeDto {
        id: payee.id.clone(),
        name: payee.name.clone(),
        masked_number: mask_number(&payee.identification),
        bank_name: payee.bank_name.clone(),
    }
}

#[commands]
impl Payments {
    pub async fn list_payees(&self) -> ApiResult<Vec<PayeeDto>> {
        Ok(self
            .cx
            .store
            .list_payees()
            .await?
            .iter()
            .map(payee_dto)
            .collect())
    }

    /// A payee from what the user typed: the name and the number checked, nothing stored yet.
    pub(crate) fn new_payee(
        &self,
        name: &str,
        account_number: &str,
        bank_name: Option<&str>,
    ) -> ApiResult<Payee> {
        let name = payment::payee_name(name).map_err(|e| ApiError::invalid(e.to_string()))?;
        let routing = routing_for(account_number)?;
        Ok(Payee {
            id: uuid::Uuid::now_v7().to_string(),
            name,
            scheme: routing.scheme,
            identification: routing.identification,
            bank_name: bank_name
                .map(|b| b.trim().to_string())
                .filter(|b| !b.is_empty()),
            created_at: self.cx.clock.now(),
        })
    }

    /// Saves a payee: a high-risk action (a thief's first step is to add themselves), so it needs the
    /// PIN and, when one is set up, the second factor.
    pub async fn add_payee(&self, payee: NewPayee) -> ApiResult<PayeeDto> {
        let new = payee;
        let payee = self.new_payee(&new.name, &new.account_number, new.bank_name.as_deref())?;
        self.security.check_payment_pin(new.pin.expose()).await?;
        self.security
            .check_second_factor_when_set_up(typed(&new.second_factor))
            .await?;
        match self.cx.store.insert_payee(&payee).await {
            Ok(()) => {
                self.cx
                    .record(
                        crate::dto::security::SecurityEventKind::PayeeAdded,
                        Some(&payee.name),
                    )
                    .await;
                Ok(payee_dto(&payee))
            }
            Err(StoreError::Duplicate(_)) => Err(ApiError::invalid(
                "A payee with this account number is already saved.",
            )),
            Err(other) => Err(other.into()),
        }
    }

    pub async fn remove_payee(&self, payee_id: &str) -> ApiResult<()> {
        if self.cx.store.delete_payee(payee_id).await? {
            Ok(())
        } else {
            Err(ApiError::not_found("There is no such payee."))
        }
    }
}
