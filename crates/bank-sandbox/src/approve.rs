//! Signing in as a demo customer without a person at a browser: for the app's embedded bank, for tests,
//! and for the `token` command used by conformance checks.

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use url::Url;

use crate::auth;
use crate::oauth::DEMO_CLIENT_ID;

/// Acts as the customer's browser: loads the authorize page, submits the login and approval, and returns
/// the `code` from the redirect (which is read, not followed).
pub async fn approve_as(
    authorize_url: &Url,
    customer: &str,
    password: &str,
) -> anyhow::Result<String> {
    let redirect = redirect_after_sign_in(authorize_url, customer, password).await?;
    if let Some(error) = redirect.query_pairs().find(|(k, _)| k == "error") {
        bail!("the bank answered {}", error.1);
    }
    redirect
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .context("the redirect carries no code")
}

/// As [`approve_as`], but returns the whole address the bank redirected to (its `code` and `state`, or
/// its `error`), for a client that checks them itself.
pub async fn redirect_after_sign_in(
    authorize_url: &Url,
    customer: &str,
    password: &str,
) -> anyhow::Result<Url> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = http
        .get(authorize_url.clone())
        .send()
        .await
        .context("the authorize page cannot be reached")?;
    if !page.status().is_success() {
        bail!(
            "the bank refused the authorisation request: {}",
            page.text().await.unwrap_or_default()
        );
    }
    let mut form: Vec<(String, String)> = authorize_url.query_pairs().into_owned().collect();
    form.push(("customer".into(), customer.into()));
    form.push(("password".into(), password.into()));
    form.push(("decision".into(), "approve".into()));
    let mut post_url = authorize_url.clone();
    post_url.set_query(None);
    let answer = http.post(post_url).form(&form).send().await?;
    let location = answer
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .with_context(|| format!("the bank did not redirect back (HTTP {})", answer.status()))?;
    Ok(Url::parse(location)?)
}

/// An authorised consent with every AISP permission and a 24-hour access token for it.
pub async fn direct_token(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    customer: &str,
) -> anyhow::Result<String> {
    let known: Option<String> = sqlx::query_scalar("SELECT id FROM customers WHERE id = ?")
        .bind(customer)
        .fetch_optional(pool)
        .await?;
    if known.is_none() {
        bail!("no customer \"{customer}\" in this sandbox");
    }
    let now = now.timestamp_millis();
    let consent_id = format!("aac-{}", uuid::Uuid::new_v4());
    sqlx::query(
        "INSERT INTO consents (consent_id, client_id, customer_id, status, permissions, created_at, updated_at)
         VALUES (?, ?, ?, 'Authorised', ?, ?, ?)",
    )
    .bind(&consent_id)
    .bind(DEMO_CLIENT_ID)
    .bind(customer)
    .bind("ReadAccountsDetail,ReadBalances,ReadTransactionsBasic,ReadTransactionsDetail,ReadTransactionsCredits,ReadTransactionsDebits,ReadStatementsBasic,ReadStatementsDetail")
    .bind(now)
    .bind(now)
    .execute(pool)
    .await?;
    // Every account of the customer, as if all were ticked on the consent page.
    sqlx::query(
        "INSERT INTO consent_accounts (consent_id, account_id)
         SELECT ?, account_id FROM accounts WHERE customer_id = ?",
    )
    .bind(&consent_id)
    .bind(customer)
    .execute(pool)
    .await?;
    Ok(auth::issue(
        pool,
        "access",
        DEMO_CLIENT_ID,
        Some(&consent_id),
        now + 24 * 3600 * 1000,
    )
    .await?)
}
