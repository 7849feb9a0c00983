//! The second factor (issue 5): a TOTP key set up with any authenticator app (QR code or typed key) and
//! ten one-time recovery codes, asked for with the PIN before a high-risk action — a payment the risk
//! checks flag, saving a payee, changing the limits, closing the account. The key lives in the OS
//! keyring; the wallet file keeps only the last accepted time step (no code is accepted twice) and the
//! recovery codes' argon2id hashes. Setting one up takes the PIN; removing it the PIN and a code. Each
//! code is counted before it is checked (parts/security/tries.rs): five wrong in a row refuse codes for 15
//! minutes.

use crate::commands::commands;
use second_factor::{Enrolment, StoredRecoveryCode};
use sensitive::Sensitive;

use super::tries::{Guarded, Outcome};
use crate::dto::security::{
    BeginSecondFactor, ConfirmSecondFactor, RecoveryCodes, RemoveSecondFactor, SecondFactorSetup,
    SecondFactorStatus, SecurityEventKind,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Security;
use crate::parts::to_u32;

/// Settings keys in the wallet file.
const LAST_STEP: &str = "second_factor.last_step";
const RECOVERY_CODES: &str = "second_factor.recovery_codes";

/// What the authenticator app lists the key under.
const ISSUER: &str = "Purse";

fn internal(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, error.to_string())
}

fn wrong(error: &second_factor::Error) -> ApiError {
    ApiError::new(
        ErrorCode::WrongSecondFactor,
        format!("The code was not accepted: {error}. Nothing was changed."),
    )
}

fn wrong_with_left(error: &second_factor::Error, left: u32) -> ApiError {
    ApiError::new(
        ErrorCode::WrongSecondFactor,
        format!(
            "The code was not accepted: {error}. Nothing was changed ({left} {} left).",
            if left == 1 { "try" } else { "tries" }
        ),
    )
}

#[commands]
impl Security {
    /// Whether a second factor is set up, and how many recovery codes are left unused.
    pub async fn second_factor_status(&self) -> ApiResult<SecondFactorStatus> {
        let enrolled = self.cx.keychain.second_factor_key()?.is_some();
        let left = if enrolled {
            self.recovery_codes().await?.remaining()
        } else {
            0
        };
        Ok(SecondFactorStatus {
            enrolled,
            recovery_codes_left: to_u32(left),
        })
    }

    /// Starts setting up a key, with the PIN: shown as a QR code and as text, kept only in memory until
    /// confirmed. One already set up is removed first (with the PIN and one of its codes).
    pub async fn begin_second_factor(
        &self,
        request: BeginSecondFactor,
    ) -> ApiResult<SecondFactorSetup> {
        if self.cx.keychain.second_factor_key()?.is_some() {
            return Err(ApiError::invalid(
                "A second factor is already set up; remove it first to set up another.",
            ));
        }
        self.check_payment_pin(request.pin.expose()).await?;
        let enrolment = Enrolment::new(
            self.cx.bank().map_or("Purse", |bank| bank.customer()),
            ISSUER,
        );
        let setup = SecondFactorSetup {
            qr_svg: enrolment.qr_svg().map_err(internal)?,
            key: grouped(&enrolment.secret_base32()),
        };
        *self.pending_second_factor.lock().await = Some(enrolment);
        Ok(setup)
    }

    /// Keeps the key once a code from the app matches it, with the PIN; returns the recovery codes,
    /// which are shown this once.
    pub async fn confirm_second_factor(
        &self,
        request: ConfirmSecondFactor,
    ) -> ApiResult<RecoveryCodes> {
        let mut pending = self.pending_second_factor.lock().await;
        let Some(enrolment) = pending.as_ref() else {
            return Err(ApiError::invalid(
                "Start setting up the second factor first: there is no key waiting to be confirmed.",
            ));
        };
        let step =
            second_factor::verify(enrolment.secret(), request.code.expose(), self.unix_now())
                .map_err(|error| wrong(&error))?;
        self.check_payment_pin(request.pin.expose()).await?;
        let (codes, plain) = second_factor::RecoveryCodes::generate().map_err(internal)?;
        let text = serde_json::to_string(codes.stored()).map_err(internal)?;
        self.cx.store.set_setting(RECOVERY_CODES, &text).await?;
        self.cx
            .store
            .set_setting(LAST_STEP, &step.get().to_string())
            .await?;
        let enrolment = pending.take().expect("checked above");
        self.cx
            .keychain
            .keep_second_factor_key(&enrolment.into_secret())?;
        self.cx
            .record(SecurityEventKind::SecondFactorEnrolled, None)
            .await;
        Ok(RecoveryCodes {
            codes: plain.iter().map(|code| code.as_str().to_string()).collect(),
        })
    }

    /// Removes the key, with the PIN and a current code (or a recovery code, for a lost phone).
    pub async fn remove_second_factor(
        &self,
        request: RemoveSecondFactor,
    ) -> ApiResult<SecondFactorStatus> {
        self.check_payment_pin(request.pin.expose()).await?;
        self.check_second_factor(Some(request.code.expose()))
            .await?;
        self.cx.keychain.forget_second_factor_key()?;
        self.cx.store.set_setting(RECOVERY_CODES, "[]").await?;
        self.cx
            .record(SecurityEventKind::SecondFactorRemoved, None)
            .await;
        self.second_factor_status().await
    }

