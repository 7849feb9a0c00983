//! What went wrong talking to a SimpleFIN server, in words a person can act on, and which kind of
//! trouble it is (so the caller knows whether to retry, ask for a new token, or give up). No message
//! ever contains a setup token, an access URL or its user and password.

use thiserror::Error;

/// What the caller should do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The pasted setup token (or a stored access URL) cannot be used as it is: ask the person again.
    BadInput,
    /// The claim was refused (403): the token is unknown or already claimed.
    TokenRefused,
    /// `/accounts` answered 403: the access was revoked; ask for a new setup token.
    NeedsNewToken,
    /// `/accounts` answered 402: the person's Bridge subscription lapsed.
    PaymentRequired,
    /// Worth retrying later with backoff: 5xx, timeouts, unreachable, a non-JSON page.
    Transient,
    /// The server answered something this client will not read (wrong shape, too large).
    Malformed,
}

#[derive(Debug, Error)]
pub enum SimplefinError {
    #[error(
        "This is not a usable SimpleFIN setup token: {0}. Copy the whole token from the SimpleFIN Bridge and paste it again."
    )]
    BadSetupToken(&'static str),
    #[error("The stored SimpleFIN access is not usable: {0}. Connect with a new setup token.")]
    BadAccessUrl(&'static str),
    #[error(
        "The SimpleFIN server refused this setup token: it is unknown or was already claimed. If you did not claim it yourself, someone else may have: disable it in the SimpleFIN Bridge and make a new setup token."
    )]
    TokenRefused,
    #[error(
        "SimpleFIN no longer accepts this connection (it was revoked or its access is wrong). Make a new setup token in the SimpleFIN Bridge and connect again."
    )]
    NeedsNewToken,
    #[error(
        "SimpleFIN asks for payment (HTTP 402): the SimpleFIN Bridge subscription may have lapsed. Renew it in the Bridge, then sync again."
    )]
    PaymentRequired,
    #[error("SimpleFIN could not be reached or had a problem ({0}). Try again later.")]
    Transient(String),
    #[error("SimpleFIN sent an answer the wallet cannot read: {0}")]
    Malformed(String),
}

impl SimplefinError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            SimplefinError::BadSetupToken(_) | SimplefinError::BadAccessUrl(_) => {
                ErrorKind::BadInput
            }
            SimplefinError::TokenRefused => ErrorKind::TokenRefused,
            SimplefinError::NeedsNewToken => ErrorKind::NeedsNewToken,
            SimplefinError::PaymentRequired => ErrorKind::PaymentRequired,
            SimplefinError::Transient(_) => ErrorKind::Transient,
            SimplefinError::Malformed(_) => ErrorKind::Malformed,
        }
    }
}
