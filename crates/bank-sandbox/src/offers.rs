//! Promotions (a vendor extension): the offers a customer can see with what is left of them, a quote before
//! paying, and the offer a payment consent carries: checked against the bank's own quote and reserved when
//! the consent is made, taken off the amount when the payment is made, given back when it is rejected.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use bank_api::wire::{
    Amount, AppliedOffer, CashAccount, DomesticInitiation, Envelope, Links, Meta, Offer, OfferKind,
    OfferList, OfferNotApplied, OfferPeriod, OfferQuote, OfferQuoteRequest, OfferStatus, OfferUse,
    OfferUseList, OfferUseStatus, REWARDS_PREFIX,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use sqlx::{Row, SqliteConnection};

use crate::clearing::Outcome;
use crate::consents::authorised_customer;
use crate::ob_error::ObError;
use crate::offer_rules::{self, OfferRow, Purchase};
use crate::points::READ;
use crate::state::BankState;
use crate::{RunningSandbox, payments};

fn money(minor: i64, currency: &str) -> Amount {
    Amount {
        amount: Decimal::new(minor, 2),
        currency: currency.to_string(),
    }
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn links(bank: &BankState, path: &str) -> Links {
    Links {
        self_: format!("{}{REWARDS_PREFIX}{path}", bank.base_url),
        ..Links::default()
    }
}

async fn wire_offer(
    conn: &mut SqliteConnection,
    offer: &OfferRow,
    customer: &str,
    now: i64,
) -> sqlx::Result<Offer> {
    let used = offer_rules::usage(conn, offer, customer, now).await?;
    let budget_left = (offer.budget_minor - used.budget_spent_minor).max(0);
    let left = (offer.per_customer_limit - used.customer_uses).max(0);
    let smallest = offer.discount_on(offer.min_spend_minor.max(1)).max(1);
    let status = if now < offer.valid_from {
        OfferStatus::NotYetValid
    } else if now >= offer.valid_to {
        OfferStatus::Expired
    } else if left == 0 {
        OfferStatus::UsedUp
    } else if budget_left < smallest {
        OfferStatus::BudgetExhausted
    } else {
        OfferStatus::Active
    };
    let merchant_account = match (&offer.merchant_scheme, &offer.merchant_identification) {
        (Some(scheme), Some(identification)) => Some(CashAccount {
            scheme_name: scheme.clone(),
            identification: identification.clone(),
            name: None,
            secondary_identification: None,
        }),
        _ => None,
    };
    let merchant_name = match &merchant_account {
        Some(account) => offer_rules::find_account(conn, account)
            .await?
            .map(|(payee, _)| payee.holder_name),
        None => None,
    };
    Ok(Offer {
        offer_id: offer.offer_id.clone(),
        kind: match offer.kind.as_str() {
            "Merchant" => OfferKind::Merchant,
            "FirstPayment" => OfferKind::FirstPayment,
            _ => OfferKind::CategoryCashback,
        },
        title: offer.title.clone(),
        description: offer.description.clone(),
        merchant_name,
        merchant_account,
        merchant_category_codes: offer.mccs.clone(),
        minimum_spend: money(offer.min_spend_minor, &offer.currency),
        discount: offer.discount_minor.map(|d| money(d, &offer.currency)),
        percent_basis_points: offer.percent_bps,
        cap: offer.cap_minor.map(|c| money(c, &offer.currency)),
        valid_from: time(offer.valid_from),
        valid_to: time(offer.valid_to),
        per_customer_limit: offer.per_customer_limit,
        period: if offer.period == "Month" {
            OfferPeriod::Month
        } else {
            OfferPeriod::Validity
        },
        used_by_customer: used.customer_uses,
        left_for_customer: left,
        budget: money(offer.budget_minor, &offer.currency),
        budget_left: money(budget_left, &offer.currency),
        status,
    })
}

/// `GET /purse/v1/offers`: every offer, with this customer's uses and what is left.
pub async fn list(
    State(bank): State<BankState>,
    headers: HeaderMap,
) -> Result<Json<Envelope<OfferList>>, ObError> {
    let customer = authorised_customer(&bank, &headers, READ).await?;
    let now = bank.now_millis();
    let mut conn = bank.pool.acquire().await?;
    let mut shown = Vec::new();
    for offer in offer_rules::all_offers(&mut conn).await? {
        shown.push(wire_offer(&mut conn, &offer, &customer, now).await?);
    }
    Ok(Json(Envelope {
        data: OfferList { offer: shown },
        links: links(&bank, "/offers"),
        meta: Meta::default(),
    }))
}

fn minor_of(amount: &Amount) -> Result<i64, ObError> {
    let currency: wallet_core::Currency = amount
        .currency
        .parse()
        .map_err(|_| ObError::invalid_field(format!("{} is not a currency.", amount.currency)))?;
    let minor = wallet_core::Money::new(amount.amount, currency)
        .and_then(|m| m.to_minor())
        .map_err(|e| ObError::invalid_field(format!("Amount: {e}")))?;
    if minor <= 0 {
        return Err(ObError::invalid_field("The amount must be more than zero."));
    }
    Ok(minor)
}

/// The bank's verdict on paying `amount` from `debtor` (which must be the customer's) to `creditor`.
async fn verdict_for(
    conn: &mut SqliteConnection,
    customer: &str,
    debtor: &CashAccount,
    creditor: &CashAccount,
    amount: &Amount,
    now: i64,
) -> Result<(offer_rules::Verdict, i64), ObError> {
    let owns = offer_rules::find_account(conn, debtor)
        .await?
        .is_some_and(|(_, owner)| owner == customer);
    if !owns {
        return Err(ObError::invalid_field(
            "The paying account is not this customer's.",
        ));
    }
    let amount_minor = minor_of(amount)?;
    let payee = offer_rules::find_account(conn, creditor)
        .await?
        .map(|(payee, _)| payee);
    let purchase = Purchase {
        customer,
        payee: payee.as_ref(),
        amount_minor,
        currency: &amount.currency,
        now,
    };
    Ok((offer_rules::evaluate(conn, &purchase).await?, amount_minor))
}

fn quote_of(verdict: &offer_rules::Verdict, amount_minor: i64, currency: &str) -> OfferQuote {
    let discount = verdict.best.as_ref().map_or(0, |(_, d)| *d);
    OfferQuote {
        offer: verdict.best.as_ref().map(|(offer, discount)| AppliedOffer {
            offer_id: offer.offer_id.clone(),
            title: offer.title.clone(),
            discount: money(*discount, currency),
        }),
        amount_to_pay: money(amount_minor - discount, currency),
        not_applied: verdict
            .not_applied
            .iter()
            .map(|(offer, reason)| OfferNotApplied {
                offer_id: offer.offer_id.clone(),
                title: offer.title.clone(),
                reason: *reason,
                description: offer_rules::explain(offer, *reason),
            })
            .collect(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct QuoteBody {
    data: OfferQuoteRequest,
}

/// `POST /purse/v1/offers/quote`: what the bank would take off this payment now. Changes nothing.
pub async fn quote(
    State(bank): State<BankState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Envelope<OfferQuote>>, ObError> {
    let customer = authorised_customer(&bank, &headers, READ).await?;
    let Json(body) =
        body.map_err(|e| ObError::invalid_field(format!("The body is not JSON: {e}")))?;
    let QuoteBody { data: request } = serde_json::from_value(body)
        .map_err(|e| ObError::invalid_field(format!("The quote request is not valid: {e}")))?;
    let now = bank.now_millis();
    let mut tx = bank.pool.begin_with("BEGIN IMMEDIATE").await?;
    let (verdict, amount_minor) = verdict_for(
        &mut tx,
        &customer,
        &request.debtor_account,
        &request.creditor_account,
        &request.instructed_amount,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(Envelope {
        data: quote_of(&verdict, amount_minor, &request.instructed_amount.currency),
        links: links(&bank, "/offers/quote"),
        meta: Meta::default(),
    }))
}

/// `GET /purse/v1/offers/uses`: the offers this customer's payments hold or used, newest first.
pub async fn uses(
    State(bank): State<BankState>,
    headers: HeaderMap,
) -> Result<Json<Envelope<OfferUseList>>, ObError> {
    let customer = authorised_customer(&bank, &headers, READ).await?;
    let rows = sqlx::query(
        "SELECT u.*, o.title, o.currency FROM offer_uses u JOIN offers o ON o.offer_id = u.offer_id
         WHERE u.customer_id = ? AND u.status IN ('Reserved', 'Used')
         ORDER BY u.created_at DESC, u.consent_id DESC",
    )
    .bind(&customer)
    .fetch_all(&bank.pool)
    .await?;
    let mut shown = Vec::new();
    for row in rows {
        let currency: String = row.try_get("currency")?;
        shown.push(OfferUse {
            offer_id: row.try_get("offer_id")?,
            title: row.try_get("title")?,
            consent_id: row.try_get("consent_id")?,
            status: if row.try_get::<String, _>("status")? == "Used" {
                OfferUseStatus::Used
            } else {
                OfferUseStatus::Reserved
            },
            discount: money(row.try_get("discount_minor")?, &currency),
            creation_date_time: time(row.try_get("created_at")?),
            domestic_payment_id: row.try_get("payment_id")?,
            account_id: row.try_get("account_id")?,
            transaction_id: row.try_get("transaction_id")?,
        });
    }
    Ok(Json(Envelope {
        data: OfferUseList { offer_use: shown },
        links: links(&bank, "/offers/uses"),
        meta: Meta::default(),
    }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Supplementary {
    purse_offer: Option<bank_api::wire::ExpectedOffer>,
}

fn refused(message: String) -> ObError {
    ObError::new(StatusCode::BAD_REQUEST, "UK.OBIE.Field.Unexpected", message)
}

/// At consent time: when the Initiation carries an offer (`SupplementaryData.PurseOffer`), the bank quotes
/// the payment itself with the same rules; if its answer is not the offer and discount the wallet showed,
/// the consent is refused (nothing is paid); if it is, the offer is reserved for this consent.
pub async fn reserve_for_consent(
    conn: &mut SqliteConnection,
    consent_id: &str,
    initiation: &DomesticInitiation,
    now: i64,
) -> Result<(), ObError> {
    let Some(extra) = &initiation.supplementary_data else {
        return Ok(());
    };
    let Supplementary {
        purse_offer: Some(expected),
    } = serde_json::from_value(extra.clone()).map_err(|e| {
        ObError::invalid_field(format!("SupplementaryData.PurseOffer is not valid: {e}"))
    })?
    else {
        return Ok(());
    };
    let debtor = initiation
        .debtor_account
        .as_ref()
        .ok_or_else(|| ObError::invalid_field("DebtorAccount is required by this bank."))?;
    let (_, customer) = offer_rules::find_account(conn, debtor)
        .await?
        .ok_or_else(|| ObError::invalid_field("The paying account is not known here."))?;
    let (verdict, _) = verdict_for(
        conn,
        &customer,
        debtor,
        &initiation.creditor_account,
        &initiation.instructed_amount,
        now,
    )
    .await?;
    let expected_minor = minor_of(&expected.discount)?;
    let currency = &initiation.instructed_amount.currency;
    match &verdict.best {
        Some((offer, discount))
            if offer.offer_id == expected.offer_id
                && *discount == expected_minor
                && &expected.discount.currency == currency =>
        {
            let payee = offer_rules::find_account(conn, &initiation.creditor_account)
                .await?
                .map(|(payee, _)| payee.account_id)
                .unwrap_or_default();
            sqlx::query(
                "INSERT INTO offer_uses (consent_id, offer_id, customer_id, creditor_account_id,
                     discount_minor, status, created_at)
                 VALUES (?, ?, ?, ?, ?, 'Reserved', ?)",
            )
            .bind(consent_id)
            .bind(&offer.offer_id)
            .bind(&customer)
            .bind(payee)
            .bind(discount)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }
        best => {
            let bank_says = match best {
                Some((offer, discount)) => format!(
                    "the bank's best offer is {} (¥{} off)",
                    offer.title,
                    Decimal::new(*discount, 2)
                ),
                None => "no offer applies".to_string(),
            };
            let why = verdict
                .not_applied
                .iter()
                .find(|(offer, _)| offer.offer_id == expected.offer_id)
                .map(|(offer, reason)| {
                    format!(" {}: {}", offer.title, offer_rules::explain(offer, *reason))
                })
                .unwrap_or_default();
            Err(refused(format!(
                "The offer shown before paying no longer applies as shown: {bank_says}.{why} Nothing was paid."
            )))
        }
    }
}

/// The discount reserved for a consent (0 without an offer): what the payment takes off.
pub async fn discount_for_consent(
    conn: &mut SqliteConnection,
    consent_id: &str,
) -> sqlx::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT discount_minor FROM offer_uses WHERE consent_id = ? AND status = 'Reserved'",
    )
    .bind(consent_id)
    .fetch_optional(conn)
    .await?
    .unwrap_or(0))
}

/// After the payment: the reserved offer is used (with the payment and the debtor's line), or given back
/// when the payment was rejected.
pub async fn settle_for_payment(
    conn: &mut SqliteConnection,
    consent_id: &str,
    payment_id: &str,
    outcome: &Outcome,
) -> sqlx::Result<()> {
    match outcome {
        Outcome::Accepted {
            debtor_account_id, ..
        } => {
            sqlx::query(
                "UPDATE offer_uses SET status = 'Used', payment_id = ?, account_id = ?, transaction_id = ?
                 WHERE consent_id = ? AND status = 'Reserved'",
            )
            .bind(payment_id)
            .bind(debtor_account_id)
            .bind(format!("tx-{payment_id}-out"))
            .bind(consent_id)
            .execute(conn)
            .await?;
        }
        Outcome::Rejected { .. } => {
            sqlx::query(
                "UPDATE offer_uses SET status = 'Released' WHERE consent_id = ? AND status = 'Reserved'",
            )
            .bind(consent_id)
            .execute(conn)
            .await?;
        }
    }
    Ok(())
}

/// The amount a consented payment charges: the instructed amount less the reserved discount.
pub async fn charged_minor(
    conn: &mut SqliteConnection,
    consent_id: &str,
    initiation: &DomesticInitiation,
) -> Result<i64, ObError> {
    let amount = payments::amount_minor(initiation)?;
    Ok(amount - discount_for_consent(conn, consent_id).await?)
}

impl RunningSandbox {
    /// Test control: sets what is left of an offer's budget (the budget becomes what was spent plus this).
    pub async fn set_offer_budget_left(
        &self,
        offer_id: &str,
        left_minor: i64,
    ) -> anyhow::Result<()> {
        let mut conn = self.pool.acquire().await?;
        let changed = sqlx::query(
            "UPDATE offers SET budget_minor = ?2 + (SELECT COALESCE(SUM(discount_minor), 0) FROM offer_uses
                 WHERE offer_id = ?1 AND status IN ('Reserved', 'Used'))
             WHERE offer_id = ?1",
        )
        .bind(offer_id)
        .bind(left_minor)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        anyhow::ensure!(changed == 1, "no offer {offer_id}");
        Ok(())
    }
}
