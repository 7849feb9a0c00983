//! Points and promotions against a real sandbox on loopback, through the real client: points earned by the
//! rules with exact arithmetic, redeemed once per key, and offers that apply (or say why not) the same way
//! in the quote and in the payment.

mod common;

use bank_api::AccessToken;
use bank_api::wire::{
    Amount, DomesticInitiation, DomesticPaymentRequest, DomesticPaymentRequestData, EntryStatus,
    OfferQuote, OfferQuoteRequest, OfferRefusal, OfferStatus, OfferUseStatus, PaymentRisk,
    PaymentStatus, PointsEntryKind, RedemptionKind, RedemptionRequest,
};
use bank_sandbox::{
    DINING_OFFER, EXPIRED_OFFER, FIRST_PAYMENT_OFFER, STARBUCKS_OFFER, points_for_line,
};
use common::{Bank, bank, demo, payee};
use rust_decimal::Decimal;

const CARD: &str = "acc-demo-credit";

fn cny(text: &str) -> Amount {
    Amount {
        amount: text.parse().unwrap(),
        currency: "CNY".into(),
    }
}

fn minor(amount: &Amount) -> i64 {
    (amount.amount * Decimal::from(100)).try_into().unwrap()
}

fn initiation(to: &str, amount: &str, offer: Option<(&str, &str)>) -> DomesticInitiation {
    let id = uuid::Uuid::new_v4().simple().to_string();
    DomesticInitiation {
        instruction_identification: id.clone(),
        end_to_end_identification: id,
        local_instrument: None,
        instructed_amount: cny(amount),
        debtor_account: Some(demo(CARD)),
        creditor_account: payee(to),
        remittance_information: None,
        supplementary_data: offer.map(|(offer_id, discount)| {
            serde_json::json!({
                "PurseOffer": { "OfferId": offer_id, "Discount": { "Amount": discount, "Currency": "CNY" } }
            })
        }),
    }
}

/// Consent (carrying the offer, if any), approval and payment; returns the payment's status and id.
async fn pay(bank: &Bank, initiation: &DomesticInitiation) -> (PaymentStatus, String) {
    let consent = bank.domestic_consent(initiation).await.unwrap();
    let token = bank.approve(&consent, "pay").await;
    let paid = bank
        .client
        .create_domestic_payment(
            &token.access_token,
            &DomesticPaymentRequest {
                data: DomesticPaymentRequestData {
                    consent_id: consent,
                    initiation: initiation.clone(),
                },
                risk: PaymentRisk::default(),
            },
            &uuid::Uuid::new_v4().to_string(),
        )
        .await
        .unwrap();
    (paid.data.status, paid.data.domestic_payment_id)
}

async fn quote(bank: &Bank, token: &AccessToken, to: &str, amount: &str) -> OfferQuote {
    bank.client
        .quote_offer(
            token,
            &OfferQuoteRequest {
                debtor_account: demo(CARD),
                creditor_account: payee(to),
                instructed_amount: cny(amount),
                merchant_category_code: None,
            },
        )
        .await
        .unwrap()
}

fn refusal(quote: &OfferQuote, offer_id: &str) -> Option<OfferRefusal> {
    quote
        .not_applied
        .iter()
        .find(|n| n.offer_id == offer_id)
        .map(|n| n.reason)
}

async fn points(bank: &Bank, token: &AccessToken) -> i64 {
    bank.client.points_balance(token).await.unwrap().balance
}

