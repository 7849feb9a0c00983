//! A merchant-presented QR payload as Purse reads it: the whole string is checked (CRC, data object
//! structure, mandatory fields, currency, amount) before any of it is believed, and it is kept
//! field by field so that writing it back gives the same string.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use wallet_core::Currency;

use crate::amount;
use crate::crc::{self, CRC_HEADER};
use crate::error::QrError;
use crate::templates::{AdditionalData, MerchantAccount, MerchantLanguage};
use crate::tlv::{self, Field, Located};

/// The point of initiation method (tag 01): whether the same code serves many payments.
///
/// It does not decide whether the payer types the amount: that is decided by the amount (tag 54)
/// being there or not. A static code may carry a fixed amount (a price list item) and a dynamic
/// one may leave it out (Pix's dynamic codes fetch it from a URL); see
/// [`MerchantQr::payer_enters_amount`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Initiation {
    /// `11`: the same code is shown for every payment (a sticker at the till, a receive code).
    Static,
    /// `12`: a new code is made for one payment.
    Dynamic,
}

impl Initiation {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Initiation::Static => "11",
            Initiation::Dynamic => "12",
        }
    }
}

/// The tip or convenience indicator (tag 55) with its fee (56 or 57).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tip {
    /// `01`: the payer's app asks the payer for a tip.
    Prompt,
    /// `02` with tag 56: a fixed convenience fee in the transaction currency.
    FixedFee(Decimal),
    /// `03` with tag 57: a convenience fee as a percentage of the amount (0.01 to 99.99).
    PercentageFee(Decimal),
}

