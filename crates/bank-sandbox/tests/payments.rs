//! Domestic payments against a real sandbox on loopback, through the real client: where the money goes,
//! when it settles, why it is refused, and that an idempotency key never pays twice.

mod common;

use bank_api::wire::{
    CashAccount, DomesticConsentRequest, DomesticConsentRequestData, DomesticInitiation,
    DomesticPaymentRequest, DomesticPaymentRequestData, DomesticPaymentResponse, EntryStatus,
    PaymentRisk, PaymentStatus, RemittanceInformation, StatusReason,
};
use bank_api::{AccessToken, BankError, Pkce, wire::Amount};
use bank_sandbox::INTERBANK_SETTLEMENT;
use common::{Bank, bank, demo, payee};
use rust_decimal::Decimal;

fn account(scheme: &str, identification: &str, name: Option<&str>) -> CashAccount {
    CashAccount {
        scheme_name: scheme.into(),
        identification: identification.into(),
        name: name.map(str::to_string),
        secondary_identification: None,
    }
}

fn initiation(from: CashAccount, to: CashAccount, amount: &str) -> DomesticInitiation {
    DomesticInitiation {
        instruction_identification: "instr-1".into(),
        end_to_end_identification: "e2e-1".into(),
        local_instrument: None,
        instructed_amount: Amount {
            amount: amount.parse::<Decimal>().unwrap(),
            currency: "CNY".into(),
        },
        debtor_account: Some(from),
        creditor_account: to,
        remittance_information: Some(RemittanceInformation {
            unstructured: Some("午饭 Lunch".into()),
            reference: None,
        }),
        supplementary_data: None,
    }
}

/// A consent for `initiation`, approved by the demo customer; returns it with the customer's token.
async fn approved(bank: &Bank, initiation: &DomesticInitiation) -> (String, AccessToken) {
    let consent = bank.domestic_consent(initiation).await.unwrap();
    let tokens = bank.approve(&consent, "pay").await;
    (consent, tokens.access_token)
}

fn request(consent: &str, initiation: &DomesticInitiation) -> DomesticPaymentRequest {
    DomesticPaymentRequest {
        data: DomesticPaymentRequestData {
            consent_id: consent.into(),
            initiation: initiation.clone(),
        },
        risk: PaymentRisk::default(),
    }
}

/// Consent, approval and payment in one go, with a fresh idempotency key.
async fn pay(bank: &Bank, initiation: &DomesticInitiation) -> DomesticPaymentResponse {
    let (consent, token) = approved(bank, initiation).await;
    bank.client
        .create_domestic_payment(
            &token,
            &request(&consent, initiation),
            &uuid::Uuid::new_v4().to_string(),
        )
        .await
        .unwrap()
}

async fn booked_balance(bank: &Bank, account_id: &str) -> Decimal {
    let token = bank.token().await;
    let balances = bank.client.balances(&token, account_id).await.unwrap();
    let booked = balances
        .iter()
        .find(|b| b.balance_type == bank_api::wire::BalanceType::InterimBooked)
        .unwrap();
    common::signed(&booked.amount, booked.credit_debit_indicator)
}

