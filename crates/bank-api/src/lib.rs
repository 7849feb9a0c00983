//! UK Open Banking v3.1.11 (AISP): the wire types and a typed HTTP client that speaks them.

mod client;
mod error;
pub mod jws;
mod pkce;
mod secret;
pub mod wire;

pub use client::{
    AISP_PREFIX, BankClient, BankEndpoint, ClientOptions, MAX_BODY_BYTES, PISP_PREFIX,
    PageProgress, TransactionPages,
};
pub use error::BankError;
pub use pkce::{Pkce, challenge_for};
pub use secret::{AccessToken, RefreshToken, TokenSet};
pub use wire::Permission;
