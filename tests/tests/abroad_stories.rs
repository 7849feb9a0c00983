//! Sending money abroad through the wallet's handlers against a real sandbox bank on loopback: the quote a
//! person sees (rate, fee, what arrives, until when), paying it with the PIN and the authenticator code,
//! the conversion in the bills; an expired quote is never paid and a new one is; a bank that applies any
//! other rate is reported, never shown as paid.

mod common;

use chrono::Duration;
use rust_decimal::Decimal;
use wallet_app::clock::Clock;
use wallet_app::dto::abroad::{
    ChargeBearer, InternationalQuoteDto, InternationalQuoteRequest, PayInternationalRequest,
    RecipientAbroadDraft,
};
use wallet_app::dto::security::ConfirmSecondFactor;
use wallet_app::dto::{AccountDto, Payment, PaymentStatusDto, TransactionQuery};
use wallet_app::{ApiError, ErrorCode, Wallet};

fn to_anna(from: &AccountDto, amount: &str, bearer: ChargeBearer) -> InternationalQuoteRequest {
    InternationalQuoteRequest {
        from_account_id: from.id.clone(),
        recipient: RecipientAbroadDraft {
            name: "Anna Schmidt".into(),
            account: "DE89 3704 0044 0532 0130 00".into(),
            bic: "COBADEFFXXX".into(),
            country: "DE".into(),
        },
        currency: "EUR".into(),
        amount: amount.into(),
        charge_bearer: bearer,
        note: Some("Rent December".into()),
    }
}

/// A firm quote for sending `amount` euros to Anna from `from`.
async fn quote_to_anna(
    wallet: &Wallet,
    from: &AccountDto,
    amount: &str,
    bearer: ChargeBearer,
) -> InternationalQuoteDto {
    wallet
        .payments()
        .unwrap()
        .quote_international(to_anna(from, amount, bearer))
        .await
        .unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// A person abroad is a new payee in another country: the risk checks ask for the second factor, so the
/// stories set one up first, as the window would send them to.
async fn enrol(w: &common::World) -> second_factor::Secret {
    let (_, key) = common::begin_second_factor(&w.wallet).await;
    w.wallet
        .security()
        .unwrap()
        .confirm_second_factor(ConfirmSecondFactor {
            code: code_now(w, &key).into(),
            pin: common::PIN.into(),
        })
        .await
        .unwrap();
    key
}

fn code_now(w: &common::World, key: &second_factor::Secret) -> String {
    w.clock.advance(Duration::seconds(31));
    let now = u64::try_from(w.clock.now().timestamp()).unwrap();
    second_factor::code_at(key, now)
}

/// Pays `quote` as the window would: the PIN and a fresh second-factor code.
async fn pay_now(
    w: &common::World,
    quote: &InternationalQuoteDto,
    key: &second_factor::Secret,
) -> Result<Payment, ApiError> {
    let request = PayInternationalRequest {
        quote_id: quote.id.clone(),
        pin: common::PIN.into(),
        second_factor: Some(code_now(w, key).into()),
    };
    w.wallet
        .payments()
        .unwrap()
        .pay_international(request, &common::no_payment_events)
        .await
}

async fn balance(wallet: &Wallet, name: &str) -> Decimal {
    common::account_named(wallet, name)
        .await
        .balance
        .amount
        .parse()
        .unwrap()
}

#[tokio::test]
async fn sending_euros_abroad_shows_the_quote_pays_at_its_rate_and_books_the_conversion() {
    let w = common::ready_to_pay().await;
    let key = enrol(&w).await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    let before = balance(&w.wallet, "Salary").await;

    let quote = quote_to_anna(&w.wallet, &salary, "1,000", ChargeBearer::Shared).await;
    let rate = dec(&quote.rate);
    assert_eq!(
        (quote.unit_currency.as_str(), quote.rate_currency.as_str()),
        ("EUR", "CNY")
    );
    assert!(rate > dec("7") && rate < dec("9"), "{rate}");
    assert_eq!(
        dec(&quote.converted.amount),
        (dec("1000") * rate).round_dp(2)
    );
    assert_eq!(dec(&quote.fee.amount), dec("50"));
    assert_eq!(
        dec(&quote.debited.amount),
        dec(&quote.converted.amount) + dec("50")
    );
    // The correspondent's CNY 100 comes out of the euros: the recipient gets a little less than 1000.
    assert_eq!(
        dec(&quote.delivered.amount),
        dec("1000") - dec(&quote.deducted.amount)
    );
    assert!(dec(&quote.deducted.amount) > dec("12") && dec(&quote.deducted.amount) < dec("14"));
    assert_eq!(quote.recipient_masked_account, "•••• 3000");
    let expires: chrono::DateTime<chrono::Utc> = quote.expires_at.parse().unwrap();
    assert_eq!(
        expires,
        w.clock.now() + bank_sandbox::DEFAULT_QUOTE_LIFETIME
    );

    let paid = pay_now(&w, &quote, &key).await.unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Sent, "{paid:?}");
    assert_eq!(dec(&paid.amount.amount), dec(&quote.debited.amount));
    let listed = w.wallet.payments().unwrap().list_payments().await.unwrap();
    assert_eq!(listed[0].id, paid.id);
    assert_eq!(listed[0].payee_name, "Anna Schmidt");

    // It reaches the correspondent bank two minutes later; the next sync finds it booked.
    w.clock.advance(bank_sandbox::INTERNATIONAL_SETTLEMENT);
    w.sync().await;
    w.wallet
        .payments()
        .unwrap()
        .resume_payments(&common::no_payment_events)
        .await
        .unwrap();
    let done = w
        .wallet
        .payments()
        .unwrap()
        .get_payment(&paid.id)
        .await
        .unwrap();
    assert_eq!(done.status, PaymentStatusDto::Completed);
    let bills = common::all_bills(
        &w.wallet,
        TransactionQuery {
            account_id: Some(salary.id.clone()),
            text: Some("Rent December".into()),
            ..TransactionQuery::default()
        },
    )
    .await;
    assert_eq!(bills.len(), 1, "{bills:?}");
    let line = &bills[0];
    assert_eq!(dec(&line.amount.amount), -dec(&quote.converted.amount));
    let original = line.original_amount.as_ref().expect("the conversion");
    assert_eq!(
        (dec(&original.amount).abs(), original.currency.as_str()),
        (dec("1000"), "EUR")
    );
    assert_eq!(
        balance(&w.wallet, "Salary").await,
        before - dec(&quote.debited.amount)
    );
}

