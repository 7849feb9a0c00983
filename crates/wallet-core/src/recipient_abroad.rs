//! Who is paid abroad: the destination country (ISO 3166-1), the account (an IBAN where the country uses
//! them, with its check digits and its country's format; otherwise the local account number) and the
//! bank's BIC (ISO 9362). Checked the same way by the wallet as the user types and by the bank, which
//! must not trust the wallet. IBANs come from `iban_validate` (the SWIFT registry's formats and
//! ISO 7064 mod-97), countries from `celes`.

use std::fmt;

use iban::{BaseIban, Iban, IbanLike, ParseBaseIbanError, ParseIbanError};

/// The Open Banking scheme of an IBAN.
pub const SCHEME_IBAN: &str = "UK.OBIE.IBAN";
/// The scheme of a local account number where the country has no IBAN (the US, Hong Kong, Japan...).
pub const SCHEME_BBAN: &str = "UK.OBIE.BBAN";
/// The scheme of a bank named by its BIC.
pub const SCHEME_BIC: &str = "UK.OBIE.BICFI";

/// What is wrong with a recipient abroad, one case per message the user sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipientError {
    #[error("Enter the recipient's country as its two-letter code (e.g. DE, GB, US).")]
    CountryFormat,
    #[error("{0} is not an ISO 3166 country code.")]
    UnknownCountry(String),
    #[error("China is not abroad: pay accounts in China with a transfer.")]
    DomesticCountry,
    #[error("Enter the recipient's account number or IBAN.")]
    AccountMissing,
    #[error(
        "An IBAN starts with two letters and two check digits, then up to 30 letters and digits."
    )]
    IbanFormat,
    #[error("The IBAN's check digits do not match: a character is mistyped.")]
    IbanCheckDigits,
    #[error("{country} IBANs have another length or layout: check every character.")]
    IbanCountryFormat { country: String },
    #[error("{0} does not use IBANs: enter the local account number.")]
    IbanCountryUnknown(String),
    #[error("This IBAN is from {iban_country}, but the country chosen is {country}.")]
    IbanCountryMismatch {
        iban_country: String,
        country: String,
    },
    #[error("{0} uses IBANs: enter the recipient's IBAN.")]
    IbanRequired(String),
    #[error("An account number is 1 to 34 letters and digits.")]
    AccountFormat,
    #[error("Enter the bank's BIC (SWIFT code).")]
    BicMissing,
    #[error(
        "A BIC is 8 or 11 characters: 4 letters for the bank, 2 for the country, 2 letters or digits for the place, and optionally 3 for the branch."
    )]
    BicFormat,
    #[error("The BIC's country {0} is not an ISO 3166 country code.")]
    BicUnknownCountry(String),
    #[error("This BIC is for a bank in {bic_country}, but the country chosen is {country}.")]
    BicCountryMismatch {
        bic_country: String,
        country: String,
    },
    #[error("Enter the recipient's name (at most 140 characters).")]
    NameLength,
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(input: &str) -> Result<Self, RecipientError> {
        let code = input.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(RecipientError::CountryFormat);
        }
        celes::Country::from_alpha2(&code)
            .map_err(|_| RecipientError::UnknownCountry(code.clone()))?;
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the country's accounts are IBANs, by the IBAN registry the `iban_validate` crate carries:
    /// a well-formed IBAN of the country (zeros, correct check digits) is either of a known layout (the
    /// country uses IBANs, the BBAN may just not fit) or of an unknown country.
    pub fn uses_iban(&self) -> bool {
        let body = format!("{}00000000000000", self.0);
        // ISO 7064 mod-97: with check digits 00 moved to the end, 98 minus the remainder.
        let rearranged = format!("{}{}00", &body[4..], &body[..2]);
        let check = 98 - mod97(&rearranged);
        let probe = format!("{}{check:02}{}", &body[..2], &body[4..]);
        match probe.parse::<BaseIban>().map(Iban::try_from) {
            Ok(Err(ParseIbanError::UnknownCountry(_))) | Err(_) => false,
            Ok(_) => true,
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn mod97(alphanumeric: &str) -> u32 {
    alphanumeric.chars().fold(0, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value >= 10 {
            (acc * 100 + value) % 97
        } else {
            (acc * 10 + value) % 97
        }
    })
}

/// What people type, as the bank reads it: no spaces, upper case.
fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// An IBAN in its electronic form (no spaces, upper case), valid for its country.
pub fn parse_iban(input: &str) -> Result<Iban, RecipientError> {
    let electronic = compact(input);
    if electronic.is_empty() {
        return Err(RecipientError::AccountMissing);
    }
    electronic.parse::<Iban>().map_err(|error| match error {
        ParseIbanError::InvalidBaseIban {
            source: ParseBaseIbanError::InvalidChecksum,
        } => RecipientError::IbanCheckDigits,
        ParseIbanError::InvalidBaseIban { .. } => RecipientError::IbanFormat,
        ParseIbanError::InvalidBban(base) => RecipientError::IbanCountryFormat {
            country: base.country_code().to_string(),
        },
        ParseIbanError::UnknownCountry(base) => {
            RecipientError::IbanCountryUnknown(base.country_code().to_string())
        }
    })
}

/// A BIC (ISO 9362), upper case without spaces: 8 characters, or 11 with the branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bic(String);

impl Bic {
    pub fn parse(input: &str) -> Result<Self, RecipientError> {
        let bic = compact(input);
        if bic.is_empty() {
            return Err(RecipientError::BicMissing);
        }
        let bytes = bic.as_bytes();
        let shaped = matches!(bytes.len(), 8 | 11)
            && bytes[..6].iter().all(u8::is_ascii_uppercase)
            && bytes[6..]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !shaped {
            return Err(RecipientError::BicFormat);
        }
        let country = &bic[4..6];
        if celes::Country::from_alpha2(country).is_err() {
            return Err(RecipientError::BicUnknownCountry(country.to_string()));
        }
        Ok(Self(bic))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country(&self) -> &str {
        &self.0[4..6]
    }
}

/// A recipient abroad, every part checked against the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientAbroad {
    pub name: String,
    pub country: CountryCode,
    /// [`SCHEME_IBAN`] or [`SCHEME_BBAN`].
    pub scheme: &'static str,
    /// The IBAN's electronic form, or the account number without spaces.
    pub account: String,
    pub bic: Bic,
}

impl RecipientAbroad {
    pub fn parse(
        name: &str,
        account: &str,
        bic: &str,
        country: &str,
    ) -> Result<Self, RecipientError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 140 {
            return Err(RecipientError::NameLength);
        }
        let country = CountryCode::parse(country)?;
        if country.as_str() == "CN" {
            return Err(RecipientError::DomesticCountry);
        }
        let (scheme, account) = account_for(account, &country)?;
        let bic = Bic::parse(bic)?;
        if bic.country() != country.as_str() {
            return Err(RecipientError::BicCountryMismatch {
                bic_country: bic.country().to_string(),
                country: country.to_string(),
            });
        }
        Ok(Self {
            name: name.to_string(),
            country,
            scheme,
            account,
            bic,
        })
    }
}

