//! Moving money: a payment is checked (the debtor's account, funds, the daily limit, the payee) and
//! written in the caller's database transaction, so it happens entirely or not at all. Inside one bank it
//! settles at once on both sides; to the other hosted bank it is pending until it settles.

use chrono::{DateTime, Duration, Utc};
use sqlx::{Row, SqliteConnection};

use bank_api::wire::CashAccount;

use crate::seed::local_day;

/// How long a payment to the other hosted bank takes to settle.
pub const INTERBANK_SETTLEMENT: Duration = Duration::minutes(2);

/// What the customer asked for, in the account currency's minor units.
#[derive(Debug, Clone)]
pub struct Instruction<'a> {
    pub customer: &'a str,
    pub debtor: &'a CashAccount,
    pub creditor: &'a CashAccount,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub reference: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to the books; settled at `settle_at` (now, inside one bank).
    Accepted {
        debtor_account_id: String,
        creditor_account_id: String,
        settle_at: i64,
    },
    /// Refused, with a reason a person can read; nothing was written.
    Rejected { reason: String },
}

pub(crate) struct Held {
    pub(crate) account_id: String,
    pub(crate) customer_id: String,
    pub(crate) bank_id: String,
    pub(crate) currency: String,
    pub(crate) holder_name: String,
    pub(crate) status: String,
    pub(crate) credit_limit_minor: Option<i64>,
    pub(crate) daily_limit_minor: Option<i64>,
    pub(crate) mcc: Option<String>,
}

pub(crate) async fn find(
    conn: &mut SqliteConnection,
    who: &CashAccount,
) -> sqlx::Result<Option<Held>> {
    let row = sqlx::query(
        "SELECT account_id, customer_id, bank_id, currency, holder_name, status, credit_limit_minor,
                daily_limit_minor, mcc
         FROM accounts WHERE scheme_name = ? AND identification = ?",
    )
    .bind(&who.scheme_name)
    .bind(normalise(&who.identification))
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(Held {
            account_id: row.try_get("account_id")?,
            customer_id: row.try_get("customer_id")?,
            bank_id: row.try_get("bank_id")?,
            currency: row.try_get("currency")?,
            holder_name: row.try_get("holder_name")?,
            status: row.try_get("status")?,
            credit_limit_minor: row.try_get("credit_limit_minor")?,
            daily_limit_minor: row.try_get("daily_limit_minor")?,
            mcc: row.try_get("mcc")?,
        })
    })
    .transpose()
}

