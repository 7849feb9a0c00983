//! Payments the risk checks stop or question, as a person (or a thief with their PIN) meets them: over a
//! limit is blocked and explained with nothing sent; an unusual one needs the authenticator code with
//! the PIN; limits go up only with the second factor; a code works once; the log tells of each.

mod common;

use chrono::Duration;
use wallet_app::clock::Clock;
use wallet_app::dto::security::{
    ConfirmSecondFactor, RemoveSecondFactor, RiskReasonDto as RiskReason,
    SecurityEventKind as Kind, SecurityLogQuery, SetPaymentLimits, VerdictDto,
};
use wallet_app::dto::{AccountDto, PaymentRequest, PaymentTarget};
use wallet_app::{ErrorCode, Wallet};

const WANG_FANG: &str = "6222 6099 8877 6655 446";

fn to_wang_fang(from: &AccountDto, amount: &str, code: Option<&str>) -> PaymentRequest {
    PaymentRequest {
        from_account_id: from.id.clone(),
        to: PaymentTarget::Person {
            name: "王芳".into(),
            account_number: WANG_FANG.into(),
            bank_name: None,
            save: false,
        },
        amount: amount.into(),
        currency: from.currency.clone(),
        note: None,
        pin: common::PIN.into(),
        second_factor: code.map(Into::into),
    }
}

fn limits(per_payment: &str, daily: &str, code: Option<&str>) -> SetPaymentLimits {
    SetPaymentLimits {
        per_payment: per_payment.into(),
        daily: daily.into(),
        pin: common::PIN.into(),
        second_factor: code.map(Into::into),
    }
}

/// Sets up the second factor as a person would with an authenticator app; returns the app's key.
async fn enrol(w: &common::World) -> (second_factor::Secret, Vec<String>) {
    let (setup, key) = common::begin_second_factor(&w.wallet).await;
    assert!(setup.qr_svg.starts_with("<?xml") || setup.qr_svg.contains("<svg"));
    let recovery = w
        .wallet
        .security()
        .unwrap()
        .confirm_second_factor(ConfirmSecondFactor {
            code: code_now(w, &key).into(),
            pin: common::PIN.into(),
        })
        .await
        .unwrap();
    (key, recovery.codes)
}

/// What the authenticator app shows now, a step after the last code used (codes work once).
fn code_now(w: &common::World, key: &second_factor::Secret) -> String {
    w.clock.advance(Duration::seconds(31));
    let now = u64::try_from(w.clock.now().timestamp()).unwrap();
    second_factor::code_at(key, now)
}

async fn log_kinds(wallet: &Wallet) -> Vec<Kind> {
    wallet
        .security()
        .unwrap()
        .security_log(SecurityLogQuery::default())
        .await
        .unwrap()
        .iter()
        .map(|event| event.kind)
        .collect()
}

async fn payments_made(wallet: &Wallet) -> usize {
    wallet
        .payments()
        .unwrap()
        .list_payments()
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_payment_over_the_per_payment_limit_is_stopped_and_explained_and_nothing_is_sent() {
    let w = common::ready_to_pay().await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    // Lowering a limit needs only the PIN.
    let set = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("100", "1000", None))
        .await
        .unwrap();
    assert_eq!(
        (set.per_payment.amount.as_str(), set.daily.amount.as_str()),
        ("100.00", "1000.00")
    );

    let draft = common::pay_zhang_wei(&salary, "150", common::PIN).draft();
    let seen = w
        .wallet
        .payments()
        .unwrap()
        .assess_payment(draft)
        .await
        .unwrap();
    assert_eq!(seen.verdict, VerdictDto::Block);
    assert!(matches!(
        &seen.reasons[0],
        RiskReason::OverPaymentLimit { limit } if limit.amount == "100.00"
    ));

    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            common::pay_zhang_wei(&salary, "150", common::PIN),
            &common::no_payment_events,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::RiskBlocked);
    assert!(
        refused.message.contains("over your limit of 100.00 CNY"),
        "{}",
        refused.message
    );
    assert_eq!(payments_made(&w.wallet).await, 0, "nothing was sent");
    let kinds = log_kinds(&w.wallet).await;
    assert_eq!(&kinds[..2], &[Kind::RiskBlocked, Kind::LimitsChanged]);

    // Within the limit it goes.
    w.wallet
        .payments()
        .unwrap()
        .submit_payment(
            common::pay_zhang_wei(&salary, "90", common::PIN),
            &common::no_payment_events,
        )
        .await
        .unwrap();
    // What left today counts towards the daily limit.
    let limits_now = w.wallet.payments().unwrap().payment_limits().await.unwrap();
    assert_eq!(limits_now.spent_today.amount, "90.00");
    let seen = w
        .wallet
        .payments()
        .unwrap()
        .assess_payment(common::pay_zhang_wei(&salary, "100", common::PIN).draft())
        .await
        .unwrap();
    assert_eq!(seen.verdict, VerdictDto::Pay, "{:?}", seen.reasons);
}

