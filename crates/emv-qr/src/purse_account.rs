//! How a Purse-family code names the Open Banking account to pay: merchant account template 26 with the
//! GUID `app.purse`, sub-field 01 the account number and 02 its scheme (`UK.OBIE.PAN`, …). The sandbox's
//! merchants print such codes, and a Purse user's "receive" code is one, so any Purse can pay either.

use rust_decimal::Decimal;
use wallet_core::Currency;

use crate::builder::PURSE_GUID;
use crate::error::QrError;
use crate::payload::MerchantQr;
use crate::templates::{MerchantAccount, MerchantLanguage};
use crate::tlv::Field;

/// Where the money goes, as a bank finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurseAccount {
    pub scheme: String,
    pub identification: String,
}

/// What goes on a Purse-family code besides the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeDetails<'a> {
    /// Printable ASCII, as the root name field requires ("Starbucks", "LI MING").
    pub name: &'a str,
    /// The name in Chinese, for the language template (shown first when present).
    pub chinese_name: Option<&'a str>,
    pub city: &'a str,
    /// ISO 18245; `MCC_PERSON_TO_PERSON` for a person.
    pub mcc: &'a str,
    pub currency: Currency,
    /// Fixed by the code (dynamic), or typed by the payer when absent.
    pub amount: Option<Decimal>,
}

impl MerchantQr {
    /// A code that pays into `account`.
    pub fn for_purse_account(
        account: &PurseAccount,
        payee: &PayeeDetails<'_>,
    ) -> Result<MerchantQr, QrError> {
        let mut builder = MerchantQr::builder(payee.name, payee.city, "CN", payee.currency)
            .merchant_category_code(payee.mcc)
            .merchant_account(MerchantAccount::template(
                26,
                PURSE_GUID,
                [
                    Field::new(1, account.identification.as_str()),
                    Field::new(2, account.scheme.as_str()),
                ],
            ));
        if let Some(chinese) = payee.chinese_name {
            builder = builder.language(MerchantLanguage::new("ZH", chinese));
        }
        if let Some(amount) = payee.amount {
            builder = builder.amount(amount);
        }
        builder.build()
    }

    /// The account a Purse-family code pays into, if it is one.
    pub fn purse_account(&self) -> Option<PurseAccount> {
        let template = self.account_with_guid(PURSE_GUID)?;
        Some(PurseAccount {
            identification: template.field(1)?.to_string(),
            scheme: template.field(2)?.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MCC_PERSON_TO_PERSON;

    #[test]
    fn a_purse_code_names_its_account_and_survives_encoding() {
        let account = PurseAccount {
            scheme: "UK.OBIE.SortCodeAccountNumber".into(),
            identification: "60161300005814".into(),
        };
        let code = MerchantQr::for_purse_account(
            &account,
            &PayeeDetails {
                name: "Starbucks",
                chinese_name: Some("星巴克"),
                city: "SHANGHAI",
                mcc: "5814",
                currency: Currency::CNY,
                amount: None,
            },
        )
        .unwrap();
        let read = MerchantQr::parse(&code.encode()).unwrap();
        assert_eq!(read.purse_account(), Some(account));
        assert_eq!(read.language().map(|l| l.name.as_str()), Some("星巴克"));
        assert_eq!(read.amount(), None);
        assert_ne!(read.merchant_category_code(), MCC_PERSON_TO_PERSON);
    }

    #[test]
    fn a_code_from_elsewhere_names_no_purse_account() {
        let other = MerchantQr::for_account(
            "com.example",
            "X1",
            "SHOP",
            "BEIJING",
            "CN",
            Currency::CNY,
            None,
        )
        .unwrap();
        assert_eq!(other.purse_account(), None);
    }
}
