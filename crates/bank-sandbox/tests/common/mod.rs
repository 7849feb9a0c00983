//! A real sandbox bank on 127.0.0.1:0 over a temp-file database, a clock only the test moves, and the
//! real `bank_api::BankClient` to talk to it.
// Each test file compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bank_api::{
    AccessToken, BankClient, BankEndpoint, BankError, ClientOptions, Permission, Pkce, TokenSet,
    wire,
};
use bank_sandbox::{COUNTERPARTIES, DEMO_ACCOUNTS, RunningSandbox, Sandbox, SandboxConfig};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;
use url::Url;
use wallet_core::clock::ManualClock;

pub const ALL: &[Permission] = &[
    Permission::ReadAccountsDetail,
    Permission::ReadBalances,
    Permission::ReadTransactionsBasic,
    Permission::ReadTransactionsDetail,
    Permission::ReadTransactionsCredits,
    Permission::ReadTransactionsDebits,
];

pub const REDIRECT: &str = "http://127.0.0.1/purse/callback";

pub struct Bank {
    pub dir: TempDir,
    pub clock: ManualClock,
    pub running: RunningSandbox,
    pub client: BankClient,
}

pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap()
}

pub fn db_path(dir: &TempDir) -> PathBuf {
    dir.path().join("bank.db")
}

pub async fn open_at(dir: &TempDir, clock: &ManualClock) -> Sandbox {
    Sandbox::open(SandboxConfig {
        db_path: db_path(dir),
        clock: Arc::new(clock.clone()),
    })
    .await
    .expect("the sandbox opens")
}

pub async fn serve(sandbox: Sandbox) -> RunningSandbox {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    sandbox.serve(listener).await.expect("the sandbox serves")
}

pub fn client_for(base_url: Url) -> BankClient {
    BankClient::new(
        BankEndpoint {
            base_url,
            client_id: bank_sandbox::DEMO_CLIENT_ID.into(),
            redirect_uri: Url::parse(REDIRECT).unwrap(),
        },
        ClientOptions {
            timeout: Duration::from_secs(20),
            max_retries: 0,
            backoff_base: Duration::from_millis(10),
            ..ClientOptions::default()
        },
    )
    .unwrap()
}

pub async fn bank() -> Bank {
    bank_at(start_time()).await
}

pub async fn bank_at(now: DateTime<Utc>) -> Bank {
    let dir = TempDir::new().unwrap();
    let clock = ManualClock::at(now);
    let running = serve(open_at(&dir, &clock).await).await;
    let client = client_for(running.base_url());
    Bank {
        dir,
        clock,
        running,
        client,
    }
}

impl Bank {
    /// A new consent for `permissions`, waiting for the customer.
    pub async fn consent(&self, permissions: &[Permission]) -> String {
        let app = self.client.client_credentials_token().await.unwrap();
        self.client
            .create_account_access_consent(&app.access_token, permissions, None)
            .await
            .unwrap()
    }

    /// The whole OAuth flow as the demo customer: consent, sign in and approve, code + PKCE for tokens.
    pub async fn link(&self, permissions: &[Permission]) -> (TokenSet, String) {
        let consent = self.consent(permissions).await;
        let tokens = self.approve(&consent, "state-1").await;
        (tokens, consent)
    }

    /// The demo customer signs in and approves `consent`; the code + PKCE are exchanged for tokens.
    pub async fn approve(&self, consent: &str, state: &str) -> TokenSet {
        let pkce = Pkce::generate();
        let url = self.client.authorize_url(consent, &pkce, state);
        let code = bank_sandbox::approve_as(
            &url,
            bank_sandbox::DEMO_CUSTOMER,
            bank_sandbox::DEMO_PASSWORD,
        )
        .await
        .unwrap();
        self.client.exchange_code(&code, &pkce).await.unwrap()
    }

    /// A domestic payment consent for `initiation`, created with a fresh client token and key.
    pub async fn domestic_consent(
        &self,
        initiation: &wire::DomesticInitiation,
    ) -> Result<String, BankError> {
        let app = self.client.client_credentials_token().await.unwrap();
        Ok(self
            .client
            .create_domestic_payment_consent(
                &app.access_token,
                &wire::DomesticConsentRequest {
                    data: wire::DomesticConsentRequestData {
                        initiation: initiation.clone(),
                    },
                    risk: wire::PaymentRisk::default(),
                },
                &uuid::Uuid::new_v4().to_string(),
            )
            .await?
            .data
            .consent_id)
    }

