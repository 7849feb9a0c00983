//! The nested parts of a payload: merchant account information (02–51), the additional data field
//! template (62) and the merchant information language template (64). Each is read from, and
//! written back to, the value of one root field; sub-fields this crate does not name are kept in
//! order.

use crate::error::QrError;
use crate::tlv::{self, Field, Located};

/// One way to pay the merchant (root IDs 02–51); a payload carries one or more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MerchantAccount {
    /// IDs 02–25, reserved for card schemes (02–03 Visa, 04–05 Mastercard, 15–16 UnionPay, …). Their
    /// value is the scheme's own format, kept exactly as written.
    CardScheme { tag: u8, value: String },
    /// IDs 26–51: a template whose sub-ID 00 is the globally unique identifier of the payment system
    /// (a reverse domain name such as `br.gov.bcb.pix`, or an AID such as `A000000677010111`),
    /// followed by that system's own sub-fields, in order.
    Template {
        tag: u8,
        globally_unique_id: String,
        fields: Vec<Field>,
    },
}

impl MerchantAccount {
    /// A template account (ID 26–51) with its globally unique identifier and sub-fields 01–99.
    pub fn template(
        tag: u8,
        globally_unique_id: impl Into<String>,
        fields: impl IntoIterator<Item = Field>,
    ) -> Self {
        MerchantAccount::Template {
            tag,
            globally_unique_id: globally_unique_id.into(),
            fields: fields.into_iter().collect(),
        }
    }

    /// The root ID this account is written under.
    pub fn tag(&self) -> u8 {
        match self {
            MerchantAccount::CardScheme { tag, .. } | MerchantAccount::Template { tag, .. } => *tag,
        }
    }

    /// The payment system's identifier, for template accounts (26–51).
    pub fn globally_unique_id(&self) -> Option<&str> {
        match self {
            MerchantAccount::CardScheme { .. } => None,
            MerchantAccount::Template {
                globally_unique_id, ..
            } => Some(globally_unique_id),
        }
    }

    /// A template account's sub-field by ID (01–99); `None` for card-scheme accounts.
    pub fn field(&self, id: u8) -> Option<&str> {
        match self {
            MerchantAccount::CardScheme { .. } => None,
            MerchantAccount::Template { fields, .. } => fields
                .iter()
                .find(|field| field.id == id)
                .map(|field| field.value.as_str()),
        }
    }

    pub(crate) fn read(located: &Located) -> Result<Self, QrError> {
        let tag = located.field.id;
        if tag <= 25 {
            return Ok(MerchantAccount::CardScheme {
                tag,
                value: located.field.value.clone(),
            });
        }
        let sub_fields = tlv::parse(&located.field.value, located.value_offset, Some(tag))?;
        let mut globally_unique_id = None;
        let mut fields = Vec::new();
        for sub in sub_fields {
            if sub.field.id == 0 {
                globally_unique_id = Some(sub.field.value);
            } else {
                fields.push(sub.field);
            }
        }
        match globally_unique_id {
            Some(globally_unique_id) if !globally_unique_id.is_empty() => {
                Ok(MerchantAccount::Template {
                    tag,
                    globally_unique_id,
                    fields,
                })
            }
            _ => Err(QrError::InvalidField {
                tag: format!("{tag:02}"),
                name: "merchant account information",
                reason: "the template has no globally unique identifier (sub-ID 00)".to_string(),
            }),
        }
    }

    pub(crate) fn write(&self) -> Result<String, QrError> {
        match self {
            MerchantAccount::CardScheme { value, .. } => Ok(value.clone()),
            MerchantAccount::Template {
                tag,
                globally_unique_id,
                fields,
            } => {
                let mut out = String::new();
                tlv::write(&mut out, Some(*tag), 0, globally_unique_id)?;
                for field in fields {
                    tlv::write(&mut out, Some(*tag), field.id, &field.value)?;
                }
                Ok(out)
            }
        }
    }
}

/// The additional data field template (root ID 62). A value of `***` asks the payer's app to
/// prompt for it (a bill number the payer types, for instance).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdditionalData {
    /// 01: the invoice or bill number.
    pub bill_number: Option<String>,
    /// 02: the mobile number, for top-ups and bill payments.
    pub mobile_number: Option<String>,
    /// 03: the store's label.
    pub store_label: Option<String>,
    /// 04: a loyalty card number.
    pub loyalty_number: Option<String>,
    /// 05: the merchant's reference for this transaction (Pix puts its txid here).
    pub reference_label: Option<String>,
    /// 06: the customer's label (an account or subscriber number).
    pub customer_label: Option<String>,
    /// 07: the terminal's label.
    pub terminal_label: Option<String>,
    /// 08: what the payment is for.
    pub purpose_of_transaction: Option<String>,
    /// 09: the consumer data the merchant asks for: any of `A` (address), `M` (mobile), `E` (email).
    pub consumer_data_request: Option<String>,
    /// 10–99: reserved and payment-system-specific sub-fields, in order, as written.
    pub other: Vec<Field>,
}

