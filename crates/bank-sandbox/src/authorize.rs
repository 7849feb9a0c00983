//! The authorize page: the customer signs in (`customer`, `password`), then approves or denies. For an
//! account-access consent they choose which of their accounts to share (all ticked at first); a payment
//! consent is shown and decided by its debtor only. The scripted sign-in (`approve_as`) posts credentials
//! and `decision=approve` at once, which shares every account unless `account-<id>` fields choose some.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use url::Url;

use crate::authorize_request::{AuthorizeParams, check_request};
use crate::consent_page::{ConsentSummary, Hidden, decision_form, escape, page, sign_in_form};
use crate::oauth::DEMO_CLIENT_ID;
use crate::state::BankState;
use crate::{auth, books, sign_in};

const WRONG_PASSWORD: &str = "Wrong customer or password. 用户名或密码错误。";
const EXPIRED: &str = "Your sign-in has expired: please sign in again. 登录已过期，请重新登录。";
const NONE_CHOSEN: &str =
    "Choose at least one account to share, or Deny. 请至少选择一个账户，或拒绝。";

fn refused(reason: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        page(&format!("<p>{}</p>", escape(reason))),
    )
        .into_response()
}

pub async fn authorize_page(
    State(bank): State<BankState>,
    Query(p): Query<AuthorizeParams>,
) -> Response {
    match check_request(&bank, &p).await {
        Ok(summary) => sign_in_form(&summary, &p.hidden(), "", None).into_response(),
        Err(reason) => refused(&reason),
    }
}

pub async fn authorize_decision(
    State(bank): State<BankState>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let p = AuthorizeParams::from_fields(&fields);
    let summary = match check_request(&bank, &p).await {
        Ok(summary) => summary,
        Err(reason) => return refused(&reason),
    };
    let Some(mut target) = p.redirect_uri.as_deref().and_then(|r| Url::parse(r).ok()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let answer = Answer {
        bank: &bank,
        p: &p,
        summary: &summary,
        fields: &fields,
    };
    match answer.decide(&mut target).await {
        Ok(Some(response)) => response,
        Ok(None) => {
            if let Some(state) = &p.state {
                target.query_pairs_mut().append_pair("state", state);
            }
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, target.to_string())],
            )
                .into_response()
        }
        Err(error) => crate::ob_error::ObError::internal(error).into_response(),
    }
}

/// One posted answer on the page.
struct Answer<'a> {
    bank: &'a BankState,
    p: &'a AuthorizeParams,
    summary: &'a ConsentSummary,
    fields: &'a [(String, String)],
}

