//! Linking a bank through Enable Banking, as the user lives it: pick the bank, approve in the browser,
//! see balances and the history; and what they see when they refuse or something is set up wrong.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use enable_banking::wire::SessionStatus;
use enable_banking::{
    Error, ErrorClass, available_balance, booked_balance, code_from_redirect, consent_valid_until,
    days_left,
};
use rust_decimal_macros::dec;

#[tokio::test]
async fn linking_a_bank_shows_its_balances_and_the_whole_paged_history() {
    let world = world(false).await;
    let app = world
        .client
        .application()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.kid, world.app_id.to_string());
    assert!(app.redirect_urls.contains(&REDIRECT.to_string()));

    let session = consent(&world).await;
    assert_eq!(session.accounts.len(), 2);
    let left = days_left(world.server.now(), &session.access.valid_until);
    assert_eq!(
        left, 89,
        "a 90-day bank gives a consent an hour short of 90 days"
    );

    let current = uid(&session, 0);
    let balances = world
        .client
        .balances(&current, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let booked = booked_balance(&balances).map(|b| b.balance_amount.amount);
    let available = available_balance(&balances).map(|b| b.balance_amount.amount);
    assert_eq!(booked, Some(dec!(1532.40)));
    assert_eq!(available, Some(dec!(1496.95)));

    // Seven rows in pages of three, with an empty page after the first: four pages in all.
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let lines = world
        .client
        .transactions(&current, from, None, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert_eq!(enable_banking::signed_amount(&lines[0]), dec!(2350.00));
    assert_eq!(enable_banking::signed_amount(&lines[1]), dec!(-35.45));

    let status = world
        .client
        .session(&session.session_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.status, SessionStatus::Authorized);
    assert_eq!(status.accounts.len(), 2);

    world
        .client
        .delete_session(&session.session_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let after = expect_err(world.client.balances(&current, None).await);
    assert_eq!(after.class(), ErrorClass::NeedsReconsent, "{after}");
}

#[tokio::test]
async fn refusing_at_the_bank_shows_the_banks_reason() {
    let world = world(false).await;
    let started = world
        .client
        .start_authorization(&auth_request(&world, "st-1", 7_776_000))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let back = browser(&started.url, false).await;
    match code_from_redirect(&back, "st-1") {
        Err(Error::AuthorizationDenied { error, description }) => {
            assert_eq!(error, "access_denied");
            assert!(description.contains("cancelled"), "{description}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_code_cannot_be_used_twice_or_after_it_expires() {
    let world = world(false).await;
    let started = world
        .client
        .start_authorization(&auth_request(&world, "st-2", 7_776_000))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let back = browser(&started.url, true).await;
    assert!(matches!(
        code_from_redirect(&back, "another"),
        Err(Error::StateMismatch)
    ));
    let code = code_from_redirect(&back, "st-2").unwrap_or_else(|e| panic!("{e}"));
    world
        .client
        .create_session(&code)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let again = expect_err(world.client.create_session(&code).await);
    assert_eq!(again.class(), ErrorClass::BadRequest, "{again}");
    assert!(again.to_string().contains("ALREADY_AUTHORIZED"), "{again}");

    let started = world
        .client
        .start_authorization(&auth_request(&world, "st-3", 7_776_000))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let back = browser(&started.url, true).await;
    let code = code_from_redirect(&back, "st-3").unwrap_or_else(|e| panic!("{e}"));
    world.server.advance(Duration::minutes(11));
    let late = expect_err(world.client.create_session(&code).await);
    assert!(
        late.to_string().contains("EXPIRED_AUTHORIZATION_CODE"),
        "{late}"
    );
}

#[tokio::test]
async fn an_unregistered_redirect_or_a_too_long_consent_is_refused_up_front() {
    let world = world(false).await;
    let mut request = auth_request(&world, "st-4", 7_776_000);
    request.redirect_url = "https://elsewhere.example/cb".to_string();
    let e = expect_err(world.client.start_authorization(&request).await);
    assert_eq!(e.class(), ErrorClass::Configuration, "{e}");
    assert!(e.to_string().contains("REDIRECT_URI_NOT_ALLOWED"), "{e}");

    let mut request = auth_request(&world, "st-5", 7_776_000);
    request.valid_until = consent_valid_until(world.server.now(), 15_552_000);
    let e = expect_err(world.client.start_authorization(&request).await);
    assert_eq!(e.class(), ErrorClass::BadRequest, "{e}");
}

#[tokio::test]
async fn an_inactive_application_is_reported_as_a_setup_problem() {
    let world = world(false).await;
    world.server.with_bank(|bank| bank.active = false);
    let e = expect_err(world.client.application().await);
    assert_eq!(e.class(), ErrorClass::Configuration, "{e}");
}
