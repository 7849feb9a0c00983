//! One module per format, and the list the detection walks (each importer recognises its own files by
//! their content).

pub mod alipay;
mod bank;
pub mod boc;
pub mod camt053;
pub mod cmb;
pub mod icbc;
pub mod jd;
pub mod meituan;
pub mod mt940;
pub mod ofx;
pub mod qif;
mod table;
pub mod wechat;

use crate::Importer;

/// Every importer, in the order detection asks them: each recognises its own header or tags, and none of
/// them claims another's file (each format's tests check that), so the order only matters for speed.
pub fn all() -> Vec<&'static dyn Importer> {
    vec![
        &alipay::AlipayCurrent,
        &alipay::Alipay2021,
        &alipay::AlipayLegacy,
        &wechat::WeChatXlsx,
        &wechat::WeChatCsv,
        &jd::JdPay,
        &meituan::Meituan,
        &icbc::IcbcDebit,
        &icbc::IcbcCredit,
        &cmb::CmbDebit,
        &cmb::CmbCredit,
        &boc::BocDebit,
        &ofx::Ofx,
        &camt053::Camt053,
        &mt940::Mt940,
        &qif::Qif,
    ]
}