impl Answer<'_> {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn consent_id(&self) -> &str {
        self.p.consent_id.as_deref().unwrap_or_default()
    }

    /// A page to show (`Some`), or `None` when `target` is where the browser goes next.
    async fn decide(&self, target: &mut Url) -> anyhow::Result<Option<Response>> {
        match self.field("decision") {
            Some("sign-in") => self.signed_in().await.map(Some),
            Some("approve") => self.approve(target).await,
            _ => {
                let mut tx = self.bank.pool.begin().await?;
                sqlx::query(
                    "UPDATE consents SET status = 'Rejected', updated_at = ? WHERE consent_id = ?",
                )
                .bind(self.bank.now_millis())
                .bind(self.consent_id())
                .execute(&mut *tx)
                .await?;
                sign_in::close_tickets(&mut tx, self.consent_id()).await?;
                tx.commit().await?;
                target
                    .query_pairs_mut()
                    .append_pair("error", "access_denied");
                Ok(None)
            }
        }
    }

    /// The customer named on the form, if the password is theirs.
    async fn credentials(&self) -> anyhow::Result<Result<String, Response>> {
        let customer = self.field("customer").unwrap_or_default();
        let password = self.field("password").unwrap_or_default();
        if sign_in::password_ok(&self.bank.pool, customer, password).await? {
            return Ok(Ok(customer.to_string()));
        }
        let again = sign_in_form(
            self.summary,
            &self.p.hidden(),
            customer,
            Some(WRONG_PASSWORD),
        );
        Ok(Err((StatusCode::UNAUTHORIZED, again).into_response()))
    }

    /// A payment consent is decided by its debtor only, and by the customer who first approved it.
    async fn not_yours(&self, customer: &str) -> anyhow::Result<Option<Response>> {
        let refusal = || {
            let text = "<p>This payment is not yours to approve. 此付款不属于您。</p>";
            Some((StatusCode::FORBIDDEN, page(text)).into_response())
        };
        if self
            .summary
            .approved_by
            .as_ref()
            .is_some_and(|earlier| earlier != customer)
        {
            return Ok(refusal());
        }
        let debtor = self.summary.payment.as_ref();
        if let Some(debtor) = debtor.and_then(|p| p.debtor_account.as_ref()) {
            let mut conn = self.bank.pool.acquire().await?;
            if !crate::clearing::debtor_belongs_to(&mut conn, debtor, customer).await? {
                return Ok(refusal());
            }
        }
        Ok(None)
    }

    /// Step two's page: the customer's accounts to tick (or the payment), Approve and Deny.
    async fn choices(
        &self,
        ticket: &str,
        customer: &str,
        ticked: &(dyn Fn(&str) -> bool + Sync),
        error: Option<&str>,
    ) -> anyhow::Result<Response> {
        let accounts = match self.summary.payment {
            Some(_) => Vec::new(),
            None => books::accounts_of(&self.bank.pool, customer).await?,
        };
        let ticket = Some(ticket.to_string());
        let mut hidden = self.p.hidden();
        hidden.push(("sign_in", &ticket));
        let hidden: &Hidden<'_> = &hidden;
        let who = sign_in::display_name(&self.bank.pool, customer).await?;
        let form = decision_form(self.summary, hidden, &who, &accounts, ticked, error);
        let status = match error {
            Some(_) => StatusCode::BAD_REQUEST,
            None => StatusCode::OK,
        };
        Ok((status, form).into_response())
    }

    async fn signed_in(&self) -> anyhow::Result<Response> {
        let customer = match self.credentials().await? {
            Ok(customer) => customer,
            Err(again) => return Ok(again),
        };
        if let Some(refusal) = self.not_yours(&customer).await? {
            return Ok(refusal);
        }
        let now = self.bank.now_millis();
        let ticket =
            sign_in::open_ticket(&self.bank.pool, self.consent_id(), &customer, now).await?;
        self.choices(&ticket, &customer, &|_| true, None).await
    }

    async fn approve(&self, target: &mut Url) -> anyhow::Result<Option<Response>> {
        let now = self.bank.now_millis();
        let ticket = self.field("sign_in");
        let customer = match ticket {
            Some(ticket) => {
                let pool = &self.bank.pool;
                match sign_in::ticket_customer(pool, ticket, self.consent_id(), now).await? {
                    Some(customer) => customer,
                    None => {
                        let again = sign_in_form(self.summary, &self.p.hidden(), "", Some(EXPIRED));
                        return Ok(Some((StatusCode::UNAUTHORIZED, again).into_response()));
                    }
                }
            }
            None => match self.credentials().await? {
                Ok(customer) => customer,
                Err(again) => return Ok(Some(again)),
            },
        };
        if let Some(refusal) = self.not_yours(&customer).await? {
            return Ok(Some(refusal));
        }
        let mut chosen = Vec::new();
        if self.summary.payment.is_none() {
            let ticked = |id: &str| self.field(&format!("account-{id}")).is_some();
            let accounts = books::accounts_of(&self.bank.pool, &customer).await?;
            chosen = accounts
                .iter()
                .map(|a| a.account_id.clone())
                .filter(|id| ticked(id))
                .collect();
            if chosen.is_empty() {
                match ticket {
                    Some(ticket) => {
                        let page = self.choices(ticket, &customer, &ticked, Some(NONE_CHOSEN));
                        return Ok(Some(page.await?));
                    }
                    // The scripted sign-in chose nothing: it shares every account, as it always did.
                    None => chosen = accounts.into_iter().map(|a| a.account_id).collect(),
                }
            }
        }
        let code = self.authorise(&customer, &chosen).await?;
        target.query_pairs_mut().append_pair("code", &code);
        Ok(None)
    }

    /// Marks the consent Authorised by `customer` with the accounts chosen, and issues a code for it.
    async fn authorise(&self, customer: &str, chosen: &[String]) -> anyhow::Result<String> {
        let now = self.bank.now_millis();
        let consent_id = self.consent_id();
        let mut tx = self.bank.pool.begin().await?;
        sqlx::query(
            "UPDATE consents SET status = 'Authorised', customer_id = ?, updated_at = ? WHERE consent_id = ?",
        )
        .bind(customer)
        .bind(now)
        .bind(consent_id)
        .execute(&mut *tx)
        .await?;
        if self.summary.payment.is_none() {
            sign_in::choose_accounts(&mut tx, consent_id, chosen).await?;
        }
        let code = auth::random_token();
        sqlx::query(
            "INSERT INTO auth_codes (code_hash, consent_id, client_id, redirect_uri, code_challenge, expires_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(auth::hash(&code))
        .bind(consent_id)
        .bind(DEMO_CLIENT_ID)
        .bind(self.p.redirect_uri.as_deref().unwrap_or_default())
        .bind(self.p.code_challenge.as_deref().unwrap_or_default())
        .bind(now + 5 * 60 * 1000)
        .execute(&mut *tx)
        .await?;
        sign_in::close_tickets(&mut tx, consent_id).await?;
        tx.commit().await?;
        Ok(code)
    }
}
