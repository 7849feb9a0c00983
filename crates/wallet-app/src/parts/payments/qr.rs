//! Scan to pay and receive: a QR code (from a picture, or its text) is read and checked before anything is
//! shown, and a user's own code is drawn for someone else's Purse to scan.

use crate::commands::commands;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use emv_qr::{MCC_PERSON_TO_PERSON, MerchantQr, PayeeDetails, PurseAccount};
use wallet_core::Money;
use wallet_core::account::mask_number;
use wallet_core::payment;

use crate::dto::{MoneyDto, ReceiveCode, ScannedCode};
use crate::error::{ApiError, ApiResult};
use crate::parts::Payments;

/// Pictures larger than this are refused before decoding (a phone photo of a code is a few MB).
const MAX_IMAGE_BYTES: usize = 12 * 1024 * 1024;
const HOME_CITY: &str = "SHANGHAI";

/// A checked code that Purse can pay: the parsed payload and the account it names.
pub(crate) struct PayableCode {
    pub code: MerchantQr,
    pub account: PurseAccount,
}

impl PayableCode {
    pub fn is_merchant(&self) -> bool {
        self.code.merchant_category_code() != MCC_PERSON_TO_PERSON
    }

    /// "星巴克 Starbucks": the own-language name first when the code has one.
    pub fn display_name(&self) -> String {
        match self.code.language() {
            Some(local) if local.name != self.code.merchant_name() => {
                format!("{} {}", local.name, self.code.merchant_name())
            }
            _ => self.code.merchant_name().to_string(),
        }
    }

    pub fn fixed_amount(&self) -> Option<Money> {
        let amount = self.code.amount()?;
        Money::new(amount, self.code.currency()).ok()
    }
}

pub(crate) fn payable(payload: &str) -> ApiResult<PayableCode> {
    let code = MerchantQr::parse(payload).map_err(|e| {
        ApiError::invalid(format!("This is not a payment code Purse can read: {e}"))
    })?;
    let account = code.purse_account().ok_or_else(|| {
        ApiError::invalid(
            "This code names no account at a bank Purse can pay (it is not a Purse-family code).",
        )
    })?;
    Ok(PayableCode { code, account })
}

fn scanned(found: &PayableCode) -> ScannedCode {
    ScannedCode {
        payload: found.code.encode(),
        payee_name: found.display_name(),
        city: found.code.merchant_city().to_string(),
        payee_masked_number: mask_number(&found.account.identification),
        mcc: found.code.merchant_category_code().to_string(),
        is_merchant: found.is_merchant(),
        currency: found.code.currency().code().to_string(),
        amount: found.fixed_amount().map(MoneyDto::from),
    }
}

#[commands]
impl Payments {
    /// A code's text (pasted, or from the sandbox's list of merchants), checked.
    pub async fn read_qr_code(&self, payload: &str) -> ApiResult<ScannedCode> {
        Ok(scanned(&payable(payload.trim())?))
    }

    /// A picture of a code (PNG or JPEG, base64), as chosen from a file, dropped, or pasted.
    pub async fn decode_qr_image(&self, image_base64: &str) -> ApiResult<ScannedCode> {
        let bytes = STANDARD
            .decode(image_base64.trim())
            .map_err(|_| ApiError::invalid("The picture did not arrive intact (bad base64)."))?;
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(ApiError::invalid(
                "The picture is too large (more than 12 MB).",
            ));
        }
        let payload = tokio::task::spawn_blocking(move || emv_qr::decode_image(&bytes))
            .await
            .map_err(|e| ApiError::new(crate::ErrorCode::Internal, e.to_string()))?
            .map_err(|e| ApiError::invalid(format!("No payment code could be read: {e}")))?;
        self.read_qr_code(&payload).await
    }

    /// My code for someone to pay into `account_id`, with the amount fixed when one is given.
    pub async fn receive_code(
        &self,
        account_id: &str,
        amount: Option<String>,
    ) -> ApiResult<ReceiveCode> {
        let account = self.cx.account_by_id(account_id).await?;
        let routing = account.routing.clone().ok_or_else(|| {
            ApiError::invalid("The bank has not given this account's number yet; sync first.")
        })?;
        let amount = match amount.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(text) => Some(
                payment::parse_amount(text, account.currency, account.currency)
                    .map_err(|e| ApiError::invalid(e.to_string()))?,
            ),
            None => None,
        };
        let holder: String = account
            .name
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .collect();
        let code = MerchantQr::for_purse_account(
            &PurseAccount {
                scheme: routing.scheme,
                identification: routing.identification,
            },
            &PayeeDetails {
                name: if holder.trim().is_empty() {
                    "PURSE USER"
                } else {
                    holder.trim()
                },
                chinese_name: None,
                city: HOME_CITY,
                mcc: MCC_PERSON_TO_PERSON,
                currency: account.currency,
                amount: amount.map(|m| m.amount()),
            },
        )
        .map_err(|e| ApiError::invalid(format!("This account cannot have a code: {e}")))?;
        let payload = code.encode();
        let svg = emv_qr::render_svg(&payload)
            .map_err(|e| ApiError::new(crate::ErrorCode::Internal, e.to_string()))?;
        Ok(ReceiveCode {
            account_id: account.id.to_string(),
            payload,
            svg,
            amount: amount.map(MoneyDto::from),
        })
    }
}