async fn card_line(bank: &Bank, token: &AccessToken, id: &str) -> bank_api::wire::Transaction {
    bank.history(token, CARD)
        .await
        .into_iter()
        .find(|line| line.transaction_id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no line {id} on the card"))
}

#[tokio::test]
async fn the_points_balance_is_exactly_what_the_rules_give_every_booked_card_line() {
    let bank = bank().await;
    let token = bank.token().await;
    let expected: i64 = bank
        .history(&token, CARD)
        .await
        .iter()
        .filter(|line| line.status == EntryStatus::Booked)
        .map(|line| {
            let signed = common::signed(&line.amount, line.credit_debit_indicator);
            let mcc = line
                .merchant_details
                .as_ref()
                .and_then(|m| m.merchant_category_code.as_deref());
            points_for_line((signed * Decimal::from(100)).try_into().unwrap(), mcc)
        })
        .sum();
    let balance = bank.client.points_balance(&token).await.unwrap();
    assert!(expected > 10_000, "two years of card spending earn points");
    assert_eq!(balance.balance, expected);
    assert_eq!(balance.earned - balance.redeemed, expected);
    let history = bank.client.points_history(&token, None).await.unwrap();
    assert_eq!(history.iter().map(|e| e.points).sum::<i64>(), expected);
    assert!(history.iter().any(|e| e.kind == PointsEntryKind::Returned));
    assert!(history.len() > 500, "the history spans more than one page");
}

#[tokio::test]
async fn a_card_payment_at_a_cafe_earns_two_points_per_whole_yuan_once_booked() {
    let bank = bank().await;
    let token = bank.token().await;
    let before = points(&bank, &token).await;
    let (status, _) = pay(&bank, &initiation("acc-m-starbucks", "88.80", None)).await;
    assert_eq!(status, PaymentStatus::AcceptedSettlementCompleted);
    assert_eq!(points(&bank, &token).await, before + 176);
}

#[tokio::test]
async fn a_bill_credit_spends_the_points_and_books_a_credit_line_on_the_card() {
    let bank = bank().await;
    let token = bank.token().await;
    let before = points(&bank, &token).await;
    let redemption = bank
        .client
        .redeem_points(
            &token,
            &RedemptionRequest {
                kind: RedemptionKind::BillCredit,
                points: Some(1_234),
                voucher_id: None,
            },
            "redeem-1",
        )
        .await
        .unwrap();
    assert_eq!(redemption.credit, Some(cny("12.34")));
    assert_eq!(redemption.balance_after, before - 1_234);
    assert_eq!(points(&bank, &token).await, before - 1_234);
    let line = card_line(&bank, &token, redemption.transaction_id.as_deref().unwrap()).await;
    assert_eq!(line.status, EntryStatus::Booked);
    assert_eq!(
        common::signed(&line.amount, line.credit_debit_indicator),
        Decimal::new(1_234, 2)
    );
}

#[tokio::test]
async fn a_redemption_sent_again_with_its_key_answers_the_same_and_spends_the_points_once() {
    let bank = bank().await;
    let token = bank.token().await;
    let before = points(&bank, &token).await;
    let request = RedemptionRequest {
        kind: RedemptionKind::BillCredit,
        points: Some(500),
        voucher_id: None,
    };
    let first = bank
        .client
        .redeem_points(&token, &request, "same-key")
        .await
        .unwrap();
    let again = bank
        .client
        .redeem_points(&token, &request, "same-key")
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(points(&bank, &token).await, before - 500);
    let credits = bank
        .history(&token, CARD)
        .await
        .iter()
        .filter(|l| {
            l.transaction_id
                .as_deref()
                .is_some_and(|id| id.starts_with("tx-points-"))
        })
        .count();
    assert_eq!(credits, 1);
}

#[tokio::test]
async fn asking_for_more_points_than_there_are_is_refused_and_changes_nothing() {
    let bank = bank().await;
    let token = bank.token().await;
    let before = points(&bank, &token).await;
    let lines_before = bank.history(&token, CARD).await.len();
    let refused = bank
        .client
        .redeem_points(
            &token,
            &RedemptionRequest {
                kind: RedemptionKind::BillCredit,
                points: Some(before + 1),
                voucher_id: None,
            },
            "too-many",
        )
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("Not enough points"),
        "{refused}"
    );
    assert_eq!(points(&bank, &token).await, before);
    assert_eq!(bank.history(&token, CARD).await.len(), lines_before);
}

