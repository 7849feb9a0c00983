//! What a full sync and a payment write to the logs, at the most verbose level, read the way someone
//! with the laptop would read them: no bank token, no payment PIN, no database key, no second-factor
//! key, code or recovery code and no app password in any line.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use wallet_app::dto::PaymentTarget;
use wallet_app::keychain::Keychain;

/// Every log line of this test process, kept in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_sync_and_a_payment_log_no_token_pin_or_key_even_at_trace_level() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let w = common::ready_to_pay().await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    let mut first = common::pay_zhang_wei(&salary, "12.50", common::PIN);
    if let PaymentTarget::Person { save, .. } = &mut first.to {
        *save = true;
    }
    w.wallet
        .payments()
        .unwrap()
        .submit_payment(first, &common::no_payment_events)
        .await
        .expect("the payment goes");
    // A wrong PIN too: its refusal is logged, the PIN must not be.
    w.wallet
        .payments()
        .unwrap()
        .submit_payment(
            common::pay_zhang_wei(&salary, "1", "975310"),
            &common::no_payment_events,
        )
        .await
        .expect_err("a wrong PIN");

    // The second factor set up and used, a wrong code, an app password set and a lock undone.
    use wallet_app::clock::Clock;
    use wallet_app::dto::security::{ConfirmSecondFactor, SetAppPassword, SetPaymentLimits};
    let (setup, key_of_app) = common::begin_second_factor(&w.wallet).await;
    let totp_key = setup.key.replace(' ', "");
    let now = || u64::try_from(w.clock.now().timestamp()).unwrap();
    let first_code = second_factor::code_at(&key_of_app, now());
    let recovery = w
        .wallet
        .security()
        .unwrap()
        .confirm_second_factor(ConfirmSecondFactor {
            code: first_code.clone().into(),
            pin: common::PIN.into(),
        })
        .await
        .unwrap()
        .codes;
    w.clock.advance(chrono::Duration::seconds(31));
    let second_code = second_factor::code_at(&key_of_app, now());
    let wrong_code = if second_code == "000000" {
        "111111"
    } else {
        "000000"
    };
    for code in [wrong_code, second_code.as_str(), recovery[0].as_str()] {
        let _ = w
            .wallet
            .payments()
            .unwrap()
            .set_payment_limits(SetPaymentLimits {
                per_payment: "100".into(),
                daily: "1000".into(),
                pin: common::PIN.into(),
                second_factor: Some(code.into()),
            })
            .await;
    }
    let app_password = "a long app password";
    w.wallet
        .security()
        .unwrap()
        .set_app_password(SetAppPassword {
            password: Some(app_password.into()),
            current: None,
            pin: common::PIN.into(),
        })
        .await
        .unwrap();
    w.wallet.app_lock().lock_app().await.unwrap();
    w.wallet
        .app_lock()
        .unlock_app(Some("a wrong app password"))
        .await
        .unwrap_err();
    w.wallet
        .app_lock()
        .unlock_app(Some(app_password))
        .await
        .unwrap();

    let dir = w.wallet.data_dir().to_path_buf();
    let keychain = Keychain::for_wallet(&dir);
    let key = keychain.database_key().unwrap().expect("the wallet's key");
    let store = wallet_store::Store::open(&wallet_store::StoreOptions::at(
        dir.join("wallet.db"),
        key.clone(),
    ))
    .await
    .unwrap();
    let link = store.embedded_bank_link().await.unwrap().unwrap().id;
    store.close().await;
    let tokens = keychain
        .link_tokens(link)
        .unwrap()
        .expect("the link's tokens");

    let logs = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(
        logs.lines().count() > 50,
        "the run logged too little to prove anything:\n{logs}"
    );
    let mut secrets = vec![
        ("the payment PIN", common::PIN.to_string()),
        ("the wrong PIN", "975310".to_string()),
        ("the access token", tokens.access_token.expose().clone()),
        ("the database key", key.to_hex().expose().clone()),
        ("the second factor's key", totp_key.clone()),
        // Not the six-digit authenticator codes: any six digits (a timestamp's microseconds) would match,
        // and they expire in 30 seconds anyway; the key that makes them is searched for.
        ("a recovery code", recovery[0].clone()),
        ("an unused recovery code", recovery[1].clone()),
        ("the app password", app_password.to_string()),
        ("a wrong app password", "a wrong app password".to_string()),
    ];
    if let Some(refresh) = &tokens.refresh_token {
        secrets.push(("the refresh token", refresh.expose().clone()));
    }
    for (what, secret) in secrets {
        assert!(!secret.is_empty());
        let line = logs.lines().find(|line| line.contains(&secret));
        assert!(line.is_none(), "{what} is in the logs: {line:?}");
    }
}