/// An EMV merchant-presented QR payload (EMV QRCPS MPM v1.1), checked and interpreted.
///
/// Made by [`MerchantQr::parse`] from a scanned string, or by [`MerchantQr::builder`] /
/// [`MerchantQr::for_account`]; either way it has passed every check, and [`MerchantQr::encode`]
/// gives a payload that parses back to the same value. A parsed payload encodes to the very string
/// it was read from: field order, unknown tags and the written form of the amount are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantQr {
    /// Every root field in payload order, without the CRC (63); the source of `encode`.
    fields: Vec<Field>,
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
    /// Reads and checks a payload, as scanned from a QR code or pasted by the user.
    ///
    /// The CRC is checked first when the payload ends like one (`6304` and 4 hex characters), so a
    /// damaged payload is reported as such rather than as whatever its damage looks like.
    /// Whitespace around the payload (a pasted line's newline) is ignored; none can belong to it,
    /// since a payload starts with `00` and ends with its CRC. Positions in errors count from the
    /// payload's first character.
    pub fn parse(payload: &str) -> Result<Self, QrError> {
        let payload = payload.trim_matches(|c: char| c.is_ascii_whitespace());
        if payload.is_empty() {
            return Err(QrError::Empty);
        }
        check_crc_tail(payload)?;
        let mut located = tlv::parse(payload, 0, None)?;
        match located.iter().position(|l| l.field.id == 63) {
            None => return Err(QrError::MissingCrc),
            Some(at) if at + 1 != located.len() => {
                return Err(QrError::CrcNotLast {
                    offset: located[at].offset,
                });
            }
            Some(at) => {
                let found = &located[at].field.value;
                if !crc::is_well_formed(found) {
                    return Err(QrError::MalformedCrc {
                        found: found.clone(),
                    });
                }
            }
        }
        located.pop();
        Self::interpret(located)
    }

    /// The payload string: the fields in order, then the CRC computed over them.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for field in &self.fields {
            // Every stored field was read from, or checked for, a two-digit length.
            let length = field.value.chars().count();
            out.push_str(&format!("{:02}{length:02}{}", field.id, field.value));
        }
        out.push_str(CRC_HEADER);
        let checksum = crc::checksum(&out);
        out.push_str(&checksum);
        out
    }

    /// Tag 01, when the payload says.
    pub fn initiation(&self) -> Option<Initiation> {
        self.initiation
    }

    /// Whether the payer's app must ask for the amount: true when the payload carries none.
    pub fn payer_enters_amount(&self) -> bool {
        self.amount.is_none()
    }

    /// Tags 02–51 in payload order; at least one.
    pub fn merchant_accounts(&self) -> &[MerchantAccount] {
        &self.merchant_accounts
    }

    /// The template account whose globally unique identifier is `guid`, compared without regard to
    /// ASCII case (Pix codes write `br.gov.bcb.pix` and `BR.GOV.BCB.PIX` alike).
    pub fn account_with_guid(&self, guid: &str) -> Option<&MerchantAccount> {
        self.merchant_accounts.iter().find(|account| {
            account
                .globally_unique_id()
                .is_some_and(|id| id.eq_ignore_ascii_case(guid))
        })
    }

    /// Tag 52: the ISO 18245 merchant category code, 4 digits (`0000` for person to person).
    pub fn merchant_category_code(&self) -> &str {
        &self.merchant_category_code
    }

    /// Tag 53.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Tag 54: the amount to pay, when the code fixes it.
    pub fn amount(&self) -> Option<Decimal> {
        self.amount
    }

    /// Tags 55–57.
    pub fn tip(&self) -> Option<Tip> {
        self.tip
    }

    /// Tag 58: ISO 3166-1 alpha-2.
    pub fn country_code(&self) -> &str {
        &self.country_code
    }

    /// Tag 59.
    pub fn merchant_name(&self) -> &str {
        &self.merchant_name
    }

    /// Tag 60.
    pub fn merchant_city(&self) -> &str {
        &self.merchant_city
    }

    /// Tag 61.
    pub fn postal_code(&self) -> Option<&str> {
        self.postal_code.as_deref()
    }

    /// Tag 62.
    pub fn additional_data(&self) -> Option<&AdditionalData> {
        self.additional_data.as_ref()
    }

    /// Tag 64.
    pub fn language(&self) -> Option<&MerchantLanguage> {
        self.language.as_ref()
    }

    /// Root fields this crate does not interpret (65–79 reserved, 80–99 unreserved templates), in
    /// payload order and as written.
    pub fn other_fields(&self) -> &[Field] {
        &self.other
    }

    /// Every root field in payload order, as written, without the CRC.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// Interprets the root fields of a payload whose CRC has been checked and removed.
    fn interpret(located: Vec<Located>) -> Result<Self, QrError> {
        match located.first() {
            Some(first) if first.field.id == 0 => {
                if first.field.value != "01" {
                    return Err(QrError::UnsupportedFormat {
                        found: first.field.value.clone(),
                    });
                }
            }
            _ if located.iter().any(|l| l.field.id == 0) => {
                return Err(QrError::FormatIndicatorNotFirst);
            }
            _ => {
                return Err(QrError::MissingField {
                    tag: "00",
                    name: "payload format indicator",
                });
            }
        }
        let by_id: BTreeMap<u8, &Located> = located.iter().map(|l| (l.field.id, l)).collect();
        let text = |id: u8| by_id.get(&id).map(|l| l.field.value.as_str());
        let required = |id: u8, tag: &'static str, name: &'static str| {
            let value = text(id).ok_or(QrError::MissingField { tag, name })?;
            if value.is_empty() {
                return Err(invalid(id, name, "it is empty".to_string()));
            }
            Ok(value)
        };

        let merchant_accounts = located
            .iter()
            .filter(|l| (2..=51).contains(&l.field.id))
            .map(MerchantAccount::read)
            .collect::<Result<Vec<_>, _>>()?;
        if merchant_accounts.is_empty() {
            return Err(QrError::MissingField {
                tag: "02–51",
                name: "merchant account information",
            });
        }

        let initiation = match text(1) {
            None => None,
            Some("11") => Some(Initiation::Static),
            Some("12") => Some(Initiation::Dynamic),
            Some(other) => {
                return Err(invalid(
                    1,
                    "point of initiation method",
                    format!("expected \"11\" (static) or \"12\" (dynamic), found {other:?}"),
                ));
            }
        };

        let mcc_name = "merchant category code";
        let merchant_category_code = required(52, "52", mcc_name)?;
        if !is_digits(merchant_category_code, 4) {
            return Err(invalid(
                52,
                mcc_name,
                format!("expected 4 digits, found {merchant_category_code:?}"),
            ));
        }

        let currency_name = "transaction currency";
        let currency_code = required(53, "53", currency_name)?;
        if !is_digits(currency_code, 3) {
            return Err(invalid(
                53,
                currency_name,
                format!("expected an ISO 4217 numeric code of 3 digits, found {currency_code:?}"),
            ));
        }
        let currency = currency_code
            .parse::<u16>()
            .ok()
            .and_then(Currency::from_numeric)
            .ok_or_else(|| QrError::UnknownCurrency {
                code: currency_code.to_string(),
            })?;

        let amount = text(54)
            .map(|value| amount::parse_transaction_amount(value, currency))
            .transpose()?;
        let tip = read_tip(text(55), text(56), text(57), currency)?;

        let country_name = "country code";
        let country_code = required(58, "58", country_name)?;
        if country_code.chars().count() != 2
            || !country_code.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Err(invalid(
                58,
                country_name,
                format!("expected two letters (ISO 3166-1 alpha-2), found {country_code:?}"),
            ));
        }
        let merchant_name = required(59, "59", "merchant name")?;
        let merchant_city = required(60, "60", "merchant city")?;
        let postal_code = text(61).map(str::to_string);
        let additional_data = by_id
            .get(&62)
            .map(|l| AdditionalData::read(l))
            .transpose()?;
        let language = by_id
            .get(&64)
            .map(|l| MerchantLanguage::read(l))
            .transpose()?;
        let other = located
            .iter()
            .filter(|l| l.field.id >= 65)
            .map(|l| l.field.clone())
            .collect();

        Ok(MerchantQr {
            initiation,
            merchant_accounts,
            merchant_category_code: merchant_category_code.to_string(),
            currency,
            amount,
            tip,
            country_code: country_code.to_string(),
            merchant_name: merchant_name.to_string(),
            merchant_city: merchant_city.to_string(),
            postal_code,
            additional_data,
            language,
            other,
            fields: located.into_iter().map(|l| l.field).collect(),
        })
    }
}

