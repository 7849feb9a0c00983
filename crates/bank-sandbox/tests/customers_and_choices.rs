//! Several customers at the sandbox bank, and the consent page where a customer signs in and chooses
//! which accounts the wallet may see: played as a browser plays it (plain form posts), then checked with
//! the wallet's own client.

mod common;

use bank_api::{AccessToken, BankError, Pkce, TokenSet};
use bank_sandbox::{EMILY, EMILY_CARD, EMILY_CURRENT, TANAKA, TANAKA_USD, TANAKA_YEN};
use common::{ALL, Bank, REDIRECT, bank};
use reqwest::StatusCode;
use url::Url;

/// A browser without JavaScript: it posts the page's forms and reads the redirect, never following it.
struct Browser {
    http: reqwest::Client,
    authorize: Url,
    pkce: Pkce,
}

/// What a posted form got back: a page (status and HTML) or a redirect to the wallet.
enum Answer {
    Page(StatusCode, String),
    Redirect(Url),
}

impl Answer {
    fn page(self) -> (StatusCode, String) {
        match self {
            Answer::Page(status, html) => (status, html),
            Answer::Redirect(url) => panic!("expected a page, was sent to {url}"),
        }
    }

    fn redirect(self) -> Url {
        match self {
            Answer::Redirect(url) => url,
            Answer::Page(status, html) => panic!("expected a redirect, got {status}: {html}"),
        }
    }
}

/// The value of the hidden input `name` on a page.
fn hidden_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\" value=\""))? + name.len() + 15;
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

impl Browser {
    async fn open(bank: &Bank, consent: &str) -> (Browser, String) {
        let pkce = Pkce::generate();
        let authorize = bank.client.authorize_url(consent, &pkce, "st");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = http.get(authorize.clone()).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        let browser = Browser {
            http,
            authorize,
            pkce,
        };
        (browser, html)
    }

    /// Posts the form: the request's own fields (as the page's hidden inputs carry them) and `more`.
    async fn post(&self, more: &[(&str, &str)]) -> Answer {
        let mut form: Vec<(String, String)> = self.authorize.query_pairs().into_owned().collect();
        form.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let mut url = self.authorize.clone();
        url.set_query(None);
        let answer = self.http.post(url).form(&form).send().await.unwrap();
        match answer.headers().get("location") {
            Some(location) => Answer::Redirect(Url::parse(location.to_str().unwrap()).unwrap()),
            None => {
                let status = answer.status();
                Answer::Page(status, answer.text().await.unwrap())
            }
        }
    }

    /// Signs in; the page that follows lists the accounts to choose from and carries the sign-in.
    async fn sign_in(&self, customer: &str, password: &str) -> (StatusCode, String) {
        self.post(&[
            ("customer", customer),
            ("password", password),
            ("decision", "sign-in"),
        ])
        .await
        .page()
    }

    /// Approves with the accounts in `chosen` ticked, signed in by `signed_in` (the page after sign-in).
    async fn approve(&self, signed_in: &str, chosen: &[&str]) -> Answer {
        let ticket = hidden_value(signed_in, "sign_in").expect("the page carries the sign-in");
        let boxes: Vec<String> = chosen.iter().map(|id| format!("account-{id}")).collect();
        let mut fields: Vec<(&str, &str)> = vec![("sign_in", &ticket), ("decision", "approve")];
        fields.extend(boxes.iter().map(|b| (b.as_str(), "on")));
        self.post(&fields).await
    }

    async fn tokens(&self, bank: &Bank, redirect: Url) -> TokenSet {
        assert!(redirect.as_str().starts_with(REDIRECT));
        let code = redirect
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("a code");
        bank.client.exchange_code(&code, &self.pkce).await.unwrap()
    }
}

async fn consent_status(bank: &Bank, consent: &str) -> String {
    let app = bank.client.client_credentials_token().await.unwrap();
    let answer: serde_json::Value = reqwest::Client::new()
        .get(bank.url(&format!("/account-access-consents/{consent}")))
        .bearer_auth(app.access_token.expose())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["Data"]["Status"].as_str().unwrap().to_string()
}

