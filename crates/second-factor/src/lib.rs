//! A second factor for Purse's high-risk actions: a TOTP key (RFC 6238: SHA1, 6 digits, 30 s — what
//! every authenticator app understands) enrolled by QR code or by hand, the check of a typed code with
//! one step of clock drift and replay refusal, and ten one-time recovery codes for a lost phone.
//!
//! No IO and no clock: the caller passes the time, keeps the [`Secret`] in the OS keyring (as base32),
//! keeps the last accepted [`Step`] and the [`StoredRecoveryCode`]s in the wallet file.

pub mod enrolment;
pub mod error;
pub mod recovery;
pub mod secret;
pub mod totp;

pub use enrolment::Enrolment;
pub use error::Error;
pub use recovery::{RECOVERY_CODE_COUNT, RecoveryCode, RecoveryCodes, StoredRecoveryCode};
pub use secret::Secret;
pub use totp::{DIGITS, DRIFT_STEPS, PERIOD_SECS, Step, code_at, verify, verify_fresh};
