//! The customer's consent step: someone shows the bank's authorisation page to the customer and brings
//! back the address the bank redirected to. For a real bank that is the system browser and a one-shot
//! loopback listener (RFC 8252); for the demo bank only, a scripted sign-in as its demo customer.

use async_trait::async_trait;
use url::Url;

use crate::LinkError;

#[async_trait]
pub trait ConsentApproval: Send + Sync {
    /// Where the bank is to send the customer back (the authorisation request names it).
    fn redirect_uri(&self) -> Url;

    /// Shows the customer `authorize_url` and waits for the bank's redirect back: the whole redirect
    /// address, with its `code` and `state` (or `error`), for the caller to check.
    async fn approve(&self, authorize_url: &Url) -> Result<Url, LinkError>;
}
