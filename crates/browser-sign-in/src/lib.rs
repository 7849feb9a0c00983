//! Sign-in at the bank in the person's own browser, as RFC 8252 asks of a native app: the bank's page
//! opens in the system browser (never a web view the app could read), and the bank's redirect comes back
//! to a one-shot listener on a loopback address. The front end says how a page is opened ([`Browser`]:
//! Tauri's opener, the `open` crate, or printing the address); the caller checks the redirect's `state`
//! and exchanges its code (with PKCE where the bank offers it).

mod listener;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bank_link::{ConsentApproval, LinkError};
use url::Url;

pub use listener::Listener;

/// How this front end shows a page in the person's browser.
pub trait Browser: Send + Sync {
    /// Opens `url`; an error says why it could not (no browser), so the person can open it by hand.
    fn open(&self, url: &Url) -> Result<(), String>;
}

/// The customer's consent step in the browser: opens the bank's page and waits on the loopback
/// listener for the bank to send the customer back, at most `patience`.
pub struct BrowserApproval {
    listener: Listener,
    browser: Arc<dyn Browser>,
    patience: Duration,
}

/// How long a sign-in may take before Purse stops waiting: long enough to find a password and a phone.
pub const DEFAULT_PATIENCE: Duration = Duration::from_secs(10 * 60);

impl BrowserApproval {
    pub fn new(listener: Listener, browser: Arc<dyn Browser>, patience: Duration) -> Self {
        Self {
            listener,
            browser,
            patience,
        }
    }
}

#[async_trait]
impl ConsentApproval for BrowserApproval {
    fn redirect_uri(&self) -> Url {
        self.listener.redirect_uri()
    }

    async fn approve(&self, authorize_url: &Url) -> Result<Url, LinkError> {
        let waiting = self.listener.wait(self.patience);
        if let Err(why) = self.browser.open(authorize_url) {
            // The listener still waits: the person may open the page by hand. The page's address (its
            // consent and state) stays out of the log.
            let why = why.replace(authorize_url.as_str(), "<the bank's page>");
            tracing::warn!(%why, "the browser could not be opened for the bank's sign-in");
        }
        waiting.await
    }
}
