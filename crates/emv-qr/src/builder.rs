//! Writing payloads: a builder for any merchant, and `MerchantQr::for_account` for Purse's own
//! "receive" codes. What is built is written out and read back through `MerchantQr::parse`, so a
//! built code has passed exactly the checks a scanned one does.
//!
//! Writing is stricter than reading, as the specification asks of the side that makes a code:
//! names and cities keep to their maximum lengths (25 and 15 characters), every field outside the
//! language template keeps to printable ASCII (the specification's common character set; a name in
//! another script goes in the language template 64), no value is empty, and the whole payload
//! keeps to 512 characters. Reading accepts codes in the wild that break these (an over-long city,
//! a name in Thai) since nothing in them is ambiguous.

use rust_decimal::Decimal;
use wallet_core::Currency;

use crate::amount;
use crate::crc::{self, CRC_HEADER};
use crate::error::QrError;
use crate::payload::{Initiation, MerchantQr, Tip};
use crate::templates::{AdditionalData, MerchantAccount, MerchantLanguage};
use crate::tlv::{self, Field};

/// The globally unique identifier (sub-ID 00 of template 26) of Purse's own receive codes: a
/// reverse domain name, as the specification suggests.
pub const PURSE_GUID: &str = "app.purse";

/// The merchant category code Purse writes for person-to-person codes. `0000` is what the
/// national person-to-person schemes write when no merchant category applies (Brazil's Pix,
/// Singapore's PayNow); 4829 ("money transfer") would make card networks treat the payment as a
/// quasi-cash transfer, with the fees that go with it.
pub const MCC_PERSON_TO_PERSON: &str = "0000";

/// The longest payload the specification allows.
pub const MAX_PAYLOAD_CHARS: usize = 512;

const MAX_NAME_CHARS: usize = 25;
const MAX_CITY_CHARS: usize = 15;
const MAX_POSTAL_CODE_CHARS: usize = 10;

/// Collects a merchant's details; [`MerchantQrBuilder::build`] checks them and makes the code.
#[derive(Debug, Clone)]
pub struct MerchantQrBuilder {
    initiation: Option<Initiation>,
    merchant_accounts: Vec<MerchantAccount>,
    merchant_category_code: String,
    currency: Currency,
    amount: Option<Decimal>,
    tip: Option<Tip>,
    country_code: String,
    merchant_name: String,
    merchant_city: String,
    postal_code: Option<String>,
    additional_data: Option<AdditionalData>,
    language: Option<MerchantLanguage>,
    other: Vec<Field>,
}

impl MerchantQr {
    /// Starts a code for a merchant. Add at least one merchant account; the category code is
    /// [`MCC_PERSON_TO_PERSON`] unless set.
    pub fn builder(
        merchant_name: impl Into<String>,
        merchant_city: impl Into<String>,
        country_code: impl Into<String>,
        currency: Currency,
    ) -> MerchantQrBuilder {
        MerchantQrBuilder {
            initiation: None,
            merchant_accounts: Vec::new(),
            merchant_category_code: MCC_PERSON_TO_PERSON.to_string(),
            currency,
            amount: None,
            tip: None,
            country_code: country_code.into().to_ascii_uppercase(),
            merchant_name: merchant_name.into(),
            merchant_city: merchant_city.into(),
            postal_code: None,
            additional_data: None,
            language: None,
            other: Vec::new(),
        }
    }

    /// Purse's "receive" code: template 26 with sub-ID 00 = `guid` (normally [`PURSE_GUID`]) and
    /// sub-ID 01 = `account_ref`, category [`MCC_PERSON_TO_PERSON`]. With an amount the code is
    /// dynamic (made for one payment, the payer cannot change the amount); without one it is
    /// static and the payer types the amount.
    pub fn for_account(
        guid: &str,
        account_ref: &str,
        name: &str,
        city: &str,
        country_code: &str,
        currency: Currency,
        amount: Option<Decimal>,
    ) -> Result<MerchantQr, QrError> {
        let builder = MerchantQr::builder(name, city, country_code, currency)
            .merchant_category_code(MCC_PERSON_TO_PERSON)
            .merchant_account(MerchantAccount::template(
                26,
                guid,
                [Field::new(1, account_ref)],
            ));
        match amount {
            Some(amount) => builder.amount(amount).initiation(Initiation::Dynamic),
            None => builder.initiation(Initiation::Static),
        }
        .build()
    }
}

