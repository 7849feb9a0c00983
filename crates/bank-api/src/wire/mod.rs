//! UK Open Banking v3.1.11 AISP and PISP wire types, declared once for both the client and the sandbox server.

mod accounts;
mod common;
mod consents;
mod international;
mod payments;
mod rewards;
mod statements;
mod transactions;

pub use accounts::*;
pub use common::*;
pub use consents::*;
pub use international::*;
pub use payments::*;
pub use rewards::*;
pub use statements::*;
pub use transactions::*;

/// A vendor extension: where the sandbox publishes the JWK set its `x-jws-signature`s verify against.
pub const JWKS_PATH: &str = "/purse-sandbox/v1/jwks";
