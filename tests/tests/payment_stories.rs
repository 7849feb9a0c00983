//! Paying, transferring and topping up through the wallet's handlers against a real sandbox bank on
//! loopback: what the user sees, what the bank books, and that nothing is ever paid twice.

mod common;

use std::sync::{Arc, Mutex};

use chrono::Duration;
use common::{PIN, account_named, no_payment_events, ready_to_pay, start_bank, world};
use wallet_app::ErrorCode;
use wallet_app::dto::{
    AccountDto, NewPayee, Payment, PaymentRequest, PaymentStatusDto, PaymentTarget,
    TransactionQuery,
};

fn to_person(from: &AccountDto, name: &str, number: &str, amount: &str) -> PaymentRequest {
    PaymentRequest {
        from_account_id: from.id.clone(),
        to: PaymentTarget::Person {
            name: name.into(),
            account_number: number.into(),
            bank_name: None,
            save: false,
        },
        amount: amount.into(),
        currency: from.currency.clone(),
        note: Some("午饭 Lunch".into()),
        pin: PIN.into(),
        second_factor: None,
    }
}

const ZHANG_WEI: &str = "6222 0212 3456 7890 128"; // at the demo customer's own bank
const WANG_FANG: &str = "6222 6099 8877 6655 446"; // at the other sandbox bank

#[tokio::test]
async fn paying_a_person_at_the_same_bank_completes_at_once_and_shows_in_the_bills() {
    let w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "128.50"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed, "{paid:?}");
    assert_eq!(paid.payee_masked_number, "•••• 0128");

    let bills = common::all_bills(
        &w.wallet,
        TransactionQuery {
            account_id: Some(salary.id.clone()),
            text: Some("午饭".into()),
            ..TransactionQuery::default()
        },
    )
    .await;
    assert_eq!(bills.len(), 1, "{bills:?}");
    assert_eq!(bills[0].amount.amount, "-128.50");
    let after = account_named(&w.wallet, "Salary").await;
    assert_eq!(
        after
            .balance
            .amount
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        salary
            .balance
            .amount
            .parse::<rust_decimal::Decimal>()
            .unwrap()
            - rust_decimal::Decimal::new(12850, 2)
    );
    assert_eq!(
        w.bank
            .as_ref()
            .unwrap()
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn a_transfer_to_another_bank_is_sent_shows_as_pending_and_completes_once_it_settles() {
    let w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let record = move |p: Payment| seen.lock().unwrap().push(p.status);
    let sent = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(to_person(&salary, "WANG FANG", WANG_FANG, "300"), &record)
        .await
        .unwrap();
    assert_eq!(sent.status, PaymentStatusDto::Sent);
    assert_eq!(
        *events.lock().unwrap(),
        vec![PaymentStatusDto::Queued, PaymentStatusDto::Sent]
    );
    let while_pending = account_named(&w.wallet, "Salary").await;
    assert_eq!(while_pending.pending_outflow.unwrap().amount, "300.00");
    let pending_line = common::all_bills(
        &w.wallet,
        TransactionQuery {
            account_id: Some(salary.id.clone()),
            text: Some("午饭".into()),
            ..TransactionQuery::default()
        },
    )
    .await;
    assert_eq!(pending_line.len(), 1);
    assert_eq!(format!("{:?}", pending_line[0].status), "Pending");

    w.clock
        .advance(bank_sandbox::INTERBANK_SETTLEMENT + Duration::seconds(5));
    let changed = w
        .wallet
        .payments()
        .unwrap()
        .resume_payments(&no_payment_events)
        .await
        .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].status, PaymentStatusDto::Completed);
    assert!(
        account_named(&w.wallet, "Salary")
            .await
            .pending_outflow
            .is_none()
    );
}

#[tokio::test]
async fn topping_up_the_e_wallet_from_a_debit_card_moves_the_money_between_own_accounts() {
    let w = ready_to_pay().await;
    let card = account_named(&w.wallet, "Everyday").await;
    let ewallet = account_named(&w.wallet, "E-wallet").await;
    let topped = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            PaymentRequest {
                from_account_id: card.id.clone(),
                to: PaymentTarget::OwnAccount {
                    account_id: ewallet.id.clone(),
                },
                amount: "200".into(),
                currency: "CNY".into(),
                note: None,
                pin: PIN.into(),
                second_factor: None,
            },
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(topped.status, PaymentStatusDto::Completed);
    assert_eq!(format!("{:?}", topped.kind), "TopUp");
    let after = account_named(&w.wallet, "E-wallet").await;
    let gained = after
        .balance
        .amount
        .parse::<rust_decimal::Decimal>()
        .unwrap()
        - ewallet
            .balance
            .amount
            .parse::<rust_decimal::Decimal>()
            .unwrap();
    assert_eq!(gained, rust_decimal::Decimal::new(20000, 2));
}