#[tokio::test]
async fn limits_go_up_only_with_the_second_factor() {
    let w = common::ready_to_pay().await;
    let before = w.wallet.payments().unwrap().payment_limits().await.unwrap();
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("80000", "200000", None))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SecondFactorNotSet);
    assert_eq!(
        w.wallet.payments().unwrap().payment_limits().await.unwrap(),
        before
    );

    let (key, _) = enrol(&w).await;
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("80000", "200000", None))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SecondFactorRequired);
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("80000", "200000", Some("000000")))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::WrongSecondFactor);
    assert_eq!(
        w.wallet.payments().unwrap().payment_limits().await.unwrap(),
        before
    );

    let code = code_now(&w, &key);
    let raised = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("80000", "200000", Some(&code)))
        .await
        .unwrap();
    assert_eq!(raised.per_payment.amount, "80000.00");
    // The same code a second time is refused, even within its 30 seconds.
    let replayed = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("70000", "200000", Some(&code)))
        .await
        .unwrap_err();
    assert_eq!(replayed.code, ErrorCode::WrongSecondFactor);
    let kinds = log_kinds(&w.wallet).await;
    assert_eq!(
        &kinds[..5],
        &[
            Kind::SecondFactorWrong,
            Kind::LimitsChanged,
            Kind::SecondFactorWrong,
            Kind::SecondFactorEnrolled,
            Kind::PinSet,
        ]
    );
}

#[tokio::test]
async fn an_unusual_payment_needs_the_authenticator_code_as_well_as_the_pin() {
    let w = common::ready_to_pay().await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    // Three quick payments to Zhang Wei: each goes with the PIN alone.
    for _ in 0..3 {
        w.wallet
            .payments()
            .unwrap()
            .submit_payment(
                common::pay_zhang_wei(&salary, "12.50", common::PIN),
                &common::no_payment_events,
            )
            .await
            .unwrap();
    }
    // A fourth within ten minutes, to someone never paid: a new payee (30) in a burst (30).
    let seen = w
        .wallet
        .payments()
        .unwrap()
        .assess_payment(to_wang_fang(&salary, "20", None).draft())
        .await
        .unwrap();
    assert_eq!(seen.verdict, VerdictDto::SecondFactor);
    assert_eq!(seen.score, 60);
    assert!(matches!(seen.reasons[0], RiskReason::NewPayee));
    assert!(matches!(
        seen.reasons[1],
        RiskReason::ManyPaymentsInShortTime {
            count: 4,
            minutes: 10
        }
    ));
    assert!(!seen.second_factor_enrolled);

    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_wang_fang(&salary, "20", None),
            &common::no_payment_events,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SecondFactorNotSet);
    assert_eq!(payments_made(&w.wallet).await, 3);

    let (key, recovery) = enrol(&w).await;
    assert_eq!(recovery.len(), 10);
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_wang_fang(&salary, "20", None),
            &common::no_payment_events,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SecondFactorRequired);
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_wang_fang(&salary, "20", Some("123456")),
            &common::no_payment_events,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::WrongSecondFactor);
    assert_eq!(payments_made(&w.wallet).await, 3, "nothing sent yet");

    let code = code_now(&w, &key);
    w.wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_wang_fang(&salary, "20", Some(&code)),
            &common::no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(payments_made(&w.wallet).await, 4);
}