#[tokio::test]
async fn an_expired_quote_is_not_paid_and_a_new_quote_is() {
    let w = common::ready_to_pay().await;
    let key = enrol(&w).await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    let first = quote_to_anna(&w.wallet, &salary, "200", ChargeBearer::BorneByDebtor).await;
    w.clock.advance(bank_sandbox::DEFAULT_QUOTE_LIFETIME);
    let refused = pay_now(&w, &first, &key).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::QuoteExpired, "{refused:?}");
    assert!(
        refused.message.contains("get a new quote"),
        "{}",
        refused.message
    );
    assert!(
        w.wallet
            .payments()
            .unwrap()
            .list_payments()
            .await
            .unwrap()
            .is_empty()
    );

    let again = quote_to_anna(&w.wallet, &salary, "200", ChargeBearer::BorneByDebtor).await;
    assert_ne!(again.id, first.id);
    // Borne by the payer: both charges from the account, the whole 200 arrives.
    assert_eq!(dec(&again.fee.amount), dec("150"));
    assert_eq!(dec(&again.delivered.amount), dec("200"));
    let paid = pay_now(&w, &again, &key).await.unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Sent, "{paid:?}");
    // A quote pays once.
    let twice = pay_now(&w, &again, &key).await.unwrap_err();
    assert_eq!(twice.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_bank_answer_at_another_rate_is_reported_as_failed_never_as_paid() {
    let w = common::ready_to_pay().await;
    let key = enrol(&w).await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    let quote = quote_to_anna(&w.wallet, &salary, "100", ChargeBearer::Shared).await;
    w.bank.as_ref().unwrap().misquote_next_international_rate();
    let paid = pay_now(&w, &quote, &key).await.unwrap();
    assert_eq!(paid.status, PaymentStatusDto::Failed, "{paid:?}");
    let reason = paid.status_reason.unwrap();
    assert!(
        reason.contains(&format!("instead of the accepted {}", quote.rate)),
        "{reason}"
    );
    // Followed up later, it stays failed: the wallet never turns it into a completed payment.
    w.clock.advance(bank_sandbox::INTERNATIONAL_SETTLEMENT);
    w.wallet
        .payments()
        .unwrap()
        .resume_payments(&common::no_payment_events)
        .await
        .unwrap();
    assert_eq!(
        w.wallet
            .payments()
            .unwrap()
            .get_payment(&paid.id)
            .await
            .unwrap()
            .status,
        PaymentStatusDto::Failed
    );
}

#[tokio::test]
async fn a_recipient_with_a_mistyped_iban_gets_no_quote_and_nothing_is_asked_of_the_bank() {
    let w = common::ready_to_pay().await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    let mut request = to_anna(&salary, "100", ChargeBearer::Shared);
    request.recipient.account = "DE89 3704 0044 0532 0130 01".into();
    let refused = w
        .wallet
        .payments()
        .unwrap()
        .quote_international(request)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        refused.message.contains("check digits"),
        "{}",
        refused.message
    );
}

#[tokio::test]
async fn a_payment_abroad_is_held_to_the_limits_in_yuan_at_the_quoted_rate() {
    let w = common::ready_to_pay().await;
    let key = enrol(&w).await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    // ¥50,000 a payment by default: 6,500 EUR is about ¥50,800 at the quote (and far below 50,000 euros).
    let quote = quote_to_anna(&w.wallet, &salary, "6500", ChargeBearer::Shared).await;
    assert!(dec(&quote.debited.amount) > dec("50000"), "{quote:?}");
    let refused = pay_now(&w, &quote, &key).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::RiskBlocked, "{refused:?}");
    assert!(refused.message.contains("limit"), "{}", refused.message);
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
async fn a_payment_abroad_whose_answer_is_lost_after_the_bank_committed_is_made_once() {
    let w = common::ready_to_pay().await;
    let key = enrol(&w).await;
    let salary = common::account_named(&w.wallet, "Salary").await;
    let quote = quote_to_anna(&w.wallet, &salary, "80", ChargeBearer::Shared).await;
    let bank = w.bank.as_ref().unwrap();
    let fees_before = bank.count_lines("acc-demo-salary", "FEE").await.unwrap();
    bank.lose_next_payment_response();
    let paid = pay_now(&w, &quote, &key).await.unwrap();
    // The retry under the same key got the bank's first answer: one payment, one fee.
    assert_eq!(paid.status, PaymentStatusDto::Sent, "{paid:?}");
    assert_eq!(
        bank.count_lines("acc-demo-salary", "FEE").await.unwrap(),
        fees_before + 1
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
}