async fn reason(bank: &Bank, payment: &DomesticPaymentResponse) -> String {
    let app = bank.client.client_credentials_token().await.unwrap();
    let details = bank
        .client
        .domestic_payment_details(&app.access_token, &payment.data.domestic_payment_id)
        .await
        .unwrap();
    details[0]
        .status_detail
        .as_ref()
        .and_then(|d| d.status_reason_description.clone())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_payment_inside_one_bank_settles_at_once_on_both_sides() {
    let bank = bank().await;
    let before = booked_balance(&bank, "acc-demo-salary").await;
    let paid = pay(
        &bank,
        &initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "100.00"),
    )
    .await;
    assert_eq!(paid.data.status, PaymentStatus::AcceptedSettlementCompleted);
    assert_eq!(
        booked_balance(&bank, "acc-demo-salary").await,
        before - Decimal::new(10000, 2)
    );
    assert_eq!(
        bank.running
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn a_payment_to_the_other_bank_is_pending_until_it_settles_shortly_after() {
    let bank = bank().await;
    let before = booked_balance(&bank, "acc-demo-salary").await;
    let paid = pay(
        &bank,
        &initiation(demo("acc-demo-salary"), payee("acc-wangfang"), "88.80"),
    )
    .await;
    assert_eq!(paid.data.status, PaymentStatus::AcceptedSettlementInProcess);
    assert_eq!(
        booked_balance(&bank, "acc-demo-salary").await,
        before,
        "not booked yet"
    );
    let app = bank.client.client_credentials_token().await.unwrap();
    let details = bank
        .client
        .domestic_payment_details(&app.access_token, &paid.data.domestic_payment_id)
        .await
        .unwrap();
    assert_eq!(
        details[0].status_detail.as_ref().unwrap().status_reason,
        Some(StatusReason::PendingSettlement)
    );

    bank.clock
        .advance(INTERBANK_SETTLEMENT + chrono::Duration::seconds(1));
    let later = bank
        .client
        .domestic_payment(&app.access_token, &paid.data.domestic_payment_id)
        .await
        .unwrap();
    assert_eq!(
        later.data.status,
        PaymentStatus::AcceptedSettlementCompleted
    );
    assert_eq!(
        booked_balance(&bank, "acc-demo-salary").await,
        before - Decimal::new(8880, 2)
    );
}

/// The debtor's line a payment wrote, from a history.
fn paying_line<'a>(
    lines: &'a [bank_api::wire::Transaction],
    payment: &DomesticPaymentResponse,
) -> &'a bank_api::wire::Transaction {
    let id = format!("tx-{}-out", payment.data.domestic_payment_id);
    lines
        .iter()
        .find(|t| t.transaction_id.as_deref() == Some(id.as_str()))
        .unwrap_or_else(|| panic!("no line {id}"))
}

fn running(line: &bank_api::wire::Transaction) -> Decimal {
    let balance = line.balance.as_ref().expect("a booked line has a balance");
    common::signed(&balance.amount, balance.credit_debit_indicator)
}

#[tokio::test]
async fn a_settling_inter_bank_payments_running_balance_is_right_when_a_later_payment_books_first()
{
    let bank = bank().await;
    let salary = "acc-demo-salary";
    let away = pay(
        &bank,
        &initiation(demo(salary), payee("acc-wangfang"), "100.00"),
    )
    .await;
    assert_eq!(away.data.status, PaymentStatus::AcceptedSettlementInProcess);
    // Written after the payment to the other bank, booked before it settles.
    bank.clock.advance(chrono::Duration::minutes(1));
    let near = pay(
        &bank,
        &initiation(demo(salary), payee("acc-zhangwei"), "50.00"),
    )
    .await;
    assert_eq!(near.data.status, PaymentStatus::AcceptedSettlementCompleted);

    let lines = bank.history(&bank.token().await, salary).await;
    assert_eq!(paying_line(&lines, &away).status, EntryStatus::Pending);
    assert!(paying_line(&lines, &away).balance.is_none());
    assert_eq!(
        running(paying_line(&lines, &near)),
        booked_balance(&bank, salary).await
    );
    common::assert_running_balances(&lines);

    bank.clock
        .advance(INTERBANK_SETTLEMENT + chrono::Duration::seconds(1));
    let lines = bank.history(&bank.token().await, salary).await;
    let (near_line, away_line) = (paying_line(&lines, &near), paying_line(&lines, &away));
    assert_eq!(away_line.status, EntryStatus::Booked);
    assert!(near_line.booking_date_time < away_line.booking_date_time);
    // What booked between the two (the demo customer's own card payments may), then the 100.
    let between: Decimal = lines
        .iter()
        .filter(|t| {
            t.status == EntryStatus::Booked
                && t.booking_date_time > near_line.booking_date_time
                && t.booking_date_time < away_line.booking_date_time
        })
        .map(|t| common::signed(&t.amount, t.credit_debit_indicator))
        .sum();
    assert_eq!(
        running(away_line),
        running(near_line) + between - Decimal::new(100, 0)
    );
    common::assert_running_balances(&lines);
}

