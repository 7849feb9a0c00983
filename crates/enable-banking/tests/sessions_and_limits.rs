//! What happens over a consent's life: it expires and asks for a new one, background reads stop at the
//! bank's four a day (but not when the user is there), and a new consent finds the same accounts.

mod common;

use chrono::Duration;
use common::*;
use enable_banking::accounts::KnownAccount;
use enable_banking::{Error, ErrorClass, PsuHeaders, match_accounts, next_utc_day};

fn psu() -> PsuHeaders {
    PsuHeaders {
        ip_address: "192.0.2.10".to_string(),
        user_agent: "Purse/0.1".to_string(),
        referer: "purse://sync".to_string(),
        accept: "application/json".to_string(),
        accept_charset: "utf-8".to_string(),
        accept_encoding: "gzip".to_string(),
        accept_language: "fi".to_string(),
        geo_location: "60.17,24.94".to_string(),
    }
}

#[tokio::test]
async fn an_expired_consent_asks_the_user_to_link_the_bank_again() {
    let world = world(false).await;
    let session = consent(&world).await;
    world.server.advance(Duration::days(90));
    let e = expect_err(world.client.balances(&uid(&session, 0), None).await);
    assert_eq!(e.class(), ErrorClass::NeedsReconsent, "{e}");
    assert!(e.to_string().contains("EXPIRED_SESSION"), "{e}");
    let status = world
        .client
        .session(&session.session_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.status, enable_banking::wire::SessionStatus::Expired);
}

#[tokio::test]
async fn a_revoked_consent_asks_for_a_new_one_too() {
    let world = world(false).await;
    let session = consent(&world).await;
    world
        .server
        .with_bank(|bank| bank.revoke(&session.session_id));
    let e = expect_err(world.client.balances(&uid(&session, 1), None).await);
    assert_eq!(e.class(), ErrorClass::NeedsReconsent, "{e}");
}

#[tokio::test]
async fn a_fifth_background_read_in_a_day_waits_until_tomorrow_but_the_user_present_is_served() {
    let world = world(true).await;
    let session = consent(&world).await;
    let account = uid(&session, 0);
    for _ in 0..4 {
        world
            .client
            .balances(&account, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = chrono::Utc::now();
    match expect_err(world.client.balances(&account, None).await) {
        Error::RateLimited {
            retry_after,
            message,
        } => {
            assert!(retry_after >= next_utc_day(before), "{retry_after}");
            assert!(message.contains("HUB046"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // The other account has its own count.
    world
        .client
        .balances(&uid(&session, 1), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // With the user present (all PSU headers), the bank answers.
    for _ in 0..3 {
        world
            .client
            .balances(&account, Some(&psu()))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // The next day the count starts again.
    world.server.advance(Duration::days(1));
    world
        .client
        .balances(&account, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn linking_again_finds_the_same_accounts_under_their_new_ids() {
    let world = world(false).await;
    let first = consent(&world).await;
    let known: Vec<KnownAccount<String>> = first
        .accounts
        .iter()
        .map(|a| KnownAccount {
            id: format!("purse-{}", a.cash_account_type),
            identification_hash: a.identification_hash.clone(),
            identification_hashes: a.identification_hashes.clone(),
        })
        .collect();
    world.server.advance(Duration::days(89));
    let second = consent(&world).await;
    assert_ne!(
        uid(&first, 0),
        uid(&second, 0),
        "a new session gives new uids"
    );
    let matched = match_accounts(&known, &second.accounts);
    assert_eq!(
        matched,
        vec![
            Some("purse-CACC".to_string()),
            Some("purse-CARD".to_string())
        ]
    );
    world
        .client
        .balances(&uid(&second, 0), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}
