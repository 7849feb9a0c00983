//! `bank-sandbox seed --transactions N`: adds a long deterministic history to the demo customer's books
//! (ten years of card spending, spread over the CNY accounts), so a wallet can be synced against a bank
//! with a million lines. The same seed always gives the same lines.

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::seed::{CREDIT, EVERYDAY, EWALLET, SALARY};

/// Merchant, MCC and typical spend in fen.
const MERCHANTS: &[(&str, &str, i64)] = &[
    ("盒马鲜生 Freshippo", "5411", 12_000),
    ("星巴克 Starbucks", "5814", 3_800),
    ("美团外卖 Meituan", "5814", 4_500),
    ("海底捞 Haidilao", "5812", 25_000),
    ("滴滴出行 DiDi", "4121", 3_500),
    ("上海地铁 Shanghai Metro", "4111", 500),
    ("淘宝 Taobao", "5399", 15_000),
    ("京东 JD.com", "5732", 60_000),
    ("优衣库 Uniqlo", "5651", 20_000),
    ("万达影城 Wanda Cinema", "7832", 9_000),
];
const ACCOUNTS: &[&str] = &[SALARY, EVERYDAY, CREDIT, EWALLET];
const BATCH: usize = 2_000;

/// Writes `count` more booked card payments over the ten years before `now`, in one transaction.
pub async fn add_history(
    pool: &SqlitePool,
    count: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5075_7273_654d);
    let start = now - Duration::days(3650);
    let span = (now - start).num_milliseconds();
    let mut tx = pool.begin().await?;
    let mut made = 0;
    while made < count {
        let end = (made + BATCH).min(count);
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor,
                 information, merchant, mcc, bank_code) ",
        );
        let rows: Vec<(usize, &str, i64, i64, &str, &str)> = (made..end)
            .map(|i| {
                let (merchant, mcc, typical) = MERCHANTS[rng.gen_range(0..MERCHANTS.len())];
                let at = start.timestamp_millis() + span * i as i64 / count as i64;
                let amount = -rng.gen_range(typical / 4..typical * 2);
                (
                    i,
                    ACCOUNTS[rng.gen_range(0..ACCOUNTS.len())],
                    at,
                    amount,
                    merchant,
                    mcc,
                )
            })
            .collect();
        query.push_values(rows, |mut row, (i, account, at, amount, merchant, mcc)| {
            row.push_bind(format!("tx-bulk-{i:08}"))
                .push_bind(account)
                .push_bind(at)
                .push_bind(at)
                .push_bind(amount)
                .push_bind(format!("消费 {merchant}"))
                .push_bind(merchant)
                .push_bind(mcc)
                .push_bind("PURCHASE");
        });
        query.build().execute(&mut *tx).await?;
        made = end;
    }
    // The new lines reach back ten years: every later line's balance moves, once, here.
    crate::books::restate_running(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