/// Card and account numbers are compared without the spaces people type between groups of digits.
pub fn normalise(identification: &str) -> String {
    identification
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether `given` names the holder: the whole name, or its Chinese or its English part, ignoring case.
fn names_match(given: &str, holder: &str) -> bool {
    let given = given.trim().to_lowercase();
    let holder = holder.to_lowercase();
    if given.is_empty() {
        return false;
    }
    holder == given
        || holder
            .split_once(' ')
            .is_some_and(|(chinese, english)| chinese == given || english.trim() == given)
}

pub(crate) fn minor_text(minor: i64, currency: &str) -> String {
    let units = currency
        .parse::<wallet_core::Currency>()
        .map(|c| c.minor_units())
        .unwrap_or(2);
    format!("{} {currency}", rust_decimal::Decimal::new(minor, units))
}

/// Whether the debtor's account belongs to the customer and can pay: for the authorize page.
pub async fn debtor_belongs_to(
    conn: &mut SqliteConnection,
    debtor: &CashAccount,
    customer: &str,
) -> sqlx::Result<bool> {
    Ok(find(conn, debtor)
        .await?
        .is_some_and(|held| held.customer_id == customer))
}

/// Whether the customer's paying account could pay `amount_minor` now (the funds-confirmation check).
pub async fn funds_available(
    conn: &mut SqliteConnection,
    initiation: &bank_api::wire::DomesticInitiation,
    customer: &str,
    amount_minor: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let Some(debtor) = initiation.debtor_account.as_ref() else {
        return Ok(false);
    };
    let Some(held) = find(conn, debtor)
        .await?
        .filter(|held| held.customer_id == customer)
    else {
        return Ok(false);
    };
    Ok(available_minor(conn, &held, now.timestamp_millis()).await? >= amount_minor)
}

/// Checks and, when everything holds, writes the payment's lines. `payment_id` names the lines.
pub async fn execute(
    conn: &mut SqliteConnection,
    payment_id: &str,
    order: &Instruction<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<Outcome> {
    let rejected = |reason: String| Ok(Outcome::Rejected { reason });
    let debtor = match paying_account(conn, order.debtor, order.customer).await? {
        Ok(debtor) => debtor,
        Err(reason) => return rejected(reason),
    };
    if debtor.currency != order.currency {
        return rejected(format!(
            "The paying account holds {}; it cannot pay in {}.",
            debtor.currency, order.currency
        ));
    }
    let Some(creditor) = find(conn, order.creditor).await? else {
        return rejected("No bank that this sandbox hosts knows the payee's account.".into());
    };
    if creditor.account_id == debtor.account_id {
        return rejected("An account cannot pay itself.".into());
    }
    if creditor.status != "Enabled" {
        return rejected("The payee's account cannot receive payments.".into());
    }
    if creditor.currency != order.currency {
        return rejected(format!(
            "The payee's account holds {}; it cannot receive {}.",
            creditor.currency, order.currency
        ));
    }
    if let Some(name) = &order.creditor.name
        && !names_match(name, &creditor.holder_name)
    {
        return rejected("The name does not match the payee's account.".into());
    }
    if let Some(reason) = shortfall(conn, &debtor, order.amount_minor, now, None).await? {
        return rejected(reason);
    }
    let now_ms = now.timestamp_millis();
    let settle_at = if creditor.bank_id == debtor.bank_id {
        now_ms
    } else {
        (now + INTERBANK_SETTLEMENT).timestamp_millis()
    };
    write_lines(
        conn, payment_id, order, &debtor, &creditor, now_ms, settle_at,
    )
    .await?;
    // Both lines' running balances, and those of any line of the two accounts that books after them. (A
    // payment to the other bank books at settle_at: a line written meanwhile that books sooner is written
    // the same way, and restates it again.)
    crate::books::restate_running(conn).await?;
    Ok(Outcome::Accepted {
        debtor_account_id: debtor.account_id,
        creditor_account_id: creditor.account_id,
        settle_at,
    })
}

/// The customer's account named to pay from, if it can pay at all; else why not, for a person to read.
pub(crate) async fn paying_account(
    conn: &mut SqliteConnection,
    who: &CashAccount,
    customer: &str,
) -> sqlx::Result<Result<Held, String>> {
    let Some(held) = find(conn, who)
        .await?
        .filter(|held| held.customer_id == customer)
    else {
        return Ok(Err("The paying account is not this customer's.".into()));
    };
    Ok(match held.status.as_str() {
        "Enabled" => Ok(held),
        "Frozen" => Err("The paying account is frozen.".into()),
        _ => Err("The paying account is closed.".into()),
    })
}

/// Why `amount_minor` cannot leave the account now (its funds, its daily limit), or None when it can.
/// `needed`: the amount's own words in the refusal, for a payment whose charges make it more than asked.
pub(crate) async fn shortfall(
    conn: &mut SqliteConnection,
    account: &Held,
    amount_minor: i64,
    now: DateTime<Utc>,
    needed: Option<&str>,
) -> sqlx::Result<Option<String>> {
    let currency = &account.currency;
    let available = available_minor(conn, account, now.timestamp_millis()).await?;
    if amount_minor > available {
        let needed =
            needed.map(|words| format!(", {} {words}", minor_text(amount_minor, currency)));
        return Ok(Some(format!(
            "Insufficient funds: {} available{}.",
            minor_text(available.max(0), currency),
            needed.unwrap_or_default()
        )));
    }
    if let Some(limit) = account.daily_limit_minor {
        let today = paid_today_minor(conn, &account.account_id, now).await?;
        if today + amount_minor > limit {
            return Ok(Some(format!(
                "The daily payment limit of {} would be exceeded ({} already paid today).",
                minor_text(limit, currency),
                minor_text(today, currency)
            )));
        }
    }
    Ok(None)
}

/// Booked balance, less pending debits, plus any credit line.
pub(crate) async fn available_minor(
    conn: &mut SqliteConnection,
    account: &Held,
    now: i64,
) -> sqlx::Result<i64> {
    let row = sqlx::query(
        "SELECT COALESCE(SUM(CASE WHEN book_at <= ?1 AND rejected = 0 THEN amount_minor END), 0) AS booked,
                COALESCE(SUM(CASE WHEN auth_at <= ?1 AND book_at > ?1 AND amount_minor < 0 THEN amount_minor END), 0)
                    AS pending,
                (SELECT opening_minor FROM accounts WHERE account_id = ?2) AS opening
         FROM transactions WHERE account_id = ?2",
    )
    .bind(now)
    .bind(&account.account_id)
    .fetch_one(conn)
    .await?;
    let booked: i64 = row.try_get("booked")?;
    let pending: i64 = row.try_get("pending")?;
    let opening: i64 = row.try_get("opening")?;
    Ok(opening + booked + pending + account.credit_limit_minor.unwrap_or(0))
}

/// What payments, domestic and abroad, have taken from the account since midnight, Beijing time.
pub(crate) async fn paid_today_minor(
    conn: &mut SqliteConnection,
    account_id: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let midnight = local_day(now)
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - Duration::hours(crate::seed::CST_HOURS))
        .unwrap_or(now);
    sqlx::query_scalar(
        "SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM payments
                 WHERE debtor_account_id = ?1 AND status = 'Accepted' AND created_at >= ?2)
              + (SELECT COALESCE(SUM(converted_minor + fee_minor), 0) FROM international_payments
                 WHERE debtor_account_id = ?1 AND status = 'Accepted' AND created_at >= ?2)",
    )
    .bind(account_id)
    .bind(midnight.timestamp_millis())
    .fetch_one(conn)
    .await
}

