//! Scan to pay and receive through the wallet's handlers against a real sandbox bank: a merchant's
//! printed code, a checkout code with a fixed amount, a damaged code, and one Purse paying another's code.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::{PIN, account_named, no_payment_events, ready_to_pay};
use wallet_app::ErrorCode;
use wallet_app::dto::{
    AccountDto, PaymentRequest, PaymentStatusDto, PaymentTarget, TransactionQuery,
};

fn code(id: &str) -> String {
    bank_sandbox::merchant_codes()
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap()
        .payload
}

fn pay_code(from: &AccountDto, payload: &str, amount: &str) -> PaymentRequest {
    PaymentRequest {
        from_account_id: from.id.clone(),
        to: PaymentTarget::Qr {
            payload: payload.into(),
        },
        amount: amount.into(),
        currency: from.currency.clone(),
        note: None,
        pin: PIN.into(),
        second_factor: None,
    }
}

#[tokio::test]
async fn paying_a_demo_merchant_by_a_picture_of_its_code_shows_the_merchant_in_the_bills() {
    let w = ready_to_pay().await;
    let picture = emv_qr::render_png(&code("starbucks")).unwrap();
    let scanned = w
        .wallet
        .payments()
        .unwrap()
        .decode_qr_image(&STANDARD.encode(picture))
        .await
        .unwrap();
    assert_eq!(scanned.payee_name, "星巴克 Starbucks");
    assert!(scanned.is_merchant);
    assert_eq!(scanned.mcc, "5814");
    assert_eq!(
        scanned.amount, None,
        "a static code: the payer types the amount"
    );

    let card = account_named(&w.wallet, "Everyday").await;
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(pay_code(&card, &scanned.payload, "36"), &no_payment_events)
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed, "{paid:?}");
    assert_eq!(format!("{:?}", paid.kind), "Merchant");

    let bills = common::all_bills(
        &w.wallet,
        TransactionQuery {
            account_id: Some(card.id.clone()),
            text: Some("星巴克".into()),
            ..TransactionQuery::default()
        },
    )
    .await;
    let line = bills
        .iter()
        .find(|line| line.amount.amount == "-36.00")
        .expect("the payment is in the bills");
    assert_eq!(line.mcc.as_deref(), Some("5814"));
    assert_eq!(line.merchant.as_deref(), Some("星巴克 Starbucks"));
}

#[tokio::test]
async fn a_checkout_code_fixes_the_amount_and_another_amount_is_refused() {
    let w = ready_to_pay().await;
    let payload = code("familymart-checkout");
    let scanned = w
        .wallet
        .payments()
        .unwrap()
        .read_qr_code(&payload)
        .await
        .unwrap();
    assert_eq!(scanned.amount.as_ref().unwrap().amount, "23.50");

    let card = account_named(&w.wallet, "Everyday").await;
    let wrong = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(pay_code(&card, &payload, "20"), &no_payment_events)
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidInput);
    assert!(wrong.message.contains("23.50"), "{}", wrong.message);
    assert!(
        w.wallet
            .payments()
            .unwrap()
            .list_payments()
            .await
            .unwrap()
            .is_empty()
    );

    // FamilyMart banks elsewhere: the payment is on its way.
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(pay_code(&card, &payload, "23.50"), &no_payment_events)
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Sent);
}

