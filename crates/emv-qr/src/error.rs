//! Why a payload or an image was refused, in words a person can act on: every message names the tag,
//! the position or the two values that disagree.
//!
//! Positions ("at character 41") count characters from 0, as the lengths do (see `tlv`). Tags are
//! written with two digits; a field inside a template is written `62.05` (sub-ID 05 of template 62).

use thiserror::Error;

/// A payload that cannot be read, or a merchant that cannot be written, as an EMV merchant QR code.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QrError {
    #[error("the payload is empty")]
    Empty,

    #[error("malformed data at character {offset}: {detail}")]
    MalformedTlv { offset: usize, detail: String },

    #[error(
        "truncated: tag {tag} at character {offset} declares {declared} characters but only \
         {remaining} follow"
    )]
    Truncated {
        tag: String,
        offset: usize,
        declared: usize,
        remaining: usize,
    },

    #[error("tag {tag} appears twice (again at character {offset}); each tag may appear once")]
    DuplicateTag { tag: String, offset: usize },

    #[error("no CRC: the payload must end with the checksum field 63")]
    MissingCrc,

    #[error(
        "the CRC (tag 63, at character {offset}) must be the last field, but more data follows it"
    )]
    CrcNotLast { offset: usize },

    #[error("the CRC (tag 63) must be 4 uppercase hexadecimal characters, found {found:?}")]
    MalformedCrc { found: String },

    #[error("bad CRC: the payload says {found} but its content gives {expected}")]
    BadCrc { expected: String, found: String },

    #[error("the payload format indicator (tag 00) must be the first field")]
    FormatIndicatorNotFirst,

    #[error("unsupported payload format indicator {found:?} (tag 00): only \"01\" exists")]
    UnsupportedFormat { found: String },

    #[error("missing mandatory field: tag {tag} ({name})")]
    MissingField {
        tag: &'static str,
        name: &'static str,
    },

    #[error("invalid {name} (tag {tag}): {reason}")]
    InvalidField {
        tag: String,
        name: &'static str,
        reason: String,
    },

    #[error("unknown currency: ISO 4217 numeric code {code:?} (tag 53) is not one Purse knows")]
    UnknownCurrency { code: String },

    #[error("malformed amount {value:?} (tag {tag}): {reason}")]
    MalformedAmount {
        tag: String,
        value: String,
        reason: String,
    },

    #[error("amount {value:?} (tag {tag}) has more decimal places than {currency} allows ({max})")]
    AmountTooPrecise {
        tag: String,
        value: String,
        currency: String,
        max: u32,
    },

    #[error("{name} (tag {tag}) is {length} characters long; at most {max} are allowed")]
    TooLong {
        tag: String,
        name: &'static str,
        length: usize,
        max: usize,
    },

    #[error("the payload would be {length} characters long; EMV QR payloads hold at most {max}")]
    PayloadTooLong { length: usize, max: usize },
}

/// An image that holds no readable QR code, or a payload that cannot be drawn as one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImageError {
    #[error("not an image Purse can read (PNG or JPEG): {detail}")]
    NotAnImage { detail: String },

    #[error("the image is too large to scan: {detail}")]
    TooLarge { detail: String },

    #[error("no QR code found in the image")]
    NoQrCode,

    #[error("a QR code was found but could not be read ({detail}); try a sharper, closer picture")]
    Unreadable { detail: String },

    #[error("the payload is too long to fit in a QR code ({length} bytes)")]
    TooLongForQr { length: usize },

    #[error("could not write the PNG: {detail}")]
    Png { detail: String },
}
