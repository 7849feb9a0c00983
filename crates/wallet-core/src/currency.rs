//! ISO 4217 currencies Purse knows, with the minor units that decide how an amount is stored and shown.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// An ISO 4217 currency code with its number of minor units (CNY 2, JPY 0, KWD 3) and its ISO 4217
/// numeric code (CNY 156), the form payment QR codes and card messages carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
    numeric: u16,
}

/// The currencies a Chinese user's cards, trips and transfers meet most; extend as needed.
/// Each row: alphabetic code, minor units, ISO 4217 numeric code.
const KNOWN: &[(&str, u8, u16)] = &[
    ("AUD", 2, 36),
    ("BHD", 3, 48),
    ("CAD", 2, 124),
    ("CHF", 2, 756),
    ("CNY", 2, 156),
    ("DKK", 2, 208),
    ("EUR", 2, 978),
    ("GBP", 2, 826),
    ("HKD", 2, 344),
    ("IDR", 2, 360),
    ("INR", 2, 356),
    ("JPY", 0, 392),
    ("KRW", 0, 410),
    ("KWD", 3, 414),
    ("MOP", 2, 446),
    ("MYR", 2, 458),
    ("NOK", 2, 578),
    ("NZD", 2, 554),
    ("PHP", 2, 608),
    ("RUB", 2, 643),
    ("SEK", 2, 752),
    ("SGD", 2, 702),
    ("THB", 2, 764),
    ("TWD", 2, 901),
    ("USD", 2, 840),
    ("VND", 0, 704),
];

impl Currency {
    pub const CNY: Currency = Currency {
        code: *b"CNY",
        minor_units: 2,
        numeric: 156,
    };
    pub const USD: Currency = Currency {
        code: *b"USD",
        minor_units: 2,
        numeric: 840,
    };
    pub const JPY: Currency = Currency {
        code: *b"JPY",
        minor_units: 0,
        numeric: 392,
    };

    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }

    /// The ISO 4217 numeric code (CNY 156, USD 840, JPY 392); written with three digits, zero-padded
    /// ("036" for AUD), where a format asks for it.
    pub fn numeric(&self) -> u16 {
        self.numeric
    }

    /// The known currency with this ISO 4217 numeric code, if Purse knows it.
    pub fn from_numeric(numeric: u16) -> Option<Currency> {
        KNOWN
            .iter()
            .find(|(_, _, known)| *known == numeric)
            .map(Self::from_row)
    }

    fn from_row(&(code, minor_units, numeric): &(&str, u8, u16)) -> Currency {
        let bytes = code.as_bytes();
        Currency {
            code: [bytes[0], bytes[1], bytes[2]],
            minor_units,
            numeric,
        }
    }
}

impl FromStr for Currency {
    type Err = DomainError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let upper = code.trim().to_ascii_uppercase();
        KNOWN
            .iter()
            .find(|(known, _, _)| *known == upper)
            .map(Self::from_row)
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

    #[rstest]
    #[case("CNY", 156)]
    #[case("USD", 840)]
    #[case("JPY", 392)]
    #[case("AUD", 36)]
    #[case("KWD", 414)]
    #[case("TWD", 901)]
    fn known_codes_carry_their_iso_numeric_code(#[case] code: &str, #[case] numeric: u16) {
        let currency = code.parse::<Currency>().unwrap();
        assert_eq!(currency.numeric(), numeric);
        assert_eq!(Currency::from_numeric(numeric), Some(currency));
    }

    #[test]
    fn every_known_currency_has_its_own_numeric_code() {
        for (code, _, numeric) in KNOWN {
            let currency = Currency::from_numeric(*numeric).unwrap();
            assert_eq!(currency.code(), *code);
            assert_eq!(currency, code.parse::<Currency>().unwrap());
        }
    }

    #[test]
    fn the_named_constants_agree_with_the_table() {
        for constant in [Currency::CNY, Currency::USD, Currency::JPY] {
            assert_eq!(Some(constant), Currency::from_numeric(constant.numeric()));
        }
    }

    #[test]
    fn an_unknown_numeric_code_finds_nothing() {
        assert_eq!(Currency::from_numeric(986), None);
        assert_eq!(Currency::from_numeric(0), None);
    }

    #[test]
    fn an_unknown_code_is_refused_by_name() {
        let err = "XYZ".parse::<Currency>().unwrap_err();
        assert!(err.to_string().contains("XYZ"));
    }
}
