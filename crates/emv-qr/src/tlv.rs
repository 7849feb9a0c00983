//! The data object format every level of the payload shares: a two-digit ID, a two-digit length and
//! the value; templates (26–51, 62, 64, 80–99) hold more of the same inside their value.
//!
//! Lengths count characters, not bytes. The specification counts characters of its character sets,
//! and the only place it admits other scripts (the language template 64) is written in UTF-8 with
//! lengths in characters: the EMVCo specification's own example has `0104最佳运输` (4 characters,
//! 12 bytes). Reading and writing by `char` keeps such values whole and never splits a character.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::error::QrError;

/// The longest value a two-digit length can announce.
pub(crate) const MAX_VALUE_CHARS: usize = 99;

/// One data object: a two-digit ID (0–99) and its value, as written in the payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    pub id: u8,
    pub value: String,
}

impl Field {
    pub fn new(id: u8, value: impl Into<String>) -> Self {
        Field {
            id,
            value: value.into(),
        }
    }
}

/// A field as found in a payload, with the character offset where its ID starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub field: Field,
    pub offset: usize,
    /// Where the value starts, for reading a template inside it.
    pub value_offset: usize,
}

/// The name of a tag in messages: `54` at the root, `62.05` inside template 62.
pub(crate) fn tag_name(parent: Option<u8>, id: u8) -> String {
    match parent {
        Some(parent) => format!("{parent:02}.{id:02}"),
        None => format!("{id:02}"),
    }
}

/// Splits `text` into its data objects. `base` is the character offset of `text` in the whole
/// payload and `parent` the template it is the value of, so that errors point at the right place.
/// A tag seen twice at the same level is refused.
pub(crate) fn parse(text: &str, base: usize, parent: Option<u8>) -> Result<Vec<Located>, QrError> {
    let chars: Vec<char> = text.chars().collect();
    let inside = match parent {
        Some(parent) => format!(" inside template {parent:02}"),
        None => String::new(),
    };
    let mut fields = Vec::new();
    let mut seen = BTreeSet::new();
    let mut at = 0;
    while at < chars.len() {
        let offset = base + at;
        let id = two_digits(&chars, at).ok_or_else(|| QrError::MalformedTlv {
            offset,
            detail: format!(
                "expected a two-digit tag{inside}, found {:?}",
                excerpt(&chars, at, 2)
            ),
        })?;
        let tag = tag_name(parent, id);
        let declared = two_digits(&chars, at + 2).ok_or_else(|| QrError::MalformedTlv {
            offset: offset + 2,
            detail: format!(
                "expected the two-digit length of tag {tag}, found {:?}",
                excerpt(&chars, at + 2, 2)
            ),
        })?;
        let declared = usize::from(declared);
        let value_start = at + 4;
        let remaining = chars.len() - value_start;
        if declared > remaining {
            return Err(QrError::Truncated {
                tag,
                offset,
                declared,
                remaining,
            });
        }
        if !seen.insert(id) {
            return Err(QrError::DuplicateTag { tag, offset });
        }
        let value: String = chars[value_start..value_start + declared].iter().collect();
        fields.push(Located {
            field: Field { id, value },
            offset,
            value_offset: base + value_start,
        });
        at = value_start + declared;
    }
    Ok(fields)
}

/// Appends one data object to `out`. Refuses an ID above 99 or a value longer than 99 characters,
/// which two digits cannot express.
pub(crate) fn write(
    out: &mut String,
    parent: Option<u8>,
    id: u8,
    value: &str,
) -> Result<(), QrError> {
    if id > 99 {
        return Err(QrError::InvalidField {
            tag: tag_name(parent, id),
            name: "tag",
            reason: "tags have two digits, 00 to 99".to_string(),
        });
    }
    let length = value.chars().count();
    if length > MAX_VALUE_CHARS {
        return Err(QrError::TooLong {
            tag: tag_name(parent, id),
            name: "a field's value",
            length,
            max: MAX_VALUE_CHARS,
        });
    }
    // Writing to a String cannot fail.
    let _ = write!(out, "{id:02}{length:02}{value}");
    Ok(())
}

fn two_digits(chars: &[char], at: usize) -> Option<u8> {
    let tens = chars.get(at)?.to_digit(10)?;
    let units = chars.get(at + 1)?.to_digit(10)?;
    u8::try_from(tens * 10 + units).ok()
}

fn excerpt(chars: &[char], at: usize, len: usize) -> String {
    chars.get(at..).unwrap_or(&[]).iter().take(len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_split_by_their_declared_lengths() {
        let fields = parse("000201010212", 0, None).unwrap();
        assert_eq!(
            fields.iter().map(|f| &f.field).collect::<Vec<_>>(),
            [&Field::new(0, "01"), &Field::new(1, "12")]
        );
        assert_eq!(fields[1].offset, 6);
        assert_eq!(fields[1].value_offset, 10);
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let fields = parse("0104最佳运输0202北京", 0, None).unwrap();
        assert_eq!(fields[0].field.value, "最佳运输");
        assert_eq!(fields[1].field.value, "北京");
        assert_eq!(fields[1].offset, 8);
    }

    #[test]
    fn offsets_inside_a_template_are_offsets_in_the_whole_payload() {
        let err = parse("05x3***", 100, Some(62)).unwrap_err();
        assert_eq!(
            err,
            QrError::MalformedTlv {
                offset: 102,
                detail: "expected the two-digit length of tag 62.05, found \"x3\"".to_string()
            }
        );
    }

    #[test]
    fn a_tag_or_length_cut_short_at_the_end_is_malformed_where_it_starts() {
        let err = parse("0002010", 0, None).unwrap_err();
        assert!(
            matches!(err, QrError::MalformedTlv { offset: 6, .. }),
            "{err}"
        );
        let err = parse("0002010112", 0, None).unwrap_err();
        assert!(matches!(err, QrError::Truncated { offset: 6, .. }), "{err}");
        let err = parse("00020101", 0, None).unwrap_err();
        assert!(
            matches!(err, QrError::MalformedTlv { offset: 8, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_value_running_past_the_end_is_truncated() {
        let err = parse("00020", 0, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "truncated: tag 00 at character 0 declares 2 characters but only 1 follow"
        );
    }

    #[test]
    fn writing_refuses_what_two_digits_cannot_say() {
        let mut out = String::new();
        assert!(write(&mut out, None, 100, "x").is_err());
        assert!(write(&mut out, Some(62), 1, &"x".repeat(100)).is_err());
        write(&mut out, Some(64), 1, "北京").unwrap();
        assert_eq!(out, "0102北京");
    }
}
