//! The demo composition: the built-in demo bank as the wallet's bank, reached through the seam
//! (`bank_link`). It starts in-process on a loopback port with its books in the folder the wallet gives
//! it, and the consent step signs in as the demo customer by script — for this bank only, so a new
//! person sees a living wallet. The desktop app and the CLI compose it behind their `demo-bank` feature.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use bank_link::{BankSource, ConsentApproval, LinkError, ReachedBank, RunningBank};
use url::Url;
use wallet_core::clock::SharedClock;

use crate::{DEMO_CLIENT_ID, DEMO_CUSTOMER, DEMO_PASSWORD, RunningSandbox, Sandbox, SandboxConfig};

/// The demo bank's name, as the wallet shows it.
pub const DEMO_BANK_NAME: &str = "Purse Sandbox Bank";
/// The demo bank's books, in the folder the wallet gives it.
pub const DEMO_BANK_FILE: &str = "sandbox-bank.db";
/// The native-app redirect (RFC 8252) the demo client is registered with; the scripted sign-in reads
/// the redirect itself, so nothing listens there.
const REDIRECT_URI: &str = "http://127.0.0.1/purse/callback";

/// The demo bank started with the wallet, inside this process.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmbeddedDemoBank;

/// A demo bank already running elsewhere (`bank-sandbox serve`), signed in to as its demo customer.
#[derive(Debug, Clone)]
pub struct DemoBankAt {
    pub base_url: Url,
}

/// The consent step for the demo customer: the bank's own sign-in page, filled in by script.
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoSignIn;

#[async_trait]
impl BankSource for EmbeddedDemoBank {
    async fn reach(&self, bank_dir: &Path, clock: SharedClock) -> Result<ReachedBank, LinkError> {
        let running = start(bank_dir, clock).await?;
        Ok(ReachedBank {
            running: Some(Box::new(Running(running.0))),
            ..demo_at(running.1)
        })
    }

    /// The folder is the bank's own (it made it): it goes whole, the books and SQLite's logs with it.
    fn forget_local(&self, bank_dir: &Path) -> Result<(), LinkError> {
        match std::fs::remove_dir_all(bank_dir) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(LinkError::local(
                format!("{} could not be deleted: {error}", bank_dir.display()),
            )),
            _ => Ok(()),
        }
    }
}

#[async_trait]
impl BankSource for DemoBankAt {
    async fn reach(&self, _bank_dir: &Path, _clock: SharedClock) -> Result<ReachedBank, LinkError> {
        Ok(demo_at(self.base_url.clone()))
    }

    fn forget_local(&self, _bank_dir: &Path) -> Result<(), LinkError> {
        Ok(())
    }
}

#[async_trait]
impl ConsentApproval for DemoSignIn {
    fn redirect_uri(&self) -> Url {
        Url::parse(REDIRECT_URI).expect("a valid address")
    }

    async fn approve(&self, authorize_url: &Url) -> Result<Url, LinkError> {
        crate::redirect_after_sign_in(authorize_url, DEMO_CUSTOMER, DEMO_PASSWORD)
            .await
            .map_err(|error| {
                LinkError::refused(format!("The demo bank refused the sign-in: {error}"))
            })
    }
}

/// The demo bank as the front ends compose it: the one already running at `url` (`PURSE_BANK_URL`,
/// `--bank-url`), else one started inside Purse, so a newcomer sees a living wallet.
pub fn composed(url: Option<Url>) -> Arc<dyn BankSource> {
    match url {
        Some(base_url) => Arc::new(DemoBankAt { base_url }),
        None => Arc::new(EmbeddedDemoBank),
    }
}

fn demo_at(base_url: Url) -> ReachedBank {
    ReachedBank {
        base_url,
        client_id: DEMO_CLIENT_ID.to_string(),
        bank_name: DEMO_BANK_NAME.to_string(),
        customer: DEMO_CUSTOMER.to_string(),
        approval: Arc::new(DemoSignIn),
        running: None,
    }
}

struct Running(RunningSandbox);

#[async_trait]
impl RunningBank for Running {
    async fn stop(self: Box<Self>) {
        self.0.shutdown().await;
    }
}

/// Opens the books (made on first use, private to this user) and serves them on a loopback port.
async fn start(bank_dir: &Path, clock: SharedClock) -> Result<(RunningSandbox, Url), LinkError> {
    let failed = |what: &str, error: &dyn std::fmt::Display| {
        LinkError::unreachable(format!("The built-in demo bank could not {what}: {error}"))
    };
    let db_path: PathBuf = bank_dir.join(DEMO_BANK_FILE);
    private_folder(bank_dir).map_err(|e| failed("make its folder", &e))?;
    let sandbox = Sandbox::open(SandboxConfig { db_path, clock })
        .await
        .map_err(|e| failed("open its data", &e))?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| failed("listen", &e))?;
    let running = sandbox
        .serve(listener)
        .await
        .map_err(|e| failed("start", &e))?;
    let base_url = running.base_url();
    Ok((running, base_url))
}

/// The books' folder, readable by this user only (the bank's history is plain SQLite).
fn private_folder(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
