//! Moving money, as the wallet sees it: where a payment goes, the states it passes through, and the
//! checks on what the user typed (amount, card number, name) that run before anything is sent.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::error::DomainError;
use crate::money::Money;

/// How a bank finds an account: an Open Banking scheme and the number in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountRouting {
    /// e.g. `UK.OBIE.PAN` (a card number), `UK.OBIE.SortCodeAccountNumber`, `UK.OBIE.IBAN`.
    pub scheme: String,
    pub identification: String,
}

pub const SCHEME_CARD: &str = "UK.OBIE.PAN";

/// What kind of payment the user made; decides its wording and its risk context at the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentKind {
    /// Between two of the user's own accounts.
    OwnTransfer,
    /// From a bound debit card into the user's e-wallet.
    TopUp,
    /// To another person (at this bank or another).
    PersonTransfer,
    /// To a merchant, e.g. from a scanned QR code.
    Merchant,
}

/// Where a payment is. Queued and sent may still change; the other three are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentStatus {
    /// Written down locally; the bank has not confirmed it yet (it is resumed until it has).
    Queued,
    /// Accepted by the bank and on its way to the payee's bank.
    Sent,
    /// Settled: the money has arrived.
    Completed,
    /// The bank refused it (the reason says why); no money moved.
    Rejected,
    /// The wallet could not make it (the reason says why); no money moved.
    Failed,
}

impl PaymentStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentStatus::Queued => "queued",
            PaymentStatus::Sent => "sent",
            PaymentStatus::Completed => "completed",
            PaymentStatus::Rejected => "rejected",
            PaymentStatus::Failed => "failed",
        }
    }

    pub fn is_final(&self) -> bool {
        matches!(
            self,
            PaymentStatus::Completed | PaymentStatus::Rejected | PaymentStatus::Failed
        )
    }

    /// Money that is leaving (or may be leaving) the account and is not yet in its booked balance.
    pub fn is_outflow_pending(&self) -> bool {
        matches!(self, PaymentStatus::Queued | PaymentStatus::Sent)
    }
}

impl FromStr for PaymentStatus {
    type Err = DomainError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "queued" => PaymentStatus::Queued,
            "sent" => PaymentStatus::Sent,
            "completed" => PaymentStatus::Completed,
            "rejected" => PaymentStatus::Rejected,
            "failed" => PaymentStatus::Failed,
            other => {
                return Err(DomainError::UnknownValue {
                    kind: "payment status",
                    value: other.into(),
                });
            }
        })
    }
}

impl PaymentKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentKind::OwnTransfer => "ownTransfer",
            PaymentKind::TopUp => "topUp",
            PaymentKind::PersonTransfer => "personTransfer",
            PaymentKind::Merchant => "merchant",
        }
    }
}

impl FromStr for PaymentKind {
    type Err = DomainError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "ownTransfer" => PaymentKind::OwnTransfer,
            "topUp" => PaymentKind::TopUp,
            "personTransfer" => PaymentKind::PersonTransfer,
            "merchant" => PaymentKind::Merchant,
            other => {
                return Err(DomainError::UnknownValue {
                    kind: "payment kind",
                    value: other.into(),
                });
            }
        })
    }
}

/// Why what the user typed cannot be paid. Nothing has been sent when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentInputError {
    #[error("The amount must be more than zero.")]
    NotPositive,
    #[error("{currency} amounts have at most {minor_units} decimal places.")]
    TooPrecise { currency: String, minor_units: u32 },
    #[error("\"{0}\" is not an amount.")]
    NotAnAmount(String),
    #[error("This account holds {account}; it cannot pay in {asked}.")]
    WrongCurrency { account: String, asked: String },
    #[error("A card number has 16 to 19 digits.")]
    CardNumberLength,
    #[error("This card number is mistyped (its check digit is wrong).")]
    CardNumberCheckDigit,
    #[error("An account number has 6 to 34 letters and digits.")]
    AccountNumberShape,
    #[error("The payee's name is required (1 to 70 characters).")]
    PayeeName,
    #[error("The note is too long (at most 35 characters).")]
    NoteTooLong,
}

/// The amount the user typed, for an account in `account_currency`: positive, no finer than the currency's
/// minor units, and in that currency.
pub fn parse_amount(
    text: &str,
    asked_currency: Currency,
    account_currency: Currency,
) -> Result<Money, PaymentInputError> {
    if asked_currency != account_currency {
        return Err(PaymentInputError::WrongCurrency {
            account: account_currency.code().into(),
            asked: asked_currency.code().into(),
        });
    }
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    let amount: Decimal = cleaned
        .parse()
        .map_err(|_| PaymentInputError::NotAnAmount(text.trim().into()))?;
    if amount <= Decimal::ZERO {
        return Err(PaymentInputError::NotPositive);
    }
    Money::new(amount, asked_currency).map_err(|_| PaymentInputError::TooPrecise {
        currency: asked_currency.code().into(),
        minor_units: asked_currency.minor_units(),
    })
}

