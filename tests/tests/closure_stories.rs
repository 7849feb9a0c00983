//! Closing the account leaves no trace (issue 17, item 9): every consent the wallet ever created is
//! revoked at the bank, relinking revokes the consent it replaces, and every export the wallet wrote is
//! deleted with the wallet.

mod common;

use common::{consents_at_the_bank, still_open};
use wallet_app::dto::TransactionQuery;

/// A sync after the bank's refresh token has expired (90 days): the wallet links the bank again.
async fn relink_by_time(w: &common::World) {
    w.clock.advance(chrono::Duration::days(91));
    w.wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .expect("the wallet links again and syncs");
}

#[tokio::test]
async fn relinking_revokes_the_consent_it_replaces() {
    let w = common::ready_to_pay().await;
    let bank_file = w._dir.path().join("bank.db");
    relink_by_time(&w).await;
    relink_by_time(&w).await;

    let consents = consents_at_the_bank(&bank_file).await;
    assert_eq!(consents.len(), 3, "one consent per link: {consents:?}");
    assert_eq!(
        still_open(&consents).len(),
        1,
        "only the link's current consent may still read the accounts: {consents:?}"
    );
    assert_eq!(consents.last().unwrap().1, "Authorised");
}

#[tokio::test]
async fn closing_the_account_revokes_every_consent_the_wallet_created_and_deletes_its_exports() {
    let w = common::ready_to_pay().await;
    let bank_file = w._dir.path().join("bank.db");
    let october = TransactionQuery {
        month: Some("2026-10".into()),
        ..TransactionQuery::default()
    };
    let mut exports = Vec::new();
    for name in ["out/october.csv", "elsewhere/all.csv"] {
        let file = w._dir.path().join(name);
        w.wallet
            .bills()
            .unwrap()
            .export_bills_csv_to(october.clone(), Some(file.display().to_string()))
            .await
            .expect("exports");
        assert!(file.exists());
        exports.push(file);
    }
    relink_by_time(&w).await;
    // The bank knows more consents than the link's current one; a copy the person made is theirs.
    let kept_copy = w._dir.path().join("my-copy.csv");
    std::fs::copy(&exports[0], &kept_copy).unwrap();

    w.wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .expect("closes");

    let consents = consents_at_the_bank(&bank_file).await;
    assert!(consents.len() >= 2, "{consents:?}");
    assert!(
        still_open(&consents).is_empty(),
        "consents the bank still honours after closure: {consents:?}"
    );
    for file in &exports {
        assert!(!file.exists(), "{} survived the closure", file.display());
    }
    assert!(
        kept_copy.exists(),
        "a file the wallet did not write is not touched"
    );
}

#[tokio::test]
async fn closing_the_account_with_the_bank_out_of_reach_deletes_nothing_and_can_be_done_later() {
    let mut w = common::ready_to_pay().await;
    let bank_file = w._dir.path().join("bank.db");
    let file = w._dir.path().join("out/all.csv");
    w.wallet
        .bills()
        .unwrap()
        .export_bills_csv_to(
            TransactionQuery::default(),
            Some(file.display().to_string()),
        )
        .await
        .unwrap();
    let bank = w.bank.take().unwrap();
    bank.shutdown().await;

    let refused = w
        .wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .unwrap_err();
    assert_eq!(
        refused.code,
        wallet_app::ErrorCode::BankUnreachable,
        "{refused:?}"
    );
    assert!(
        file.exists(),
        "nothing is deleted until the bank has revoked"
    );
    assert!(w.wallet.data_dir().join("wallet.db").exists());

    let bank = common::start_bank(&w._dir, &w.clock).await;
    w.restart_wallet(&bank).await;
    w.wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .expect("closes now");
    assert!(!file.exists());
    assert!(still_open(&consents_at_the_bank(&bank_file).await).is_empty());
}