impl FromStr for MerchantQr {
    type Err = QrError;

    fn from_str(payload: &str) -> Result<Self, Self::Err> {
        MerchantQr::parse(payload)
    }
}

impl fmt::Display for MerchantQr {
    /// The payload string, as [`MerchantQr::encode`] gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// When the payload ends like a CRC field, checks the CRC before anything else.
fn check_crc_tail(payload: &str) -> Result<(), QrError> {
    let Some(split) = payload.len().checked_sub(4) else {
        return Ok(());
    };
    if !payload.is_char_boundary(split) {
        return Ok(());
    }
    let (covered, found) = payload.split_at(split);
    if covered.ends_with(CRC_HEADER) && crc::is_well_formed(found) {
        let expected = crc::checksum(covered);
        if expected != found {
            return Err(QrError::BadCrc {
                expected,
                found: found.to_string(),
            });
        }
    }
    Ok(())
}

fn read_tip(
    indicator: Option<&str>,
    fixed: Option<&str>,
    percentage: Option<&str>,
    currency: Currency,
) -> Result<Option<Tip>, QrError> {
    let name = "tip or convenience indicator";
    let stray = |id: u8, fee: &'static str, needs: &str| {
        invalid(
            id,
            fee,
            format!("it may only be present when tag 55 is {needs:?}"),
        )
    };
    let fixed_name = "convenience fee fixed";
    let percentage_name = "convenience fee percentage";
    if fixed.is_some() && indicator != Some("02") {
        return Err(stray(56, fixed_name, "02"));
    }
    if percentage.is_some() && indicator != Some("03") {
        return Err(stray(57, percentage_name, "03"));
    }
    let needs = |id: u8, code: &str| {
        invalid(
            55,
            name,
            format!("{code:?} needs tag {id}, which is missing"),
        )
    };
    Ok(match indicator {
        None => None,
        Some("01") => Some(Tip::Prompt),
        Some("02") => {
            let fee = fixed.ok_or_else(|| needs(56, "02"))?;
            Some(Tip::FixedFee(amount::parse("56", fee, currency)?))
        }
        Some("03") => {
            let fee = percentage.ok_or_else(|| needs(57, "03"))?;
            Some(Tip::PercentageFee(amount::parse_percentage("57", fee)?))
        }
        Some(other) => {
            return Err(invalid(
                55,
                name,
                format!("expected \"01\", \"02\" or \"03\", found {other:?}"),
            ));
        }
    })
}

fn invalid(id: u8, name: &'static str, reason: String) -> QrError {
    QrError::InvalidField {
        tag: format!("{id:02}"),
        name,
        reason,
    }
}

fn is_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.chars().all(|c| c.is_ascii_digit())
}
