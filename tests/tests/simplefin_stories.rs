//! Linking SimpleFIN Bridge as a person in North America would (issue 19): a setup token pasted, claimed
//! once, the access URL kept in the keyring only; the accounts and bills read in one request, a pending
//! purchase that posts under a new id kept as one bill, the Bridge's words shown on the link, its quota
//! respected, unlinking forgetting the access. Against the SimpleFIN test server on loopback, written from
//! the protocol notes; the wallet has no other bank. Runs inside scripts/with-keyring.sh.

use std::sync::Arc;

use chrono::Duration;
use simplefin::test_server::{TestServer, example};
use tempfile::TempDir;
use wallet_app::clock::{Clock, ManualClock};
use wallet_app::dto::links::LinkStateDto;
use wallet_app::dto::{TransactionQuery, TransactionStatusDto};
use wallet_app::{ErrorCode, Wallet, WalletConfig};

mod common;

struct Story {
    _dir: TempDir,
    wallet_dir: std::path::PathBuf,
    clock: ManualClock,
    server: TestServer,
    wallet: Wallet,
}

/// A new wallet without a bank, on a clock the test moves, and a Bridge with the notes' example data.
async fn story() -> Story {
    let dir = TempDir::new().unwrap();
    let server = TestServer::with_example_data().await.unwrap();
    let clock = ManualClock::at(example::now());
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
    }
}

impl Story {
    async fn link(&self) -> wallet_app::dto::LinkDto {
        self.wallet
            .links()
            .unwrap()
            .link_simplefin(self.server.new_setup_token().into())
            .await
            .expect("the token links")
    }

    async fn checking_bills(&self) -> Vec<wallet_app::dto::TransactionDto> {
        let checking = common::account_named(&self.wallet, "Everyday Checking").await;
        common::all_bills(
            &self.wallet,
            TransactionQuery {
                account_id: Some(checking.id),
                ..Default::default()
            },
        )
        .await
    }

