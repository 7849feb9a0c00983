//! Linking the sandbox bank as another of its customers, in the browser (issue 19): the bank's own page
//! signs the customer in and lets them choose the accounts to share; Purse waits on its loopback
//! listener, checks the answer and keeps the tokens in the keyring. The demo customer's link goes on
//! as before. The "browser" here is a small HTTP client doing what a person does on the page.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use browser_sign_in::Browser;
use url::Url;
use wallet_app::dto::links::{LinkKindDto, LinkStateDto};

mod common;

/// What the person does on the bank's page.
#[derive(Clone)]
enum OnThePage {
    /// Signs in and shares only these accounts.
    Share {
        customer: &'static str,
        password: &'static str,
        accounts: &'static [&'static str],
    },
    /// Refuses.
    Deny,
}

struct PersonAtTheBrowser {
    does: OnThePage,
    opened: Arc<Mutex<Vec<Url>>>,
}

impl Browser for PersonAtTheBrowser {
    fn open(&self, url: &Url) -> Result<(), String> {
        self.opened.lock().unwrap().push(url.clone());
        let (url, does) = (url.clone(), self.does.clone());
        tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let page = http.get(url.clone()).send().await.unwrap();
            assert!(page.status().is_success(), "the bank's page opens");
            let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            match does {
                OnThePage::Share {
                    customer,
                    password,
                    accounts,
                } => {
                    form.push(("customer".into(), customer.into()));
                    form.push(("password".into(), password.into()));
                    form.push(("decision".into(), "approve".into()));
                    for account in accounts {
                        form.push((format!("account-{account}"), "on".into()));
                    }
                }
                OnThePage::Deny => form.push(("decision".into(), "deny".into())),
            }
            let mut post = url.clone();
            post.set_query(None);
            let answer = http.post(post).form(&form).send().await.unwrap();
            let back = answer
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .expect("the bank sends the browser back")
                .to_string();
            // The browser follows the redirect to Purse's listener.
            let landed = reqwest::get(back).await.unwrap();
            assert!(landed.status().is_success());
        });
        Ok(())
    }
}

