//! Points (a vendor extension): card purchases earn them by the bank's rules when they book, refunds take
//! them back, and the customer redeems them for a bill credit on the card or a voucher. Whole numbers only.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bank_api::wire::{
    Amount, Envelope, Links, Meta, Permission, PointsBalance, PointsEntry, PointsEntryKind,
    PointsHistory, REWARDS_PREFIX, Redemption, RedemptionKind, RedemptionRequest, VoucherOption,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand::Rng;
use rust_decimal::Decimal;
use serde::Deserialize;
use sqlx::{Row, SqliteConnection};

use crate::consents::authorised_customer;
use crate::ob_error::ObError;
use crate::rewards_seed::{VOUCHERS, Voucher};
use crate::state::BankState;
use crate::{auth, books, idempotency};

/// 100 points make ¥1 of bill credit: one point is one fen.
pub const POINTS_PER_YUAN: i64 = 100;
/// The smallest bill credit, in points (¥1).
pub const MINIMUM_BILL_CREDIT: i64 = 100;
const HISTORY_PAGE: i64 = 500;
pub(crate) const READ: &[Permission] = &[
    Permission::ReadAccountsBasic,
    Permission::ReadAccountsDetail,
];

/// Dining (restaurants, fast food) and travel (airlines, hotels, car hire, travel agents) earn double.
fn earns_double(mcc: &str) -> bool {
    let Ok(code) = mcc.parse::<u32>() else {
        return false;
    };
    matches!(code, 5811..=5814 | 3000..=3999 | 4411 | 4511 | 4722 | 7011 | 7512)
}

/// What one booked card line does to the points balance: a purchase earns 1 point per whole ¥1 it cost
/// (2 for dining and travel), a refund takes back what the same amount earns. Lines without a merchant
/// category (transfers, repayments, credits) earn nothing.
pub fn points_for_line(amount_minor: i64, mcc: Option<&str>) -> i64 {
    let Some(mcc) = mcc else { return 0 };
    let whole_yuan = amount_minor.abs() / 100;
    let points = whole_yuan * if earns_double(mcc) { 2 } else { 1 };
    if amount_minor < 0 { points } else { -points }
}

/// Writes the points of every booked credit-card line not yet counted (dated when the line booked), so
/// the ledger holds what the rules give for every line booked by `now`, each line once.
pub async fn accrue(conn: &mut SqliteConnection, now: i64) -> sqlx::Result<()> {
    let lines = sqlx::query(
        "SELECT a.customer_id, t.account_id, t.transaction_id, t.book_at, t.amount_minor, t.mcc,
                COALESCE(t.merchant, t.information) AS label
         FROM accounts a JOIN transactions t ON t.account_id = a.account_id
         WHERE a.sub_type = 'CreditCard' AND t.book_at <= ? AND t.rejected = 0 AND t.mcc IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM points_ledger p WHERE p.entry_id = 'earn-' || t.transaction_id)",
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    for line in lines {
        let amount: i64 = line.try_get("amount_minor")?;
        let mcc: Option<String> = line.try_get("mcc")?;
        let points = points_for_line(amount, mcc.as_deref());
        let label: String = line.try_get("label")?;
        let (kind, description) = if amount < 0 {
            ("Earned", label)
        } else {
            ("Returned", format!("退款 Refund: {label}"))
        };
        let transaction_id: String = line.try_get("transaction_id")?;
        sqlx::query(
            "INSERT OR IGNORE INTO points_ledger (entry_id, customer_id, at, points, kind, description,
                 transaction_id, account_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(format!("earn-{transaction_id}"))
        .bind(line.try_get::<String, _>("customer_id")?)
        .bind(line.try_get::<i64, _>("book_at")?)
        .bind(points)
        .bind(kind)
        .bind(description)
        .bind(&transaction_id)
        .bind(line.try_get::<String, _>("account_id")?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The customer's points now.
pub async fn balance_of(conn: &mut SqliteConnection, customer: &str) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COALESCE(SUM(CASE WHEN kind != 'Redeemed' THEN points END), 0) AS earned,
                COALESCE(-SUM(CASE WHEN kind = 'Redeemed' THEN points END), 0) AS redeemed
         FROM points_ledger WHERE customer_id = ?",
    )
    .bind(customer)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("earned")?, row.try_get("redeemed")?))
}

async fn credit_card_of(
    conn: &mut SqliteConnection,
    customer: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT account_id FROM accounts WHERE customer_id = ? AND sub_type = 'CreditCard'
         AND status = 'Enabled' ORDER BY account_id LIMIT 1",
    )
    .bind(customer)
    .fetch_optional(conn)
    .await
}

fn yuan(minor: i64) -> Amount {
    Amount {
        amount: Decimal::new(minor, 2),
        currency: "CNY".into(),
    }
}

fn voucher_option(voucher: &Voucher) -> VoucherOption {
    VoucherOption {
        voucher_id: voucher.id.into(),
        title: voucher.title.into(),
        points: voucher.points,
        value: yuan(voucher.value_minor),
    }
}

/// Brings the books and the points up to now, and says whose they are.
async fn ready(bank: &BankState, headers: &HeaderMap) -> Result<String, ObError> {
    let customer = authorised_customer(bank, headers, READ).await?;
    bank.catch_up().await?;
    let mut tx = bank.pool.begin_with("BEGIN IMMEDIATE").await?;
    accrue(&mut tx, bank.now_millis()).await?;
    tx.commit().await?;
    Ok(customer)
}

