//! PISP international payments (v3.1.11 `OBWriteInternationalConsent5`, `OBWriteInternational3` and their
//! responses) and the sandbox's FX vendor extension (`/purse/v1/fx`: firm quotes and the daily reference
//! rates). Only the fields Purse sends or reads are declared; the server ignores the rest.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::common::{Amount, Links, Meta};
use super::payments::{
    CashAccount, Charge, PaymentConsentStatus, PaymentRisk, PaymentStatus, RemittanceInformation,
};

/// Where the FX vendor extension lives.
pub const FX_PREFIX: &str = "/purse/v1/fx";

/// `ExchangeRateInformation/RateType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RateType {
    /// The bank quotes a firm rate in the consent's answer, good until its expiry.
    Actual,
    /// A firm rate the client agreed beforehand (an FX quote), named by its contract.
    Agreed,
    /// An estimate; the rate applied may differ.
    Indicative,
}

/// `OBChargeBearerType1Code`: who pays the charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChargeBearer {
    BorneByCreditor,
    BorneByDebtor,
    FollowingServiceLevel,
    Shared,
}

/// A rate travels as a JSON number in the spec; it is read through its decimal text, never a float.
mod rate_number {
    use super::*;

    pub fn serialize<S: Serializer>(rate: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = rate
            .normalize()
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        let text = number.to_string();
        text.parse::<Decimal>()
            .or_else(|_| Decimal::from_scientific(&text))
            .map_err(serde::de::Error::custom)
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            rate: &Option<Decimal>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match rate {
                Some(rate) => super::serialize(rate, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] Decimal);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(rate)| rate))
        }
    }
}

/// `Initiation/ExchangeRateInformation`: what the client asks for (with `Agreed`, the contract and its rate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeRateRequest {
    /// In "1 EUR = 7.85 CNY" the unit currency is EUR.
    pub unit_currency: String,
    #[serde(
        default,
        with = "rate_number::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub exchange_rate: Option<Decimal>,
    pub rate_type: RateType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_identification: Option<String>,
}

/// `Data/ExchangeRateInformation` of a consent or payment: the rate the bank applies, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeRateQuote {
    pub unit_currency: String,
    #[serde(with = "rate_number")]
    pub exchange_rate: Decimal,
    pub rate_type: RateType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_identification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<DateTime<Utc>>,
}

/// `Initiation/Creditor`: the person or business paid.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Creditor {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `Initiation/CreditorAgent`: the payee's bank (`UK.OBIE.BICFI` and its BIC).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreditorAgent {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `OBWriteInternational3/Data/Initiation`: what the customer agrees to pay. The payment repeats it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalInitiation {
    pub instruction_identification: String,
    pub end_to_end_identification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_instrument: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instruction_priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_bearer: Option<ChargeBearer>,
    pub currency_of_transfer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_country_code: Option<String>,
    pub instructed_amount: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_rate_information: Option<ExchangeRateRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<CashAccount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creditor: Option<Creditor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creditor_agent: Option<CreditorAgent>,
    pub creditor_account: CashAccount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remittance_information: Option<RemittanceInformation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalConsentRequestData {
    pub initiation: InternationalInitiation,
}

/// `OBWriteInternationalConsent5`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalConsentRequest {
    pub data: InternationalConsentRequestData,
    pub risk: PaymentRisk,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalConsentData {
    pub consent_id: String,
    pub creation_date_time: DateTime<Utc>,
    pub status: PaymentConsentStatus,
    pub status_update_date_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut_off_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_settlement_date_time: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_rate_information: Option<ExchangeRateQuote>,
    pub initiation: InternationalInitiation,
}

/// `OBWriteInternationalConsentResponse6` (with Links and Meta).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalConsentResponse {
    pub data: InternationalConsentData,
    pub risk: PaymentRisk,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalPaymentRequestData {
    pub consent_id: String,
    pub initiation: InternationalInitiation,
}

/// `OBWriteInternational3`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalPaymentRequest {
    pub data: InternationalPaymentRequestData,
    pub risk: PaymentRisk,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalPaymentData {
    pub international_payment_id: String,
    pub consent_id: String,
    pub creation_date_time: DateTime<Utc>,
    pub status: PaymentStatus,
    pub status_update_date_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_settlement_date_time: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_rate_information: Option<ExchangeRateQuote>,
    pub initiation: InternationalInitiation,
}

/// `OBWriteInternationalResponse5` (with Links and Meta).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternationalPaymentResponse {
    pub data: InternationalPaymentData,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub meta: Meta,
}

/// Vendor extension: asks for a firm rate to pay `unit_currency` from an account in `quote_currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FxQuoteRequestData {
    pub unit_currency: String,
    pub quote_currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FxQuoteRequest {
    pub data: FxQuoteRequestData,
}

/// Vendor extension: a firm rate (an FX contract), to be named in a consent with `RateType` `Agreed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FxQuote {
    pub contract_identification: String,
    pub unit_currency: String,
    pub quote_currency: String,
    /// `quote_currency` per one `unit_currency`, exact decimal text.
    pub exchange_rate: Decimal,
    pub expiration_date_time: DateTime<Utc>,
    /// The day's reference rates the quote was made from (each against CNY).
    pub reference_date: NaiveDate,
}

/// Vendor extension: one day's reference rate of a currency against CNY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReferenceRate {
    /// The currency priced, e.g. USD: one unit is `rate` CNY.
    pub currency: String,
    pub quote_currency: String,
    pub date: NaiveDate,
    /// Exact decimal text, e.g. "7.1234".
    pub rate: Decimal,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReferenceRateList {
    #[serde(default)]
    pub reference_rate: Vec<ReferenceRate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_travels_as_a_json_number_and_comes_back_exactly() {
        let quote = ExchangeRateQuote {
            unit_currency: "EUR".into(),
            exchange_rate: "7.812345".parse().unwrap(),
            rate_type: RateType::Agreed,
            contract_identification: Some("fxq-1".into()),
            expiration_date_time: None,
        };
        let json = serde_json::to_string(&quote).unwrap();
        assert!(json.contains(r#""ExchangeRate":7.812345"#), "{json}");
        let back: ExchangeRateQuote = serde_json::from_str(&json).unwrap();
        assert_eq!(back, quote);
    }

    #[test]
    fn a_request_without_a_rate_leaves_the_rate_out() {
        let request = ExchangeRateRequest {
            unit_currency: "EUR".into(),
            exchange_rate: None,
            rate_type: RateType::Actual,
            contract_identification: None,
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(json, r#"{"UnitCurrency":"EUR","RateType":"Actual"}"#);
        let back: ExchangeRateRequest = serde_json::from_str(&json).unwrap();
        assert_eq!(back, request);
    }
}
