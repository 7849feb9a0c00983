//! The history stays right across fetches (renumbered references, pending rows booked) and the client
//! copes with a broken proxy, an enormous answer and a bad key without leaking secrets.

mod common;

use chrono::NaiveDate;
use common::*;
use enable_banking::fingerprint::TransactionKey;
use enable_banking::test_server::Mode;
use enable_banking::wire::{Transaction, TransactionStatus};
use enable_banking::{AppKey, ErrorClass, KeyError, transaction_keys};
use sensitive::Sensitive;

fn from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

#[tokio::test]
async fn the_same_rows_fetched_again_with_renumbered_references_keep_their_keys() {
    let world = world(false).await;
    let session = consent(&world).await;
    let account = uid(&session, 0);
    let first = world
        .client
        .transactions(&account, from(), None, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .server
        .with_bank(|bank| bank.renumber_positional(0, 1));
    let second = world
        .client
        .transactions(&account, from(), None, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(
        first
            .iter()
            .map(|t| t.entry_reference.clone())
            .collect::<Vec<_>>(),
        second
            .iter()
            .map(|t| t.entry_reference.clone())
            .collect::<Vec<_>>(),
        "the bank renumbered"
    );
    let keys_first = transaction_keys(&first);
    let keys_second = transaction_keys(&second);
    assert_eq!(keys_first, keys_second);
    let fingerprints = keys_first
        .iter()
        .filter(|k| matches!(k, TransactionKey::Fingerprint(_)))
        .count();
    assert_eq!(
        fingerprints, 4,
        "null, \"0\" and two positional references: {keys_first:?}"
    );
    let unique: std::collections::HashSet<_> = keys_first.iter().collect();
    assert_eq!(
        unique.len(),
        keys_first.len(),
        "two identical coffees stay two"
    );
}

/// The current account's history after the bank books its pending rows.
async fn booked_history(keep_reference: bool) -> Vec<Transaction> {
    let world = world(false).await;
    let session = consent(&world).await;
    world
        .server
        .with_bank(|bank| bank.settle_pending(0, keep_reference));
    world
        .client
        .transactions(&uid(&session, 0), from(), None, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn pending_rows_come_back_booked_with_their_reference_kept_or_changed() {
    let kept = booked_history(true).await;
    assert!(kept.iter().all(|t| t.status == TransactionStatus::Booked));
    assert!(kept.iter().all(|t| t.booking_date.is_some()));
    assert!(
        kept.iter()
            .any(|t| t.entry_reference.as_deref() == Some("PDNG-77"))
    );

    let changed = booked_history(false).await;
    assert!(
        changed
            .iter()
            .all(|t| t.status == TransactionStatus::Booked)
    );
    assert!(
        !changed
            .iter()
            .any(|t| t.entry_reference.as_deref() == Some("PDNG-77"))
    );
}

#[tokio::test]
async fn a_proxy_error_page_is_a_temporary_problem_and_a_huge_answer_is_refused() {
    let world = world(false).await;
    world.server.set_mode(Mode::BadGatewayHtml);
    let e = expect_err(world.client.aspsps("FI", "personal", "AIS").await);
    assert_eq!(e.class(), ErrorClass::Transient, "{e}");
    assert!(!e.to_string().contains("<html"), "{e}");

    world.server.set_mode(Mode::Oversized);
    let e = expect_err(world.client.aspsps("FI", "personal", "AIS").await);
    assert!(e.to_string().contains("larger than"), "{e}");
}

#[tokio::test]
async fn a_wrong_key_is_a_setup_problem_and_no_error_shows_the_key_or_a_token() {
    let world = world(false).await;
    let other =
        rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 1024).unwrap_or_else(|e| panic!("{e}"));
    let wrong = AppKey::from_key(world.app_id, &other).unwrap_or_else(|e| panic!("{e}"));
    let client = enable_banking::Client::new(world.server.base_url(), wrong.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let e = expect_err(client.application().await);
    assert_eq!(e.class(), ErrorClass::Configuration, "{e}");

    let pem = key_pem();
    let body: String = pem
        .expose()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let jwt = wrong.jwt(now()).unwrap_or_else(|e| panic!("{e}"));
    let mut printed = vec![format!("{e} {e:?}"), format!("{wrong:?}")];
    // A PKCS#8 block that is not an RSA key, and broken PEM text.
    let broken = Sensitive::new(format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
        &body[..64]
    ));
    for (text, expected) in [
        (broken, KeyError::Unreadable("PKCS#8, RSA expected")),
        (Sensitive::new(body.clone()), KeyError::NotPem),
    ] {
        match AppKey::from_pem(&world.app_id.to_string(), &text) {
            Err(err) => {
                assert_eq!(err, expected);
                printed.push(format!("{err} {err:?}"));
            }
            Ok(_) => panic!("a broken key was accepted"),
        }
    }
    let not_uuid = AppKey::from_pem("my-app", &pem);
    assert!(matches!(not_uuid, Err(KeyError::BadApplicationId)));
    for text in printed {
        assert!(!text.contains(&body[..40]), "{text}");
        assert!(!text.contains(&body[body.len() - 40..]), "{text}");
        assert!(!text.contains(jwt.expose().as_str()), "{text}");
        assert!(!text.contains("eyJ"), "{text}");
    }
}
