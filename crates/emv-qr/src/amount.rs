//! Money in a payload (tags 54 and 56) and the convenience fee percentage (57), read and written as
//! exact decimals: never a float, never more decimal places than the currency has.
//!
//! The format is digits with at most one `.`, up to 13 characters (`23.72`, `500`, `100.` — the
//! specification lets the `.` stand with no decimals after it). An amount fits its currency when its
//! value needs no more decimal places than the currency's minor units: `500.00` JPY is 500 yen and
//! is read; `500.50` JPY is refused. Amounts Purse writes carry exactly the currency's minor units
//! (`12.50` USD, `500` JPY, `1.500` KWD). A transaction amount of zero is refused: the
//! specification says it "shall be different from zero" and leaves it out when the payer chooses.

use std::str::FromStr;

use rust_decimal::Decimal;
use wallet_core::Currency;

use crate::error::QrError;

/// The most characters tags 54 and 56 may hold.
pub(crate) const MAX_AMOUNT_CHARS: usize = 13;
/// The most characters tag 57 may hold (`99.99`).
const MAX_PERCENTAGE_CHARS: usize = 5;

/// Reads the transaction amount (tag 54), which "shall be different from zero" (EMV QRCPS MPM).
pub(crate) fn parse_transaction_amount(text: &str, currency: Currency) -> Result<Decimal, QrError> {
    let amount = parse("54", text, currency)?;
    if amount.is_zero() {
        return Err(QrError::MalformedAmount {
            tag: "54".to_string(),
            value: text.to_string(),
            reason: "an amount must be greater than zero; a code that lets the payer choose \
                     leaves it out"
                .to_string(),
        });
    }
    Ok(amount)
}

/// Reads an amount of `currency` written in `tag`.
pub(crate) fn parse(tag: &str, text: &str, currency: Currency) -> Result<Decimal, QrError> {
    let amount = parse_decimal(tag, text, MAX_AMOUNT_CHARS)?;
    if amount.normalize().scale() > currency.minor_units() {
        return Err(QrError::AmountTooPrecise {
            tag: tag.to_string(),
            value: text.to_string(),
            currency: currency.code().to_string(),
            max: currency.minor_units(),
        });
    }
    Ok(amount)
}

/// Writes a positive amount of `currency` with exactly the currency's decimal places.
pub(crate) fn format(tag: &str, amount: Decimal, currency: Currency) -> Result<String, QrError> {
    if amount <= Decimal::ZERO {
        return Err(QrError::MalformedAmount {
            tag: tag.to_string(),
            value: amount.to_string(),
            reason: "an amount must be greater than zero".to_string(),
        });
    }
    let mut exact = amount.normalize();
    if exact.scale() > currency.minor_units() {
        return Err(QrError::AmountTooPrecise {
            tag: tag.to_string(),
            value: amount.to_string(),
            currency: currency.code().to_string(),
            max: currency.minor_units(),
        });
    }
    exact.rescale(currency.minor_units());
    let text = exact.to_string();
    if text.len() > MAX_AMOUNT_CHARS {
        return Err(QrError::MalformedAmount {
            tag: tag.to_string(),
            value: text,
            reason: format!("longer than {MAX_AMOUNT_CHARS} characters"),
        });
    }
    Ok(text)
}

/// Reads the convenience fee percentage (tag 57): more than 0 and less than 100, at most 2 decimals.
pub(crate) fn parse_percentage(tag: &str, text: &str) -> Result<Decimal, QrError> {
    let percentage = parse_decimal(tag, text, MAX_PERCENTAGE_CHARS)?;
    check_percentage(tag, text, percentage)?;
    Ok(percentage)
}

/// Writes the convenience fee percentage with two decimals (`3.00`).
pub(crate) fn format_percentage(tag: &str, percentage: Decimal) -> Result<String, QrError> {
    let text = percentage.to_string();
    check_percentage(tag, &text, percentage)?;
    let mut exact = percentage.normalize();
    exact.rescale(2);
    Ok(exact.to_string())
}

fn check_percentage(tag: &str, text: &str, percentage: Decimal) -> Result<(), QrError> {
    let malformed = |reason: &str| QrError::MalformedAmount {
        tag: tag.to_string(),
        value: text.to_string(),
        reason: reason.to_string(),
    };
    if percentage <= Decimal::ZERO || percentage >= Decimal::ONE_HUNDRED {
        return Err(malformed("a percentage must be between 0.01 and 99.99"));
    }
    if percentage.normalize().scale() > 2 {
        return Err(malformed("a percentage has at most 2 decimal places"));
    }
    Ok(())
}