const ADDITIONAL_DATA: u8 = 62;

impl AdditionalData {
    fn slots(&self) -> [(u8, &Option<String>); 9] {
        [
            (1, &self.bill_number),
            (2, &self.mobile_number),
            (3, &self.store_label),
            (4, &self.loyalty_number),
            (5, &self.reference_label),
            (6, &self.customer_label),
            (7, &self.terminal_label),
            (8, &self.purpose_of_transaction),
            (9, &self.consumer_data_request),
        ]
    }

    fn slot_mut(&mut self, id: u8) -> Option<&mut Option<String>> {
        Some(match id {
            1 => &mut self.bill_number,
            2 => &mut self.mobile_number,
            3 => &mut self.store_label,
            4 => &mut self.loyalty_number,
            5 => &mut self.reference_label,
            6 => &mut self.customer_label,
            7 => &mut self.terminal_label,
            8 => &mut self.purpose_of_transaction,
            9 => &mut self.consumer_data_request,
            _ => return None,
        })
    }

    pub(crate) fn read(located: &Located) -> Result<Self, QrError> {
        let mut data = AdditionalData::default();
        for sub in tlv::parse(
            &located.field.value,
            located.value_offset,
            Some(ADDITIONAL_DATA),
        )? {
            match data.slot_mut(sub.field.id) {
                Some(slot) => *slot = Some(sub.field.value),
                None => data.other.push(sub.field),
            }
        }
        Ok(data)
    }

    /// Writes 01–09 in order, then the others as given.
    pub(crate) fn write(&self) -> Result<String, QrError> {
        let mut out = String::new();
        for (id, value) in self.slots() {
            if let Some(value) = value {
                tlv::write(&mut out, Some(ADDITIONAL_DATA), id, value)?;
            }
        }
        for field in &self.other {
            tlv::write(&mut out, Some(ADDITIONAL_DATA), field.id, &field.value)?;
        }
        Ok(out)
    }

    /// All sub-fields as (ID, value), named ones first; for checks that apply to every value.
    pub(crate) fn values(&self) -> impl Iterator<Item = (u8, &str)> {
        self.slots()
            .into_iter()
            .filter_map(|(id, value)| value.as_deref().map(|value| (id, value)))
            .chain(
                self.other
                    .iter()
                    .map(|field| (field.id, field.value.as_str())),
            )
    }
}

/// The merchant information language template (root ID 64): the merchant's name, and optionally
/// city, in another language and script, written in UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantLanguage {
    /// 00: the language, ISO 639 two-letter code (`ZH`, `th`).
    pub language: String,
    /// 01: the merchant's name in that language.
    pub name: String,
    /// 02: the merchant's city in that language.
    pub city: Option<String>,
    /// 03–99: reserved sub-fields, in order, as written.
    pub other: Vec<Field>,
}

const LANGUAGE: u8 = 64;

impl MerchantLanguage {
    pub fn new(language: impl Into<String>, name: impl Into<String>) -> Self {
        MerchantLanguage {
            language: language.into(),
            name: name.into(),
            city: None,
            other: Vec::new(),
        }
    }

    pub fn with_city(mut self, city: impl Into<String>) -> Self {
        self.city = Some(city.into());
        self
    }

    pub(crate) fn read(located: &Located) -> Result<Self, QrError> {
        let mut language = None;
        let mut name = None;
        let mut city = None;
        let mut other = Vec::new();
        for sub in tlv::parse(&located.field.value, located.value_offset, Some(LANGUAGE))? {
            match sub.field.id {
                0 => language = Some(sub.field.value),
                1 => name = Some(sub.field.value),
                2 => city = Some(sub.field.value),
                _ => other.push(sub.field),
            }
        }
        let missing = |id: u8, what: &str| QrError::InvalidField {
            tag: format!("{LANGUAGE}"),
            name: "merchant information language template",
            reason: format!("it has no {what} (sub-ID {id:02})"),
        };
        let language = language.ok_or_else(|| missing(0, "language preference"))?;
        let name = name.ok_or_else(|| missing(1, "merchant name"))?;
        if language.chars().count() != 2 || !language.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(QrError::InvalidField {
                tag: "64.00".to_string(),
                name: "language preference",
                reason: format!("expected a two-letter ISO 639 code, found {language:?}"),
            });
        }
        Ok(MerchantLanguage {
            language,
            name,
            city,
            other,
        })
    }

    pub(crate) fn write(&self) -> Result<String, QrError> {
        let mut out = String::new();
        tlv::write(&mut out, Some(LANGUAGE), 0, &self.language)?;
        tlv::write(&mut out, Some(LANGUAGE), 1, &self.name)?;
        if let Some(city) = &self.city {
            tlv::write(&mut out, Some(LANGUAGE), 2, city)?;
        }
        for field in &self.other {
            tlv::write(&mut out, Some(LANGUAGE), field.id, &field.value)?;
        }
        Ok(out)
    }
}
