//! The one error shape that crosses IPC: a code the UI branches on and a message a person can read.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The request itself was wrong; nothing was changed.
    InvalidInput,
    NotFound,
    /// The bank could not be reached or did not answer in time.
    BankUnreachable,
    /// The bank no longer accepts the wallet's consent: the user must link it again.
    BankRelinkNeeded,
    /// The bank answered with an error.
    BankError,
    /// Another sync is already running.
    Busy,
    /// No payment PIN yet: set one before the first payment.
    PinNotSet,
    /// The payment PIN was wrong (the message says how many tries are left).
    WrongPin,
    /// Too many wrong PINs: payments are locked for a while (the message says until when).
    PinLocked,
    /// The wallet file could not be read or written.
    Storage,
    /// No OS keyring to keep the wallet's key in (or it refused): the wallet stays closed.
    KeyringUnavailable,
    /// The wallet file does not open with the key the keyring holds for it (or holds none).
    WrongKey,
    /// A payment is still on its way: the account cannot be closed until it has finished.
    PaymentsPending,
    /// This action needs an authenticator (or recovery) code as well as the PIN: ask for one and try again.
    SecondFactorRequired,
    /// This action needs a second factor and none is set up (Security → Second factor).
    SecondFactorNotSet,
    /// The authenticator or recovery code was wrong, expired or already used.
    WrongSecondFactor,
    /// The risk checks stopped the payment (the message says why); nothing was sent.
    RiskBlocked,
    /// Too many wrong authenticator codes or app passwords: refused for a while (the message says until
    /// when).
    TooManyTries,
    /// Purse is locked: unlock it (app password or keyring) first.
    Locked,
    /// The app password (or the wallet's passphrase) was wrong.
    WrongPassword,
    /// The wallet is protected by a passphrase: ask for it and open with it.
    PassphraseNeeded,
    /// The exchange rate quoted for a payment abroad has expired: nothing was paid; get a new quote.
    QuoteExpired,
    /// A QIF file does not say how its dates are written: ask the person, and read it again with it.
    DateOrderNeeded,
    /// Another Purse (the app or a `purse` command) has this wallet open: close it and try again.
    WalletInUse,
    /// A file of the wallet (the wallet file, its sealed secrets or its passphrase salt) is missing while
    /// the rest of it is there: nothing was changed; put it back, or start over.
    WalletMissing,
    /// A file in the wallet folder is not this wallet's (another wallet's, or a new one put in its place):
    /// nothing was changed; put the wallet's own file back, or start over.
    WalletForeign,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl From<wallet_store::StoreError> for ApiError {
    fn from(error: wallet_store::StoreError) -> Self {
        tracing::error!(%error, "wallet storage failed");
        if let wallet_store::StoreError::MadeByUnreleasedBuild { .. } = &error {
            return ApiError::new(
                ErrorCode::WalletForeign,
                "This wallet was made by an unreleased development build of Purse; start over \
                 (`purse start-over`), which makes a new wallet that links its bank again.",
            );
        }
        if let wallet_store::StoreError::WrongKey { path } = &error {
            return ApiError::new(
                ErrorCode::WrongKey,
                format!(
                    "The wallet at {path} does not open with the key kept for it in the keyring. Nothing was changed."
                ),
            );
        }
        ApiError::new(
            ErrorCode::Storage,
            format!("The wallet file could not be read or written: {error}"),
        )
    }
}

impl From<wallet_core::DomainError> for ApiError {
    fn from(error: wallet_core::DomainError) -> Self {
        ApiError::invalid(error.to_string())
    }
}

impl From<bank_api::BankError> for ApiError {
    fn from(error: bank_api::BankError) -> Self {
        use bank_api::BankError as E;
        let code = match &error {
            E::Unreachable { .. } | E::Timeout => ErrorCode::BankUnreachable,
            E::RelinkNeeded => ErrorCode::BankRelinkNeeded,
            _ => ErrorCode::BankError,
        };
        ApiError::new(code, error.to_string())
    }
}