#[tokio::test]
async fn a_voucher_costs_its_points_and_comes_with_a_code() {
    let bank = bank().await;
    let token = bank.token().await;
    let before = points(&bank, &token).await;
    let voucher = bank
        .client
        .redeem_points(
            &token,
            &RedemptionRequest {
                kind: RedemptionKind::Voucher,
                points: None,
                voucher_id: Some("voucher-starbucks-30".into()),
            },
            "voucher-1",
        )
        .await
        .unwrap();
    assert_eq!(voucher.points, 3_000);
    assert_eq!(voucher.voucher_code.as_deref().map(str::len), Some(19));
    assert_eq!(points(&bank, &token).await, before - 3_000);
}

#[tokio::test]
async fn paying_100_at_starbucks_takes_the_quoted_10_off_and_the_offer_is_then_used_up_this_month()
{
    let bank = bank().await;
    let token = bank.token().await;
    let quoted = quote(&bank, &token, "acc-m-starbucks", "100.00").await;
    let offer = quoted.offer.clone().expect("an offer applies");
    assert_eq!(offer.offer_id, STARBUCKS_OFFER);
    assert_eq!(offer.discount, cny("10.00"));
    assert_eq!(quoted.amount_to_pay, cny("90.00"));
    assert_eq!(
        refusal(&quoted, DINING_OFFER),
        Some(OfferRefusal::NotTheBest)
    );

    let (status, payment_id) = pay(
        &bank,
        &initiation(
            "acc-m-starbucks",
            "100.00",
            Some((STARBUCKS_OFFER, "10.00")),
        ),
    )
    .await;
    assert_eq!(status, PaymentStatus::AcceptedSettlementCompleted);
    let line = card_line(&bank, &token, &format!("tx-{payment_id}-out")).await;
    assert_eq!(minor(&line.amount), minor(&quoted.amount_to_pay));
    let uses = bank.client.offer_uses(&token).await.unwrap();
    assert_eq!(uses.len(), 1);
    assert_eq!(uses[0].status, OfferUseStatus::Used);
    assert_eq!(uses[0].discount, offer.discount);
    assert_eq!(uses[0].transaction_id, line.transaction_id);

    let again = quote(&bank, &token, "acc-m-starbucks", "100.00").await;
    assert_eq!(refusal(&again, STARBUCKS_OFFER), Some(OfferRefusal::UsedUp));
    assert_eq!(
        again.offer.map(|o| o.offer_id).as_deref(),
        Some(DINING_OFFER)
    );
    let listed = bank.client.offers(&token).await.unwrap();
    let starbucks = listed
        .iter()
        .find(|o| o.offer_id == STARBUCKS_OFFER)
        .unwrap();
    assert_eq!(
        (starbucks.used_by_customer, starbucks.left_for_customer),
        (1, 0)
    );
    assert_eq!(starbucks.status, OfferStatus::UsedUp);
}

#[tokio::test]
async fn below_their_minimum_spend_offers_give_way_to_5_percent_back_rounded_down_to_the_fen() {
    let bank = bank().await;
    let token = bank.token().await;
    let quoted = quote(&bank, &token, "acc-m-starbucks", "19.99").await;
    for offer in [STARBUCKS_OFFER, FIRST_PAYMENT_OFFER] {
        assert_eq!(
            refusal(&quoted, offer),
            Some(OfferRefusal::BelowMinimumSpend),
            "{offer}"
        );
    }
    let offer = quoted.offer.expect("the dining offer applies");
    assert_eq!(offer.offer_id, DINING_OFFER);
    assert_eq!(offer.discount, cny("0.99"));
    assert_eq!(quoted.amount_to_pay, cny("19.00"));
}

