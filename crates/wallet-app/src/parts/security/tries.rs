//! Wrong tries at the secrets a person types — the payment PIN, an authenticator or recovery code, the app
//! password — counted alike (issue 17): each try is counted in the wallet file before it is checked, in
//! one write (wallet-store's attempts), so tries sent in parallel, from threads or processes, cannot pass
//! the lock, and a restart does not reset it. Five wrong in a row lock that secret for 15 minutes.

use chrono::{DateTime, Duration, Utc};
use wallet_store::{Try, TryRule};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Security;

pub const MAX_TRIES: u32 = 5;
pub const LOCK_FOR: Duration = Duration::minutes(15);
const RULE: TryRule = TryRule {
    max: MAX_TRIES,
    lock_for: LOCK_FOR,
};

/// A secret whose tries are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guarded {
    PaymentPin,
    SecondFactor,
    AppPassword,
}

impl Guarded {
    fn key(self) -> &'static str {
        match self {
            Self::PaymentPin => "payment_pin",
            Self::SecondFactor => "second_factor",
            Self::AppPassword => "app_password",
        }
    }

    /// The refusal while the secret is locked.
    pub(crate) fn locked(self, until: DateTime<Utc>) -> ApiError {
        let at = until.format("%Y-%m-%d %H:%M");
        match self {
            Self::PaymentPin => ApiError::new(
                ErrorCode::PinLocked,
                format!("Too many wrong PINs: payments are locked until {at} UTC."),
            ),
            Self::SecondFactor => ApiError::new(
                ErrorCode::TooManyTries,
                format!(
                    "Too many wrong codes: codes are not taken until {at} UTC. Nothing was changed."
                ),
            ),
            Self::AppPassword => ApiError::new(
                ErrorCode::TooManyTries,
                format!("Too many wrong passwords: Purse stays locked until {at} UTC."),
            ),
        }
    }
}

/// How a counted try came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Right,
    /// Wrong, with this many tries left.
    Wrong {
        left: u32,
    },
    /// Wrong, and the last try: the secret is locked until then.
    Locked {
        until: DateTime<Utc>,
    },
}

impl Security {
    /// Counts a try at `secret` before it is checked: refuses, unchecked, while it is locked. Returns the
    /// try's number, for [`Wallet::settle_try`].
    pub(crate) async fn count_try(&self, secret: Guarded) -> ApiResult<u32> {
        match self
            .cx
            .store
            .count_try(secret.key(), self.cx.clock.now(), RULE)
            .await?
        {
            Try::Counted { number } => Ok(number),
            Try::Locked { until } => Err(secret.locked(until)),
        }
    }

    /// Settles try number `number` once checked: a right one starts the count again; a wrong one stays
    /// counted, and the last one leaves the lock its count set.
    pub(crate) async fn settle_try(
        &self,
        secret: Guarded,
        number: u32,
        right: bool,
    ) -> ApiResult<Outcome> {
        if right {
            self.cx.store.forget_tries(secret.key()).await?;
            return Ok(Outcome::Right);
        }
        if number < MAX_TRIES {
            return Ok(Outcome::Wrong {
                left: MAX_TRIES - number,
            });
        }
        let now = self.cx.clock.now();
        let until = self
            .cx
            .store
            .tries(secret.key(), now)
            .await?
            .locked_until
            .unwrap_or(now + LOCK_FOR);
        Ok(Outcome::Locked { until })
    }

    /// Wrong tries so far and the lock, if any (as the security screen and the PIN sheet show them).
    pub(crate) async fn tries_left(
        &self,
        secret: Guarded,
    ) -> ApiResult<(u32, Option<DateTime<Utc>>)> {
        let count = self
            .cx
            .store
            .tries(secret.key(), self.cx.clock.now())
            .await?;
        Ok((MAX_TRIES.saturating_sub(count.failed), count.locked_until))
    }
}
