//! QR images in and out: finding and reading the code in a picture (a screenshot, a photo of a
//! sticker) with `rqrr`, and drawing a payload as SVG or PNG with `qrcode`. Only PNG and JPEG are
//! read; the payload inside is returned as text for [`crate::MerchantQr::parse`] to judge.

use std::io::Cursor;

use image::{GrayImage, ImageFormat, ImageReader, Limits, Luma};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::error::ImageError;

/// The widest and tallest picture read, in pixels: a 50-megapixel photo fits.
const MAX_SIDE: u32 = 10_000;
/// The most memory the decoder may take for one picture.
const MAX_ALLOC_BYTES: u64 = 256 * 1024 * 1024;
/// The smallest side of a drawn code, in pixels (SVG user units for SVG), quiet zone included.
const MIN_SIDE: u32 = 320;

/// Finds a QR code in a PNG or JPEG picture and returns its text. When a picture holds several
/// codes the first one that reads is returned. Light codes on a dark background are read too.
pub fn decode_image(bytes: &[u8]) -> Result<String, ImageError> {
    let grey = load_grey(bytes)?;
    match scan(&grey, false) {
        Scan::Nothing => match scan(&grey, true) {
            Scan::Found(content) => Ok(content),
            Scan::Unreadable(detail) => Err(ImageError::Unreadable { detail }),
            Scan::Nothing => Err(ImageError::NoQrCode),
        },
        Scan::Found(content) => Ok(content),
        Scan::Unreadable(detail) => Err(ImageError::Unreadable { detail }),
    }
}

enum Scan {
    /// Nothing that looks like a QR code.
    Nothing,
    Found(String),
    /// Finder patterns were there, but no code could be decoded; why the last one failed.
    Unreadable(String),
}

/// Looks for codes dark on light, or light on dark when `inverted`. The picture comes from
/// outside: should the decoder panic on some odd arrangement of pixels, that is reported as an
/// unreadable code rather than taking the caller down.
fn scan(grey: &GrayImage, inverted: bool) -> Scan {
    std::panic::catch_unwind(|| scan_unguarded(grey, inverted))
        .unwrap_or_else(|_| Scan::Unreadable("the QR decoder failed on this picture".to_string()))
}

fn scan_unguarded(grey: &GrayImage, inverted: bool) -> Scan {
    let (width, height) = grey.dimensions();
    // Both sides are at most MAX_SIDE, so they fit usize and their product does not overflow.
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
            let luma = grey.get_pixel(x as u32, y as u32).0[0];
            if inverted { u8::MAX - luma } else { luma }
        });
    let mut outcome = Scan::Nothing;
    for grid in prepared.detect_grids() {
        match grid.decode() {
            Ok((_meta, content)) => return Scan::Found(content),
            Err(err) => outcome = Scan::Unreadable(err.to_string()),
        }
    }
    outcome
}

/// Draws `payload` as an SVG document, black on white with the standard 4-module quiet zone.
pub fn render_svg(payload: &str) -> Result<String, ImageError> {
    let code = qr_code(payload)?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(MIN_SIDE, MIN_SIDE)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

/// Draws `payload` as a greyscale PNG, black on white with the standard 4-module quiet zone.
pub fn render_png(payload: &str) -> Result<Vec<u8>, ImageError> {
    let code = qr_code(payload)?;
    let picture = code
        .render::<Luma<u8>>()
        .min_dimensions(MIN_SIDE, MIN_SIDE)
        .build();
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .map_err(|err| ImageError::Png {
            detail: err.to_string(),
        })?;
    Ok(bytes)
}

/// Error correction level M: about 15% of the symbol may be lost (a scuffed sticker, a glare
/// spot) and still read, at a density phones scan easily for payloads of a few hundred
/// characters.
fn qr_code(payload: &str) -> Result<QrCode, ImageError> {
    QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|_| {
        ImageError::TooLongForQr {
            length: payload.len(),
        }
    })
}

fn load_grey(bytes: &[u8]) -> Result<GrayImage, ImageError> {
    let not_an_image = |detail: String| ImageError::NotAnImage { detail };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| not_an_image(err.to_string()))?;
    if reader.format().is_none() {
        return Err(not_an_image(
            "the bytes are not in any picture format".to_string(),
        ));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC_BYTES);
    reader.limits(limits);
    let picture = reader.decode().map_err(|err| match err {
        image::ImageError::Limits(limit) => ImageError::TooLarge {
            detail: limit.to_string(),
        },
        other => not_an_image(other.to_string()),
    })?;
    Ok(picture.to_luma8())
}
