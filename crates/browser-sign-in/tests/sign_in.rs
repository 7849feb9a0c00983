//! The bank's redirect comes back to Purse's one-shot loopback listener, as a browser would bring it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bank_link::{ConsentApproval, LinkErrorKind};
use browser_sign_in::{Browser, BrowserApproval, Listener};
use url::Url;

/// A browser that follows the bank's page to the redirect address, as a person approving would.
struct FollowingBrowser {
    opened: Arc<Mutex<Vec<Url>>>,
    answer: &'static str,
}

impl Browser for FollowingBrowser {
    fn open(&self, url: &Url) -> Result<(), String> {
        self.opened.lock().unwrap().push(url.clone());
        let redirect: Url = url
            .query_pairs()
            .find(|(key, _)| key == "redirect_uri")
            .map(|(_, value)| value.parse().unwrap())
            .unwrap();
        let mut back = redirect;
        back.set_query(Some(self.answer));
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            // A stray request first: the listener ignores it.
            let stray = back.join("/favicon.ico").unwrap();
            let _ = client.get(stray).send().await;
            let page = client.get(back).send().await.unwrap();
            assert!(page.status().is_success());
            assert!(page.text().await.unwrap().contains("go back to Purse"));
        });
        Ok(())
    }
}

fn bank_page(redirect: &Url) -> Url {
    let mut page = Url::parse("https://bank.example/authorize").unwrap();
    page.query_pairs_mut()
        .append_pair("redirect_uri", redirect.as_str())
        .append_pair("state", "s-123");
    page
}

#[tokio::test]
async fn the_bank_sending_the_customer_back_hands_purse_the_code_and_state() {
    let opened = Arc::new(Mutex::new(Vec::new()));
    let browser = FollowingBrowser {
        opened: opened.clone(),
        answer: "code=abc&state=s-123",
    };
    let approval = BrowserApproval::new(
        Listener::on_any_port().unwrap(),
        Arc::new(browser),
        Duration::from_secs(20),
    );
    let redirect = approval.redirect_uri();
    assert_eq!(redirect.host_str(), Some("127.0.0.1"));
    assert_ne!(redirect.port(), Some(0));
    let back = approval.approve(&bank_page(&redirect)).await.unwrap();
    assert_eq!(back.query(), Some("code=abc&state=s-123"));
    assert_eq!(back.path(), redirect.path());
    assert_eq!(opened.lock().unwrap().len(), 1, "the page was opened once");
    // One sign-in per listener: the port is closed now.
    assert!(
        reqwest::get(redirect.as_str()).await.is_err(),
        "the listener stopped after the redirect"
    );
}

/// A browser that opens nothing and no one comes back.
struct AbandonedBrowser;

impl Browser for AbandonedBrowser {
    fn open(&self, _: &Url) -> Result<(), String> {
        Ok(())
    }
}

#[tokio::test]
async fn an_abandoned_sign_in_stops_waiting_with_a_clear_message() {
    let approval = BrowserApproval::new(
        Listener::on_any_port().unwrap(),
        Arc::new(AbandonedBrowser),
        Duration::from_millis(300),
    );
    let redirect = approval.redirect_uri();
    let error = approval.approve(&bank_page(&redirect)).await.unwrap_err();
    assert_eq!(error.kind, LinkErrorKind::Refused);
    assert!(error.message.contains("stopped waiting"), "{error}");
    assert!(error.message.contains("Nothing was linked"), "{error}");
}

#[tokio::test]
async fn a_port_already_taken_is_said_plainly() {
    let first = Listener::on_any_port().unwrap();
    let port = first.redirect_uri().port().unwrap();
    let error = Listener::on(port, "/cb").err().unwrap();
    assert_eq!(error.kind, LinkErrorKind::Local);
    assert!(error.message.contains(&port.to_string()), "{error}");
}
