//! Linking a European bank through Enable Banking as a person would (issue 19): their own application
//! (an RSA key made here), the bank's consent page approved (or denied) in their browser, the key and
//! session kept in the keyring only; accounts with balances and booked and pending bills read a page at a
//! time, a pending line that books kept as one bill, PSD2's four unattended reads a day respected, an
//! expired consent shown as needing renewal, and a renewed one reaching the same Purse accounts. Against
//! the Enable Banking test server on loopback; the wallet has no other bank. Runs inside
//! scripts/with-keyring.sh.

use std::sync::Arc;

use chrono::Duration;
use enable_banking::test_server::{TestServer, TestServerConfig};
use rsa::RsaPrivateKey;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use tempfile::TempDir;
use url::Url;
use wallet_app::clock::{Clock, ManualClock};
use wallet_app::dto::enable_banking::EnableBankingSignIn;
use wallet_app::dto::links::LinkStateDto;
use wallet_app::dto::{LinkDto, TransactionQuery, TransactionStatusDto};
use wallet_app::{ApiError, Sensitive, Wallet, WalletConfig};

mod common;

/// The person's browser: opens the consent page and presses approve (or deny), following the bank's
/// redirect back to Purse's loopback listener.
struct TestBrowser {
    approve: bool,
}

impl browser_sign_in::Browser for TestBrowser {
    fn open(&self, url: &Url) -> Result<(), String> {
        let url = url.clone();
        let button = if self.approve { "approve" } else { "deny" };
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            let page = http.get(url.clone()).send().await.unwrap();
            assert!(page.status().is_success());
            let body = page.text().await.unwrap();
            assert!(body.contains("Allow access"), "{body}");
            let press = format!("{}/{button}", url.as_str().trim_end_matches('/'));
            let back = http.post(press).send().await.unwrap();
            assert!(back.status().is_success(), "{}", back.status());
        });
        Ok(())
    }
}

struct Story {
    _dir: TempDir,
    wallet_dir: std::path::PathBuf,
    clock: ManualClock,
    server: TestServer,
    wallet: Wallet,
    app_id: String,
    pem: String,
    port: u16,
}

/// A port nobody listens on now, for the redirect address registered with the application.
fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().port()
}

/// A new wallet without a bank on the test server's time, and the person's application registered
/// with a key made now and the loopback redirect address.
async fn story() -> Story {
    let dir = TempDir::new().unwrap();
    let key = RsaPrivateKey::new(&mut rand::thread_rng(), 1024).unwrap();
    let pem = key.to_pkcs1_pem(LineEnding::LF).unwrap().to_string();
    let application_id = uuid::Uuid::new_v4();
    let port = free_port();
    let server = TestServer::start(TestServerConfig {
        application_id,
        public_key: key.to_public_key(),
        redirect_urls: vec![format!("http://127.0.0.1:{port}/purse/enable-banking")],
        require_psu_headers: false,
    })
    .await
    .unwrap();
    let clock = ManualClock::at(server.now());
    let wallet_dir = dir.path().join("wallet");
    let wallet = Wallet::open(WalletConfig {
        data_dir: wallet_dir.clone(),
        lock_wait: std::time::Duration::ZERO,
        clock: Arc::new(clock.clone()),
        bank: None,
    })
    .await
    .expect("the wallet opens");
    wallet
        .security()
        .unwrap()
        .set_auto_lock(wallet_app::dto::security::SetAutoLock { minutes: 0 })
        .await
        .unwrap();
    Story {
        _dir: dir,
        wallet_dir,
        clock,
        server,
        wallet,
        app_id: application_id.to_string(),
        pem,
        port,
    }
}

impl Story {
    async fn try_link(&self, approve: bool) -> Result<LinkDto, ApiError> {
        self.wallet.set_browser(Arc::new(TestBrowser { approve }));
        self.wallet
            .links()
            .unwrap()
            .link_enable_banking(
                &self.app_id,
                Sensitive::new(self.pem.clone()),
                "Mock ASPSP",
                "fi",
                EnableBankingSignIn {
                    port: self.port,
                    patience: std::time::Duration::from_secs(20),
                    api_url: Some(self.server.base_url().to_string()),
                },
            )
            .await
    }

    async fn link(&self) -> LinkDto {
        self.try_link(true).await.expect("the bank links")
    }

