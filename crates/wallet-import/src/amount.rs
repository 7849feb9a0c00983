//! Amounts as the files write them, read exactly (never through a float): thousands separators
//! (`"1,234.00"`), comma decimals (`-200,00`, `79,7`, `0,`), three or more decimals (`18.150`), currency
//! signs in front (`¥28.16`, `￥`, `$`), a sign or a marker after (`-3.90(CN)`, `12.00-`), and the
//! placeholders that mean "none" (`/`, `-`, `------`, empty).

use rust_decimal::Decimal;

/// Why a cell is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnAmount(pub String);

impl std::fmt::Display for NotAnAmount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\" is not an amount", self.0)
    }
}

/// A cell that holds an amount or a placeholder for none: `Ok(None)` for the placeholder.
pub fn parse_optional(cell: &str) -> Result<Option<Decimal>, NotAnAmount> {
    let trimmed = cell.trim().trim_matches('\t').trim();
    if trimmed.is_empty() || trimmed.chars().all(|c| c == '-' || c == '/' || c == '—') {
        return Ok(None);
    }
    parse(trimmed).map(Some)
}

/// A cell that must hold an amount.
pub fn parse(cell: &str) -> Result<Decimal, NotAnAmount> {
    let refuse = || NotAnAmount(cell.trim().to_string());
    let mut text: String = cell
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    // A marker after the number: "(CN)", "CR"/"DR" are left to the caller's columns; drop a bracketed tag.
    if let Some(open) = text.find('(')
        && text.ends_with(')')
    {
        text.truncate(open);
    }
    let mut negative = false;
    if let Some(rest) = text.strip_suffix('-') {
        negative = true;
        text = rest.to_string();
    }
    if let Some(rest) = text.strip_prefix('-') {
        negative = !negative;
        text = rest.to_string();
    } else if let Some(rest) = text.strip_prefix('+') {
        text = rest.to_string();
    }
    for sign in ['¥', '￥', '$', '€', '£'] {
        if let Some(rest) = text.strip_prefix(sign) {
            text = rest.to_string();
        }
    }
    if let Some(rest) = text.strip_prefix('-') {
        negative = !negative;
        text = rest.to_string();
    }
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(refuse());
    }
    let normalised = decimal_point(&text).ok_or_else(refuse)?;
    let value: Decimal = normalised.parse().map_err(|_| refuse())?;
    Ok(if negative { -value } else { value })
}

/// Whether `sep` groups thousands in `text`: every group after the first (which may hold 1–3 digits) has
/// three.
fn groups_thousands(text: &str, sep: char) -> bool {
    text.split_once(sep)
        .is_none_or(|(_, rest)| rest.split(sep).all(|group| group.len() == 3))
}

/// The number with `.` as its only decimal point and no group separators, or None when the separators
/// cannot be read one way only.
fn decimal_point(text: &str) -> Option<String> {
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let digits_after = |sep: char| text.rsplit(sep).next().map_or(0, str::len);
    match (dots, commas) {
        (0, 0) => Some(text.to_string()),
        // "1,234.00": commas group, the dot is the point (and must come last).
        (1, _) if text.rfind('.') > text.rfind(',') => Some(text.replace(',', "")),
        // "1.234,00": dots group, the comma is the point.
        (_, 1) if text.rfind(',') > text.rfind('.') && dots > 0 => {
            Some(text.replace('.', "").replace(',', "."))
        }
        // "-200,00", "79,7", "0,": a lone comma with at most two digits after it is a decimal comma;
        // "1,234" (three after) groups thousands.
        (0, 1) => {
            if digits_after(',') == 3 {
                Some(text.replace(',', ""))
            } else {
                Some(text.replace(',', ".")).map(
                    |t| {
                        if t.ends_with('.') { format!("{t}0") } else { t }
                    },
                )
            }
        }
        // "1,234,567": commas group thousands, each group three digits.
        (0, _) => groups_thousands(text, ',').then(|| text.replace(',', "")),
        // "1.234.567,00" handled above; "1.234.567": dots grouping thousands.
        (_, 0) if dots > 1 => groups_thousands(text, '.').then(|| text.replace('.', "")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn every_way_the_files_write_an_amount_reads_exactly() {
        for (cell, expected) in [
            ("28.16", dec!(28.16)),
            ("¥28.16", dec!(28.16)),
            ("￥1,234.00", dec!(1234.00)),
            ("\"1,234.00\"", dec!(0)), // quotes are the CSV reader's job: refused below
            ("-200,00", dec!(-200.00)),
            ("79,7", dec!(79.7)),
            ("0,", dec!(0.0)),
            ("18.150", dec!(18.150)),
            ("-3.90(CN)", dec!(-3.90)),
            ("12.00-", dec!(-12.00)),
            ("+5", dec!(5)),
            ("1.234,56", dec!(1234.56)),
            ("1,234,567", dec!(1234567)),
            ("1,234", dec!(1234)),
            (" 66.00\t", dec!(66.00)),
            ("-¥9.90", dec!(-9.90)),
            ("¥-9.90", dec!(-9.90)),
        ] {
            if cell.starts_with('"') {
                assert!(parse(cell).is_err(), "{cell}");
                continue;
            }
            assert_eq!(parse(cell), Ok(expected), "{cell}");
        }
    }

    #[test]
    fn placeholders_read_as_none_and_words_are_refused() {
        for cell in ["", "/", "-", "------", "  \t"] {
            assert_eq!(parse_optional(cell), Ok(None), "{cell:?}");
        }
        for cell in ["abc", "1.2.3,4,5", "12a", "¥"] {
            assert!(parse(cell).is_err(), "{cell:?}");
        }
    }
}