/// The scripted sign-in (`approve_as`) as `customer`: every account shared.
async fn scripted_link(bank: &Bank, customer: &str, password: &str) -> AccessToken {
    let consent = bank.consent(ALL).await;
    let pkce = Pkce::generate();
    let url = bank.client.authorize_url(&consent, &pkce, "s");
    let code = bank_sandbox::approve_as(&url, customer, password)
        .await
        .unwrap();
    bank.client
        .exchange_code(&code, &pkce)
        .await
        .unwrap()
        .access_token
}

fn ids(accounts: &[bank_api::wire::Account]) -> Vec<&str> {
    accounts.iter().map(|a| a.account_id.as_str()).collect()
}

#[tokio::test]
async fn the_second_customer_signs_in_and_sees_only_their_own_accounts() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let (browser, first) = Browser::open(&bank, &consent).await;
    assert!(first.contains("id=\"customer\"") && first.contains("id=\"password\""));
    assert!(first.contains("id=\"sign-in\"") && first.contains("id=\"deny\""));

    let (status, page) = browser.sign_in(EMILY, "emily1234").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Emily Carter"));
    for id in [EMILY_CURRENT, EMILY_CARD] {
        assert!(
            page.contains(&format!(
                "id=\"account-{id}\" name=\"account-{id}\" value=\"on\" checked"
            )),
            "{id} is offered, ticked: {page}"
        );
    }
    assert!(!page.contains("acc-demo-"), "no one else's accounts");
    assert!(page.contains("ReadBalances") && page.contains("id=\"approve\""));

    let redirect = browser.approve(&page, &[EMILY_CURRENT, EMILY_CARD]).await;
    let tokens = browser.tokens(&bank, redirect.redirect()).await;
    let accounts = bank.client.accounts(&tokens.access_token).await.unwrap();
    assert_eq!(ids(&accounts), [EMILY_CARD, EMILY_CURRENT]);
    assert!(accounts.iter().all(|a| a.currency == "GBP"));
    assert_eq!(consent_status(&bank, &consent).await, "Authorised");
}

#[tokio::test]
async fn choosing_one_account_of_two_means_the_wallet_sees_only_that_one() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let (browser, _) = Browser::open(&bank, &consent).await;
    let (_, page) = browser.sign_in(EMILY, "emily1234").await;
    let redirect = browser.approve(&page, &[EMILY_CURRENT]).await.redirect();
    let token = browser.tokens(&bank, redirect).await.access_token;

    let accounts = bank.client.accounts(&token).await.unwrap();
    assert_eq!(ids(&accounts), [EMILY_CURRENT]);
    assert!(
        !bank
            .client
            .balances(&token, EMILY_CURRENT)
            .await
            .unwrap()
            .is_empty()
    );
    let history = bank.history(&token, EMILY_CURRENT).await;
    assert!(history.len() > 3, "a modest history: {}", history.len());
    common::assert_running_balances(&history);

    let refused = bank.client.balances(&token, EMILY_CARD).await.unwrap_err();
    assert!(matches!(refused, BankError::RelinkNeeded), "{refused:?}");
    let refused = bank
        .client
        .statements(&token, EMILY_CARD)
        .await
        .unwrap_err();
    assert!(matches!(refused, BankError::RelinkNeeded), "{refused:?}");
    for path in [
        format!("/accounts/{EMILY_CARD}"),
        format!("/accounts/{EMILY_CARD}/transactions"),
    ] {
        let answer = reqwest::Client::new()
            .get(bank.url(&path))
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{path}");
    }
    for path in ["/balances", "/transactions"] {
        let body: serde_json::Value = reqwest::Client::new()
            .get(bank.url(path))
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            !body.to_string().contains(EMILY_CARD),
            "{path} leaves the card out"
        );
    }
}

