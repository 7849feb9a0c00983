//! The sandbox's other customers who can sign in (besides the demo customer): who they are, their
//! accounts, and their books written when first missing. Their days come from `customer_days`.

use chrono::{Duration, NaiveDate};
use sqlx::SqliteConnection;

use crate::customer_days::{self, opened_at};
use crate::seed::DemoAccount;

/// Days of history these customers start with (the demo customer has 800).
pub const HISTORY_DAYS: i64 = 90;

/// A customer with a published sandbox password and accounts of their own.
pub struct Customer {
    pub id: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub holder_name: &'static str,
    pub accounts: &'static [DemoAccount],
}

pub const EMILY: &str = "emily";
pub const EMILY_CURRENT: &str = "acc-emily-current";
pub const EMILY_CARD: &str = "acc-emily-credit";
pub const TANAKA: &str = "tanaka";
pub const TANAKA_YEN: &str = "acc-tanaka-yen";
pub const TANAKA_USD: &str = "acc-tanaka-usd";

pub const OTHER_CUSTOMERS: &[Customer] = &[
    Customer {
        id: EMILY,
        password: "emily1234",
        display_name: "Emily Carter",
        holder_name: "EMILY CARTER",
        accounts: &[
            DemoAccount {
                id: EMILY_CURRENT,
                currency: "GBP",
                sub_type: "CurrentAccount",
                nickname: "Current account",
                scheme: "UK.OBIE.SortCodeAccountNumber",
                identification: "20451873104455",
                opening_minor: 240_000,
                credit_limit_minor: None,
            },
            DemoAccount {
                id: EMILY_CARD,
                currency: "GBP",
                sub_type: "CreditCard",
                nickname: "Credit card (limit £3,000)",
                scheme: "UK.OBIE.PAN",
                identification: "5412751234561234",
                opening_minor: 0,
                credit_limit_minor: Some(300_000),
            },
        ],
    },
    Customer {
        id: TANAKA,
        password: "tanaka1234",
        display_name: "田中浩 Tanaka Hiroshi",
        holder_name: "TANAKA HIROSHI",
        accounts: &[
            DemoAccount {
                id: TANAKA_YEN,
                currency: "JPY",
                sub_type: "CurrentAccount",
                nickname: "普通預金 Ordinary account",
                scheme: "UK.OBIE.SortCodeAccountNumber",
                identification: "60161377004321",
                opening_minor: 850_000,
                credit_limit_minor: None,
            },
            DemoAccount {
                id: TANAKA_USD,
                currency: "USD",
                sub_type: "Savings",
                nickname: "外貨預金 USD savings",
                scheme: "UK.OBIE.IBAN",
                identification: "GB33BUKB20201555555555",
                opening_minor: 500_000,
                credit_limit_minor: None,
            },
        ],
    },
];

/// The first day of these customers' history, given the demo customer's first day.
pub fn first_day(demo_history_start: NaiveDate, demo_history_days: i64) -> NaiveDate {
    demo_history_start + Duration::days(demo_history_days - HISTORY_DAYS)
}

/// Adds every customer still missing (a bank seeded before they existed gets them too), with accounts,
/// opening lines and their days from `first` through `through`. The caller restates running balances.
pub async fn ensure(
    conn: &mut SqliteConnection,
    first: NaiveDate,
    through: NaiveDate,
) -> sqlx::Result<()> {
    for customer in OTHER_CUSTOMERS {
        let added = sqlx::query(
            "INSERT OR IGNORE INTO customers (id, password_hash, display_name) VALUES (?, ?, ?)",
        )
        .bind(customer.id)
        .bind(bank_api::challenge_for(customer.password))
        .bind(customer.display_name)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if added == 0 {
            continue;
        }
        let opened = opened_at(first).timestamp_millis();
        for account in customer.accounts {
            sqlx::query(
                "INSERT INTO accounts (account_id, customer_id, currency, sub_type, nickname, holder_name,
                     scheme_name, identification, opening_minor, credit_limit_minor, opened_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            )
            .bind(account.id)
            .bind(customer.id)
            .bind(account.currency)
            .bind(account.sub_type)
            .bind(account.nickname)
            .bind(customer.holder_name)
            .bind(account.scheme)
            .bind(account.identification)
            .bind(account.credit_limit_minor)
            .bind(opened)
            .execute(&mut *conn)
            .await?;
            if account.opening_minor != 0 {
                sqlx::query(
                    "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor,
                         information, bank_code)
                     VALUES (?, ?, ?, ?, ?, 'Opening balance', 'OPENING')",
                )
                .bind(format!("tx-open-{}", account.id))
                .bind(account.id)
                .bind(opened)
                .bind(opened)
                .bind(account.opening_minor)
                .execute(&mut *conn)
                .await?;
            }
        }
        write_days(conn, customer, first, first, through).await?;
    }
    Ok(())
}

/// Writes `customer`'s lines for every day from `from` through `to` (none before `first`). Idempotent.
pub async fn write_days(
    conn: &mut SqliteConnection,
    customer: &Customer,
    first: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<()> {
    let mut day = from.max(first);
    while day <= to {
        for (index, line) in customer_days::activity(customer.id, day, first)
            .into_iter()
            .enumerate()
        {
            sqlx::query(
                "INSERT OR IGNORE INTO transactions (transaction_id, account_id, auth_at, book_at, rejected,
                     amount_minor, information, merchant, mcc, bank_code, counterparty)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(format!(
                "tx-{}-{}-{index:02}",
                customer.id,
                day.format("%Y%m%d")
            ))
            .bind(line.account)
            .bind(line.auth_at.timestamp_millis())
            .bind(line.book_at.timestamp_millis())
            .bind(i64::from(line.rejected))
            .bind(line.amount_minor)
            .bind(line.information)
            .bind(line.merchant)
            .bind(line.mcc)
            .bind(line.bank_code)
            .bind(line.counterparty)
            .execute(&mut *conn)
            .await?;
        }
        day += Duration::days(1);
    }
    Ok(())
}

/// Writes every other customer's lines from `from` through `to`.
pub async fn write_all_days(
    conn: &mut SqliteConnection,
    first: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<()> {
    for customer in OTHER_CUSTOMERS {
        write_days(conn, customer, first, from, to).await?;
    }
    Ok(())
}
