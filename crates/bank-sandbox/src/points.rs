//! Points (a vendor extension): card purchases earn them by the bank's rules when they book, refunds take
//! them back; the balance and its history. Whole numbers only. Redeeming them: `points_redemption`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use bank_api::wire::{
    Amount, Envelope, Links, Meta, Permission, PointsBalance, PointsEntry, PointsEntryKind,
    PointsHistory, REWARDS_PREFIX, VoucherOption,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use sqlx::{Row, SqliteConnection};

use crate::consents::authorised_customer;
use crate::ob_error::ObError;
use crate::rewards_seed::{VOUCHERS, Voucher};
use crate::state::BankState;

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

pub(crate) async fn credit_card_of(
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

pub(crate) fn yuan(minor: i64) -> Amount {
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

pub(crate) fn links(bank: &BankState, path: &str) -> Links {
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
}
