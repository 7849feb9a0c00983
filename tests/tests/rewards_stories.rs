//! Points and offers through the wallet's handlers against a real sandbox bank: points earned by paying
//! and redeemed for a bill credit that appears on the card, and a payment with the offer the confirmation
//! sheet showed, charged exactly what the sheet said.

mod common;

use common::{PIN, account_named, all_bills, no_payment_events, ready_to_pay};
use rust_decimal::Decimal;
use wallet_app::dto::rewards::{OfferChoice, RedeemRequest, RedemptionKind};
use wallet_app::dto::{
    AccountDto, PaymentDraft, PaymentRequest, PaymentStatusDto, PaymentTarget, TransactionDto,
    TransactionQuery,
};
use wallet_app::{ErrorCode, Wallet};

fn starbucks() -> String {
    bank_sandbox::merchant_codes()
        .unwrap()
        .into_iter()
        .find(|c| c.id == "starbucks")
        .unwrap()
        .payload
}

fn draft(from: &AccountDto, amount: &str) -> PaymentDraft {
    PaymentDraft {
        from_account_id: from.id.clone(),
        to: PaymentTarget::Qr {
            payload: starbucks(),
        },
        amount: amount.into(),
        currency: from.currency.clone(),
        note: None,
    }
}

fn pay(from: &AccountDto, amount: &str) -> PaymentRequest {
    PaymentRequest {
        from_account_id: from.id.clone(),
        to: PaymentTarget::Qr {
            payload: starbucks(),
        },
        amount: amount.into(),
        currency: from.currency.clone(),
        note: None,
        pin: PIN.into(),
        second_factor: None,
    }
}

fn bill_credit(points: i64, request_id: &str, pin: &str) -> RedeemRequest {
    RedeemRequest {
        kind: RedemptionKind::BillCredit,
        points: Some(points),
        voucher_id: None,
        request_id: request_id.into(),
        pin: pin.into(),
    }
}

/// Every bill line of one account (the card), newest first.
async fn card_bills(wallet: &Wallet, card: &AccountDto) -> Vec<TransactionDto> {
    all_bills(
        wallet,
        TransactionQuery {
            account_id: Some(card.id.clone()),
            ..TransactionQuery::default()
        },
    )
    .await
}

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[tokio::test]
async fn paying_a_cafe_by_credit_card_earns_two_points_per_whole_yuan_seen_after_the_sync() {
    let w = ready_to_pay().await;
    let before = w.wallet.rewards().unwrap().points_overview().await.unwrap();
    assert!(
        before.balance > 0,
        "two years of card spending earned points"
    );
    assert!(before.synced_at.is_some());
    let card = account_named(&w.wallet, "Credit").await;
    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment(pay(&card, "88.80"), &no_payment_events)
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed, "{paid:?}");
    let after = w.wallet.rewards().unwrap().points_overview().await.unwrap();
    assert_eq!(after.balance, before.balance + 176);
    let newest = &after.history[0];
    assert_eq!(newest.points, 176);
    assert!(newest.description.contains("Starbucks"), "{newest:?}");
}

