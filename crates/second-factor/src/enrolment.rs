//! Setting up an authenticator app: a fresh key, shown as an `otpauth://` URI in a QR code to scan, or
//! as base32 to type by hand. The app confirms the enrolment by checking one code from the phone with
//! [`crate::verify`] before keeping [`Enrolment::secret`].
//!
//! The URI follows the Key URI Format the authenticator apps read:
//! `otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30`, with
//! issuer and account percent-encoded as UTF-8 (everything but RFC 3986's unreserved characters, so a
//! space is `%20`, never `+`).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use qrcode::QrCode;
use qrcode::render::svg;

use crate::error::Error;
use crate::secret::Secret;
use crate::totp::{DIGITS, PERIOD_SECS};

/// RFC 3986 unreserved characters stay as they are; everything else is percent-encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Smallest side of the drawn QR code, in SVG user units (pixels when shown as is).
const QR_MIN_SIDE: u32 = 240;

/// A key being enrolled, with the names the authenticator app lists it under.
#[derive(Debug, Clone)]
pub struct Enrolment {
    secret: Secret,
    account_label: String,
    issuer: String,
}

impl Enrolment {
    /// A new random 160-bit key for `account_label` (e.g. the person's name or e-mail) at `issuer`
    /// (e.g. `Purse`). An empty issuer is left out of the URI.
    pub fn new(account_label: &str, issuer: &str) -> Enrolment {
        Enrolment {
            secret: Secret::generate(),
            account_label: account_label.to_owned(),
            issuer: issuer.to_owned(),
        }
    }

    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// The key, to keep once the person has confirmed a code.
    pub fn into_secret(self) -> Secret {
        self.secret
    }

    /// The key in base32, for typing into an authenticator app by hand.
    pub fn secret_base32(&self) -> String {
        self.secret.export_base32()
    }

    /// The `otpauth://totp/...` URI the QR code carries. It contains the key: show it, never log it.
    pub fn uri(&self) -> String {
        let account = utf8_percent_encode(&self.account_label, COMPONENT);
        let secret = self.secret.export_base32();
        let mut uri = if self.issuer.is_empty() {
            format!("otpauth://totp/{account}?secret={secret}")
        } else {
            let issuer = utf8_percent_encode(&self.issuer, COMPONENT);
            format!("otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}")
        };
        uri.push_str(&format!(
            "&algorithm=SHA1&digits={DIGITS}&period={PERIOD_SECS}"
        ));
        uri
    }

    /// The URI as a QR code: an SVG document, black on white with the standard quiet zone. Fails only
    /// when the names are too long for a QR code (over ~2,000 bytes).
    pub fn qr_svg(&self) -> Result<String, Error> {
        let code = QrCode::new(self.uri().as_bytes()).map_err(|err| Error::QrCode {
            detail: err.to_string(),
        })?;
        Ok(code
            .render::<svg::Color<'_>>()
            .min_dimensions(QR_MIN_SIDE, QR_MIN_SIDE)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build())
    }
}
