//! The demo bank's rewards catalogue: the vouchers points buy, and the offers it runs, written once when
//! the bank opens without them (their validity counted in days from then).

use chrono::Duration;
use sqlx::SqliteConnection;

pub struct Voucher {
    pub id: &'static str,
    pub title: &'static str,
    pub points: i64,
    pub value_minor: i64,
}

pub const VOUCHERS: &[Voucher] = &[
    Voucher {
        id: "voucher-starbucks-30",
        title: "星巴克 ¥30 电子券 Starbucks ¥30 voucher",
        points: 3_000,
        value_minor: 3_000,
    },
    Voucher {
        id: "voucher-didi-15",
        title: "滴滴出行 ¥15 券 DiDi ¥15 ride voucher",
        points: 1_500,
        value_minor: 1_500,
    },
];

struct SeedOffer {
    id: &'static str,
    kind: &'static str,
    title: &'static str,
    description: &'static str,
    merchant: Option<(&'static str, &'static str)>,
    mccs: &'static str,
    min_spend_minor: i64,
    discount_minor: Option<i64>,
    percent_bps: Option<i64>,
    cap_minor: Option<i64>,
    /// Days from the first request: when it starts and when it ends.
    valid_days: (i64, i64),
    per_customer_limit: i64,
    period: &'static str,
    budget_minor: i64,
}

pub const STARBUCKS_OFFER: &str = "offer-starbucks-100-10";
pub const FIRST_PAYMENT_OFFER: &str = "offer-first-merchant-5";
pub const DINING_OFFER: &str = "offer-dining-5pct";
pub const EXPIRED_OFFER: &str = "offer-didi-double11";

const OFFERS: &[SeedOffer] = &[
    SeedOffer {
        id: STARBUCKS_OFFER,
        kind: "Merchant",
        title: "星巴克满100减10 Starbucks: ¥10 off ¥100",
        description: "Spend ¥100 or more at 星巴克 Starbucks in one payment and get ¥10 off. Once a month.",
        merchant: Some(("UK.OBIE.SortCodeAccountNumber", "60161300005814")),
        mccs: "",
        min_spend_minor: 10_000,
        discount_minor: Some(1_000),
        percent_bps: None,
        cap_minor: None,
        valid_days: (-30, 180),
        per_customer_limit: 1,
        period: "Month",
        budget_minor: 5_000_000,
    },
    SeedOffer {
        id: FIRST_PAYMENT_OFFER,
        kind: "FirstPayment",
        title: "新商户首单立减5元 ¥5 off a first payment",
        description: "¥5 off your first payment of ¥20 or more to a merchant you have never paid before. Up to 3 a month.",
        merchant: None,
        mccs: "",
        min_spend_minor: 2_000,
        discount_minor: Some(500),
        percent_bps: None,
        cap_minor: None,
        valid_days: (-30, 180),
        per_customer_limit: 3,
        period: "Month",
        budget_minor: 200_000,
    },
    SeedOffer {
        id: DINING_OFFER,
        kind: "CategoryCashback",
        title: "餐饮5%返现 5% back on dining",
        description: "5% off dining (restaurants, cafés, fast food) of ¥10 or more, at most ¥20 a payment. Up to 5 a month.",
        merchant: None,
        mccs: "5811,5812,5813,5814",
        min_spend_minor: 1_000,
        discount_minor: None,
        percent_bps: Some(500),
        cap_minor: Some(2_000),
        valid_days: (-30, 180),
        per_customer_limit: 5,
        period: "Month",
        budget_minor: 1_000_000,
    },
    SeedOffer {
        id: EXPIRED_OFFER,
        kind: "Merchant",
        title: "双11滴滴满15减3 Double 11: ¥3 off DiDi",
        description: "¥3 off a DiDi ride of ¥15 or more, twice, until the end of the Double 11 week.",
        merchant: Some(("UK.OBIE.SortCodeAccountNumber", "60161300004121")),
        mccs: "",
        min_spend_minor: 1_500,
        discount_minor: Some(300),
        percent_bps: None,
        cap_minor: None,
        valid_days: (-40, -8),
        per_customer_limit: 2,
        period: "Validity",
        budget_minor: 100_000,
    },
];

/// Writes the catalogue if the bank has none yet.
pub async fn ensure_offers(conn: &mut SqliteConnection, now: i64) -> sqlx::Result<()> {
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM offers)")
        .fetch_one(&mut *conn)
        .await?;
    if any {
        return Ok(());
    }
    let day = Duration::days(1).num_milliseconds();
    for offer in OFFERS {
        sqlx::query(
            "INSERT INTO offers (offer_id, kind, title, description, merchant_scheme, merchant_identification,
                 mccs, currency, min_spend_minor, discount_minor, percent_bps, cap_minor, valid_from, valid_to,
                 per_customer_limit, period, budget_minor)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(offer.id)
        .bind(offer.kind)
        .bind(offer.title)
        .bind(offer.description)
        .bind(offer.merchant.map(|m| m.0))
        .bind(offer.merchant.map(|m| m.1))
        .bind(offer.mccs)
        .bind(offer.min_spend_minor)
        .bind(offer.discount_minor)
        .bind(offer.percent_bps)
        .bind(offer.cap_minor)
        .bind(now + offer.valid_days.0 * day)
        .bind(now + offer.valid_days.1 * day)
        .bind(offer.per_customer_limit)
        .bind(offer.period)
        .bind(offer.budget_minor)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