#[tokio::test]
async fn a_line_booked_after_a_page_was_served_appears_on_a_later_sync() {
    let bank = bank().await;
    let card = "acc-demo-credit";
    let token = bank.token().await;
    // A sync reads its first page...
    let first = bank
        .page(&token, &bank.url(&format!("/accounts/{card}/transactions")))
        .await;
    assert!(first.links.next.is_some(), "the card has more than a page");
    // ...the customer pays by card meanwhile...
    let paid = pay(
        &bank,
        &initiation(demo(card), payee("acc-zhangwei"), "88.80"),
    )
    .await;
    // ...and the sync carries on through Links.Next: the new line is at the end, once.
    let mut lines = first.data.transaction.clone();
    let mut next = first.links.next.clone();
    while let Some(url) = next {
        let page = bank.page(&token, &url).await;
        next = page.links.next.clone();
        lines.extend(page.data.transaction);
    }
    let ids: std::collections::HashSet<_> =
        lines.iter().map(|t| t.transaction_id.clone()).collect();
    assert_eq!(ids.len(), lines.len(), "no line twice");
    let line = paying_line(&lines, &paid);
    assert_eq!(line.status, EntryStatus::Booked);
    assert_eq!(running(line), booked_balance(&bank, card).await);
    common::assert_running_balances(&lines);

    // A later sync, from the latest booking time the first one saw: the card payments that were
    // pending then have booked since, and arrive with their running balances.
    let pending: Vec<_> = lines
        .iter()
        .filter(|t| t.status == EntryStatus::Pending)
        .map(|t| t.transaction_id.clone())
        .collect();
    assert!(!pending.is_empty(), "recent card payments are pending");
    let synced_through = lines.iter().map(|t| t.booking_date_time).max().unwrap();
    bank.clock
        .advance(chrono::Duration::days(1) + chrono::Duration::hours(7));
    let token = bank.token().await;
    let later = bank
        .client
        .transactions(&token, card, Some(synced_through), None, &mut |_| {})
        .await
        .unwrap();
    let whole = bank.history(&token, card).await;
    for id in &pending {
        let now = whole.iter().find(|t| &t.transaction_id == id).unwrap();
        if now.status == EntryStatus::Booked {
            let seen = later.iter().find(|t| &t.transaction_id == id);
            assert_eq!(seen, Some(now), "{id:?} on the later sync");
        } else {
            assert_eq!(now.status, EntryStatus::Rejected, "{id:?}");
        }
    }
    assert!(later.iter().any(|t| pending.contains(&t.transaction_id)));
    common::assert_running_balances(&whole);
}

#[tokio::test]
async fn paying_a_merchant_shows_the_merchant_and_its_category_code_on_the_customers_line() {
    let bank = bank().await;
    pay(
        &bank,
        &initiation(demo("acc-demo-everyday"), payee("acc-m-starbucks"), "36.00"),
    )
    .await;
    let token = bank.token().await;
    let history = bank.history(&token, "acc-demo-everyday").await;
    let line = history
        .iter()
        .rev()
        .find(|t| {
            t.merchant_details
                .as_ref()
                .and_then(|m| m.merchant_name.as_deref())
                == Some("星巴克 Starbucks")
        })
        .expect("the purchase is on the customer's history");
    assert_eq!(
        line.merchant_details
            .as_ref()
            .unwrap()
            .merchant_category_code
            .as_deref(),
        Some("5814")
    );
}

