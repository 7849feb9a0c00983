//! One module per format, and the list the detection walks (each importer recognises its own files by
//! their content).

pub mod alipay;
pub mod boc;
pub mod camt053;
pub mod cmb;
pub mod icbc;
pub mod mt940;
pub mod ofx;
pub mod qif;
pub mod wechat;

use crate::Importer;

/// Every importer, in the order detection asks them (the more specific first).
pub fn all() -> Vec<&'static dyn Importer> {
    Vec::new()
}
