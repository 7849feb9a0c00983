//! The demo merchants' QR codes (a vendor extension): each merchant's static code, where the payer types
//! the amount, and one checkout code with the amount fixed. They are EMVCo codes naming the merchant's
//! account the Purse way (see `emv_qr::PurseAccount`), served as text and as PNG pictures.

use axum::Json;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use emv_qr::{MerchantQr, PayeeDetails, PurseAccount};
use rust_decimal::Decimal;
use serde::Serialize;
use wallet_core::Currency;

use crate::counterparties::COUNTERPARTIES;

pub const MERCHANTS_PATH: &str = "/purse-sandbox/v1/merchant-codes";

/// One printable code.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MerchantCode {
    /// e.g. `starbucks`, `familymart-checkout`.
    pub id: String,
    pub merchant: String,
    pub mcc: String,
    /// Fixed amount (CNY) for a checkout code; none for a static one.
    pub amount: Option<String>,
    pub payload: String,
}

/// Every demo code, in a fixed order.
pub fn merchant_codes() -> anyhow::Result<Vec<MerchantCode>> {
    let mut codes = Vec::new();
    for merchant in COUNTERPARTIES.iter().filter(|c| c.mcc.is_some()) {
        let (chinese, english) = merchant
            .holder
            .split_once(' ')
            .unwrap_or((merchant.holder, merchant.holder));
        let slug = english.to_ascii_lowercase().replace(' ', "-");
        let mcc = merchant.mcc.unwrap_or("0000");
        let account = PurseAccount {
            scheme: merchant.scheme.to_string(),
            identification: merchant.identification.to_string(),
        };
        let mut details = PayeeDetails {
            name: english,
            chinese_name: Some(chinese),
            city: "SHANGHAI",
            mcc,
            currency: Currency::CNY,
            amount: None,
        };
        let code = |id: String, details: &PayeeDetails<'_>| -> anyhow::Result<MerchantCode> {
            Ok(MerchantCode {
                id,
                merchant: merchant.holder.to_string(),
                mcc: mcc.to_string(),
                amount: details.amount.map(|a| a.to_string()),
                payload: MerchantQr::for_purse_account(&account, details)?.encode(),
            })
        };
        codes.push(code(slug.clone(), &details)?);
        if merchant.account_id == "acc-m-familymart" {
            details.amount = Some(Decimal::new(2350, 2));
            codes.push(code(format!("{slug}-checkout"), &details)?);
        }
    }
    Ok(codes)
}

pub async fn list() -> Response {
    match merchant_codes() {
        Ok(codes) => Json(serde_json::json!({ "codes": codes })).into_response(),
        Err(error) => crate::ob_error::ObError::internal(error).into_response(),
    }
}

pub async fn picture(Path(file): Path<String>) -> Response {
    let Some(id) = file.strip_suffix(".png") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let found = merchant_codes()
        .ok()
        .and_then(|codes| codes.into_iter().find(|c| c.id == id));
    let Some(code) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match emv_qr::render_png(&code.payload) {
        Ok(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        Err(error) => crate::ob_error::ObError::internal(error).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_merchant_has_a_code_naming_its_account_and_the_checkout_code_fixes_its_amount() {
        let codes = merchant_codes().unwrap();
        let ids: Vec<&str> = codes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["starbucks", "didi", "familymart", "familymart-checkout"]
        );
        for code in &codes {
            let read = MerchantQr::parse(&code.payload).unwrap();
            assert!(read.purse_account().is_some(), "{}", code.id);
        }
        let checkout = MerchantQr::parse(&codes[3].payload).unwrap();
        assert_eq!(checkout.amount(), Some(Decimal::new(2350, 2)));
    }
}