    /// Whether a second factor is set up.
    pub(crate) async fn second_factor_enrolled(&self) -> ApiResult<bool> {
        Ok(self.cx.keychain.second_factor_key()?.is_some())
    }

    /// Checks an authenticator code (not one accepted before) or a recovery code (used up by this).
    /// No code: `SecondFactorRequired`; none set up: `SecondFactorNotSet`. A wrong code is logged.
    pub(crate) async fn check_second_factor(&self, code: Option<&str>) -> ApiResult<()> {
        let Some(key) = self.cx.keychain.second_factor_key()? else {
            return Err(ApiError::new(
                ErrorCode::SecondFactorNotSet,
                "This needs a second factor, and none is set up: set one up under Security first. Nothing was changed.",
            ));
        };
        self.check_code(&key, code).await
    }

    /// [`Wallet::check_second_factor`] once a second factor is set up; before that, nothing to check.
    pub(crate) async fn check_second_factor_when_set_up(
        &self,
        code: Option<&str>,
    ) -> ApiResult<()> {
        match self.cx.keychain.second_factor_key()? {
            Some(key) => self.check_code(&key, code).await,
            None => Ok(()),
        }
    }

    async fn check_code(&self, key: &second_factor::Secret, code: Option<&str>) -> ApiResult<()> {
        let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
            return Err(ApiError::new(
                ErrorCode::SecondFactorRequired,
                "This needs a code from your authenticator app (or a recovery code) as well as the PIN.",
            ));
        };
        let _one_check_at_a_time = self.second_factor_lock.lock().await;
        let number = self.count_try(Guarded::SecondFactor).await?;
        let checked = self.spend_code(key, code).await?;
        let outcome = self
            .settle_try(Guarded::SecondFactor, number, checked.is_ok())
            .await?;
        let Err(error) = checked else {
            return Ok(());
        };
        match outcome {
            Outcome::Locked { until } => {
                let detail = format!("locked until {}", until.to_rfc3339());
                self.cx
                    .record(SecurityEventKind::SecondFactorWrong, Some(&detail))
                    .await;
                Err(Guarded::SecondFactor.locked(until))
            }
            Outcome::Wrong { left } => {
                self.cx
                    .record(SecurityEventKind::SecondFactorWrong, None)
                    .await;
                Err(wrong_with_left(&error, left))
            }
            // Not reached: a code that failed is never settled as right.
            Outcome::Right => Err(wrong(&error)),
        }
    }

    /// Uses up an authenticator code (its time step, never again) or a recovery code. Each is taken in
    /// one conditional write, so two processes cannot both spend the same code.
    async fn spend_code(
        &self,
        key: &second_factor::Secret,
        code: &str,
    ) -> ApiResult<Result<(), second_factor::Error>> {
        let looks_like_totp = code.chars().filter(|c| !c.is_whitespace()).count()
            == second_factor::DIGITS
            && code
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace());
        if looks_like_totp {
            let last = self
                .cx
                .store
                .setting(LAST_STEP)
                .await?
                .and_then(|text| text.parse::<u64>().ok());
            let step = match second_factor::verify_fresh(key, code, self.unix_now(), last) {
                Ok(step) => step.get(),
                Err(error) => return Ok(Err(error)),
            };
            if !self.cx.store.raise_setting(LAST_STEP, step).await? {
                return Ok(Err(second_factor::Error::Replayed { step }));
            }
            return Ok(Ok(()));
        }
        let before = self.cx.store.setting(RECOVERY_CODES).await?;
        let mut codes = self.recovery_codes_from(before.as_deref())?;
        if let Err(error) = codes.redeem(code) {
            return Ok(Err(error));
        }
        // Saved before the action is carried out, and only over the list the code was found in.
        let after = serde_json::to_string(codes.stored()).map_err(internal)?;
        let saved = match &before {
            Some(before) => {
                self.cx
                    .store
                    .swap_setting(RECOVERY_CODES, before, &after)
                    .await?
            }
            None => false,
        };
        if !saved {
            return Ok(Err(second_factor::Error::RecoveryCodeUsed));
        }
        let left = codes.remaining().to_string();
        self.cx
            .record(SecurityEventKind::RecoveryCodeUsed, Some(&left))
            .await;
        Ok(Ok(()))
    }

    async fn recovery_codes(&self) -> ApiResult<second_factor::RecoveryCodes> {
        let stored = self.cx.store.setting(RECOVERY_CODES).await?;
        self.recovery_codes_from(stored.as_deref())
    }

    fn recovery_codes_from(&self, stored: Option<&str>) -> ApiResult<second_factor::RecoveryCodes> {
        let stored: Vec<StoredRecoveryCode> = match stored {
            Some(text) => serde_json::from_str(text).map_err(internal)?,
            None => Vec::new(),
        };
        second_factor::RecoveryCodes::from_stored(stored).map_err(internal)
    }

    fn unix_now(&self) -> u64 {
        u64::try_from(self.cx.clock.now().timestamp()).unwrap_or(0)
    }
}

/// The code a request carries, as typed.
pub(crate) fn typed(code: &Option<Sensitive<String>>) -> Option<&str> {
    code.as_ref().map(|code| code.expose().as_str())
}

/// "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP", as authenticator apps show keys to type.
fn grouped(key: &str) -> String {
    key.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
