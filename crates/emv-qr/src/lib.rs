//! EMVCo merchant-presented QR codes (scan to pay, receive): the payload's TLV format with its CRC, and
//! reading or drawing the QR image that carries it.
//!
//! ```
//! use emv_qr::{MerchantQr, PURSE_GUID, decode_image, render_png};
//! use rust_decimal::Decimal;
//! use wallet_core::Currency;
//!
//! // Receive: a code for someone to pay 25.00 CNY into account "ACC-1".
//! let amount = Decimal::new(2500, 2);
//! let code = MerchantQr::for_account(PURSE_GUID, "ACC-1", "LI WEI", "SHANGHAI", "CN", Currency::CNY, Some(amount))?;
//! let payload = code.encode();
//!
//! // Scan to pay: from the picture back to the checked payload.
//! let scanned = MerchantQr::parse(&decode_image(&render_png(&payload)?)?)?;
//! assert_eq!(scanned.amount(), Some(amount));
//! assert_eq!(scanned.account_with_guid(PURSE_GUID).and_then(|a| a.field(1)), Some("ACC-1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amount;
mod builder;
mod crc;
mod error;
mod payload;
mod purse_account;
mod qr_image;
mod templates;
mod tlv;

pub use builder::{MAX_PAYLOAD_CHARS, MCC_PERSON_TO_PERSON, MerchantQrBuilder, PURSE_GUID};
pub use error::{ImageError, QrError};
pub use payload::{Initiation, MerchantQr, Tip};
pub use purse_account::{PayeeDetails, PurseAccount};
pub use qr_image::{decode_image, render_png, render_svg};
pub use templates::{AdditionalData, MerchantAccount, MerchantLanguage};
pub use tlv::Field;