/// The account in the country's scheme: an IBAN of that country, or a local number where there are none.
pub fn account_for(
    input: &str,
    country: &CountryCode,
) -> Result<(&'static str, String), RecipientError> {
    let typed = compact(input);
    if typed.is_empty() {
        return Err(RecipientError::AccountMissing);
    }
    if country.uses_iban() {
        let iban = parse_iban(&typed)?;
        if iban.country_code() != country.as_str() {
            return Err(RecipientError::IbanCountryMismatch {
                iban_country: iban.country_code().to_string(),
                country: country.to_string(),
            });
        }
        return Ok((SCHEME_IBAN, iban.electronic_str().to_string()));
    }
    let plain = typed.len() <= 34 && typed.bytes().all(|b| b.is_ascii_alphanumeric());
    if !plain {
        return Err(RecipientError::AccountFormat);
    }
    Ok((SCHEME_BBAN, typed))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    #[case("gb82 west 1234 5698 7654 32", "GB82WEST12345698765432")]
    #[case("FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    #[case(" NL91ABNA0417164300 ", "NL91ABNA0417164300")]
    fn an_iban_is_accepted_with_spaces_and_any_case_and_kept_compact(
        #[case] typed: &str,
        #[case] kept: &str,
    ) {
        assert_eq!(parse_iban(typed).unwrap().electronic_str(), kept);
    }

    #[rstest]
    #[case("DE88 3704 0044 0532 0130 00", RecipientError::IbanCheckDigits)]
    #[case("DE89 3704 0044 0532 0130 01", RecipientError::IbanCheckDigits)]
    #[case("GB04WEST123456987654", RecipientError::IbanCountryFormat { country: "GB".into() })]
    #[case("DE89-3704", RecipientError::IbanFormat)]
    #[case("", RecipientError::AccountMissing)]
    fn a_wrong_iban_is_refused_with_what_is_wrong(
        #[case] typed: &str,
        #[case] error: RecipientError,
    ) {
        assert_eq!(parse_iban(typed).unwrap_err(), error);
    }

    #[rstest]
    #[case("DEUTDEFF", "DE")]
    #[case("deutdeff500", "DE")]
    #[case("HSBC HK HH XXX", "HK")]
    #[case("BOFAUS3N", "US")]
    fn a_bic_of_eight_or_eleven_characters_is_accepted(#[case] typed: &str, #[case] country: &str) {
        assert_eq!(Bic::parse(typed).unwrap().country(), country);
    }

    #[rstest]
    #[case("DEUTDEF", RecipientError::BicFormat)]
    #[case("DEUTDEFF5", RecipientError::BicFormat)]
    #[case("DEU1DEFF", RecipientError::BicFormat)]
    #[case("DEUTDEF!", RecipientError::BicFormat)]
    #[case("DEUTZZFF", RecipientError::BicUnknownCountry("ZZ".into()))]
    #[case(" ", RecipientError::BicMissing)]
    fn a_wrong_bic_is_refused_with_what_is_wrong(
        #[case] typed: &str,
        #[case] error: RecipientError,
    ) {
        assert_eq!(Bic::parse(typed).unwrap_err(), error);
    }

    #[rstest]
    #[case("de", Ok("DE"))]
    #[case("ZZ", Err(RecipientError::UnknownCountry("ZZ".into())))]
    #[case("DEU", Err(RecipientError::CountryFormat))]
    #[case("1A", Err(RecipientError::CountryFormat))]
    fn a_country_is_an_iso_3166_two_letter_code(
        #[case] typed: &str,
        #[case] expected: Result<&str, RecipientError>,
    ) {
        assert_eq!(
            CountryCode::parse(typed).as_ref().map(CountryCode::as_str),
            expected.as_ref().map(|c| *c)
        );
    }

    #[rstest]
    #[case("DE", true)]
    #[case("GB", true)]
    #[case("FR", true)]
    #[case("US", false)]
    #[case("HK", false)]
    #[case("JP", false)]
    fn a_country_uses_ibans_as_the_registry_says(#[case] country: &str, #[case] uses: bool) {
        assert_eq!(CountryCode::parse(country).unwrap().uses_iban(), uses);
    }

    #[test]
    fn a_recipient_in_germany_is_paid_by_iban_at_a_german_bank() {
        let recipient = RecipientAbroad::parse(
            "Anna Schmidt",
            "DE89 3704 0044 0532 0130 00",
            "COBADEFFXXX",
            "de",
        )
        .unwrap();
        assert_eq!(recipient.scheme, SCHEME_IBAN);
        assert_eq!(recipient.account, "DE89370400440532013000");
        assert_eq!(recipient.country.as_str(), "DE");
    }

    #[test]
    fn a_recipient_in_the_us_is_paid_by_account_number() {
        let recipient =
            RecipientAbroad::parse("John Smith", "0001 2345 6789", "BOFAUS3N", "US").unwrap();
        assert_eq!(recipient.scheme, SCHEME_BBAN);
        assert_eq!(recipient.account, "000123456789");
    }

    #[rstest]
    #[case("Anna", "DE89370400440532013000", "COBADEFF", "FR", RecipientError::IbanCountryMismatch { iban_country: "DE".into(), country: "FR".into() })]
    #[case("Anna", "DE89370400440532013000", "BNPAFRPP", "DE", RecipientError::BicCountryMismatch { bic_country: "FR".into(), country: "DE".into() })]
    #[case(
        "Anna",
        "370400440532013000",
        "COBADEFF",
        "DE",
        RecipientError::IbanFormat
    )]
    #[case("Anna", "12-34", "BOFAUS3N", "US", RecipientError::AccountFormat)]
    #[case(
        "李明",
        "6222021234567890128",
        "ICBKCNBJ",
        "CN",
        RecipientError::DomesticCountry
    )]
    #[case(
        " ",
        "DE89370400440532013000",
        "COBADEFF",
        "DE",
        RecipientError::NameLength
    )]
    fn a_recipient_whose_parts_disagree_is_refused(
        #[case] name: &str,
        #[case] account: &str,
        #[case] bic: &str,
        #[case] country: &str,
        #[case] error: RecipientError,
    ) {
        assert_eq!(
            RecipientAbroad::parse(name, account, bic, country).unwrap_err(),
            error
        );
    }
}