    /// How many transfers have reached `account_id` at the bank.
    pub async fn transfers_to(&self, account_id: &str) -> i64 {
        self.running
            .count_lines(account_id, "TRANSFER")
            .await
            .unwrap()
    }

    pub async fn token(&self) -> AccessToken {
        self.link(ALL).await.0.access_token
    }

    pub fn url(&self, path: &str) -> String {
        format!(
            "{}open-banking/v3.1/aisp{path}",
            self.running.base_url().as_str()
        )
    }

    /// Every transaction of one account, through `Links.Next`.
    pub async fn history(&self, token: &AccessToken, account: &str) -> Vec<wire::Transaction> {
        self.client
            .transactions(token, account, None, None, &mut |_| {})
            .await
            .unwrap()
    }
}

/// One of the demo customer's accounts, as a payment names it.
pub fn demo(id: &str) -> wire::CashAccount {
    let a = DEMO_ACCOUNTS.iter().find(|a| a.id == id).unwrap();
    wire::CashAccount {
        scheme_name: a.scheme.into(),
        identification: a.identification.into(),
        name: None,
        secondary_identification: None,
    }
}

/// A payee the sandbox knows (`COUNTERPARTIES`), with the holder's name.
pub fn payee(account_id: &str) -> wire::CashAccount {
    let c = COUNTERPARTIES
        .iter()
        .find(|c| c.account_id == account_id)
        .unwrap();
    wire::CashAccount {
        scheme_name: c.scheme.into(),
        identification: c.identification.into(),
        name: Some(c.holder.into()),
        secondary_identification: None,
    }
}

/// Debits count negative, credits positive.
pub fn signed(
    amount: &wire::Amount,
    indicator: wire::CreditDebitIndicator,
) -> rust_decimal::Decimal {
    match indicator {
        wire::CreditDebitIndicator::Credit => amount.amount,
        wire::CreditDebitIndicator::Debit => -amount.amount,
    }
}

pub type Page = wire::Envelope<wire::TransactionList>;

impl Bank {
    /// One page as the bank serves it, from any link it gave out.
    pub async fn page(&self, token: &AccessToken, url: &str) -> Page {
        let answer = reqwest::Client::new()
            .get(url)
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "{url}: {}", answer.status());
        answer.json().await.unwrap()
    }

    /// Every page of one account's history, from the first through `Links.Next`.
    pub async fn pages(&self, token: &AccessToken, account: &str) -> Vec<Page> {
        let mut pages = Vec::new();
        let mut url = Some(self.url(&format!("/accounts/{account}/transactions")));
        while let Some(next) = url {
            let page = self.page(token, &next).await;
            url = page.links.next.clone();
            pages.push(page);
        }
        pages
    }
}

/// Checks every booked line's `Balance` against the sum of the booked lines up to it in booking order
/// (booking time, then id): an account's history opens with a booked opening-balance line, so the sum
/// starts at zero.
pub fn assert_running_balances(lines: &[wire::Transaction]) {
    let mut booked: Vec<&wire::Transaction> = lines
        .iter()
        .filter(|t| t.status == wire::EntryStatus::Booked)
        .collect();
    booked.sort_by(|a, b| {
        (a.booking_date_time, &a.transaction_id).cmp(&(b.booking_date_time, &b.transaction_id))
    });
    let mut sum = rust_decimal::Decimal::ZERO;
    for line in booked {
        sum += signed(&line.amount, line.credit_debit_indicator);
        let balance = line
            .balance
            .as_ref()
            .unwrap_or_else(|| panic!("booked line {:?} has no balance", line.transaction_id));
        assert_eq!(
            signed(&balance.amount, balance.credit_debit_indicator),
            sum,
            "the running balance after {:?}",
            line.transaction_id
        );
    }
    for line in lines
        .iter()
        .filter(|t| t.status != wire::EntryStatus::Booked)
    {
        assert!(
            line.balance.is_none(),
            "{:?} is not booked",
            line.transaction_id
        );
    }
}
