//! What can go wrong with a bank, in the terms the wallet tells a person: out of reach, consent to be
//! given again, refused, or an answer that cannot be read. Each bank's own errors map onto these once.

/// The kind of failure: what the person can do about it differs for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkErrorKind {
    /// The bank cannot be reached, or did not answer in time: try again later.
    Unreachable,
    /// The bank no longer honours the link's consent: the customer must approve again.
    RelinkNeeded,
    /// The bank (or the customer at the bank) said no.
    Refused,
    /// The bank answered something the wallet cannot read.
    Unreadable,
    /// Something on this machine failed (the keyring, a file).
    Local,
}

/// A bank failure with a message a person can read; never carries a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct LinkError {
    pub kind: LinkErrorKind,
    pub message: String,
}

impl LinkError {
    pub fn new(kind: LinkErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn refused(message: impl Into<String>) -> Self {
        Self::new(LinkErrorKind::Refused, message)
    }

    pub fn unreachable(message: impl Into<String>) -> Self {
        Self::new(LinkErrorKind::Unreachable, message)
    }

    pub fn unreadable(message: impl Into<String>) -> Self {
        Self::new(LinkErrorKind::Unreadable, message)
    }

    pub fn local(message: impl Into<String>) -> Self {
        Self::new(LinkErrorKind::Local, message)
    }
}