#[tokio::test]
async fn a_payment_the_funds_do_not_cover_is_rejected_with_the_banks_reason() {
    let w = ready_to_pay().await;
    let ewallet = account_named(&w.wallet, "E-wallet").await;
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&ewallet, "张伟", ZHANG_WEI, "4999"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(refused.status, PaymentStatusDto::Rejected);
    assert!(
        refused
            .status_reason
            .as_deref()
            .unwrap_or("")
            .starts_with("Insufficient funds"),
        "{refused:?}"
    );
    assert_eq!(
        account_named(&w.wallet, "E-wallet").await.balance,
        ewallet.balance
    );
}

#[tokio::test]
async fn a_payment_past_the_daily_limit_is_rejected() {
    let w = ready_to_pay().await;
    w.bank
        .as_ref()
        .unwrap()
        .set_daily_limit("acc-demo-salary", 10_000)
        .await
        .unwrap();
    let salary = account_named(&w.wallet, "Salary").await;
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "100.01"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(refused.status, PaymentStatusDto::Rejected);
    assert!(
        refused
            .status_reason
            .unwrap()
            .contains("daily payment limit")
    );
}

#[tokio::test]
async fn bad_input_is_refused_before_anything_is_written() {
    let w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    let cases = [
        to_person(&salary, "张伟", "6222 0212 3456 7890 127", "10"), // a mistyped card number
        to_person(&salary, "张伟", ZHANG_WEI, "0"),
        to_person(&salary, "张伟", ZHANG_WEI, "10.001"),
        to_person(&salary, "", ZHANG_WEI, "10"),
        PaymentRequest {
            currency: "USD".into(),
            ..to_person(&salary, "张伟", ZHANG_WEI, "10")
        },
    ];
    for request in cases {
        let error = w
            .wallet
            .payments()
            .unwrap()
            .submit_payment(request.clone(), &no_payment_events)
            .await
            .unwrap_err();
        assert_eq!(
            error.code,
            ErrorCode::InvalidInput,
            "{request:?}: {error:?}"
        );
    }
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
async fn the_first_payment_asks_for_a_pin_to_be_set_and_a_weak_pin_is_refused() {
    let w = world().await;
    w.sync().await;
    let salary = account_named(&w.wallet, "Salary").await;
    let error = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "1"),
            &no_payment_events,
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::PinNotSet);
    assert_eq!(
        w.wallet
            .security()
            .unwrap()
            .set_payment_pin(&"111111".into())
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        w.wallet
            .security()
            .unwrap()
            .set_payment_pin(&"12345".into())
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    assert!(
        w.wallet
            .security()
            .unwrap()
            .set_payment_pin(&PIN.into())
            .await
            .unwrap()
            .is_set
    );
    assert_eq!(
        w.wallet
            .security()
            .unwrap()
            .set_payment_pin(&"864209".into())
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
}

#[tokio::test]
async fn five_wrong_pins_lock_payments_for_fifteen_minutes_even_across_a_restart() {
    let mut w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    let wrong = PaymentRequest {
        pin: "000001".into(),
        second_factor: None,
        ..to_person(&salary, "张伟", ZHANG_WEI, "1")
    };
    for left in (1..=4).rev() {
        let error = w
            .wallet
            .payments()
            .unwrap()
            .submit_payment(wrong.clone(), &no_payment_events)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::WrongPin);
        assert!(
            error.message.contains(&left.to_string()),
            "{}",
            error.message
        );
    }
    let locked = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(wrong.clone(), &no_payment_events)
        .await
        .unwrap_err();
    assert_eq!(locked.code, ErrorCode::PinLocked);

    // Restart: the lock is in the wallet file.
    let bank = w.bank.take().unwrap();
    w.restart_wallet(&bank).await;
    let right_but_locked = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "1"),
            &no_payment_events,
        )
        .await
        .unwrap_err();
    assert_eq!(right_but_locked.code, ErrorCode::PinLocked);

    w.clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "1"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed);
}

