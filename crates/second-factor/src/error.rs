//! Why a code, a secret or a stored hash was refused, said so that a person (or the app's error
//! mapping) can act on it. Messages never repeat the code or the secret that was typed.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    #[error("an authenticator code is 6 digits")]
    MalformedCode,
    #[error("the authenticator code is wrong or has expired")]
    WrongCode,
    #[error("this authenticator code has already been used; wait for the next one")]
    Replayed { step: u64 },
    #[error("the stored second-factor key is not base32 of at least 128 bits")]
    MalformedSecret,
    #[error("the enrolment QR code could not be drawn: {detail}")]
    QrCode { detail: String },
    #[error("a recovery code is 12 letters and digits, like ABCD-EFGH-JKLM")]
    MalformedRecoveryCode,
    #[error("this is not one of your recovery codes")]
    WrongRecoveryCode,
    #[error("this recovery code has already been used")]
    RecoveryCodeUsed,
    #[error("a stored recovery code is not an argon2id hash: {detail}")]
    StoredHash { detail: String },
    #[error("a recovery code could not be hashed: {detail}")]
    Hashing { detail: String },
}
