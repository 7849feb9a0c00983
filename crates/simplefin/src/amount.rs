//! SimpleFIN amounts: decimal numbers sent as JSON strings (`"-33293.43"`), any number of fraction
//! digits. Read exactly into `Decimal`; a JSON number is accepted too (some servers send one), read
//! from its shortest text form so `12.34` stays `12.34`.

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserializer;
use serde::de::{Error, Visitor};

pub(crate) fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

pub(crate) fn optional_decimal<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    deserializer.deserialize_any(OptionalDecimalVisitor)
}

fn parse<E: Error>(text: &str) -> Result<Decimal, E> {
    let text = text.trim();
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| E::custom(format!("{text:?} is not a decimal amount")))
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal amount as a string or number")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v)
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Decimal, E> {
        // `Display` of an f64 is the shortest text that reads back as the same f64: the server's digits.
        parse(&v.to_string())
    }
}

struct OptionalDecimalVisitor;

impl<'de> Visitor<'de> for OptionalDecimalVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal amount, or null")
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        DecimalVisitor.visit_str(v).map(Some)
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_i64(v).map(Some)
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_u64(v).map(Some)
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_f64(v).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "super::decimal")]
        a: Decimal,
        #[serde(default, deserialize_with = "super::optional_decimal")]
        b: Option<Decimal>,
    }

    fn read(json: &str) -> (String, Option<String>) {
        let p: Probe = serde_json::from_str(json).expect("probe");
        (p.a.to_string(), p.b.map(|b| b.to_string()))
    }

    #[test]
    fn amounts_are_exact_with_any_number_of_fraction_digits() {
        assert_eq!(read(r#"{"a":"-33293.43"}"#).0, "-33293.43");
        assert_eq!(read(r#"{"a":"5"}"#).0, "5");
        assert_eq!(read(r#"{"a":"5.5"}"#).0, "5.5");
        assert_eq!(read(r#"{"a":"1850.00"}"#).0, "1850.00");
        assert_eq!(read(r#"{"a":"0.125"}"#).0, "0.125");
        assert_eq!(read(r#"{"a":" 12.3456789 "}"#).0, "12.3456789");
    }

    #[test]
    fn json_numbers_and_nulls_are_accepted() {
        assert_eq!(read(r#"{"a":12.34,"b":null}"#), ("12.34".into(), None));
        assert_eq!(
            read(r#"{"a":-7,"b":0.1}"#),
            ("-7".into(), Some("0.1".into()))
        );
        assert!(serde_json::from_str::<Probe>(r#"{"a":"12,34"}"#).is_err());
        assert!(serde_json::from_str::<Probe>(r#"{"a":true}"#).is_err());
    }
}
