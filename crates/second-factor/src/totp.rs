//! Checking a typed authenticator code (RFC 6238 with SHA1, 6 digits, 30 s steps). A code is accepted
//! for the current step or one step either side (a phone clock up to ~30 s off), and the step it
//! matched is returned so that the caller can refuse the same step twice: RFC 6238 §5.2 asks a
//! verifier to accept a code only once, and only the caller remembers what was accepted.

use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Builder, Totp};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::secret::Secret;

/// Digits in a code.
pub const DIGITS: usize = 6;
/// Seconds in a time step.
pub const PERIOD_SECS: u64 = 30;
/// Steps of clock drift accepted either side of the current one.
pub const DRIFT_STEPS: u64 = 1;

/// An RFC 6238 time step: Unix seconds divided by [`PERIOD_SECS`]. Store [`Step::get`] after an accepted
/// code and pass it to [`verify_fresh`] next time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Step(u64);

impl Step {
    /// The step that contains the instant `unix_seconds`.
    pub fn at(unix_seconds: u64) -> Step {
        Step(unix_seconds / PERIOD_SECS)
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

impl From<Step> for u64 {
    fn from(step: Step) -> u64 {
        step.0
    }
}

/// Checks `code` against the current step of `now` (Unix seconds) and one step either side. White
/// space is ignored (`"287 082"` as some apps show it, a pasted newline); anything but 6 ASCII digits is
/// [`Error::MalformedCode`]. Returns the step that matched. This alone does not stop a replay: use
/// [`verify_fresh`] for that.
pub fn verify(secret: &Secret, code: &str, now: u64) -> Result<Step, Error> {
    check(secret, code, now, None)
}

/// [`verify`], and refuses ([`Error::Replayed`]) a code whose step is not after `last_used_step`, the
/// step of the last code accepted for this key. Store the returned step as the new `last_used_step`.
pub fn verify_fresh(
    secret: &Secret,
    code: &str,
    now: u64,
    last_used_step: Option<u64>,
) -> Result<Step, Error> {
    check(secret, code, now, last_used_step)
}

/// The code an authenticator app shows at `now` for this key, e.g. for tests of the flows that ask
/// for one.
pub fn code_at(secret: &Secret, now: u64) -> String {
    totp(secret).generate(now).to_string()
}

fn check(secret: &Secret, code: &str, now: u64, last_used: Option<u64>) -> Result<Step, Error> {
    let code = shape(code)?;
    let totp = totp(secret);
    let current = now / PERIOD_SECS;
    let mut fresh = None;
    let mut replayed = None;
    // Every candidate is computed and compared, matched or not.
    for step in current.saturating_sub(DRIFT_STEPS)..=current.saturating_add(DRIFT_STEPS) {
        let Some(start) = step.checked_mul(PERIOD_SECS) else {
            continue;
        };
        let expected = Zeroizing::new(totp.generate(start).to_string());
        let matched: bool = expected.as_bytes().ct_eq(code.as_bytes()).into();
        if matched {
            if last_used.is_some_and(|last| step <= last) {
                replayed.get_or_insert(step);
            } else {
                fresh.get_or_insert(step);
            }
        }
    }
    match (fresh, replayed) {
        (Some(step), _) => Ok(Step(step)),
        (None, Some(step)) => Err(Error::Replayed { step }),
        (None, None) => Err(Error::WrongCode),
    }
}

/// The code without white space, if it is then exactly [`DIGITS`] ASCII digits.
fn shape(code: &str) -> Result<Zeroizing<String>, Error> {
    let code: Zeroizing<String> =
        Zeroizing::new(code.chars().filter(|c| !c.is_whitespace()).collect());
    if code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(Error::MalformedCode)
    }
}

fn totp(secret: &Secret) -> Totp {
    // `Secret` only holds keys of at least 128 bits and the parameters are RFC 6238's defaults, so
    // `build` has nothing to refuse.
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS as u8)
        .with_step_duration(PERIOD_SECS)
        .with_skew(DRIFT_STEPS as u16)
        .with_secret(secret.totp_secret().clone())
        .build_noncompliant()
}