impl MerchantQrBuilder {
    /// Tag 01. Unless set: dynamic when an amount is set, static otherwise.
    pub fn initiation(mut self, initiation: Initiation) -> Self {
        self.initiation = Some(initiation);
        self
    }

    /// Adds a way to pay (tags 02–51); written in tag order.
    pub fn merchant_account(mut self, account: MerchantAccount) -> Self {
        self.merchant_accounts.push(account);
        self
    }

    /// Tag 52: four digits, ISO 18245.
    pub fn merchant_category_code(mut self, code: impl Into<String>) -> Self {
        self.merchant_category_code = code.into();
        self
    }

    /// Tag 54: a positive amount with no more decimal places than the currency has.
    pub fn amount(mut self, amount: Decimal) -> Self {
        self.amount = Some(amount);
        self
    }

    /// Tags 55–57.
    pub fn tip(mut self, tip: Tip) -> Self {
        self.tip = Some(tip);
        self
    }

    /// Tag 61.
    pub fn postal_code(mut self, postal_code: impl Into<String>) -> Self {
        self.postal_code = Some(postal_code.into());
        self
    }

    /// Tag 62.
    pub fn additional_data(mut self, data: AdditionalData) -> Self {
        self.additional_data = Some(data);
        self
    }

    /// Tag 64: the name (and city) in another language and script.
    pub fn language(mut self, language: MerchantLanguage) -> Self {
        self.language = Some(language);
        self
    }

    /// A root field this crate does not name: 65–79 (reserved) or 80–99 (unreserved templates).
    pub fn other_field(mut self, field: Field) -> Self {
        self.other.push(field);
        self
    }

    /// Checks everything, writes the payload and reads it back.
    pub fn build(self) -> Result<MerchantQr, QrError> {
        check_length("59", "merchant name", &self.merchant_name, MAX_NAME_CHARS)?;
        check_length("60", "merchant city", &self.merchant_city, MAX_CITY_CHARS)?;
        if let Some(postal_code) = &self.postal_code {
            check_length("61", "postal code", postal_code, MAX_POSTAL_CODE_CHARS)?;
        }
        if let Some(language) = &self.language {
            check_not_empty("64.00", &language.language)?;
            check_not_empty("64.01", &language.name)?;
            check_length(
                "64.01",
                "merchant name (other language)",
                &language.name,
                MAX_NAME_CHARS,
            )?;
            if let Some(city) = &language.city {
                check_not_empty("64.02", city)?;
                check_length(
                    "64.02",
                    "merchant city (other language)",
                    city,
                    MAX_CITY_CHARS,
                )?;
            }
            for field in &language.other {
                check_not_empty(&tlv::tag_name(Some(64), field.id), &field.value)?;
            }
        }

        let mut root: Vec<(u8, String)> = vec![(0, "01".to_string())];
        let initiation = self.initiation.unwrap_or(match self.amount {
            Some(_) => Initiation::Dynamic,
            None => Initiation::Static,
        });
        root.push((1, initiation.code().to_string()));

        let mut accounts = self.merchant_accounts;
        accounts.sort_by_key(MerchantAccount::tag);
        for account in &accounts {
            check_account(account)?;
            root.push((account.tag(), account.write()?));
        }

        root.push((52, self.merchant_category_code));
        root.push((53, format!("{:03}", self.currency.numeric())));
        if let Some(value) = self.amount {
            root.push((54, amount::format("54", value, self.currency)?));
        }
        match self.tip {
            None => {}
            Some(Tip::Prompt) => root.push((55, "01".to_string())),
            Some(Tip::FixedFee(fee)) => {
                root.push((55, "02".to_string()));
                root.push((56, amount::format("56", fee, self.currency)?));
            }
            Some(Tip::PercentageFee(percentage)) => {
                root.push((55, "03".to_string()));
                root.push((57, amount::format_percentage("57", percentage)?));
            }
        }
        root.push((58, self.country_code));
        root.push((59, self.merchant_name));
        root.push((60, self.merchant_city));
        if let Some(postal_code) = self.postal_code {
            root.push((61, postal_code));
        }
        if let Some(data) = &self.additional_data {
            for (id, value) in data.values() {
                check_not_empty(&tlv::tag_name(Some(62), id), value)?;
            }
            let written = data.write()?;
            if !written.is_empty() {
                root.push((62, written));
            }
        }
        if let Some(language) = &self.language {
            root.push((64, language.write()?));
        }
        let mut other = self.other;
        other.sort_by_key(|field| field.id);
        for field in other {
            if !(65..=99).contains(&field.id) {
                return Err(QrError::InvalidField {
                    tag: tlv::tag_name(None, field.id),
                    name: "other field",
                    reason:
                        "only tags 65 to 99 are free; the others have their own builder methods"
                            .to_string(),
                });
            }
            root.push((field.id, field.value));
        }

        let mut payload = String::new();
        for (id, value) in &root {
            let tag = tlv::tag_name(None, *id);
            check_not_empty(&tag, value)?;
            if *id != 64 {
                check_common_characters(&tag, value)?;
            }
            tlv::write(&mut payload, None, *id, value)?;
        }
        payload.push_str(CRC_HEADER);
        let checksum = crc::checksum(&payload);
        payload.push_str(&checksum);
        let length = payload.chars().count();
        if length > MAX_PAYLOAD_CHARS {
            return Err(QrError::PayloadTooLong {
                length,
                max: MAX_PAYLOAD_CHARS,
            });
        }
        MerchantQr::parse(&payload)
    }
}