fn person(does: OnThePage) -> (Arc<dyn Browser>, Arc<Mutex<Vec<Url>>>) {
    let opened = Arc::new(Mutex::new(Vec::new()));
    (
        Arc::new(PersonAtTheBrowser {
            does,
            opened: opened.clone(),
        }),
        opened,
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn another_customer_signs_in_on_the_banks_page_and_only_the_accounts_they_chose_are_linked() {
    let w = common::world().await;
    w.sync().await;
    let demo_accounts = w
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts
        .len();

    let (browser, opened) = person(OnThePage::Share {
        customer: "emily",
        password: "emily1234",
        accounts: &["acc-emily-current"],
    });
    w.wallet.set_browser(browser);
    let link = w
        .wallet
        .links()
        .unwrap()
        .link_in_browser(Duration::from_secs(30))
        .await
        .expect("emily links");
    assert_eq!(link.kind, LinkKindDto::OpenBanking);
    assert_eq!(link.state, LinkStateDto::Fine, "{link:?}");
    assert_eq!(link.accounts, 1, "only the account emily chose");
    let page = opened.lock().unwrap()[0].clone();
    let redirect = page
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert!(redirect.starts_with("http://127.0.0.1:"), "{redirect}");
    assert!(
        page.query_pairs().any(|(k, _)| k == "code_challenge"),
        "PKCE is used"
    );

    let accounts = w
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts;
    assert_eq!(accounts.len(), demo_accounts + 1);
    assert!(accounts.iter().any(|a| a.balance.currency == "GBP"));

    // Both links sync, the demo customer's consent untouched by emily's.
    let report = w.sync().await;
    assert!(report.notices.is_empty(), "{report:?}");
    let links = w.wallet.links().unwrap().list_links().await.unwrap();
    assert_eq!(links.len(), 2);
    assert!(
        links.iter().all(|l| l.state == LinkStateDto::Fine),
        "{links:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_who_refuses_on_the_banks_page_links_nothing() {
    let w = common::world().await;
    w.sync().await;
    let (browser, _) = person(OnThePage::Deny);
    w.wallet.set_browser(browser);
    let error = w
        .wallet
        .links()
        .unwrap()
        .link_in_browser(Duration::from_secs(30))
        .await
        .unwrap_err();
    assert!(error.message.contains("access_denied"), "{error}");
    let links = w.wallet.links().unwrap().list_links().await.unwrap();
    assert_eq!(links.len(), 1, "only the demo bank: {links:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_no_one_finishes_stops_waiting_and_links_nothing() {
    let w = common::world().await;
    let (browser, _) = person(OnThePage::Share {
        customer: "emily",
        password: "not her password",
        accounts: &[],
    });
    w.wallet.set_browser(browser);
    let error = w
        .wallet
        .links()
        .unwrap()
        .link_in_browser(Duration::from_millis(1500))
        .await
        .unwrap_err();
    assert!(error.message.contains("stopped waiting"), "{error}");
    assert_eq!(
        w.wallet.links().unwrap().list_links().await.unwrap().len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_account_revokes_the_consent_another_customer_gave_in_the_browser_too() {
    let w = common::ready_to_pay().await;
    let (browser, _) = person(OnThePage::Share {
        customer: "emily",
        password: "emily1234",
        accounts: &["acc-emily-current", "acc-emily-credit"],
    });
    w.wallet.set_browser(browser);
    w.wallet
        .links()
        .unwrap()
        .link_in_browser(Duration::from_secs(30))
        .await
        .expect("emily links");
    let bank_file = w._dir.path().join("bank.db");
    assert_eq!(
        common::still_open(&common::consents_at_the_bank(&bank_file).await).len(),
        2,
        "the demo customer's and emily's"
    );

    w.wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .expect("closes");
    let consents = common::consents_at_the_bank(&bank_file).await;
    assert!(common::still_open(&consents).is_empty(), "{consents:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_payment_from_an_account_linked_in_the_browser_is_approved_by_its_customer_on_the_banks_page()
 {
    let w = common::ready_to_pay().await;
    let (browser, opened) = person(OnThePage::Share {
        customer: "emily",
        password: "emily1234",
        accounts: &["acc-emily-current", "acc-emily-credit"],
    });
    w.wallet.set_browser(browser);
    w.wallet
        .links()
        .unwrap()
        .link_in_browser(Duration::from_secs(30))
        .await
        .expect("emily links");
    let accounts = w
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts;
    let gbp: Vec<_> = accounts
        .iter()
        .filter(|a| a.balance.currency == "GBP")
        .collect();
    assert_eq!(gbp.len(), 2, "{gbp:?}");
    let (current, card) = if gbp[0].kind == wallet_app::dto::AccountKindDto::CreditCard {
        (gbp[1], gbp[0])
    } else {
        (gbp[0], gbp[1])
    };
    let pages_before = opened.lock().unwrap().len();

    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            wallet_app::dto::PaymentRequest {
                from_account_id: current.id.clone(),
                to: wallet_app::dto::PaymentTarget::OwnAccount {
                    account_id: card.id.clone(),
                },
                amount: "25.00".into(),
                currency: "GBP".into(),
                note: None,
                pin: common::PIN.into(),
                second_factor: None,
            },
            &common::no_payment_events,
        )
        .await
        .expect("emily pays her card");
    assert_eq!(
        paid.status,
        wallet_app::dto::PaymentStatusDto::Completed,
        "{paid:?}"
    );
    assert_eq!(
        opened.lock().unwrap().len(),
        pages_before + 1,
        "emily approved the payment on the bank's page"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_whose_consent_ended_asks_to_be_renewed_and_is_renewed_in_the_browser_on_the_same_accounts()
 {
    let w = common::world().await;
    w.sync().await;
    let (browser, opened) = person(OnThePage::Share {
        customer: "emily",
        password: "emily1234",
        accounts: &["acc-emily-current"],
    });
    w.wallet.set_browser(browser);
    let link = w
        .wallet
        .links()
        .unwrap()
        .link_in_browser(Duration::from_secs(30))
        .await
        .expect("emily links");
    let before = w
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts;

    // 91 days on, the bank's refresh token has ended: the sync does not open a browser by itself.
    w.clock.advance(chrono::Duration::days(91));
    let pages = opened.lock().unwrap().len();
    let report = w.sync().await;
    assert_eq!(report.notices.len(), 1, "{report:?}");
    let links = w.wallet.links().unwrap().list_links().await.unwrap();
    let hers = links.iter().find(|l| l.id == link.id).unwrap();
    assert_eq!(hers.state, LinkStateDto::NeedsRenewal, "{hers:?}");
    assert_eq!(
        opened.lock().unwrap().len(),
        pages,
        "no page opened unasked"
    );

    let renewed = w
        .wallet
        .links()
        .unwrap()
        .renew_link(&link.id)
        .await
        .expect("emily renews");
    assert_eq!(renewed.id, link.id);
    assert_eq!(renewed.state, LinkStateDto::Fine, "{renewed:?}");
    let after = w
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts;
    let ids = |accounts: &[wallet_app::dto::AccountDto]| {
        let mut ids: Vec<_> = accounts.iter().map(|a| a.id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&after), ids(&before), "the same accounts");
}