/// A card number as typed ("6222 0212 3456 7890 128"): digits only, 16–19 of them, Luhn check digit right.
pub fn card_number(text: &str) -> Result<String, PaymentInputError> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(16..=19).contains(&digits.len()) {
        return Err(PaymentInputError::CardNumberLength);
    }
    if !luhn_valid(&digits) {
        return Err(PaymentInputError::CardNumberCheckDigit);
    }
    Ok(digits)
}

/// An account number that is not a card (an e-wallet or a merchant's account): letters and digits.
pub fn account_number(text: &str) -> Result<String, PaymentInputError> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !(6..=34).contains(&cleaned.len()) || !cleaned.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(PaymentInputError::AccountNumberShape);
    }
    Ok(cleaned.to_ascii_uppercase())
}

pub fn payee_name(text: &str) -> Result<String, PaymentInputError> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > 70 {
        return Err(PaymentInputError::PayeeName);
    }
    Ok(name.to_string())
}

pub fn note(text: Option<&str>) -> Result<Option<String>, PaymentInputError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(note) if note.chars().count() > 35 => Err(PaymentInputError::NoteTooLong),
        other => Ok(other.map(str::to_string)),
    }
}

/// The Luhn (mod 10) check digit test that every payment card number passes (ISO/IEC 7812-1).
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (position, c) in digits.chars().rev().enumerate() {
        let Some(mut digit) = c.to_digit(10) else {
            return false;
        };
        if position % 2 == 1 {
            digit *= 2;
            if digit > 9 {
                digit -= 9;
            }
        }
        sum += digit;
    }
    !digits.is_empty() && sum % 10 == 0
}

impl fmt::Display for PaymentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("4111111111111111", true)] // the classic test Visa number
    #[case("6222021234567890128", true)]
    #[case("6222021234567890127", false)]
    #[case("79927398713", true)] // the worked example in ISO/IEC 7812-1
    #[case("79927398710", false)]
    fn the_luhn_check_accepts_real_card_numbers_and_catches_one_wrong_digit(
        #[case] digits: &str,
        #[case] valid: bool,
    ) {
        assert_eq!(luhn_valid(digits), valid);
    }

    #[test]
    fn a_card_number_may_be_typed_with_spaces_but_must_have_a_right_check_digit() {
        assert_eq!(
            card_number("6222 0212 3456 7890 128").unwrap(),
            "6222021234567890128"
        );
        assert_eq!(
            card_number("6222 0212 3456 7890 127"),
            Err(PaymentInputError::CardNumberCheckDigit)
        );
        assert_eq!(
            card_number("6222 0212"),
            Err(PaymentInputError::CardNumberLength)
        );
        assert_eq!(
            card_number("6222-0212-3456-789x"),
            Err(PaymentInputError::CardNumberLength)
        );
    }

    #[rstest]
    #[case("0", PaymentInputError::NotPositive)]
    #[case("-5", PaymentInputError::NotPositive)]
    #[case("1.005", PaymentInputError::TooPrecise { currency: "CNY".into(), minor_units: 2 })]
    #[case("ten", PaymentInputError::NotAnAmount("ten".into()))]
    fn an_amount_that_cannot_be_paid_is_refused_with_a_reason(
        #[case] typed: &str,
        #[case] error: PaymentInputError,
    ) {
        assert_eq!(
            parse_amount(typed, Currency::CNY, Currency::CNY),
            Err(error)
        );
    }

    #[test]
    fn an_amount_is_exact_and_may_carry_thousands_separators() {
        let money = parse_amount("1,234.50", Currency::CNY, Currency::CNY).unwrap();
        assert_eq!(money.to_minor().unwrap(), 123_450);
        assert_eq!(
            parse_amount("1500", Currency::JPY, Currency::JPY)
                .unwrap()
                .to_minor()
                .unwrap(),
            1500
        );
        assert!(matches!(
            parse_amount("10", Currency::USD, Currency::CNY),
            Err(PaymentInputError::WrongCurrency { .. })
        ));
    }

    #[test]
    fn only_queued_and_sent_payments_are_still_leaving_the_account() {
        assert!(PaymentStatus::Queued.is_outflow_pending());
        assert!(PaymentStatus::Sent.is_outflow_pending());
        assert!(!PaymentStatus::Completed.is_outflow_pending());
        assert!(PaymentStatus::Rejected.is_final());
    }
}