    /// Both clocks on by `by`.
    fn advance(&self, by: Duration) {
        self.clock.advance(by);
        self.server.advance(by);
    }

    async fn sync(&self) -> wallet_app::dto::SyncReport {
        self.wallet
            .links()
            .unwrap()
            .sync_now(&|_| {})
            .await
            .unwrap()
    }

    async fn current_bills(&self) -> Vec<wallet_app::dto::TransactionDto> {
        let current = common::account_named(&self.wallet, "Käyttötili").await;
        common::all_bills(
            &self.wallet,
            TransactionQuery {
                account_id: Some(current.id),
                ..Default::default()
            },
        )
        .await
    }

    async fn only_link(&self) -> LinkDto {
        let links = self.wallet.links().unwrap().list_links().await.unwrap();
        assert_eq!(links.len(), 1, "{links:?}");
        links[0].clone()
    }

    /// Every byte of the wallet folder, for searching for what must not be there.
    fn folder_bytes(&self) -> Vec<u8> {
        walk(&self.wallet_dir)
            .into_iter()
            .flat_map(|path| std::fs::read(path).unwrap_or_default())
            .collect()
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread")]
async fn linking_through_the_banks_page_brings_the_accounts_with_balances_and_booked_and_pending_bills_paged()
 {
    let s = story().await;
    let link = s.link().await;
    assert_eq!(link.bank_name, "Mock ASPSP", "{link:?}");
    assert_eq!(link.accounts, 2, "{link:?}");
    assert_eq!(link.state, LinkStateDto::Fine, "{link:?}");
    assert!(link.last_synced_at.is_some());
    // The Mock ASPSP gives 90 days; Purse asks an hour less.
    assert_eq!(link.consent_days_left, Some(89), "{link:?}");

    let overview = s.wallet.accounts().unwrap().list_accounts().await.unwrap();
    let current = overview
        .accounts
        .iter()
        .find(|a| a.name == "Käyttötili")
        .expect("the current account is in the wallet");
    assert_eq!(current.balance.amount, "1532.40");
    assert_eq!(current.balance.currency, "EUR");
    assert_eq!(current.bank_name, "Mock ASPSP");
    let card = overview
        .accounts
        .iter()
        .find(|a| a.name == "Visa")
        .expect("the card is in the wallet");
    assert_eq!(card.balance.amount, "-250.10");

    // Seven lines over several pages (three a page, an empty page between).
    let bills = s.current_bills().await;
    assert_eq!(bills.len(), 7, "{bills:?}");
    let pending: Vec<_> = bills
        .iter()
        .filter(|b| b.status == TransactionStatusDto::Pending)
        .collect();
    assert_eq!(pending.len(), 2, "{pending:?}");
    let groceries = bills
        .iter()
        .find(|b| b.description.contains("K-MARKET"))
        .expect("the groceries are a bill");
    assert_eq!(groceries.amount.amount, "-35.45");
    assert_eq!(groceries.status, TransactionStatusDto::Booked);
    let salary = bills
        .iter()
        .find(|b| b.description.contains("PALKKA"))
        .unwrap();
    assert_eq!(salary.amount.amount, "2350.00");
    // Two identical coffees the same day are two bills.
    assert_eq!(
        bills.iter().filter(|b| b.description == "coffee").count(),
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_key_and_the_session_never_appear_in_the_wallet_folder_or_in_what_the_window_is_told() {
    let s = story().await;
    let link = s.link().await;
    let kept = wallet_app::keychain::Keychain::for_wallet(&s.wallet_dir)
        .link_credential(link.id.parse().unwrap())
        .unwrap()
        .expect("the link is in the keyring");
    let kept: serde_json::Value = serde_json::from_str(kept.expose()).unwrap();
    let session = kept["session_id"].as_str().unwrap().to_string();
    assert_eq!(kept["private_key_pem"].as_str(), Some(s.pem.as_str()));
    // A line from the middle of the key, and the session.
    let key_line = s.pem.lines().nth(3).unwrap().to_string();
    let folder = s.folder_bytes();
    assert!(!contains(&folder, &key_line));
    assert!(!contains(&folder, &session));
    let told =
        serde_json::to_string(&s.wallet.links().unwrap().list_links().await.unwrap()).unwrap();
    assert!(!told.contains(&key_line), "{told}");
    assert!(!told.contains(&session), "{told}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_denied_consent_links_nothing_and_says_the_banks_words() {
    let s = story().await;
    let error = s.try_link(false).await.expect_err("nothing is linked");
    assert!(
        error
            .message
            .contains("The user cancelled the authorisation at the bank"),
        "{error:?}"
    );
    assert!(!error.message.contains("BEGIN"), "{error:?}");
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    assert!(links.is_empty(), "{links:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pending_line_that_books_is_one_bill() {
    let s = story().await;
    s.link().await;
    let before = s.current_bills().await.len();

    s.advance(Duration::days(1));
    // The bank books both pending lines, giving them new references.
    s.server.with_bank(|bank| bank.settle_pending(0, false));
    let report = s.sync().await;
    assert!(report.notices.is_empty(), "{report:?}");

    let bills = s.current_bills().await;
    assert_eq!(bills.len(), before, "{bills:?}");
    let coffee_hold: Vec<_> = bills
        .iter()
        .filter(|b| b.description.contains("Varaus"))
        .collect();
    assert_eq!(coffee_hold.len(), 1, "{coffee_hold:?}");
    assert_eq!(coffee_hold[0].status, TransactionStatusDto::Booked);
    assert_eq!(coffee_hold[0].amount.amount, "-12.90");
    assert!(
        bills
            .iter()
            .all(|b| b.status == TransactionStatusDto::Booked),
        "{bills:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_fifth_unattended_read_in_a_day_is_not_made_and_the_link_says_when_it_may_sync_next() {
    let s = story().await;
    let linked_at = s.clock.now();
    s.link().await;
    s.advance(Duration::hours(1));
    // The second sync: reads three and four of the day.
    let report = s.sync().await;
    assert!(report.notices.is_empty(), "{report:?}");

    s.advance(Duration::hours(1));
    let report = s.sync().await;
    assert_eq!(report.notices.len(), 1, "{report:?}");
    assert!(report.notices[0].contains("next sync"), "{report:?}");
    let link = s.only_link().await;
    assert_eq!(link.state, LinkStateDto::Fine, "not a failure: {link:?}");
    assert_eq!(
        link.next_sync_at,
        Some((linked_at + Duration::hours(24)).to_rfc3339()),
        "{link:?}"
    );
    // The bank counted four reads of each account today, not five.
    let today = s.server.now().date_naive();
    s.server.with_bank(|bank| {
        for account in &bank.accounts {
            let hash = account.account.identification_hash.clone();
            assert_eq!(bank.unattended.get(&(hash, today)), Some(&4));
        }
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_session_shows_the_link_as_needing_renewal_with_no_days_left() {
    let s = story().await;
    s.link().await;
    s.advance(Duration::days(91));
    let report = s.sync().await;
    assert_eq!(report.notices.len(), 1, "{report:?}");
    let link = s.only_link().await;
    assert_eq!(link.state, LinkStateDto::NeedsRenewal, "{link:?}");
    assert_eq!(link.consent_days_left, Some(0), "{link:?}");
    assert!(
        link.message
            .as_deref()
            .is_some_and(|m| m.contains("expired")),
        "{link:?}"
    );
    // The bills read before stay.
    assert_eq!(s.current_bills().await.len(), 7);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_renewed_consent_reaches_the_same_purse_accounts() {
    let s = story().await;
    let first = s.link().await;
    let before = s.wallet.accounts().unwrap().list_accounts().await.unwrap();
    s.advance(Duration::days(91));
    s.sync().await;
    assert_eq!(s.only_link().await.state, LinkStateDto::NeedsRenewal);

    // A second session: the same accounts under new uids.
    let renewed = s.link().await;
    assert_eq!(renewed.id, first.id, "the same link");
    assert_eq!(renewed.state, LinkStateDto::Fine, "{renewed:?}");
    assert_eq!(renewed.consent_days_left, Some(89), "{renewed:?}");
    let after = s.wallet.accounts().unwrap().list_accounts().await.unwrap();
    let ids = |o: &wallet_app::dto::AccountsOverview| {
        let mut ids: Vec<String> = o.accounts.iter().map(|a| a.id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&after), ids(&before));
    assert_eq!(s.current_bills().await.len(), 7);
}