#[tokio::test]
async fn the_same_idempotency_key_and_body_get_the_first_answer_and_debit_once() {
    let bank = bank().await;
    let order = initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "50.00");
    let (consent, token) = approved(&bank, &order).await;
    let first = bank
        .client
        .create_domestic_payment(&token, &request(&consent, &order), "key-1")
        .await
        .unwrap();
    let again = bank
        .client
        .create_domestic_payment(&token, &request(&consent, &order), "key-1")
        .await
        .unwrap();
    assert_eq!(
        first.data.domestic_payment_id,
        again.data.domestic_payment_id
    );
    assert_eq!(
        bank.running
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn the_same_idempotency_key_with_another_body_is_refused() {
    let bank = bank().await;
    let order = initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "50.00");
    let (consent, token) = approved(&bank, &order).await;
    bank.client
        .create_domestic_payment(&token, &request(&consent, &order), "key-2")
        .await
        .unwrap();
    let mut changed = request(&consent, &order);
    changed.data.initiation.instructed_amount.amount = Decimal::new(9999, 2);
    let refused = bank
        .client
        .create_domestic_payment(&token, &changed, "key-2")
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, BankError::Rejected { status: 400, message, .. } if message.contains("different request body")),
        "{refused:?}"
    );
    assert_eq!(
        bank.running
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn an_answer_lost_after_the_bank_committed_is_replayed_even_to_a_fresh_client_token() {
    let bank = bank().await;
    let order = initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "66.00");
    let (consent, token) = approved(&bank, &order).await;
    bank.running.lose_next_payment_response();
    let lost = bank
        .client
        .create_domestic_payment(&token, &request(&consent, &order), "key-3")
        .await;
    assert!(lost.is_err(), "the answer should have been lost");
    let app = bank.client.client_credentials_token().await.unwrap();
    let replayed = bank
        .client
        .create_domestic_payment(&app.access_token, &request(&consent, &order), "key-3")
        .await
        .unwrap();
    assert_eq!(
        replayed.data.status,
        PaymentStatus::AcceptedSettlementCompleted
    );
    assert_eq!(
        bank.running
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn a_payment_the_funds_do_not_cover_is_rejected_with_a_reason_and_moves_nothing() {
    let bank = bank().await;
    let before = booked_balance(&bank, "acc-demo-ewallet").await;
    let order = initiation(demo("acc-demo-ewallet"), payee("acc-zhangwei"), "4900.00");
    let (consent, token) = approved(&bank, &order).await;
    assert!(!bank.client.funds_available(&token, &consent).await.unwrap());
    let paid = bank
        .client
        .create_domestic_payment(&token, &request(&consent, &order), "key-4")
        .await
        .unwrap();
    assert_eq!(paid.data.status, PaymentStatus::Rejected);
    assert!(
        reason(&bank, &paid).await.starts_with("Insufficient funds"),
        "{}",
        reason(&bank, &paid).await
    );
    assert_eq!(booked_balance(&bank, "acc-demo-ewallet").await, before);
    assert_eq!(
        bank.running
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn payments_past_the_daily_limit_are_rejected() {
    let bank = bank().await;
    bank.running
        .set_daily_limit("acc-demo-salary", 10_000)
        .await
        .unwrap();
    let first = pay(
        &bank,
        &initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "60.00"),
    )
    .await;
    assert_eq!(
        first.data.status,
        PaymentStatus::AcceptedSettlementCompleted
    );
    let second = pay(
        &bank,
        &initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "60.00"),
    )
    .await;
    assert_eq!(second.data.status, PaymentStatus::Rejected);
    assert!(reason(&bank, &second).await.contains("daily payment limit"));
}

#[tokio::test]
async fn a_frozen_account_cannot_pay_and_a_closed_payee_cannot_be_paid() {
    let bank = bank().await;
    bank.running
        .set_account_status("acc-demo-salary", "Frozen")
        .await
        .unwrap();
    let frozen = pay(
        &bank,
        &initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "1.00"),
    )
    .await;
    assert_eq!(frozen.data.status, PaymentStatus::Rejected);
    assert!(reason(&bank, &frozen).await.contains("frozen"));

    bank.running
        .set_account_status("acc-zhangwei", "Closed")
        .await
        .unwrap();
    let closed = pay(
        &bank,
        &initiation(demo("acc-demo-everyday"), payee("acc-zhangwei"), "1.00"),
    )
    .await;
    assert_eq!(closed.data.status, PaymentStatus::Rejected);
    assert!(reason(&bank, &closed).await.contains("cannot receive"));
}

#[tokio::test]
async fn an_unknown_payee_or_a_wrong_name_is_rejected() {
    let bank = bank().await;
    let nobody = account("UK.OBIE.PAN", "6222020000000000000", Some("无名 NOBODY"));
    let unknown = pay(&bank, &initiation(demo("acc-demo-salary"), nobody, "1.00")).await;
    assert_eq!(unknown.data.status, PaymentStatus::Rejected);
    assert!(reason(&bank, &unknown).await.contains("knows the payee"));

    let mut wrong_name = payee("acc-zhangwei");
    wrong_name.name = Some("李四".into());
    let mismatch = pay(
        &bank,
        &initiation(demo("acc-demo-salary"), wrong_name, "1.00"),
    )
    .await;
    assert_eq!(mismatch.data.status, PaymentStatus::Rejected);
    assert!(
        reason(&bank, &mismatch)
            .await
            .contains("name does not match")
    );
}

#[tokio::test]
async fn a_consent_pays_once_and_only_what_the_customer_approved() {
    let bank = bank().await;
    let order = initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "10.00");
    let (consent, token) = approved(&bank, &order).await;
    let mut more = request(&consent, &order);
    more.data.initiation.instructed_amount.amount = Decimal::new(100_000, 2);
    let mismatch = bank
        .client
        .create_domestic_payment(&token, &more, "key-5")
        .await
        .unwrap_err();
    assert!(
        matches!(&mismatch, BankError::Rejected { code, .. } if code == "UK.OBIE.Resource.ConsentMismatch"),
        "{mismatch:?}"
    );

    bank.client
        .create_domestic_payment(&token, &request(&consent, &order), "key-6")
        .await
        .unwrap();
    let twice = bank
        .client
        .create_domestic_payment(&token, &request(&consent, &order), "key-7")
        .await
        .unwrap_err();
    assert!(
        matches!(&twice, BankError::Rejected { code, .. } if code == "UK.OBIE.Resource.InvalidConsentStatus"),
        "{twice:?}"
    );
    assert_eq!(
        bank.running
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn the_customer_cannot_approve_a_payment_from_someone_elses_account() {
    let bank = bank().await;
    let mut mine = demo("acc-demo-salary");
    mine.name = Some("LI MING".into());
    let order = initiation(payee("acc-zhangwei"), mine, "10.00");
    let app = bank.client.client_credentials_token().await.unwrap();
    let consent = bank
        .client
        .create_domestic_payment_consent(
            &app.access_token,
            &DomesticConsentRequest {
                data: DomesticConsentRequestData { initiation: order },
                risk: PaymentRisk::default(),
            },
            "consent-key",
        )
        .await
        .unwrap()
        .data
        .consent_id;
    let url = bank.client.authorize_url(&consent, &Pkce::generate(), "s");
    let refused = bank_sandbox::approve_as(
        &url,
        bank_sandbox::DEMO_CUSTOMER,
        bank_sandbox::DEMO_PASSWORD,
    )
    .await;
    assert!(refused.is_err());
}

#[tokio::test]
async fn an_amount_finer_than_the_currency_allows_is_refused_before_any_consent_exists() {
    let bank = bank().await;
    let app = bank.client.client_credentials_token().await.unwrap();
    let order = initiation(demo("acc-demo-salary"), payee("acc-zhangwei"), "1.005");
    let refused = bank
        .client
        .create_domestic_payment_consent(
            &app.access_token,
            &DomesticConsentRequest {
                data: DomesticConsentRequestData { initiation: order },
                risk: PaymentRisk::default(),
            },
            "fine-key",
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, BankError::Rejected { status: 400, .. }),
        "{refused:?}"
    );
}

#[tokio::test]
async fn every_payment_answer_carries_a_signature_that_the_published_key_verifies() {
    let bank = bank().await;
    let base = bank.running.base_url();
    let http = reqwest::Client::new();
    let jwks: bank_api::jws::JwkSet = http
        .get(base.join(bank_sandbox::JWKS_PATH).unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let app = bank.client.client_credentials_token().await.unwrap();
    let answer = http
        .get(
            base.join("open-banking/v3.1/pisp/domestic-payments/pay-unknown")
                .unwrap(),
        )
        .bearer_auth(app.access_token.expose())
        .send()
        .await
        .unwrap();
    let signature = answer.headers()["x-jws-signature"]
        .to_str()
        .unwrap()
        .to_string();
    let body = answer.bytes().await.unwrap();
    let expected = bank_api::jws::Expected {
        issuer: Some(bank_sandbox::SIGNATURE_ISSUER),
        now: None,
    };
    assert_eq!(
        bank_api::jws::verify(Some(&signature), &body, &jwks, &expected),
        Ok(())
    );
    assert_eq!(
        bank_api::jws::verify(Some(&signature), b"{}", &jwks, &expected),
        Err(bank_api::jws::JwsError::Invalid)
    );
}
