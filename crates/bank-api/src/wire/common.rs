//! Shapes shared by every Open Banking v3.1.11 response: amounts as strings, Links, Meta, errors.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `OBActiveOrHistoricCurrencyAndAmount`: the amount travels as a string ("12.50"), never a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Amount {
    #[serde(
        serialize_with = "amount_to_string",
        deserialize_with = "amount_from_string"
    )]
    pub amount: Decimal,
    pub currency: String,
}

/// The spec's pattern `^\d{1,13}$|^\d{1,13}\.\d{1,5}$`: unsigned, at most five decimals. The decimal's own
/// scale is kept, so CNY 150 built with two decimals travels as "150.00" and JPY 1500 as "1500".
fn amount_to_string<S: Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let mut text = amount.abs();
    if text.scale() > 5 {
        text = text.round_dp(5).normalize();
    }
    if text.trunc().to_string().len() > 13 {
        return Err(serde::ser::Error::custom(format!(
            "{text} has more than 13 digits before the point"
        )));
    }
    serializer.serialize_str(&text.to_string())
}

fn amount_from_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(deserializer)?;
    let valid = {
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        !whole.is_empty()
            && whole.len() <= 13
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.len() <= 5
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && fraction.is_empty() != text.contains('.')
    };
    if !valid {
        return Err(serde::de::Error::custom(format!(
            "\"{text}\" is not an Open Banking amount"
        )));
    }
    text.parse().map_err(serde::de::Error::custom)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreditDebitIndicator {
    Credit,
    Debit,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Links {
    #[serde(rename = "Self")]
    pub self_: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_available_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_available_date_time: Option<DateTime<Utc>>,
}

/// A response body: `{ Data, Links, Meta }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Envelope<T> {
    pub data: T,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub meta: Meta,
}

/// `OBErrorResponse1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorResponse {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub message: String,
    pub errors: Vec<ErrorDetail>,
}

/// `OBError1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorDetail {
    pub error_code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_travel_as_strings_and_come_back_exact() {
        let amount = Amount {
            amount: Decimal::new(123_450, 2),
            currency: "CNY".into(),
        };
        let json = serde_json::to_string(&amount).unwrap();
        assert_eq!(json, r#"{"Amount":"1234.50","Currency":"CNY"}"#);
        let back: Amount = serde_json::from_str(&json).unwrap();
        assert_eq!(back.amount, "1234.50".parse::<Decimal>().unwrap());
    }

    #[test]
    fn an_amount_keeps_its_scale_and_never_exceeds_five_decimals() {
        let shown = |amount: Decimal| {
            serde_json::to_value(Amount {
                amount,
                currency: "JPY".into(),
            })
            .unwrap()["Amount"]
                .clone()
        };
        assert_eq!(shown(Decimal::new(1500, 0)), "1500");
        assert_eq!(shown(Decimal::new(-1500, 2)), "15.00");
        assert_eq!(shown("0.1234567".parse().unwrap()), "0.12346");
    }

    #[test]
    fn a_number_or_a_signed_amount_is_refused() {
        for bad in [
            r#"{"Amount":12.5,"Currency":"CNY"}"#,
            r#"{"Amount":"-1.00","Currency":"CNY"}"#,
            r#"{"Amount":"1.","Currency":"CNY"}"#,
        ] {
            assert!(serde_json::from_str::<Amount>(bad).is_err(), "{bad}");
        }
    }
}
