//! `purse link enable-banking`: the person's application key read from its PEM file, the bank's consent
//! page printed (or opened in the system browser with `--open`), and the wait for the bank's redirect
//! on `http://127.0.0.1:8765/purse/enable-banking`.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use wallet_app::dto::LinkDto;
use wallet_app::dto::enable_banking::EnableBankingSignIn;
use wallet_app::{Sensitive, Wallet};

/// Links the bank through the application `app_id` whose private key is in `key_file`.
pub async fn link(
    wallet: &Wallet,
    app_id: &str,
    key_file: &Path,
    country: &str,
    bank: &str,
    open: bool,
) -> anyhow::Result<LinkDto> {
    wallet.set_browser(Arc::new(crate::browser::Terminal { open }));
    let pem = std::fs::read_to_string(key_file)
        .with_context(|| format!("cannot read the private key file {}", key_file.display()))?;
    Ok(wallet
        .links()?
        .link_enable_banking(
            app_id,
            Sensitive::new(pem),
            bank,
            country,
            EnableBankingSignIn::default(),
        )
        .await?)
}
