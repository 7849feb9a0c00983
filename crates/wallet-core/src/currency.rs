//! ISO 4217 currencies, with the minor units that decide how an amount is stored and shown.

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

    /// The currency with this ISO 4217 numeric code, if it is one money can be kept in.
    pub fn from_numeric(numeric: u16) -> Option<Currency> {
        iso_currency::Currency::from_numeric(numeric).and_then(Self::from_iso)
    }

    /// Every ISO 4217 currency with minor units (not gold, SDRs or test codes: those are not money kept in
    /// an account). The table is `iso_currency`'s, kept up to date with the standard by its maintainers.
    fn from_iso(iso: iso_currency::Currency) -> Option<Currency> {
        let minor_units = u8::try_from(iso.exponent()?).ok()?;
        let bytes = iso.code().as_bytes();
        Some(Currency {
            code: [*bytes.first()?, *bytes.get(1)?, *bytes.get(2)?],
            minor_units,
            numeric: iso.numeric(),
        })
    }
}

impl FromStr for Currency {
    type Err = DomainError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let upper = code.trim().to_ascii_uppercase();
        iso_currency::Currency::from_code(&upper)
            .and_then(Self::from_iso)
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

    #[rstest]
    #[case("BRL", 2, 986)]
    #[case("MXN", 2, 484)]
    #[case("CLP", 0, 152)]
    #[case("ISK", 0, 352)]
    #[case("TND", 3, 788)]
    #[case("ZAR", 2, 710)]
    fn any_iso_currency_a_statement_may_be_in_is_money(
        #[case] code: &str,
        #[case] minor_units: u32,
        #[case] numeric: u16,
    ) {
        let currency = code.parse::<Currency>().unwrap();
        assert_eq!(currency.minor_units(), minor_units);
        assert_eq!(Currency::from_numeric(numeric), Some(currency));
    }

    #[test]
    fn the_named_constants_agree_with_the_standard() {
        for constant in [Currency::CNY, Currency::USD, Currency::JPY] {
            assert_eq!(Some(constant), Currency::from_numeric(constant.numeric()));
            assert_eq!(Ok(constant), constant.code().parse::<Currency>());
        }
    }

    #[test]
    fn codes_that_are_not_money_kept_in_an_account_find_nothing() {
        // Gold (XAU, 959) and special drawing rights (XDR, 960) have no minor units.
        assert_eq!(Currency::from_numeric(959), None);
        assert!("XAU".parse::<Currency>().is_err());
        assert_eq!(Currency::from_numeric(0), None);
    }

    #[test]
    fn an_unknown_code_is_refused_by_name() {
        let err = "XYZ".parse::<Currency>().unwrap_err();
        assert!(err.to_string().contains("XYZ"));
    }
}
