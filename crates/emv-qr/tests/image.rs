//! QR images: what Purse draws it can read back, also as a photo would show it; pictures without a
//! code, damaged codes and bytes that are no picture are told apart.

mod common;

use std::io::Cursor;

use common::EMVCO_SPEC_EXAMPLE;
use emv_qr::{ImageError, MerchantQr, decode_image, render_png, render_svg};
use image::{GrayImage, ImageFormat, Luma, imageops};
use proptest::prelude::*;

fn png_bytes(picture: &GrayImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    bytes
}

fn rendered(payload: &str) -> GrayImage {
    image::load_from_memory(&render_png(payload).unwrap())
        .unwrap()
        .to_luma8()
}

#[test]
fn a_rendered_png_reads_back_to_the_same_payload() {
    let png = render_png(EMVCO_SPEC_EXAMPLE).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let payload = decode_image(&png).unwrap();
    assert_eq!(payload, EMVCO_SPEC_EXAMPLE);
    assert!(MerchantQr::parse(&payload).is_ok());
}

#[test]
fn a_rendered_png_is_at_least_320_pixels_wide() {
    let picture = rendered(EMVCO_SPEC_EXAMPLE);
    assert!(picture.width() >= 320 && picture.width() == picture.height());
}

#[test]
fn a_rendered_svg_is_an_svg_of_dark_modules_on_white() {
    let svg = render_svg(EMVCO_SPEC_EXAMPLE).unwrap();
    assert!(svg.starts_with("<?xml"), "{}", &svg[..80]);
    assert!(svg.contains("<svg"));
    assert!(svg.contains("#000000") && svg.contains("#ffffff"));
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn a_code_photographed_smaller_on_a_larger_jpeg_is_read() {
    let code = rendered(EMVCO_SPEC_EXAMPLE);
    let smaller = imageops::resize(
        &code,
        code.width() * 3 / 4,
        code.height() * 3 / 4,
        imageops::FilterType::Triangle,
    );
    let mut photo = GrayImage::from_pixel(900, 700, Luma([190]));
    imageops::overlay(&mut photo, &smaller, 230, 120);
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageLuma8(photo)
        .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .unwrap();
    assert!(jpeg.starts_with(&[0xFF, 0xD8]));
    assert_eq!(decode_image(&jpeg).unwrap(), EMVCO_SPEC_EXAMPLE);
}

#[test]
fn a_light_code_on_a_dark_background_is_read() {
    let mut negative = rendered(EMVCO_SPEC_EXAMPLE);
    imageops::invert(&mut negative);
    assert_eq!(
        decode_image(&png_bytes(&negative)).unwrap(),
        EMVCO_SPEC_EXAMPLE
    );
}

#[test]
fn a_blank_image_holds_no_qr_code() {
    let blank = GrayImage::from_pixel(400, 300, Luma([255]));
    let err = decode_image(&png_bytes(&blank)).unwrap_err();
    assert_eq!(err, ImageError::NoQrCode);
    assert_eq!(err.to_string(), "no QR code found in the image");
}

#[test]
fn bytes_that_are_not_an_image_are_refused_as_such() {
    let err = decode_image(b"00020101021126220009app.purse").unwrap_err();
    assert!(matches!(err, ImageError::NotAnImage { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with("not an image Purse can read (PNG or JPEG): "),
        "{err}"
    );
    assert!(matches!(
        decode_image(&[]).unwrap_err(),
        ImageError::NotAnImage { .. }
    ));
}

#[test]
fn a_png_cut_short_is_not_an_image() {
    let png = render_png(EMVCO_SPEC_EXAMPLE).unwrap();
    let err = decode_image(&png[..png.len() / 2]).unwrap_err();
    assert!(matches!(err, ImageError::NotAnImage { .. }), "{err}");
}

#[test]
fn a_picture_in_a_format_purse_does_not_read_is_refused() {
    // A GIF header: recognised as GIF, which this crate is not built to decode.
    let err = decode_image(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap_err();
    assert!(matches!(err, ImageError::NotAnImage { .. }), "{err}");
}

#[test]
fn a_picture_larger_than_the_limit_is_refused_before_decoding() {
    let wide = GrayImage::from_pixel(10_001, 1, Luma([255]));
    let err = decode_image(&png_bytes(&wide)).unwrap_err();
    assert!(matches!(err, ImageError::TooLarge { .. }), "{err}");
}

#[test]
fn a_damaged_code_is_found_but_reported_unreadable() {
    let mut code = rendered(EMVCO_SPEC_EXAMPLE);
    let (width, height) = code.dimensions();
    // Turn over the middle quarter of the symbol, well inside the three finder patterns: far
    // more than error correction level M (about 15%) can repair.
    for y in height / 4..height * 3 / 4 {
        for x in width / 4..width * 3 / 4 {
            let Luma([luma]) = *code.get_pixel(x, y);
            code.put_pixel(x, y, Luma([u8::MAX - luma]));
        }
    }
    let err = decode_image(&png_bytes(&code)).unwrap_err();
    assert!(matches!(err, ImageError::Unreadable { .. }), "{err}");
}

#[test]
fn a_payload_too_long_for_any_qr_code_is_refused() {
    let err = render_png(&"x".repeat(3_000)).unwrap_err();
    assert_eq!(err, ImageError::TooLongForQr { length: 3_000 });
    assert!(render_svg(&"x".repeat(3_000)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn noise_pictures_never_make_decoding_panic(
        width in 1u32..96,
        height in 1u32..96,
        seed in any::<u64>(),
    ) {
        // A cheap pseudo-random pattern: blocks of black and white, like scattered modules.
        let picture = GrayImage::from_fn(width, height, |x, y| {
            let cell = u64::from(x / 3) * 31 + u64::from(y / 3) * 17;
            let bit = (seed.rotate_left((cell % 64) as u32) ^ cell) & 1;
            Luma([if bit == 1 { 0 } else { 255 }])
        });
        match decode_image(&png_bytes(&picture)) {
            Ok(_) | Err(ImageError::NoQrCode) | Err(ImageError::Unreadable { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected: {}", other),
        }
    }
}
