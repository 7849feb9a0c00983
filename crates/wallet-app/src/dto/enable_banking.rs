//! Enable Banking as the window and the CLI see it: the banks (ASPSPs) of a country to choose from, the
//! bank chosen, and how the consent in the browser is waited for.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The loopback port of the redirect address the README tells people to register.
pub const REDIRECT_PORT: u16 = 8765;
/// The path of that address: `http://127.0.0.1:8765/purse/enable-banking`.
pub const REDIRECT_PATH: &str = "/purse/enable-banking";

/// A bank Enable Banking reaches, known by its name and country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnableBankingBankDto {
    pub name: String,
    /// Two capital letters (ISO 3166).
    pub country: String,
    pub logo: Option<String>,
    /// The longest consent the bank gives, in whole days.
    pub maximum_consent_days: u32,
    /// Enable Banking's integration with it is new.
    pub beta: bool,
}

/// How the consent in the browser is waited for: on which loopback port (0 for any, in tests) and how
/// long at most; and where Enable Banking answers (`None`: `PURSE_ENABLE_BANKING_URL`, else its own
/// address). The link keeps talking to the address its session was made at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnableBankingSignIn {
    pub port: u16,
    pub patience: Duration,
    pub api_url: Option<String>,
}

impl Default for EnableBankingSignIn {
    fn default() -> Self {
        Self {
            port: REDIRECT_PORT,
            patience: browser_sign_in::DEFAULT_PATIENCE,
            api_url: None,
        }
    }
}
