//! Redeeming points (a vendor extension): a bill credit, booked as a credit line on the credit card, or a
//! voucher with a code. Once per idempotency key; more points than the balance changes nothing.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{Envelope, Meta, Redemption, RedemptionKind, RedemptionRequest};
use chrono::{DateTime, Utc};
use rand::Rng;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::consents::authorised_customer;
use crate::idempotency::{self, Start};
use crate::ob_error::ObError;
use crate::points::{
    MINIMUM_BILL_CREDIT, POINTS_PER_YUAN, READ, accrue, balance_of, credit_card_of, links, yuan,
};
use crate::rewards_seed::VOUCHERS;
use crate::state::BankState;
use crate::{auth, books};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RedemptionBody {
    data: RedemptionRequest,
}

fn not_enough(balance: i64, asked: i64) -> ObError {
    ObError::new(
        StatusCode::BAD_REQUEST,
        "UK.OBIE.Rules.FailsControlParameters",
        format!("Not enough points: {balance} available, {asked} needed. Nothing was redeemed."),
    )
}

/// `POST /purse/v1/points/redemptions`: spends points on a bill credit (booked as a credit line on the
/// card) or a voucher. Once per idempotency key; not enough points changes nothing.
pub async fn redeem(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ObError> {
    let customer = authorised_customer(&bank, &headers, READ).await?;
    bank.catch_up().await?;
    let now = bank.now_millis();
    let caller = auth::caller(&bank.pool, &headers, now).await?;
    let (mut tx, body, ticket) =
        match idempotency::start(&bank.pool, &headers, &caller.client_id, body, now).await? {
            Start::Fresh(tx, body, ticket) => (tx, body, ticket),
            Start::Replayed(response) => return Ok(response),
        };
    let RedemptionBody { data: request } = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The redemption is not valid: {e}")))?;
    accrue(&mut tx, now).await?;
    let (earned, redeemed) = balance_of(&mut tx, &customer).await?;
    let balance = earned - redeemed;
    let redemption_id = format!("rdm-{}", uuid::Uuid::new_v4());
    let mut answer = Redemption {
        redemption_id: redemption_id.clone(),
        kind: request.kind,
        points: 0,
        creation_date_time: DateTime::<Utc>::from_timestamp_millis(now).unwrap_or_default(),
        balance_after: 0,
        credit: None,
        account_id: None,
        transaction_id: None,
        voucher_title: None,
        voucher_code: None,
    };
    let description = match request.kind {
        RedemptionKind::BillCredit => {
            let points = request
                .points
                .ok_or_else(|| ObError::invalid_field("Points is required for a bill credit."))?;
            if points < MINIMUM_BILL_CREDIT {
                return Err(ObError::invalid_field(format!(
                    "A bill credit takes at least {MINIMUM_BILL_CREDIT} points."
                )));
            }
            if points > balance {
                return Err(not_enough(balance, points));
            }
            let card = credit_card_of(&mut tx, &customer)
                .await?
                .ok_or_else(|| ObError::invalid_field("There is no credit card to credit."))?;
            // 100 points = ¥1 = 100 fen.
            let credit_minor = points * 100 / POINTS_PER_YUAN;
            let transaction_id = format!("tx-points-{redemption_id}");
            sqlx::query(
                "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor,
                     information, bank_code)
                 VALUES (?, ?, ?, ?, ?, ?, 'POINTS')",
            )
            .bind(&transaction_id)
            .bind(&card)
            .bind(now)
            .bind(now)
            .bind(credit_minor)
            .bind(format!("积分抵扣 Points bill credit ({points} points)"))
            .execute(&mut *tx)
            .await?;
            books::restate_running(&mut tx).await?;
            answer.points = points;
            answer.credit = Some(yuan(credit_minor));
            answer.account_id = Some(card);
            answer.transaction_id = Some(transaction_id);
            format!("积分抵扣 Bill credit ¥{}", Decimal::new(credit_minor, 2))
        }
        RedemptionKind::Voucher => {
            let id = request
                .voucher_id
                .as_deref()
                .ok_or_else(|| ObError::invalid_field("VoucherId is required for a voucher."))?;
            let voucher = VOUCHERS
                .iter()
                .find(|v| v.id == id)
                .ok_or_else(|| ObError::invalid_field(format!("There is no voucher {id}.")))?;
            if voucher.points > balance {
                return Err(not_enough(balance, voucher.points));
            }
            answer.points = voucher.points;
            answer.voucher_title = Some(voucher.title.into());
            answer.voucher_code = Some(voucher_code());
            format!("兑换 Voucher: {}", voucher.title)
        }
    };
    answer.balance_after = balance - answer.points;
    sqlx::query(
        "INSERT INTO points_redemptions (redemption_id, customer_id, kind, points, account_id, credit_minor,
             transaction_id, voucher_id, voucher_code, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&redemption_id)
    .bind(&customer)
    .bind(match request.kind {
        RedemptionKind::BillCredit => "BillCredit",
        RedemptionKind::Voucher => "Voucher",
    })
    .bind(answer.points)
    .bind(&answer.account_id)
    .bind(answer.credit.as_ref().map(|_| answer.points * 100 / POINTS_PER_YUAN))
    .bind(&answer.transaction_id)
    .bind(&request.voucher_id)
    .bind(&answer.voucher_code)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO points_ledger (entry_id, customer_id, at, points, kind, description, transaction_id,
             account_id)
         VALUES (?, ?, ?, ?, 'Redeemed', ?, ?, ?)",
    )
    .bind(format!("redeem-{redemption_id}"))
    .bind(&customer)
    .bind(now)
    .bind(-answer.points)
    .bind(description)
    .bind(&answer.transaction_id)
    .bind(&answer.account_id)
    .execute(&mut *tx)
    .await?;
    let body = serde_json::to_string(&Envelope {
        data: answer,
        links: links(&bank, &format!("/points/redemptions/{redemption_id}")),
        meta: Meta::default(),
    })
    .map_err(ObError::internal)?;
    let answer = ticket.answer(tx, StatusCode::CREATED, body, now).await?;
    Ok(answer)
}

/// 16 characters in four groups, without letters that look like digits.
fn voucher_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|i| {
            let c = char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]);
            if i > 0 && i % 4 == 0 {
                format!("-{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voucher_code_is_four_groups_of_four() {
        let code = voucher_code();
        assert_eq!(code.len(), 19);
        assert_eq!(code.split('-').count(), 4);
    }
}
