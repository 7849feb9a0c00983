//! ISO 4217 currencies Purse knows, with the minor units that decide how an amount is stored and shown.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// An ISO 4217 currency code with its number of minor units (CNY 2, JPY 0, KWD 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

/// The currencies a Chinese user's cards, trips and transfers meet most; extend as needed.
const KNOWN: &[(&str, u8)] = &[
    ("AUD", 2),
    ("BHD", 3),
    ("CAD", 2),
    ("CHF", 2),
    ("CNY", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("IDR", 2),
    ("INR", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MOP", 2),
    ("MYR", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("PHP", 2),
    ("RUB", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TWD", 2),
    ("USD", 2),
    ("VND", 0),
];

impl Currency {
    pub const CNY: Currency = Currency {
        code: *b"CNY",
        minor_units: 2,
    };
    pub const USD: Currency = Currency {
        code: *b"USD",
        minor_units: 2,
    };
    pub const JPY: Currency = Currency {
        code: *b"JPY",
        minor_units: 0,
    };

    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }
}

impl FromStr for Currency {
    type Err = DomainError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let upper = code.trim().to_ascii_uppercase();
        KNOWN
            .iter()
            .find(|(known, _)| *known == upper)
            .map(|(known, minor_units)| {
                let bytes = known.as_bytes();
                Currency {
                    code: [bytes[0], bytes[1], bytes[2]],
                    minor_units: *minor_units,
                }
            })
            .ok_or_else(|| DomainError::UnknownCurrency(code.to_string()))
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse()
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.code().to_string()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("CNY", 2)]
    #[case("jpy", 0)]
    #[case("KWD", 3)]
    #[case(" usd ", 2)]
    fn known_codes_carry_their_minor_units(#[case] code: &str, #[case] minor_units: u32) {
        assert_eq!(code.parse::<Currency>().unwrap().minor_units(), minor_units);
    }

    #[test]
    fn an_unknown_code_is_refused_by_name() {
        let err = "XYZ".parse::<Currency>().unwrap_err();
        assert!(err.to_string().contains("XYZ"));
    }
}
