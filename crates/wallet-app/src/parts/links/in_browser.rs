//! Linking an Open Banking bank as the person, in their own browser (issue 19): the wallet's bank (the
//! sandbox, or a bank at `PURSE_BANK_URL`) signs its customer in on its own page, opened in the system
//! browser, and sends them back to a one-shot loopback listener (crate `browser-sign-in`, RFC 8252); the
//! redirect's `state` is checked and its code exchanged with PKCE. The link's tokens go to the keychain.
//! A later sync uses them while they hold; when the bank wants a new consent, the link says so
//! (needs signing in again) rather than opening a browser by itself.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bank_link::{BankConnection, ConsentApproval, LinkError, LinkErrorKind, ReachedBank};
use browser_sign_in::{BrowserApproval, Listener};
use url::Url;
use wallet_core::BankLinkId;
use wallet_store::{BankLink, LinkKind};

use crate::banks::OpenBanking;
use crate::context::Context;
use crate::dto::links::LinkDto;
use crate::dto::security::SecurityEventKind;
use crate::error::ApiResult;
use crate::parts::Links;

/// Where the bank sends the customer back when no sign-in is running: nowhere. A sync that needs a new
/// consent says so instead of opening a browser no one asked for.
struct SignInFromBanks;

#[async_trait]
impl ConsentApproval for SignInFromBanks {
    fn redirect_uri(&self) -> Url {
        // Never shown to the bank: `approve` refuses before any authorisation page is asked for.
        Url::parse("http://127.0.0.1/purse/signed-in").expect("a fixed address")
    }

    async fn approve(&self, _authorize_url: &Url) -> Result<Url, LinkError> {
        Err(LinkError::new(
            LinkErrorKind::RelinkNeeded,
            "The bank wants you to sign in again: open Banks and link it again.",
        ))
    }
}

impl Links {
    /// Links the wallet's Open Banking bank as whoever signs in on its page, opened in the person's
    /// browser (`Wallet::set_browser`), waiting at most `patience`; then syncs the new link once.
    /// Nothing is kept of a sign-in that is refused, abandoned or answered for another request.
    pub async fn link_in_browser(&self, patience: Duration) -> ApiResult<LinkDto> {
        let approval = self.cx.in_browser(patience)?;
        let link = BankLink {
            id: BankLinkId::new(),
            kind: LinkKind::OpenBanking,
            bank_name: self.cx.bank()?.bank_name().to_string(),
            // The wallet's own bank, wherever it answers this time (the demo bank's port changes).
            base_url: None,
            embedded: false,
            customer: None,
            created_at: self.cx.clock.now(),
            last_synced_at: None,
        };
        let bank = self.cx.open_banking_as(&link, approval)?;
        if let Err(error) = bank.relink().await {
            // Whatever the bank gave before the refusal goes with it.
            self.cx.keychain.forget_link(link.id)?;
            return Err(error);
        }
        self.cx.store.insert_bank_link(&link).await?;
        self.cx
            .record(SecurityEventKind::BankLinked, Some(&link.bank_name))
            .await;
        self.sync_new_link(&link).await
    }

    /// The connection a sync uses for such a link: its kept tokens, and no browser.
    pub(super) fn open_banking_link(&self, link: &BankLink) -> ApiResult<Box<dyn BankConnection>> {
        Ok(Box::new(
            self.cx.open_banking_as(link, Arc::new(SignInFromBanks))?,
        ))
    }
}

impl Context {
    /// The Open Banking connection of a link the person made at the wallet's bank, approving consents
    /// through `approval`.
    pub(crate) fn open_banking_as(
        &self,
        link: &BankLink,
        approval: Arc<dyn ConsentApproval>,
    ) -> ApiResult<OpenBanking> {
        let endpoint = self.open_banking()?.client().endpoint().clone();
        let reached = ReachedBank {
            base_url: endpoint.base_url,
            client_id: endpoint.client_id,
            bank_name: link.bank_name.clone(),
            customer: link.customer.clone().unwrap_or_default(),
            approval,
            running: None,
        };
        OpenBanking::new(reached, link.id, self.clock.clone(), self.keychain.clone())
    }

    /// The customer's consent step in the person's browser: the bank's page opened there, its answer
    /// awaited on a one-shot loopback listener for at most `patience`.
    pub(crate) fn in_browser(&self, patience: Duration) -> ApiResult<Arc<dyn ConsentApproval>> {
        Ok(Arc::new(BrowserApproval::new(
            Listener::on_any_port()?,
            self.browser()?,
            patience,
        )))
    }
}