fn check_account(account: &MerchantAccount) -> Result<(), QrError> {
    let tag = tlv::tag_name(None, account.tag());
    let name = "merchant account information";
    match account {
        MerchantAccount::CardScheme { tag: id, .. } if !(2..=25).contains(id) => {
            Err(QrError::InvalidField {
                tag,
                name,
                reason: "card-scheme accounts use tags 02 to 25".to_string(),
            })
        }
        MerchantAccount::Template {
            tag: id,
            globally_unique_id,
            fields,
        } => {
            if !(26..=51).contains(id) {
                return Err(QrError::InvalidField {
                    tag,
                    name,
                    reason: "template accounts use tags 26 to 51".to_string(),
                });
            }
            check_not_empty(&tlv::tag_name(Some(*id), 0), globally_unique_id)?;
            for field in fields {
                if field.id == 0 {
                    return Err(QrError::InvalidField {
                        tag: tlv::tag_name(Some(*id), 0),
                        name,
                        reason: "sub-ID 00 is the globally unique identifier, given apart"
                            .to_string(),
                    });
                }
                check_not_empty(&tlv::tag_name(Some(*id), field.id), &field.value)?;
            }
            Ok(())
        }
        MerchantAccount::CardScheme { .. } => Ok(()),
    }
}

fn check_length(tag: &str, name: &'static str, value: &str, max: usize) -> Result<(), QrError> {
    let length = value.chars().count();
    if length > max {
        return Err(QrError::TooLong {
            tag: tag.to_string(),
            name,
            length,
            max,
        });
    }
    Ok(())
}

fn check_not_empty(tag: &str, value: &str) -> Result<(), QrError> {
    if value.is_empty() {
        return Err(QrError::InvalidField {
            tag: tag.to_string(),
            name: "field",
            reason: "it is empty; leave an optional field out instead".to_string(),
        });
    }
    Ok(())
}

/// Outside the language template, values keep to the common character set: printable ASCII.
fn check_common_characters(tag: &str, value: &str) -> Result<(), QrError> {
    match value.chars().find(|c| !(' '..='~').contains(c)) {
        None => Ok(()),
        Some(bad) => Err(QrError::InvalidField {
            tag: tag.to_string(),
            name: "field",
            reason: format!(
                "{bad:?} is outside the common character set (printable ASCII); put names in \
                 other scripts in the language template (64)"
            ),
        }),
    }
}