#[tokio::test]
async fn an_answer_lost_after_the_bank_committed_is_retried_with_the_same_key_and_debits_once() {
    let w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    w.bank.as_ref().unwrap().lose_next_payment_response();
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "66"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed);
    assert_eq!(
        w.bank
            .as_ref()
            .unwrap()
            .count_lines("acc-zhangwei", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn a_payment_cut_off_after_the_bank_committed_resumes_after_a_restart_and_debits_once() {
    let mut w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    let bank = w.bank.take().unwrap();
    bank.lose_next_payment_response();
    // The bank commits, the answer is lost, and the bank goes away before the wallet can ask again.
    let paying = w.wallet.payments().unwrap().submit_payment(
        to_person(&salary, "张伟", ZHANG_WEI, "77"),
        &no_payment_events,
    );
    let watch = async {
        while bank.count_lines("acc-zhangwei", "TRANSFER").await.unwrap() == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        bank.shutdown().await;
    };
    let (cut_off, ()) = tokio::join!(paying, watch);
    let cut_off = cut_off.unwrap();
    assert_eq!(cut_off.status, PaymentStatusDto::Queued, "{cut_off:?}");
    assert!(
        cut_off.status_reason.is_some(),
        "the user sees why it is still queued"
    );
    assert_eq!(
        account_named(&w.wallet, "Salary")
            .await
            .pending_outflow
            .unwrap()
            .amount,
        "77.00"
    );

    // Restart both: the bank on its same books, the wallet on its same file.
    let bank = start_bank(&w._dir, &w.clock).await;
    w.restart_wallet(&bank).await;
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
    assert_eq!(
        bank.count_lines("acc-demo-salary", "TRANSFER")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn a_payment_made_while_the_bank_is_down_waits_queued_and_goes_when_it_is_back() {
    let mut w = ready_to_pay().await;
    let salary = account_named(&w.wallet, "Salary").await;
    w.bank.take().unwrap().shutdown().await;
    let queued = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            to_person(&salary, "张伟", ZHANG_WEI, "12"),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(queued.status, PaymentStatusDto::Queued);
    assert!(
        queued
            .status_reason
            .unwrap()
            .to_lowercase()
            .contains("bank")
    );
    assert_eq!(
        w.wallet
            .payments()
            .unwrap()
            .list_payments()
            .await
            .unwrap()
            .len(),
        1
    );

    let bank = start_bank(&w._dir, &w.clock).await;
    w.restart_wallet(&bank).await;
    // The next sync carries it on.
    w.sync().await;
    let done = w
        .wallet
        .payments()
        .unwrap()
        .get_payment(&queued.id)
        .await
        .unwrap();
    assert_eq!(done.status, PaymentStatusDto::Completed);
    assert_eq!(
        bank.count_lines("acc-zhangwei", "TRANSFER").await.unwrap(),
        1
    );
}

#[tokio::test]
async fn payees_are_checked_saved_listed_paid_and_removed() {
    let w = ready_to_pay().await;
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .add_payee(NewPayee {
            name: "张伟".into(),
            account_number: "6222 0212 3456 7890 127".into(),
            bank_name: None,
            pin: PIN.into(),
            second_factor: None,
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    let payee = w
        .wallet
        .payments()
        .unwrap()
        .add_payee(NewPayee {
            name: "张伟".into(),
            account_number: ZHANG_WEI.into(),
            bank_name: Some("Purse Sandbox Bank".into()),
            pin: PIN.into(),
            second_factor: None,
        })
        .await
        .unwrap();
    assert_eq!(payee.masked_number, "•••• 0128");
    let again = NewPayee {
        name: "张伟 again".into(),
        account_number: ZHANG_WEI.into(),
        bank_name: None,
        pin: PIN.into(),
        second_factor: None,
    };
    assert_eq!(
        w.wallet
            .payments()
            .unwrap()
            .add_payee(again)
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        w.wallet.payments().unwrap().list_payees().await.unwrap(),
        vec![payee.clone()]
    );

    let salary = account_named(&w.wallet, "Salary").await;
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(
            PaymentRequest {
                to: PaymentTarget::Payee {
                    payee_id: payee.id.clone(),
                },
                ..to_person(&salary, "", "", "5")
            },
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed);

    w.wallet
        .payments()
        .unwrap()
        .remove_payee(&payee.id)
        .await
        .unwrap();
    assert!(
        w.wallet
            .payments()
            .unwrap()
            .list_payees()
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        w.wallet
            .payments()
            .unwrap()
            .remove_payee(&payee.id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
}
