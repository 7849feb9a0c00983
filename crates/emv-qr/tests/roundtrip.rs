//! Properties over generated merchants: what is built encodes to a payload that parses back to the
//! same code, field for field; no input makes parsing panic; and a single changed character never
//! goes unnoticed.

use emv_qr::{
    AdditionalData, Field, Initiation, MerchantAccount, MerchantLanguage, MerchantQr, Tip,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wallet_core::Currency;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![
        "CNY", "USD", "JPY", "KWD", "BHD", "SGD", "THB", "EUR", "HKD", "IDR", "VND", "KRW",
    ])
    .prop_map(|code| code.parse::<Currency>().expect("a known currency"))
}

/// Printable ASCII, the character set outside the language template.
fn ascii(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[ -~]{{1,{max}}}")).expect("a valid pattern")
}

/// Any printable character of any script, for the language template.
fn any_script(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("\\PC{{1,{max}}}")).expect("a valid pattern")
}

/// Up to nine sub-fields of up to 6 characters: 9 × (4 + 6) = 90, within the 99 a template holds.
fn additional_data() -> impl Strategy<Value = AdditionalData> {
    let value = || proptest::option::of(ascii(6));
    (
        (value(), value(), value(), value(), value()),
        (value(), value(), value(), value()),
    )
        .prop_map(
            |(
                (bill_number, mobile_number, store_label, loyalty_number, reference_label),
                (customer_label, terminal_label, purpose_of_transaction, consumer_data_request),
            )| AdditionalData {
                bill_number,
                mobile_number,
                store_label,
                loyalty_number,
                reference_label,
                customer_label,
                terminal_label,
                purpose_of_transaction,
                consumer_data_request,
                other: Vec::new(),
            },
        )
        .prop_filter("an empty template is left out, not written", |data| {
            *data != AdditionalData::default()
        })
}

fn language() -> impl Strategy<Value = MerchantLanguage> {
    (
        "[A-Za-z]{2}",
        any_script(25),
        proptest::option::of(any_script(15)),
    )
        .prop_map(|(code, name, city)| MerchantLanguage {
            language: code,
            name,
            city,
            other: Vec::new(),
        })
}

#[derive(Debug, Clone)]
struct Merchant {
    name: String,
    city: String,
    country: String,
    currency: Currency,
    mcc: String,
    guid: String,
    account_ref: String,
    initiation: Option<Initiation>,
    /// In minor units; made into a decimal with the currency's places.
    amount_minor: Option<u64>,
    tip: Option<u8>,
    postal_code: Option<String>,
    additional_data: Option<AdditionalData>,
    language: Option<MerchantLanguage>,
}

fn merchant() -> impl Strategy<Value = Merchant> {
    (
        (ascii(25), ascii(15), "[A-Z]{2}", currency(), "[0-9]{4}"),
        ("[a-z]{2,8}\\.[a-z]{2,10}", ascii(40)),
        (
            proptest::option::of(prop_oneof![
                Just(Initiation::Static),
                Just(Initiation::Dynamic)
            ]),
            proptest::option::of(1u64..=99_999_999),
            proptest::option::of(0u8..3),
        ),
        (
            proptest::option::of("[0-9A-Z]{1,10}"),
            proptest::option::of(additional_data()),
            proptest::option::of(language()),
        ),
    )
        .prop_map(
            |(
                (name, city, country, currency, mcc),
                (guid, account_ref),
                (initiation, amount_minor, tip),
                (postal_code, additional_data, language),
            )| Merchant {
                name,
                city,
                country,
                currency,
                mcc,
                guid,
                account_ref,
                initiation,
                amount_minor,
                tip,
                postal_code,
                additional_data,
                language,
            },
        )
}

impl Merchant {
    fn amount(&self) -> Option<Decimal> {
        self.amount_minor
            .map(|minor| Decimal::new(minor as i64, self.currency.minor_units()))
    }