async fn write_lines(
    conn: &mut SqliteConnection,
    payment_id: &str,
    order: &Instruction<'_>,
    debtor: &Held,
    creditor: &Held,
    now: i64,
    settle_at: i64,
) -> sqlx::Result<()> {
    let to_merchant = creditor.mcc.is_some();
    let information = match (order.reference, to_merchant) {
        (Some(reference), _) => reference.to_string(),
        (None, true) => format!("消费 {}", creditor.holder_name),
        (None, false) => format!("转账 Transfer to {}", creditor.holder_name),
    };
    let insert = "INSERT INTO transactions (transaction_id, account_id, auth_at, book_at, amount_minor, information,
                      merchant, mcc, bank_code, counterparty)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // The debtor's line: pending until it settles.
    sqlx::query(insert)
        .bind(format!("tx-{payment_id}-out"))
        .bind(&debtor.account_id)
        .bind(now)
        .bind(settle_at)
        .bind(-order.amount_minor)
        .bind(&information)
        .bind(to_merchant.then_some(&creditor.holder_name))
        .bind(&creditor.mcc)
        .bind(if to_merchant { "PURCHASE" } else { "TRANSFER" })
        .bind(&creditor.holder_name)
        .execute(&mut *conn)
        .await?;
    // The payee's line: arrives when the payment settles.
    sqlx::query(insert)
        .bind(format!("tx-{payment_id}-in"))
        .bind(&creditor.account_id)
        .bind(settle_at)
        .bind(settle_at)
        .bind(order.amount_minor)
        .bind(&information)
        .bind(None::<String>)
        .bind(None::<String>)
        .bind("TRANSFER")
        .bind(&debtor.holder_name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payee_name_matches_in_chinese_english_or_whole_ignoring_case() {
        let holder = "张伟 ZHANG WEI";
        assert!(names_match("张伟", holder));
        assert!(names_match("zhang wei", holder));
        assert!(names_match("张伟 ZHANG WEI", holder));
        assert!(!names_match("张三", holder));
        assert!(!names_match("", holder));
    }

    #[test]
    fn card_numbers_are_compared_without_spaces() {
        assert_eq!(normalise("6222 0212 3456 7890 128"), "6222021234567890128");
    }
}