    /// Every byte of the wallet folder, for searching for what must not be there.
    fn folder_bytes(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for entry in walk(&self.wallet_dir) {
            all.extend(std::fs::read(entry).unwrap_or_default());
        }
        all
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
async fn a_pasted_setup_token_links_the_bridge_and_its_accounts_and_bills_appear() {
    let s = story().await;
    let link = s.link().await;
    assert_eq!(link.accounts, 2, "{link:?}");
    assert!(link.bank_name.contains("SimpleFIN"), "{link:?}");
    assert!(link.last_synced_at.is_some());

    let overview = s.wallet.accounts().unwrap().list_accounts().await.unwrap();
    let checking = overview
        .accounts
        .iter()
        .find(|a| a.name == "Everyday Checking")
        .expect("checking is in the wallet");
    assert_eq!(checking.balance.amount, "2418.07");
    assert_eq!(checking.balance.currency, "USD");
    assert_eq!(checking.bank_name, "Prairie Federal Credit Union");
    let card = overview
        .accounts
        .iter()
        .find(|a| a.name == "Northstar Rewards Visa")
        .unwrap();
    assert_eq!(card.balance.amount, "-512.40");

    let bills = s.checking_bills().await;
    let dinner = bills
        .iter()
        .find(|b| b.description.contains("LUIGIS"))
        .expect("the pending dinner is a bill");
    assert_eq!(dinner.status, TransactionStatusDto::Pending);
    assert_eq!(dinner.amount.amount, "-26.52");
    // HTML in a description is kept as text, never markup.
    assert!(bills.iter().any(|b| b.description.contains("<b>FEE</b>")));

    // The access URL is a credential: kept in the keyring, not in the wallet folder, not in what the
    // window is told.
    let kept = wallet_app::keychain::Keychain::for_wallet(&s.wallet_dir)
        .link_credential(link.id.parse().unwrap())
        .unwrap()
        .expect("the access URL is in the keyring");
    let access = kept.expose().clone();
    let userinfo = access
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('@').next())
        .unwrap();
    let password = userinfo.split(':').nth(1).unwrap();
    assert!(password.len() >= 8, "a real password was claimed");
    let folder = s.folder_bytes();
    assert!(!contains(&folder, password));
    assert!(!contains(&folder, &access));
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    let told = serde_json::to_string(&links).unwrap();
    assert!(!told.contains(password), "{told}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pending_purchase_that_posts_under_a_new_id_with_a_tip_is_one_bill() {
    let s = story().await;
    s.link().await;
    let before = s.checking_bills().await.len();

    let posted_at = example::now().timestamp() + 86_400;
    assert!(s.server.post_pending(
        example::CHECKING,
        "TRN-p-55e1",
        "TRN-a8211f",
        "-31.82",
        posted_at
    ));
    s.clock.advance(Duration::days(1));
    s.server.set_now(s.clock.now());
    let report = s.wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    assert!(report.notices.is_empty(), "{report:?}");

    let bills = s.checking_bills().await;
    assert_eq!(
        bills.len(),
        before,
        "the posted dinner replaced the pending one"
    );
    let dinners: Vec<_> = bills
        .iter()
        .filter(|b| b.description.contains("LUIGIS"))
        .collect();
    assert_eq!(dinners.len(), 1, "{dinners:?}");
    assert_eq!(dinners[0].status, TransactionStatusDto::Booked);
    assert_eq!(dinners[0].amount.amount, "-31.82");
}

#[tokio::test(flavor = "multi_thread")]
async fn what_the_bridge_says_in_a_good_answer_is_shown_on_the_link() {
    let s = story().await;
    s.server.add_error(
        "con.auth",
        "Connection to Northstar Card may need attention",
        Some("CON-2d4b"),
    );
    let link = s.link().await;
    assert_eq!(link.state, LinkStateDto::Attention, "{link:?}");
    assert!(
        link.message
            .as_deref()
            .is_some_and(|m| m.contains("Northstar Card may need attention")),
        "{link:?}"
    );
    s.server.clear_errors();
    s.clock.advance(Duration::hours(2));
    let report = s.wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    assert!(report.notices.is_empty(), "{report:?}");
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    assert_eq!(links[0].state, LinkStateDto::Fine);
}

#[tokio::test(flavor = "multi_thread")]
async fn past_the_bridges_daily_quota_the_link_says_when_it_may_sync_next_and_asks_nothing() {
    let s = story().await;
    s.link().await;
    // The link's first sync was one request; 23 more fill the day's 24.
    for _ in 0..23 {
        s.clock.advance(Duration::minutes(1));
        let report = s.wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
        assert!(report.notices.is_empty(), "{report:?}");
    }
    // Something new at the Bridge: a sync that asked would bring it.
    s.server.add_transaction(
        example::CHECKING,
        simplefin::test_server::SimTransaction {
            id: "TRN-new-1".into(),
            posted: example::now().timestamp() + 60,
            amount: "-5.00".into(),
            description: "NEW AT THE BRIDGE".into(),
            transacted_at: None,
            pending: false,
            payee: None,
        },
    );
    let report = s.wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    assert_eq!(report.notices.len(), 1, "{report:?}");
    assert!(report.notices[0].contains("next sync"), "{report:?}");
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    let next = links[0]
        .next_sync_at
        .clone()
        .expect("the next sync is told");
    assert!(next > s.clock.now().to_rfc3339(), "{next}");
    assert_eq!(links[0].state, LinkStateDto::Fine, "not a failure");
    assert!(
        !s.checking_bills()
            .await
            .iter()
            .any(|b| b.description == "NEW AT THE BRIDGE"),
        "the Bridge was not asked"
    );

    // A day later the link syncs again, and brings what waited.
    s.clock.advance(Duration::hours(25));
    let report = s.wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    assert!(report.notices.is_empty(), "{report:?}");
    assert!(
        s.checking_bills()
            .await
            .iter()
            .any(|b| b.description == "NEW AT THE BRIDGE")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_setup_token_used_twice_is_refused_as_possibly_compromised_and_nothing_is_linked() {
    let s = story().await;
    let token = s.server.new_setup_token();
    s.wallet
        .links()
        .unwrap()
        .link_simplefin(token.clone().into())
        .await
        .unwrap();
    let error = s
        .wallet
        .links()
        .unwrap()
        .link_simplefin(token.clone().into())
        .await
        .unwrap_err();
    assert!(error.message.contains("already claimed"), "{error}");
    assert!(error.message.contains("someone else may have"), "{error}");
    assert!(!error.message.contains(&token), "the token is not repeated");
    assert_eq!(
        s.wallet.links().unwrap().list_links().await.unwrap().len(),
        1
    );

    let error = s
        .wallet
        .links()
        .unwrap()
        .link_simplefin("not a token".to_string().into())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput, "{error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unlinking_forgets_the_access_and_keeps_the_bills_only_when_asked() {
    let s = story().await;
    let kept = s.link().await;
    s.wallet
        .links()
        .unwrap()
        .unlink(&kept.id, true)
        .await
        .unwrap();
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    assert_eq!(links[0].state, LinkStateDto::Unlinked);
    assert!(!s.checking_bills().await.is_empty(), "the bills are kept");
    // Unlinked: not synced, not failing.
    let report = s.wallet.links().unwrap().sync_now(&|_| {}).await;
    assert!(report.is_err(), "no bank left to sync");

    let dropped = s.link().await;
    s.wallet
        .links()
        .unwrap()
        .unlink(&dropped.id, false)
        .await
        .unwrap();
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    assert_eq!(links.len(), 1, "{links:?}");
    let log = s
        .wallet
        .security()
        .unwrap()
        .security_log(Default::default())
        .await
        .unwrap();
    let kinds: Vec<_> = log
        .iter()
        .map(|e| serde_json::to_value(e.kind).unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "bankUnlinked").count(), 2);
    assert_eq!(kinds.iter().filter(|k| *k == "bankLinked").count(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_access_asks_for_a_new_token_which_renews_the_same_link_and_accounts() {
    let s = story().await;
    let first = s.link().await;
    let before = s
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts;
    s.server.revoke_all();
    s.clock.advance(Duration::hours(1));
    let report = s.wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    assert_eq!(report.notices.len(), 1, "{report:?}");
    let links = s.wallet.links().unwrap().list_links().await.unwrap();
    assert_eq!(links[0].state, LinkStateDto::NeedsRenewal, "{links:?}");
    let refused = s
        .wallet
        .links()
        .unwrap()
        .renew_link(&first.id)
        .await
        .unwrap_err();
    assert!(refused.message.contains("new setup token"), "{refused}");

    let renewed = s.link().await;
    assert_eq!(renewed.id, first.id, "the same link");
    assert_eq!(renewed.state, LinkStateDto::Fine, "{renewed:?}");
    let after = s
        .wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts;
    assert_eq!(after.len(), before.len(), "no account twice");
}
