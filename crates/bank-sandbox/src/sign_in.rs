//! The customer's sign-in on the authorize page: the password check, the short-lived ticket that carries
//! the sign-in from the sign-in form to the consent form, and the accounts the customer chose.

use sqlx::{SqliteConnection, SqlitePool};

use crate::auth;

/// How long a sign-in lasts before the customer approves or denies: ten minutes.
const TICKET_TTL_MS: i64 = 10 * 60 * 1000;

/// Whether `password` is `customer`'s (counterparties have no password and never sign in).
pub async fn password_ok(pool: &SqlitePool, customer: &str, password: &str) -> sqlx::Result<bool> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM customers WHERE id = ?")
            .bind(customer)
            .fetch_optional(pool)
            .await?;
    Ok(stored.is_some_and(|hash| hash == bank_api::challenge_for(password)))
}

pub async fn display_name(pool: &SqlitePool, customer: &str) -> sqlx::Result<String> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT display_name FROM customers WHERE id = ?")
            .bind(customer)
            .fetch_optional(pool)
            .await?;
    Ok(name.unwrap_or_else(|| customer.to_string()))
}

/// A new ticket for `customer` signed in to decide `consent_id`; only its hash is kept.
pub async fn open_ticket(
    pool: &SqlitePool,
    consent_id: &str,
    customer: &str,
    now: i64,
) -> sqlx::Result<String> {
    let ticket = auth::random_token();
    sqlx::query(
        "INSERT INTO sign_ins (ticket_hash, consent_id, customer_id, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(auth::hash(&ticket))
    .bind(consent_id)
    .bind(customer)
    .bind(now + TICKET_TTL_MS)
    .execute(pool)
    .await?;
    Ok(ticket)
}

/// The customer a live ticket for `consent_id` belongs to.
pub async fn ticket_customer(
    pool: &SqlitePool,
    ticket: &str,
    consent_id: &str,
    now: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT customer_id FROM sign_ins WHERE ticket_hash = ? AND consent_id = ? AND expires_at > ?",
    )
    .bind(auth::hash(ticket))
    .bind(consent_id)
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// Ends every sign-in for `consent_id`: it has been decided.
pub async fn close_tickets(conn: &mut SqliteConnection, consent_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_ins WHERE consent_id = ?")
        .bind(consent_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records the accounts an account-access consent covers (replacing any earlier choice).
pub async fn choose_accounts(
    conn: &mut SqliteConnection,
    consent_id: &str,
    accounts: &[String],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM consent_accounts WHERE consent_id = ?")
        .bind(consent_id)
        .execute(&mut *conn)
        .await?;
    for account in accounts {
        sqlx::query("INSERT INTO consent_accounts (consent_id, account_id) VALUES (?, ?)")
            .bind(consent_id)
            .bind(account)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