#[tokio::test]
async fn a_damaged_code_a_foreign_code_or_a_picture_without_a_code_is_refused_and_nothing_is_paid()
{
    let w = ready_to_pay().await;
    let mut damaged = code("starbucks");
    damaged.replace_range(30..31, "X");
    let error = w
        .wallet
        .payments()
        .unwrap()
        .read_qr_code(&damaged)
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);

    let foreign = emv_qr::MerchantQr::for_account(
        "com.example",
        "X1",
        "SHOP",
        "BEIJING",
        "CN",
        wallet_core::Currency::CNY,
        None,
    )
    .unwrap()
    .encode();
    let error = w
        .wallet
        .payments()
        .unwrap()
        .read_qr_code(&foreign)
        .await
        .unwrap_err();
    assert!(error.message.contains("Purse-family"), "{}", error.message);

    let not_a_picture = w
        .wallet
        .payments()
        .unwrap()
        .decode_qr_image(&STANDARD.encode(b"plain text"))
        .await
        .unwrap_err();
    assert_eq!(not_a_picture.code, ErrorCode::InvalidInput);

    let card = account_named(&w.wallet, "Everyday").await;
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(pay_code(&card, &damaged, "1"), &no_payment_events)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        w.wallet
            .payments()
            .unwrap()
            .list_payments()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn my_receive_code_is_drawn_and_another_purse_can_scan_and_pay_it() {
    let w = ready_to_pay().await;
    let everyday = account_named(&w.wallet, "Everyday").await;
    let mine = w
        .wallet
        .payments()
        .unwrap()
        .receive_code(&everyday.id, Some("50".into()))
        .await
        .unwrap();
    assert!(mine.svg.contains("<svg"), "an SVG picture");
    assert_eq!(mine.amount.as_ref().unwrap().amount, "50.00");

    let scanned = w
        .wallet
        .payments()
        .unwrap()
        .read_qr_code(&mine.payload)
        .await
        .unwrap();
    assert!(!scanned.is_merchant);
    assert_eq!(scanned.amount.as_ref().unwrap().amount, "50.00");

    let salary = account_named(&w.wallet, "Salary").await;
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            pay_code(&salary, &mine.payload, "50.00"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed, "{paid:?}");
    let after = account_named(&w.wallet, "Everyday").await;
    let gained = after
        .balance
        .amount
        .parse::<rust_decimal::Decimal>()
        .unwrap()
        - everyday
            .balance
            .amount
            .parse::<rust_decimal::Decimal>()
            .unwrap();
    assert_eq!(gained, rust_decimal::Decimal::new(5000, 2));
}

/// The demo merchant's own code, with the same names, city and category, naming another account.
fn lookalike_of(id: &str, account: &str) -> String {
    let real = emv_qr::MerchantQr::parse(&code(id)).unwrap();
    let their = real.purse_account().unwrap();
    emv_qr::MerchantQr::for_purse_account(
        &emv_qr::PurseAccount {
            scheme: their.scheme,
            identification: account.into(),
        },
        &emv_qr::PayeeDetails {
            name: real.merchant_name(),
            chinese_name: real.language().map(|local| local.name.as_str()),
            city: real.merchant_city(),
            mcc: real.merchant_category_code(),
            currency: real.currency(),
            amount: None,
        },
    )
    .unwrap()
    .encode()
}

#[tokio::test]
async fn a_code_with_a_known_payees_name_and_another_account_number_is_a_new_payee() {
    use wallet_app::dto::security::RiskReasonDto;
    let w = ready_to_pay().await;
    let card = account_named(&w.wallet, "Everyday").await;
    let is_new = |payload: String| {
        let wallet = &w.wallet;
        let draft = pay_code(&card, &payload, "36").draft();
        async move {
            let seen = wallet
                .payments()
                .unwrap()
                .assess_payment(draft)
                .await
                .unwrap();
            seen.reasons
                .iter()
                .any(|reason| matches!(reason, RiskReasonDto::NewPayee))
        }
    };
    // Starbucks is in the bills by name; paid once by its code, its account is known too.
    w.wallet
        .payments()
        .unwrap()
        .submit_payment(
            pay_code(&card, &code("starbucks"), "36"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert!(!is_new(code("starbucks")).await, "the real code is known");

    let lookalike = lookalike_of("starbucks", "60161300009999");
    let scanned = w
        .wallet
        .payments()
        .unwrap()
        .read_qr_code(&lookalike)
        .await
        .unwrap();
    assert_eq!(scanned.payee_name, "星巴克 Starbucks");
    assert!(
        is_new(lookalike).await,
        "the same name at another account is a new payee"
    );
}