#[tokio::test]
async fn refusing_on_the_consent_page_sends_the_wallet_access_denied() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let (browser, _) = Browser::open(&bank, &consent).await;
    let (_, page) = browser.sign_in(EMILY, "emily1234").await;
    let ticket = hidden_value(&page, "sign_in").unwrap();
    let redirect = browser
        .post(&[("sign_in", &ticket), ("decision", "deny")])
        .await
        .redirect();
    assert!(redirect.as_str().starts_with(REDIRECT));
    let pairs: Vec<(String, String)> = redirect.query_pairs().into_owned().collect();
    assert!(pairs.contains(&("error".into(), "access_denied".into())));
    assert!(pairs.contains(&("state".into(), "st".into())));
    assert!(!pairs.iter().any(|(k, _)| k == "code"));
    assert_eq!(consent_status(&bank, &consent).await, "Rejected");
}

#[tokio::test]
async fn a_wrong_password_shows_the_sign_in_page_again_and_changes_nothing() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let (browser, _) = Browser::open(&bank, &consent).await;
    let (status, page) = browser.sign_in(EMILY, "demo1234").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("用户名或密码错误") && page.contains("id=\"error\""));
    assert!(page.contains("id=\"customer\" name=\"customer\" value=\"emily\""));
    assert!(page.contains("id=\"password\"") && page.contains("id=\"sign-in\""));
    assert!(hidden_value(&page, "sign_in").is_none(), "not signed in");
    assert!(!page.contains("account-acc-"), "no accounts shown");
    assert_eq!(
        consent_status(&bank, &consent).await,
        "AwaitingAuthorisation"
    );

    // Approving at once with the wrong password is refused the same way.
    let (status, _) = browser
        .post(&[
            ("customer", EMILY),
            ("password", "nope"),
            ("decision", "approve"),
        ])
        .await
        .page();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        consent_status(&bank, &consent).await,
        "AwaitingAuthorisation"
    );

    // And the right password still works afterwards.
    let (status, _) = browser.sign_in(EMILY, "emily1234").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn approving_with_no_account_ticked_asks_again_and_changes_nothing() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let (browser, _) = Browser::open(&bank, &consent).await;
    let (_, page) = browser.sign_in(EMILY, "emily1234").await;
    let (status, again) = browser.approve(&page, &[]).await.page();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(again.contains("请至少选择一个账户"));
    assert!(again.contains(&format!("id=\"account-{EMILY_CURRENT}\"")));
    assert_eq!(
        consent_status(&bank, &consent).await,
        "AwaitingAuthorisation"
    );
    // The sign-in still holds: ticking one now approves.
    let redirect = browser.approve(&again, &[EMILY_CARD]).await.redirect();
    let token = browser.tokens(&bank, redirect).await.access_token;
    assert_eq!(
        ids(&bank.client.accounts(&token).await.unwrap()),
        [EMILY_CARD]
    );
}

#[tokio::test]
async fn a_sign_in_cannot_be_made_up_or_carried_to_another_consent() {
    let bank = bank().await;
    let first = bank.consent(ALL).await;
    let (browser, _) = Browser::open(&bank, &first).await;
    let (_, page) = browser.sign_in(EMILY, "emily1234").await;
    let ticket = hidden_value(&page, "sign_in").unwrap();

    let other = bank.consent(ALL).await;
    let (elsewhere, _) = Browser::open(&bank, &other).await;
    for made_up in [ticket.as_str(), "not-a-ticket"] {
        let (status, html) = elsewhere
            .post(&[
                ("sign_in", made_up),
                ("decision", "approve"),
                ("account-acc-emily-current", "on"),
            ])
            .await
            .page();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(html.contains("id=\"sign-in\""));
    }
    assert_eq!(consent_status(&bank, &other).await, "AwaitingAuthorisation");
}

#[tokio::test]
async fn a_customer_cannot_tick_someone_elses_account_into_their_consent() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let (browser, _) = Browser::open(&bank, &consent).await;
    let (_, page) = browser.sign_in(EMILY, "emily1234").await;
    let redirect = browser
        .approve(&page, &[EMILY_CURRENT, "acc-demo-salary"])
        .await
        .redirect();
    let token = browser.tokens(&bank, redirect).await.access_token;
    assert_eq!(
        ids(&bank.client.accounts(&token).await.unwrap()),
        [EMILY_CURRENT]
    );
}

