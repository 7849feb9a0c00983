//! The seam between the wallet and any bank. The wallet links, syncs and pays through these traits and
//! never learns which bank (or which protocol) is on the other side: the Open Banking client is one
//! implementation, the demo bank's scripted sign-in one [`ConsentApproval`], and the banks still to come
//! (SimpleFIN, Enable Banking) more of the same.

mod approval;
mod connection;
mod error;
mod source;

pub use approval::ConsentApproval;
pub use connection::{BankConnection, BankLine, LinePage};
pub use error::{LinkError, LinkErrorKind};
pub use source::{BankSource, ReachedBank, RunningBank};
/// A card statement as the bank states it: the same facts the wallet file keeps (wallet-core).
pub use wallet_core::CardStatementFacts;
