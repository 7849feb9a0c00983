//! The payment PIN: six digits, set once before the first payment, kept only as an argon2id hash, asked
//! for every payment. Each try is counted before it is checked (parts/security/tries.rs): five wrong in a row
//! lock payments for 15 minutes, however many are sent at once, and the lock survives a restart.

use super::tries::{Guarded, Outcome};
use crate::commands::commands;
use crate::dto::PinStatus;
use crate::dto::security::SecurityEventKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Security;
use crate::password_hash;
use sensitive::Sensitive;

pub const PIN_DIGITS: usize = 6;

fn check_shape(pin: &str) -> ApiResult<()> {
    if pin.len() == PIN_DIGITS && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "The payment PIN is {PIN_DIGITS} digits."
        )))
    }
}

#[commands]
impl Security {
    pub async fn pin_status(&self) -> ApiResult<PinStatus> {
        let is_set = self.cx.store.payment_pin().await?.is_some();
        let (tries_left, locked_until) = self.tries_left(Guarded::PaymentPin).await?;
        Ok(PinStatus {
            is_set,
            locked_until: locked_until.map(|until| until.to_rfc3339()),
            tries_left,
        })
    }

    /// Sets the payment PIN. Only once: changing it needs the old one (and, later, the second factor).
    pub async fn set_payment_pin(&self, pin: &Sensitive<String>) -> ApiResult<PinStatus> {
        let pin = pin.expose().as_str();
        check_shape(pin)?;
        if pin.bytes().all(|b| b == pin.as_bytes()[0])
            || "0123456789".contains(pin)
            || "9876543210".contains(pin)
        {
            return Err(ApiError::invalid(
                "Choose a PIN that is not one digit repeated or a run like 123456.",
            ));
        }
        let hash = password_hash::hash(pin.to_string()).await?;
        if !self.cx.store.set_payment_pin_once(&hash).await? {
            return Err(ApiError::invalid("A payment PIN is already set."));
        }
        self.cx.record(SecurityEventKind::PinSet, None).await;
        self.pin_status().await
    }

    /// Checks the PIN for a payment: counted before it is checked, so parallel tries each use one up;
    /// the fifth wrong one in a row locks payments.
    pub(crate) async fn check_payment_pin(&self, pin: &str) -> ApiResult<()> {
        let record = self.cx.store.payment_pin().await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::PinNotSet,
                "Set a payment PIN before your first payment.",
            )
        })?;
        let number = self.count_try(Guarded::PaymentPin).await?;
        let right = shape_ok(pin)
            && password_hash::matches(pin.to_string(), record.hash.expose().clone()).await?;
        match self.settle_try(Guarded::PaymentPin, number, right).await? {
            Outcome::Right => Ok(()),
            Outcome::Locked { until } => {
                self.cx
                    .record(SecurityEventKind::PinLocked, Some(&until.to_rfc3339()))
                    .await;
                Err(Guarded::PaymentPin.locked(until))
            }
            Outcome::Wrong { left } => {
                self.cx
                    .record(SecurityEventKind::PinWrong, Some(&left.to_string()))
                    .await;
                Err(ApiError::new(
                    ErrorCode::WrongPin,
                    format!(
                        "Wrong payment PIN: {left} {} left.",
                        if left == 1 { "try" } else { "tries" }
                    ),
                ))
            }
        }
    }
}

fn shape_ok(pin: &str) -> bool {
    check_shape(pin).is_ok()
}
