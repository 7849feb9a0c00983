//! The payment PIN: six digits, set once before the first payment, kept only as an argon2id hash, asked
//! for every payment. Five wrong tries lock payments for 15 minutes, and the lock is in the wallet file,
//! so it survives a restart.

use chrono::Duration;

use crate::dto::PinStatus;
use crate::dto::security::SecurityEventKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::password_hash;
use crate::wallet::Wallet;

pub const PIN_DIGITS: usize = 6;
pub const MAX_TRIES: u32 = 5;
pub const LOCK_FOR: Duration = Duration::minutes(15);

fn check_shape(pin: &str) -> ApiResult<()> {
    if pin.len() == PIN_DIGITS && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "The payment PIN is {PIN_DIGITS} digits."
        )))
    }
}

impl Wallet {
    pub async fn pin_status(&self) -> ApiResult<PinStatus> {
        let now = self.clock.now();
        Ok(match self.store.payment_pin().await? {
            None => PinStatus {
                is_set: false,
                locked_until: None,
                tries_left: MAX_TRIES,
            },
            Some(record) => PinStatus {
                is_set: true,
                locked_until: record
                    .locked_until
                    .filter(|until| *until > now)
                    .map(|until| until.to_rfc3339()),
                tries_left: MAX_TRIES.saturating_sub(record.failed_attempts),
            },
        })
    }

    /// Sets the payment PIN. Only once: changing it needs the old one (and, later, the second factor).
    pub async fn set_payment_pin(&self, pin: &str) -> ApiResult<PinStatus> {
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
        if !self.store.set_payment_pin_once(&hash).await? {
            return Err(ApiError::invalid("A payment PIN is already set."));
        }
        self.record(SecurityEventKind::PinSet, None).await;
        self.pin_status().await
    }

    /// Checks the PIN for a payment: counts a wrong one, and locks payments after the fifth.
    pub(crate) async fn check_payment_pin(&self, pin: &str) -> ApiResult<()> {
        let now = self.clock.now();
        let record = self.store.payment_pin().await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::PinNotSet,
                "Set a payment PIN before your first payment.",
            )
        })?;
        if let Some(until) = record.locked_until.filter(|until| *until > now) {
            return Err(locked(until));
        }
        // After a lock has run out, the count starts again.
        let failed_so_far = if record.locked_until.is_some() {
            0
        } else {
            record.failed_attempts
        };
        let right =
            shape_ok(pin) && password_hash::matches(pin.to_string(), record.hash.clone()).await?;
        if right {
            if record.failed_attempts != 0 || record.locked_until.is_some() {
                self.store.record_pin_attempt(0, None).await?;
            }
            return Ok(());
        }
        let failed = failed_so_far + 1;
        if failed >= MAX_TRIES {
            let until = now + LOCK_FOR;
            self.store.record_pin_attempt(failed, Some(until)).await?;
            self.record(SecurityEventKind::PinLocked, Some(&until.to_rfc3339()))
                .await;
            return Err(locked(until));
        }
        self.store.record_pin_attempt(failed, None).await?;
        let left = MAX_TRIES - failed;
        self.record(SecurityEventKind::PinWrong, Some(&left.to_string()))
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

fn shape_ok(pin: &str) -> bool {
    check_shape(pin).is_ok()
}

fn locked(until: chrono::DateTime<chrono::Utc>) -> ApiError {
    ApiError::new(
        ErrorCode::PinLocked,
        format!(
            "Too many wrong PINs: payments are locked until {} UTC.",
            until.format("%Y-%m-%d %H:%M")
        ),
    )
}