#[tokio::test]
async fn a_recovery_code_works_once_and_removes_a_lost_phones_second_factor() {
    let w = common::ready_to_pay().await;
    let (_key, recovery) = enrol(&w).await;
    assert_eq!(
        w.wallet
            .security()
            .unwrap()
            .second_factor_status()
            .await
            .unwrap()
            .recovery_codes_left,
        10
    );
    w.wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("60000", "100000", Some(&recovery[3])))
        .await
        .unwrap();
    let used = w
        .wallet
        .payments()
        .unwrap()
        .set_payment_limits(limits("70000", "100000", Some(&recovery[3])))
        .await
        .unwrap_err();
    assert_eq!(used.code, ErrorCode::WrongSecondFactor);
    assert_eq!(
        w.wallet
            .security()
            .unwrap()
            .second_factor_status()
            .await
            .unwrap()
            .recovery_codes_left,
        9
    );
    let removed = w
        .wallet
        .security()
        .unwrap()
        .remove_second_factor(RemoveSecondFactor {
            code: recovery[4].clone().into(),
            pin: common::PIN.into(),
        })
        .await
        .unwrap();
    assert!(!removed.enrolled);
    assert!(
        wallet_app::keychain::Keychain::for_wallet(w.wallet.data_dir())
            .second_factor_key()
            .unwrap()
            .is_none(),
        "the key left the keyring"
    );
    let kinds = log_kinds(&w.wallet).await;
    assert_eq!(
        &kinds[..6],
        &[
            Kind::SecondFactorRemoved,
            Kind::RecoveryCodeUsed,
            Kind::SecondFactorWrong,
            Kind::LimitsChanged,
            Kind::RecoveryCodeUsed,
            Kind::SecondFactorEnrolled
        ]
    );
}

#[tokio::test]
async fn closing_the_account_asks_for_the_second_factor_once_one_is_set_up() {
    let w = common::ready_to_pay().await;
    let (key, _) = enrol(&w).await;
    let refused = w
        .wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, None)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SecondFactorRequired);
    assert!(w.wallet.data_dir().join("wallet.db").exists());
    let code = code_now(&w, &key);
    w.wallet
        .closure()
        .unwrap()
        .close_account(common::PIN, Some(&code))
        .await
        .unwrap();
    assert!(!w.wallet.data_dir().join("wallet.db").exists());
    assert!(
        wallet_app::keychain::Keychain::for_wallet(w.wallet.data_dir())
            .second_factor_key()
            .unwrap()
            .is_none(),
        "no second-factor key left in the keyring"
    );
}

#[tokio::test]
async fn a_card_charge_unlike_the_persons_own_after_a_sync_asks_dont_you_recognise_this_once() {
    let w = common::ready_to_pay().await;
    // The first look notes where the history ends: the wallet's own past is not news.
    assert!(
        w.wallet
            .bills()
            .unwrap()
            .check_unusual_lines()
            .await
            .unwrap()
            .is_empty()
    );
    let bank = w.bank.as_ref().unwrap();
    let at = w.clock.now();
    // A jeweller never seen before, 28,800 yuan on the credit card; and an ordinary coffee.
    bank.charge_card(
        "acc-demo-credit",
        "Golden Hours Jewellery",
        "5944",
        2_880_000,
        None,
        at - Duration::hours(2),
    )
    .await
    .unwrap();
    bank.charge_card(
        "acc-demo-credit",
        "星巴克 Starbucks",
        "5814",
        3_800,
        None,
        at - Duration::hours(1),
    )
    .await
    .unwrap();
    w.sync().await;

    let alerts = w
        .wallet
        .bills()
        .unwrap()
        .check_unusual_lines()
        .await
        .unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let alert = &alerts[0];
    assert_eq!(alert.payee, "Golden Hours Jewellery");
    assert_eq!(alert.amount.amount, "-28800.00");
    assert!(matches!(alert.reasons[0], RiskReason::NewPayee));
    assert!(
        alert
            .reasons
            .iter()
            .any(|r| matches!(r, RiskReason::FarAboveUsual { .. })),
        "{:?}",
        alert.reasons
    );
    assert_eq!(log_kinds(&w.wallet).await[0], Kind::UnusualLine);
    assert!(
        w.wallet
            .bills()
            .unwrap()
            .check_unusual_lines()
            .await
            .unwrap()
            .is_empty(),
        "told once"
    );
}
