//! The demo credit card: its statement from the bank, what is still due and by when, a reminder before
//! the due date (once), and a repayment from a debit card that settles it.

mod common;

use chrono::Duration;
use common::{PIN, account_named, no_payment_events, ready_to_pay};
use wallet_app::dto::{PaymentRequest, PaymentStatusDto, PaymentTarget};

#[tokio::test]
async fn the_card_statement_is_due_soon_reminded_once_and_paid_by_a_repayment() {
    let w = ready_to_pay().await;
    let card = account_named(&w.wallet, "Credit card").await;
    let status = w
        .wallet
        .cards()
        .unwrap()
        .card_status(&card.id)
        .await
        .unwrap();
    // The clock stands at 2026-11-20: the last statement closed on 5 November, due 20 days later.
    assert_eq!(status.statement_date, "2026-11-05");
    assert_eq!(status.due_date, "2026-11-25");
    assert_eq!(status.days_to_due, 5);

    w.clock.advance(Duration::days(3));
    w.sync().await;
    let soon = w
        .wallet
        .cards()
        .unwrap()
        .card_status(&card.id)
        .await
        .unwrap();
    {
        // Two days before the due date, unpaid (the demo customer repays later in the month).
        assert_eq!(soon.status, "dueSoon", "{soon:?}");
        let reminders = w
            .wallet
            .cards()
            .unwrap()
            .check_card_reminders()
            .await
            .unwrap();
        assert_eq!(reminders.len(), 1);
        assert!(
            w.wallet
                .cards()
                .unwrap()
                .check_card_reminders()
                .await
                .unwrap()
                .is_empty(),
            "reminded once"
        );

        let salary = account_named(&w.wallet, "Salary").await;
        let repaid = w
            .wallet
            .payments()
            .unwrap()
            .submit_payment(
                PaymentRequest {
                    from_account_id: salary.id.clone(),
                    to: PaymentTarget::OwnAccount {
                        account_id: card.id.clone(),
                    },
                    amount: soon.still_due.amount.clone(),
                    currency: "CNY".into(),
                    note: Some("信用卡还款 Card repayment".into()),
                    pin: PIN.into(),
                    second_factor: None,
                },
                &no_payment_events,
            )
            .await
            .unwrap();
        assert_eq!(repaid.status, PaymentStatusDto::Completed, "{repaid:?}");
    }
    let after = w
        .wallet
        .cards()
        .unwrap()
        .card_status(&card.id)
        .await
        .unwrap();
    assert_eq!(after.status, "paid", "{after:?}");
    assert_eq!(after.still_due.amount, "0.00");
    assert!(
        w.wallet
            .cards()
            .unwrap()
            .card_status(&account_named(&w.wallet, "Salary").await.id)
            .await
            .is_err()
    );
}
