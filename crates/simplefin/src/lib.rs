//! The SimpleFIN protocol, client side: a pasted setup token checked and claimed for an access URL (the
//! credential, held in `Sensitive`), `GET /accounts` read into exact, sanitized data, and the pure rules
//! a caller needs around it (90-day date windows, the Bridge's daily request quota). No wallet types: the
//! wallet's bank seam is built on top of this elsewhere. `test_server` (feature `test-server`) is a fake
//! SimpleFIN server written from the notes' checklist, for tests.

mod access_url;
use bank_http::address;
mod amount;
mod body;
mod client;
mod error;
mod messages;
mod model;
mod query;
mod quota;
mod sanitize;
mod setup_token;
mod transaction;
mod window;

#[cfg(feature = "test-server")]
pub mod test_server;

pub use access_url::AccessUrl;
pub use body::MAX_BODY_BYTES;
pub use client::{Client, ClientOptions, claim};
pub use error::{ErrorKind, SimplefinError};
pub use messages::{ErrorCode, ServerMessage};
pub use model::{Account, AccountSet, Connection, Currency, Organization};
pub use query::{ApiVersion, Query};
pub use quota::Quota;
pub use sanitize::sanitize_text;
pub use setup_token::SetupToken;
pub use transaction::Transaction;
pub use window::{DateWindow, MAX_WINDOW_DAYS, date_windows};