#[tokio::test]
async fn the_page_escapes_what_it_echoes() {
    let bank = bank().await;
    let consent = bank.consent(ALL).await;
    let pkce = Pkce::generate();
    let url = bank
        .client
        .authorize_url(&consent, &pkce, "\"><script>alert(1)</script>");
    let html = reqwest::get(url).await.unwrap().text().await.unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&quot;&gt;&lt;script&gt;"));
}

#[tokio::test]
async fn the_demo_customer_is_still_signed_in_by_the_scripted_approval() {
    let bank = bank().await;
    let (tokens, _) = bank.link(ALL).await;
    let accounts = bank.client.accounts(&tokens.access_token).await.unwrap();
    assert_eq!(accounts.len(), 5);
    assert!(
        accounts
            .iter()
            .all(|a| a.account_id.starts_with("acc-demo-"))
    );
}

#[tokio::test]
async fn the_third_customer_has_a_yen_account_and_a_dollar_savings_account() {
    let bank = bank().await;
    let token = scripted_link(&bank, TANAKA, "tanaka1234").await;
    let accounts = bank.client.accounts(&token).await.unwrap();
    assert_eq!(ids(&accounts), [TANAKA_USD, TANAKA_YEN]);
    let currencies: Vec<&str> = accounts.iter().map(|a| a.currency.as_str()).collect();
    assert_eq!(currencies, ["USD", "JPY"]);
    let yen = bank.history(&token, TANAKA_YEN).await;
    common::assert_running_balances(&yen);
}

#[tokio::test]
async fn the_other_customers_stay_in_credit_as_the_clock_moves_on() {
    let bank = bank().await;
    bank.clock.advance(chrono::Duration::days(75));
    let token = scripted_link(&bank, EMILY, "emily1234").await;
    let current = bank.history(&token, EMILY_CURRENT).await;
    common::assert_running_balances(&current);
    let booked = bank.client.balances(&token, EMILY_CURRENT).await.unwrap();
    assert_eq!(
        booked[0].credit_debit_indicator,
        bank_api::wire::CreditDebitIndicator::Credit
    );
    let card = bank.history(&token, EMILY_CARD).await;
    assert!(
        card.iter()
            .any(|l| l.transaction_information.as_deref() == Some("Payment received, thank you")),
        "the card is repaid each month"
    );
}

fn lunch_from_the_salary_card() -> bank_api::wire::DomesticInitiation {
    use bank_api::wire::{Amount, DomesticInitiation};
    DomesticInitiation {
        instruction_identification: "instr-1".into(),
        end_to_end_identification: "e2e-1".into(),
        local_instrument: None,
        instructed_amount: Amount {
            amount: "12.50".parse().unwrap(),
            currency: "CNY".into(),
        },
        debtor_account: Some(common::demo("acc-demo-salary")),
        creditor_account: common::payee("acc-zhangwei"),
        remittance_information: None,
        supplementary_data: None,
    }
}

#[tokio::test]
async fn a_payment_is_shown_to_its_payer_only_and_approved_after_signing_in() {
    let bank = bank().await;
    let consent = bank
        .domestic_consent(&lunch_from_the_salary_card())
        .await
        .unwrap();
    let (browser, first) = Browser::open(&bank, &consent).await;
    assert!(first.contains("12.50 CNY") && first.contains("id=\"sign-in\""));

    let (status, _) = browser.sign_in(EMILY, "emily1234").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not Emily's payment");

    let (status, page) = browser.sign_in("demo", "demo1234").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("12.50 CNY") && page.contains("id=\"approve\""));
    assert!(
        !page.contains("account-acc-"),
        "a payment has no accounts to choose"
    );
    let redirect = browser.approve(&page, &[]).await.redirect();
    assert!(redirect.query_pairs().any(|(k, _)| k == "code"));
}