#[tokio::test]
async fn redeeming_points_for_a_bill_credit_puts_the_credit_on_the_card_and_a_wrong_pin_spends_nothing()
 {
    let w = ready_to_pay().await;
    let before = w.wallet.rewards().unwrap().points_overview().await.unwrap();
    let refused = w
        .wallet
        .rewards()
        .unwrap()
        .redeem_points(bill_credit(2_000, "r-1", "147036"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::WrongPin);

    let done = w
        .wallet
        .rewards()
        .unwrap()
        .redeem_points(bill_credit(2_000, "r-2", PIN))
        .await
        .unwrap();
    assert_eq!(
        done.credit.as_ref().map(|c| c.amount.as_str()),
        Some("20.00")
    );
    assert_eq!(done.balance_after, before.balance - 2_000);
    assert_eq!(
        w.wallet
            .rewards()
            .unwrap()
            .points_overview()
            .await
            .unwrap()
            .balance,
        before.balance - 2_000
    );
    let card = account_named(&w.wallet, "Credit").await;
    let credits: Vec<_> = card_bills(&w.wallet, &card)
        .await
        .into_iter()
        .filter(|line| line.description.contains("积分抵扣"))
        .collect();
    assert_eq!(credits.len(), 1, "one bill credit line");
    assert_eq!(decimal(&credits[0].amount.amount), decimal("20.00"));
}

#[tokio::test]
async fn asking_for_more_points_than_there_are_is_refused_by_the_bank_and_nothing_changes() {
    let w = ready_to_pay().await;
    let before = w.wallet.rewards().unwrap().points_overview().await.unwrap();
    let refused = w
        .wallet
        .rewards()
        .unwrap()
        .redeem_points(bill_credit(before.balance + 1, "r-too-many", PIN))
        .await
        .unwrap_err();
    assert!(refused.message.contains("Not enough points"), "{refused:?}");
    w.sync().await;
    assert_eq!(
        w.wallet
            .rewards()
            .unwrap()
            .points_overview()
            .await
            .unwrap()
            .balance,
        before.balance
    );
}

#[tokio::test]
async fn paying_with_the_offer_the_sheet_showed_is_charged_exactly_the_previewed_amount() {
    let w = ready_to_pay().await;
    let offers = w.wallet.rewards().unwrap().list_offers().await.unwrap();
    assert!(offers.iter().any(|o| o.title.contains("Starbucks")));
    let card = account_named(&w.wallet, "Credit").await;
    let quote = w
        .wallet
        .payments()
        .unwrap()
        .quote_offer(draft(&card, "100"))
        .await
        .unwrap();
    let offer = quote.offer.clone().expect("the Starbucks offer applies");
    assert_eq!(decimal(&offer.discount.amount), decimal("10.00"));
    assert_eq!(decimal(&quote.to_pay.amount), decimal("90.00"));

    let paid = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment_with_offer(
            pay(&card, "100"),
            Some(OfferChoice {
                offer_id: offer.offer_id.clone(),
                title: offer.title.clone(),
                discount: offer.discount.amount.clone(),
                currency: offer.discount.currency.clone(),
            }),
            &no_payment_events,
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Completed, "{paid:?}");
    let carried = paid.discount.expect("the payment carries its offer");
    assert_eq!(
        carried.charged.as_ref().map(|c| decimal(&c.amount)),
        Some(decimal(&quote.to_pay.amount)),
        "the payment says what the sheet said it would charge"
    );
    assert_eq!(
        (&carried.offer_id, &carried.discount),
        (&offer.offer_id, &offer.discount)
    );

    let line = card_bills(&w.wallet, &card)
        .await
        .into_iter()
        .find(|line| line.discount.is_some())
        .expect("the bill line carries the discount");
    assert_eq!(-decimal(&line.amount.amount), decimal(&quote.to_pay.amount));
    let on_line = line.discount.expect("the line's discount");
    assert_eq!(on_line.discount, offer.discount);
    assert_eq!(
        on_line.full_price.map(|p| decimal(&p.amount)),
        Some(decimal("100.00")),
        "the bill shows what it cost before the discount"
    );
    let listed = w.wallet.rewards().unwrap().list_offers().await.unwrap();
    let used = listed.iter().find(|o| o.id == offer.offer_id).unwrap();
    assert_eq!(used.left_for_you, 0);
}

#[tokio::test]
async fn a_payment_carrying_an_offer_the_bank_no_longer_gives_fails_and_nothing_is_paid() {
    let w = ready_to_pay().await;
    let card = account_named(&w.wallet, "Credit").await;
    let quote = w
        .wallet
        .payments()
        .unwrap()
        .quote_offer(draft(&card, "100"))
        .await
        .unwrap();
    let offer = quote.offer.expect("an offer applies");
    let choice = || OfferChoice {
        offer_id: offer.offer_id.clone(),
        title: offer.title.clone(),
        discount: offer.discount.amount.clone(),
        currency: offer.discount.currency.clone(),
    };
    let first = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment_with_offer(pay(&card, "100"), Some(choice()), &no_payment_events)
        .await
        .unwrap();
    assert_eq!(first.status, PaymentStatusDto::Completed, "{first:?}");
    let lines_before = all_bills(&w.wallet, TransactionQuery::default())
        .await
        .len();

    // The same offer again: used up this month, so the bank refuses the consent.
    let stale = w
        .wallet
        .payments()
        .unwrap()
        .submit_payment_with_offer(pay(&card, "100"), Some(choice()), &no_payment_events)
        .await
        .unwrap();
    assert_eq!(stale.status, PaymentStatusDto::Failed, "{stale:?}");
    let reason = stale.status_reason.unwrap_or_default();
    assert!(reason.contains("no longer applies"), "{reason}");
    w.sync().await;
    assert_eq!(
        all_bills(&w.wallet, TransactionQuery::default())
            .await
            .len(),
        lines_before
    );
}
