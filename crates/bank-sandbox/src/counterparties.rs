//! Everyone the demo customer can pay: two people and three merchants, spread over the two hosted banks,
//! so every payment route (same bank, other bank, merchant) has someone at the other end.

use sqlx::SqliteConnection;

pub const PURSE_BANK: &str = "purse";
pub const HARBOUR_BANK: &str = "harbour";

/// A payee's account as the bank keeps it.
#[derive(Debug, Clone, Copy)]
pub struct Counterparty {
    pub customer: &'static str,
    pub account_id: &'static str,
    pub bank: &'static str,
    pub holder: &'static str,
    pub scheme: &'static str,
    pub identification: &'static str,
    /// Set for merchants.
    pub mcc: Option<&'static str>,
}

pub const COUNTERPARTIES: &[Counterparty] = &[
    Counterparty {
        customer: "zhangwei",
        account_id: "acc-zhangwei",
        bank: PURSE_BANK,
        holder: "张伟 ZHANG WEI",
        scheme: "UK.OBIE.PAN",
        identification: "6222021234567890128",
        mcc: None,
    },
    Counterparty {
        customer: "wangfang",
        account_id: "acc-wangfang",
        bank: HARBOUR_BANK,
        holder: "王芳 WANG FANG",
        scheme: "UK.OBIE.PAN",
        identification: "6222609988776655446",
        mcc: None,
    },
    Counterparty {
        customer: "m-starbucks",
        account_id: "acc-m-starbucks",
        bank: PURSE_BANK,
        holder: "星巴克 Starbucks",
        scheme: "UK.OBIE.SortCodeAccountNumber",
        identification: "60161300005814",
        mcc: Some("5814"),
    },
    Counterparty {
        customer: "m-didi",
        account_id: "acc-m-didi",
        bank: PURSE_BANK,
        holder: "滴滴出行 DiDi",
        scheme: "UK.OBIE.SortCodeAccountNumber",
        identification: "60161300004121",
        mcc: Some("4121"),
    },
    Counterparty {
        customer: "m-familymart",
        account_id: "acc-m-familymart",
        bank: HARBOUR_BANK,
        holder: "全家 FamilyMart",
        scheme: "UK.OBIE.SortCodeAccountNumber",
        identification: "40050000005411",
        mcc: Some("5411"),
    },
];

/// Adds the counterparties if missing (books seeded before payments existed get them too) and gives the
/// demo customer's accounts their daily payment limits.
pub async fn ensure(conn: &mut SqliteConnection, opened_at: i64) -> sqlx::Result<()> {
    for c in COUNTERPARTIES {
        // '!' is no password hash at all: nobody signs in as a counterparty.
        sqlx::query(
            "INSERT OR IGNORE INTO customers (id, password_hash, display_name) VALUES (?, '!', ?)",
        )
        .bind(c.customer)
        .bind(c.holder)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT OR IGNORE INTO accounts (account_id, customer_id, currency, sub_type, nickname, holder_name,
                 scheme_name, identification, opening_minor, opened_at, bank_id, mcc)
             VALUES (?, ?, 'CNY', 'CurrentAccount', ?, ?, ?, ?, 0, ?, ?, ?)",
        )
        .bind(c.account_id)
        .bind(c.customer)
        .bind(c.holder)
        .bind(c.holder)
        .bind(c.scheme)
        .bind(c.identification)
        .bind(opened_at)
        .bind(c.bank)
        .bind(c.mcc)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "UPDATE accounts SET daily_limit_minor = CASE
             WHEN sub_type = 'EMoney' THEN 500000
             WHEN currency = 'USD' THEN 1000000
             WHEN sub_type = 'CreditCard' THEN 2000000
             ELSE 5000000 END
         WHERE customer_id = ? AND daily_limit_minor IS NULL",
    )
    .bind(crate::seed::DEMO_CUSTOMER)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
