//! The wallet's banks, behind the seam (`bank_link`): the Open Banking implementation, and the one place
//! a bank's failure becomes the wallet's error.

pub(crate) mod enable_banking;
mod open_banking;
pub(crate) mod simplefin;

use bank_link::{LinkError, LinkErrorKind};

pub(crate) use open_banking::OpenBanking;

use crate::error::{ApiError, ErrorCode};

impl From<LinkError> for ApiError {
    fn from(error: LinkError) -> Self {
        let code = match error.kind {
            LinkErrorKind::Unreachable => ErrorCode::BankUnreachable,
            LinkErrorKind::RelinkNeeded => ErrorCode::BankRelinkNeeded,
            LinkErrorKind::Refused | LinkErrorKind::Unreadable => ErrorCode::BankError,
            LinkErrorKind::Local => ErrorCode::Internal,
        };
        ApiError::new(code, error.message)
    }
}

/// A wallet error met inside a bank's implementation (the keychain, a mapping), carried through the seam.
impl From<ApiError> for LinkError {
    fn from(error: ApiError) -> Self {
        let kind = match error.code {
            ErrorCode::BankUnreachable => LinkErrorKind::Unreachable,
            ErrorCode::BankRelinkNeeded => LinkErrorKind::RelinkNeeded,
            ErrorCode::BankError => LinkErrorKind::Unreadable,
            _ => LinkErrorKind::Local,
        };
        LinkError::new(kind, error.message)
    }
}