#[tokio::test]
async fn an_expired_offer_and_offers_for_another_merchant_or_category_do_not_apply() {
    let bank = bank().await;
    let token = bank.token().await;
    let quoted = quote(&bank, &token, "acc-m-didi", "20.00").await;
    assert_eq!(refusal(&quoted, EXPIRED_OFFER), Some(OfferRefusal::Expired));
    assert_eq!(
        refusal(&quoted, STARBUCKS_OFFER),
        Some(OfferRefusal::WrongMerchant)
    );
    assert_eq!(
        refusal(&quoted, DINING_OFFER),
        Some(OfferRefusal::WrongCategory)
    );
    let first = quoted
        .offer
        .expect("a first payment to DiDi through the bank");
    assert_eq!(first.offer_id, FIRST_PAYMENT_OFFER);
    assert_eq!(first.discount, cny("5.00"));
}

#[tokio::test]
async fn the_first_payment_offer_applies_only_to_the_first_payment_to_a_merchant() {
    let bank = bank().await;
    let token = bank.token().await;
    pay(
        &bank,
        &initiation("acc-m-didi", "30.00", Some((FIRST_PAYMENT_OFFER, "5.00"))),
    )
    .await;
    let quoted = quote(&bank, &token, "acc-m-didi", "30.00").await;
    assert_eq!(
        refusal(&quoted, FIRST_PAYMENT_OFFER),
        Some(OfferRefusal::NotFirstPayment)
    );
    assert!(quoted.offer.is_none());
    assert_eq!(quoted.amount_to_pay, cny("30.00"));
}

#[tokio::test]
async fn an_offer_whose_budget_is_spent_does_not_apply() {
    let bank = bank().await;
    let token = bank.token().await;
    bank.running
        .set_offer_budget_left(STARBUCKS_OFFER, 999)
        .await
        .unwrap();
    let quoted = quote(&bank, &token, "acc-m-starbucks", "150.00").await;
    assert_eq!(
        refusal(&quoted, STARBUCKS_OFFER),
        Some(OfferRefusal::BudgetExhausted)
    );
    assert_eq!(
        quoted.offer.map(|o| o.offer_id).as_deref(),
        Some(DINING_OFFER)
    );
}

#[tokio::test]
async fn a_consent_expecting_a_discount_the_bank_would_not_give_is_refused_and_nothing_is_held() {
    let bank = bank().await;
    let token = bank.token().await;
    let refused = bank
        .domestic_consent(&initiation(
            "acc-m-starbucks",
            "50.00",
            Some((STARBUCKS_OFFER, "10.00")),
        ))
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("no longer applies"),
        "{refused}"
    );
    assert!(
        refused.to_string().contains("Nothing was paid"),
        "{refused}"
    );
    assert!(bank.client.offer_uses(&token).await.unwrap().is_empty());
    // The right offer with the wrong discount is refused too.
    let wrong_amount = bank
        .domestic_consent(&initiation(
            "acc-m-starbucks",
            "300.00",
            Some((DINING_OFFER, "10.00")),
        ))
        .await
        .unwrap_err();
    assert!(
        wrong_amount.to_string().contains("¥15.00"),
        "{wrong_amount}"
    );
}

#[tokio::test]
async fn a_rejected_payment_gives_its_reserved_offer_back() {
    let bank = bank().await;
    let token = bank.token().await;
    let offered = initiation(
        "acc-m-starbucks",
        "100.00",
        Some((STARBUCKS_OFFER, "10.00")),
    );
    bank.running
        .set_account_status(CARD, "Frozen")
        .await
        .unwrap();
    let (status, _) = pay(&bank, &offered).await;
    assert_eq!(status, PaymentStatus::Rejected);
    bank.running
        .set_account_status(CARD, "Enabled")
        .await
        .unwrap();
    assert!(bank.client.offer_uses(&token).await.unwrap().is_empty());
    let quoted = quote(&bank, &token, "acc-m-starbucks", "100.00").await;
    assert_eq!(
        quoted.offer.map(|o| o.offer_id).as_deref(),
        Some(STARBUCKS_OFFER)
    );
}