fn parse_decimal(tag: &str, text: &str, max_chars: usize) -> Result<Decimal, QrError> {
    let malformed = |reason: String| QrError::MalformedAmount {
        tag: tag.to_string(),
        value: text.to_string(),
        reason,
    };
    if text.is_empty() {
        return Err(malformed("it is empty".to_string()));
    }
    let length = text.chars().count();
    if length > max_chars {
        return Err(malformed(format!(
            "{length} characters, at most {max_chars} are allowed"
        )));
    }
    if let Some(bad) = text.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        return Err(malformed(format!(
            "{bad:?} is not allowed; only digits and one '.'"
        )));
    }
    let (whole, _decimals) = text.split_once('.').unwrap_or((text, ""));
    if text.matches('.').count() > 1 {
        return Err(malformed("more than one '.'".to_string()));
    }
    if whole.is_empty() {
        return Err(malformed("no digit before the '.'".to_string()));
    }
    // The text is now digits with at most one '.', which Decimal reads exactly; a trailing '.' is
    // dropped first.
    Decimal::from_str(text.strip_suffix('.').unwrap_or(text))
        .map_err(|err| malformed(err.to_string()))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn amounts_are_read_exactly() {
        assert_eq!(parse("54", "23.72", Currency::CNY).unwrap(), dec!(23.72));
        assert_eq!(parse("54", "100.", Currency::CNY).unwrap(), dec!(100));
        assert_eq!(parse("54", "0.1", Currency::USD).unwrap(), dec!(0.1));
    }

    #[test]
    fn a_zero_transaction_amount_is_refused() {
        let err = parse_transaction_amount("0.00", Currency::CNY).unwrap_err();
        assert!(matches!(err, QrError::MalformedAmount { .. }), "{err}");
        assert_eq!(
            parse_transaction_amount("0.01", Currency::CNY).unwrap(),
            dec!(0.01)
        );
    }

    #[test]
    fn trailing_zeros_within_the_value_fit_a_currency_without_minor_units() {
        assert_eq!(parse("54", "500.00", Currency::JPY).unwrap(), dec!(500));
    }

    #[test]
    fn a_yen_amount_with_decimals_is_refused() {
        let err = parse("54", "500.5", Currency::JPY).unwrap_err();
        assert_eq!(
            err.to_string(),
            "amount \"500.5\" (tag 54) has more decimal places than JPY allows (0)"
        );
    }

    #[test]
    fn malformed_amounts_say_what_is_wrong() {
        for (text, reason) in [
            ("", "it is empty"),
            ("1,50", "',' is not allowed; only digits and one '.'"),
            ("-1", "'-' is not allowed; only digits and one '.'"),
            ("1.2.3", "more than one '.'"),
            (".5", "no digit before the '.'"),
            ("12345678901234", "14 characters, at most 13 are allowed"),
        ] {
            let err = parse("54", text, Currency::USD).unwrap_err();
            assert_eq!(
                err,
                QrError::MalformedAmount {
                    tag: "54".to_string(),
                    value: text.to_string(),
                    reason: reason.to_string()
                }
            );
        }
    }

    #[test]
    fn written_amounts_carry_the_currency_decimal_places() {
        assert_eq!(format("54", dec!(12.5), Currency::USD).unwrap(), "12.50");
        assert_eq!(format("54", dec!(500.00), Currency::JPY).unwrap(), "500");
        let kwd = "KWD".parse().unwrap();
        assert_eq!(format("54", dec!(1.5), kwd).unwrap(), "1.500");
    }

    #[test]
    fn writing_refuses_zero_negative_and_over_precise_amounts() {
        assert!(format("54", dec!(0), Currency::USD).is_err());
        assert!(format("54", dec!(-1), Currency::USD).is_err());
        assert!(format("54", dec!(1.005), Currency::USD).is_err());
        assert!(format("54", dec!(10000000000000), Currency::JPY).is_err());
    }

    #[test]
    fn percentages_are_between_zero_and_a_hundred() {
        assert_eq!(parse_percentage("57", "3.00").unwrap(), dec!(3));
        assert!(parse_percentage("57", "0").is_err());
        assert!(parse_percentage("57", "100").is_err());
        assert!(parse_percentage("57", "1.234").is_err());
        assert_eq!(format_percentage("57", dec!(3)).unwrap(), "3.00");
    }
}
