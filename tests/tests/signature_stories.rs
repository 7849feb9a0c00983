//! The bank signs its payment answers; the wallet checks them. An answer changed on the way (a payment
//! the bank made, shown as refused) is not believed: the payment stays queued, nothing is recorded as
//! paid or failed, and once answers come through untouched it completes, debited once.

mod common;

use common::{PIN, account_named, no_payment_events, pay_zhang_wei, ready_to_pay};
use wallet_app::dto::PaymentStatusDto;

#[tokio::test]
async fn a_payment_answer_changed_on_the_way_is_not_believed_and_the_payment_completes_once() {
    let w = ready_to_pay().await;
    let bank = w.bank.as_ref().unwrap();
    let salary = account_named(&w.wallet, "Salary").await;
    bank.tamper_payment_answers(true);
    let shown = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(pay_zhang_wei(&salary, "88", PIN), &no_payment_events)
        .await
        .unwrap();
    // The bank made the payment; the answer said "Rejected". The wallet believes neither way.
    assert_eq!(
        bank.count_lines("acc-zhangwei", "TRANSFER").await.unwrap(),
        1
    );
    assert_eq!(shown.status, PaymentStatusDto::Queued, "{shown:?}");
    let reason = shown.status_reason.clone().unwrap_or_default();
    assert!(reason.contains("x-jws-signature"), "{reason}");

    bank.tamper_payment_answers(false);
    let resumed = w
        .wallet
        .payments()
        .unwrap()
        .resume_payments(&no_payment_events)
        .await
        .unwrap();
    assert_eq!(resumed.len(), 1);
    assert_eq!(resumed[0].status, PaymentStatusDto::Completed);
    assert_eq!(
        bank.count_lines("acc-zhangwei", "TRANSFER").await.unwrap(),
        1
    );
}