fn links(bank: &BankState, path: &str) -> Links {
    Links {
        self_: format!("{}{REWARDS_PREFIX}{path}", bank.base_url),
        ..Links::default()
    }
}

pub async fn balance(
    State(bank): State<BankState>,
    headers: HeaderMap,
) -> Result<Json<Envelope<PointsBalance>>, ObError> {
    let customer = ready(&bank, &headers).await?;
    let mut conn = bank.pool.acquire().await?;
    let (earned, redeemed) = balance_of(&mut conn, &customer).await?;
    Ok(Json(Envelope {
        data: PointsBalance {
            balance: earned - redeemed,
            earned,
            redeemed,
            points_per_yuan: POINTS_PER_YUAN,
            minimum_bill_credit: MINIMUM_BILL_CREDIT,
            bill_credit_account_id: credit_card_of(&mut conn, &customer).await?,
            vouchers: VOUCHERS.iter().map(voucher_option).collect(),
        },
        links: links(&bank, "/points"),
        meta: Meta::default(),
    }))
}

#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    #[serde(rename = "fromBookingDateTime")]
    from: Option<String>,
    cursor: Option<String>,
}

fn encode_cursor(at: i64, entry_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{at}_{entry_id}"))
}

fn decode_cursor(cursor: &str) -> Option<(i64, String)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let (at, id) = text.split_once('_')?;
    Some((at.parse().ok()?, id.to_string()))
}

/// Oldest first, 500 a page, `Links.Next` carrying an opaque cursor (as the transactions are paged).
pub async fn history(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Query(query): Query<HistoryQuery>,
) -> Result<Json<Envelope<PointsHistory>>, ObError> {
    let customer = ready(&bank, &headers).await?;
    let from = match &query.from {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|_| {
                ObError::invalid_field("fromBookingDateTime must be an ISO 8601 date-time.")
            })?
            .timestamp_millis(),
        None => i64::MIN,
    };
    let (after_at, after_id) = match &query.cursor {
        Some(cursor) => decode_cursor(cursor)
            .ok_or_else(|| ObError::invalid_field("This cursor was not given out by the bank."))?,
        None => (i64::MIN, String::new()),
    };
    let rows = sqlx::query(
        "SELECT entry_id, at, points, kind, description, transaction_id, account_id FROM points_ledger
         WHERE customer_id = ?1 AND at >= ?2 AND (at > ?3 OR (at = ?3 AND entry_id > ?4))
         ORDER BY at, entry_id LIMIT ?5",
    )
    .bind(&customer)
    .bind(from)
    .bind(after_at)
    .bind(&after_id)
    .bind(HISTORY_PAGE + 1)
    .fetch_all(&bank.pool)
    .await?;
    let more = rows.len() as i64 > HISTORY_PAGE;
    let mut entries = Vec::new();
    for row in rows.iter().take(HISTORY_PAGE as usize) {
        let kind = match row.try_get::<String, _>("kind")?.as_str() {
            "Earned" => PointsEntryKind::Earned,
            "Returned" => PointsEntryKind::Returned,
            _ => PointsEntryKind::Redeemed,
        };
        entries.push(PointsEntry {
            entry_id: row.try_get("entry_id")?,
            booking_date_time: DateTime::<Utc>::from_timestamp_millis(row.try_get("at")?)
                .unwrap_or_default(),
            points: row.try_get("points")?,
            kind,
            description: row.try_get("description")?,
            transaction_id: row.try_get("transaction_id")?,
            account_id: row.try_get("account_id")?,
        });
    }
    let mut links = links(&bank, "/points/history");
    if more && let Some(last) = entries.last() {
        let mut next = format!(
            "{}?cursor={}",
            links.self_,
            encode_cursor(last.booking_date_time.timestamp_millis(), &last.entry_id)
        );
        if let Some(from) = &query.from {
            next.push_str("&fromBookingDateTime=");
            next.push_str(
                &url::form_urlencoded::byte_serialize(from.as_bytes()).collect::<String>(),
            );
        }
        links.next = Some(next);
    }
    Ok(Json(Envelope {
        data: PointsHistory { entry: entries },
        links,
        meta: Meta::default(),
    }))
}

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
    let key = idempotency::key(&headers)?;
    let Json(body) =
        body.map_err(|e| ObError::invalid_field(format!("The body is not JSON: {e}")))?;
    let fingerprint = idempotency::fingerprint(&body);
    let mut tx = bank.pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(replayed) =
        idempotency::replay(&mut tx, &caller.client_id, &key, &fingerprint, now).await?
    {
        return Ok(replayed);
    }
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
    idempotency::remember(
        &mut tx,
        &caller.client_id,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        &body,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(idempotency::json_response(StatusCode::CREATED, body))
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
    fn a_purchase_earns_one_point_per_whole_yuan_and_dining_or_travel_two() {
        assert_eq!(points_for_line(-12_399, Some("5411")), 123);
        assert_eq!(points_for_line(-99, Some("5411")), 0);
        assert_eq!(points_for_line(-4_550, Some("5814")), 90);
        assert_eq!(points_for_line(-100_000, Some("7011")), 2_000);
    }

    #[test]
    fn a_refund_takes_back_what_its_amount_earns_and_transfers_earn_nothing() {
        assert_eq!(points_for_line(5_099, Some("5732")), -50);
        assert_eq!(points_for_line(-50_000, None), 0);
    }

    #[test]
    fn a_voucher_code_is_four_groups_of_four() {
        let code = voucher_code();
        assert_eq!(code.len(), 19);
        assert_eq!(code.split('-').count(), 4);
    }
}