    fn tip(&self) -> Option<Tip> {
        match self.tip? {
            0 => Some(Tip::Prompt),
            1 => Some(Tip::FixedFee(Decimal::new(150, 0))),
            _ => Some(Tip::PercentageFee(Decimal::new(375, 2))),
        }
    }

    fn build(&self) -> Result<MerchantQr, emv_qr::QrError> {
        let mut builder = MerchantQr::builder(&self.name, &self.city, &self.country, self.currency)
            .merchant_category_code(&self.mcc)
            .merchant_account(MerchantAccount::template(
                26,
                &self.guid,
                [Field::new(1, &self.account_ref)],
            ));
        if let Some(initiation) = self.initiation {
            builder = builder.initiation(initiation);
        }
        if let Some(amount) = self.amount() {
            builder = builder.amount(amount);
        }
        if let Some(tip) = self.tip() {
            builder = builder.tip(tip);
        }
        if let Some(postal_code) = &self.postal_code {
            builder = builder.postal_code(postal_code);
        }
        if let Some(data) = &self.additional_data {
            builder = builder.additional_data(data.clone());
        }
        if let Some(language) = &self.language {
            builder = builder.language(language.clone());
        }
        builder.build()
    }
}

proptest! {
    #[test]
    fn a_built_code_encodes_and_parses_back_to_itself(merchant in merchant()) {
        let qr = merchant.build().map_err(|err| TestCaseError::fail(err.to_string()))?;
        let payload = qr.encode();
        prop_assert!(payload.chars().count() <= emv_qr::MAX_PAYLOAD_CHARS);
        let parsed = MerchantQr::parse(&payload).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(&parsed, &qr);
        prop_assert_eq!(parsed.encode(), payload);

        prop_assert_eq!(parsed.merchant_name(), merchant.name.as_str());
        prop_assert_eq!(parsed.merchant_city(), merchant.city.as_str());
        prop_assert_eq!(parsed.country_code(), merchant.country.as_str());
        prop_assert_eq!(parsed.currency(), merchant.currency);
        prop_assert_eq!(parsed.merchant_category_code(), merchant.mcc.as_str());
        prop_assert_eq!(parsed.amount(), merchant.amount());
        prop_assert_eq!(parsed.tip(), merchant.tip());
        prop_assert_eq!(parsed.postal_code(), merchant.postal_code.as_deref());
        prop_assert_eq!(parsed.additional_data(), merchant.additional_data.as_ref());
        prop_assert_eq!(parsed.language(), merchant.language.as_ref());
        let account = parsed.account_with_guid(&merchant.guid);
        prop_assert_eq!(account.and_then(|a| a.field(1)), Some(merchant.account_ref.as_str()));
        let expected_initiation = merchant.initiation.unwrap_or(match merchant.amount_minor {
            Some(_) => Initiation::Dynamic,
            None => Initiation::Static,
        });
        prop_assert_eq!(parsed.initiation(), Some(expected_initiation));
    }

    #[test]
    fn any_single_changed_ascii_character_is_refused(
        merchant in merchant(),
        position in any::<prop::sample::Index>(),
        replacement in proptest::char::range(' ', '~'),
    ) {
        let qr = merchant.build().map_err(|err| TestCaseError::fail(err.to_string()))?;
        let payload: Vec<char> = qr.encode().chars().collect();
        let at = position.index(payload.len());
        prop_assume!(payload[at] != replacement);
        let mut changed = payload.clone();
        changed[at] = replacement;
        let changed: String = changed.into_iter().collect();
        prop_assert!(MerchantQr::parse(&changed).is_err(), "{} was accepted", changed);
    }

    #[test]
    fn parsing_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = MerchantQr::parse(&text);
    }

    #[test]
    fn parsing_never_panics_on_payload_like_text(text in "[0-9A-Z.*]{0,300}") {
        let _ = MerchantQr::parse(&text);
    }
}
