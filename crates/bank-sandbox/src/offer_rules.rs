//! Which of the bank's offers a payment gets, and why the others do not apply. One function answers both
//! the wallet's quote before paying and the consent that pays, so the two always agree.

use bank_api::wire::{CashAccount, OfferRefusal};
use chrono::{Duration, NaiveDate};
use sqlx::{Row, SqliteConnection};

use crate::clearing::normalise;
use crate::seed::{CST_HOURS, local_day};

/// An offer as the bank keeps it.
#[derive(Debug, Clone)]
pub struct OfferRow {
    pub offer_id: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub merchant_scheme: Option<String>,
    pub merchant_identification: Option<String>,
    pub mccs: Vec<String>,
    pub currency: String,
    pub min_spend_minor: i64,
    pub discount_minor: Option<i64>,
    pub percent_bps: Option<i64>,
    pub cap_minor: Option<i64>,
    pub valid_from: i64,
    pub valid_to: i64,
    pub per_customer_limit: i64,
    pub period: String,
    pub budget_minor: i64,
}

pub async fn all_offers(conn: &mut SqliteConnection) -> sqlx::Result<Vec<OfferRow>> {
    let rows = sqlx::query("SELECT * FROM offers ORDER BY offer_id")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let mccs: String = row.try_get("mccs")?;
            Ok(OfferRow {
                offer_id: row.try_get("offer_id")?,
                kind: row.try_get("kind")?,
                title: row.try_get("title")?,
                description: row.try_get("description")?,
                merchant_scheme: row.try_get("merchant_scheme")?,
                merchant_identification: row.try_get("merchant_identification")?,
                mccs: mccs
                    .split(',')
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
                    .collect(),
                currency: row.try_get("currency")?,
                min_spend_minor: row.try_get("min_spend_minor")?,
                discount_minor: row.try_get("discount_minor")?,
                percent_bps: row.try_get("percent_bps")?,
                cap_minor: row.try_get("cap_minor")?,
                valid_from: row.try_get("valid_from")?,
                valid_to: row.try_get("valid_to")?,
                per_customer_limit: row.try_get("per_customer_limit")?,
                period: row.try_get("period")?,
                budget_minor: row.try_get("budget_minor")?,
            })
        })
        .collect()
}

impl OfferRow {
    /// The discount on `amount_minor`, before limits: a fixed amount, or the percentage rounded down to the
    /// fen and capped; never the whole amount.
    pub fn discount_on(&self, amount_minor: i64) -> i64 {
        let raw = match (self.discount_minor, self.percent_bps) {
            (Some(fixed), _) => fixed,
            (None, Some(bps)) => {
                let share = amount_minor * bps / 10_000;
                self.cap_minor.map_or(share, |cap| share.min(cap))
            }
            (None, None) => 0,
        };
        raw.min(amount_minor - 1).max(0)
    }

    /// Since when the per-customer limit counts uses: the start of this Beijing-time month, or always.
    pub fn period_start(&self, now: i64) -> i64 {
        if self.period != "Month" {
            return i64::MIN;
        }
        let Some(at) = chrono::DateTime::from_timestamp_millis(now) else {
            return i64::MIN;
        };
        let today = local_day(at);
        NaiveDate::from_ymd_opt(
            chrono::Datelike::year(&today),
            chrono::Datelike::month(&today),
            1,
        )
        .and_then(|first| first.and_hms_opt(0, 0, 0))
        .map_or(i64::MIN, |midnight| {
            (midnight.and_utc() - Duration::hours(CST_HOURS)).timestamp_millis()
        })
    }
}

/// Who is paid, as the bank knows them.
#[derive(Debug, Clone)]
pub struct Payee {
    pub account_id: String,
    pub scheme_name: String,
    pub identification: String,
    pub holder_name: String,
    pub mcc: Option<String>,
}

pub async fn find_account(
    conn: &mut SqliteConnection,
    who: &CashAccount,
) -> sqlx::Result<Option<(Payee, String)>> {
    let row = sqlx::query(
        "SELECT account_id, scheme_name, identification, holder_name, mcc, customer_id FROM accounts
         WHERE scheme_name = ? AND identification = ?",
    )
    .bind(&who.scheme_name)
    .bind(normalise(&who.identification))
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok((
            Payee {
                account_id: row.try_get("account_id")?,
                scheme_name: row.try_get("scheme_name")?,
                identification: row.try_get("identification")?,
                holder_name: row.try_get("holder_name")?,
                mcc: row.try_get("mcc")?,
            },
            row.try_get("customer_id")?,
        ))
    })
    .transpose()
}

/// The payment being asked about.
pub struct Purchase<'a> {
    pub customer: &'a str,
    /// None when no hosted bank knows the payee.
    pub payee: Option<&'a Payee>,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub now: i64,
}

/// How far along an offer is: this customer's uses in its period, and everyone's discounts so far.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    pub customer_uses: i64,
    pub budget_spent_minor: i64,
}

/// Held and used offers count (a reservation for a consent not yet paid holds its place); given-back
/// ones do not.
pub async fn usage(
    conn: &mut SqliteConnection,
    offer: &OfferRow,
    customer: &str,
    now: i64,
) -> sqlx::Result<Usage> {
    let row = sqlx::query(
        "SELECT
             (SELECT COUNT(*) FROM offer_uses WHERE offer_id = ?1 AND customer_id = ?2
                 AND status IN ('Reserved', 'Used') AND created_at >= ?3) AS uses,
             (SELECT COALESCE(SUM(discount_minor), 0) FROM offer_uses WHERE offer_id = ?1
                 AND status IN ('Reserved', 'Used')) AS spent",
    )
    .bind(&offer.offer_id)
    .bind(customer)
    .bind(offer.period_start(now))
    .fetch_one(conn)
    .await?;
    Ok(Usage {
        customer_uses: row.try_get("uses")?,
        budget_spent_minor: row.try_get("spent")?,
    })
}

/// Whether the customer has paid this payee's account before through the payments API (card swipes at
/// its shops do not count: the offer welcomes a new payee in the wallet).
async fn paid_before(
    conn: &mut SqliteConnection,
    customer: &str,
    payee: &Payee,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM payments p JOIN accounts a ON a.account_id = p.debtor_account_id
                        WHERE a.customer_id = ?1 AND p.creditor_account_id = ?2 AND p.status = 'Accepted')",
    )
    .bind(customer)
    .bind(&payee.account_id)
    .fetch_one(conn)
    .await
}

/// The discount this offer gives the purchase, or why it gives none.
pub async fn judge(
    conn: &mut SqliteConnection,
    offer: &OfferRow,
    purchase: &Purchase<'_>,
) -> sqlx::Result<Result<i64, OfferRefusal>> {
    if purchase.currency != offer.currency {
        return Ok(Err(OfferRefusal::WrongCurrency));
    }
    if purchase.now < offer.valid_from {
        return Ok(Err(OfferRefusal::NotYetValid));
    }
    if purchase.now >= offer.valid_to {
        return Ok(Err(OfferRefusal::Expired));
    }
    if let Some(identification) = &offer.merchant_identification {
        let here = purchase.payee.is_some_and(|p| {
            Some(&p.scheme_name) == offer.merchant_scheme.as_ref()
                && normalise(&p.identification) == normalise(identification)
        });
        if !here {
            return Ok(Err(OfferRefusal::WrongMerchant));
        }
    }
    let payee_mcc = purchase.payee.and_then(|p| p.mcc.as_deref());
    if !offer.mccs.is_empty() && !payee_mcc.is_some_and(|mcc| offer.mccs.iter().any(|m| m == mcc)) {
        return Ok(Err(OfferRefusal::WrongCategory));
    }
    if purchase.amount_minor < offer.min_spend_minor {
        return Ok(Err(OfferRefusal::BelowMinimumSpend));
    }
    if offer.kind == "FirstPayment" {
        // Only merchants, and only the first time.
        let Some(payee) = purchase.payee.filter(|p| p.mcc.is_some()) else {
            return Ok(Err(OfferRefusal::WrongCategory));
        };
        if paid_before(conn, purchase.customer, payee).await? {
            return Ok(Err(OfferRefusal::NotFirstPayment));
        }
    }
    let discount = offer.discount_on(purchase.amount_minor);
    let used = usage(conn, offer, purchase.customer, purchase.now).await?;
    if used.customer_uses >= offer.per_customer_limit {
        return Ok(Err(OfferRefusal::UsedUp));
    }
    if used.budget_spent_minor + discount > offer.budget_minor {
        return Ok(Err(OfferRefusal::BudgetExhausted));
    }
    Ok(Ok(discount))
}

/// The bank's answer for a purchase: the best offer (the largest discount; the first by id on a tie) and
/// every other with its reason.
pub struct Verdict {
    pub best: Option<(OfferRow, i64)>,
    pub not_applied: Vec<(OfferRow, OfferRefusal)>,
}

pub async fn evaluate(
    conn: &mut SqliteConnection,
    purchase: &Purchase<'_>,
) -> sqlx::Result<Verdict> {
    let mut eligible: Vec<(OfferRow, i64)> = Vec::new();
    let mut not_applied = Vec::new();
    for offer in all_offers(conn).await? {
        match judge(conn, &offer, purchase).await? {
            Ok(discount) => eligible.push((offer, discount)),
            Err(reason) => not_applied.push((offer, reason)),
        }
    }
    let best_index = eligible
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.1.cmp(&b.1).then(ib.cmp(ia)))
        .map(|(index, _)| index);
    let best = best_index.map(|index| eligible.remove(index));
    not_applied.extend(
        eligible
            .into_iter()
            .map(|(offer, _)| (offer, OfferRefusal::NotTheBest)),
    );
    Ok(Verdict { best, not_applied })
}

/// What a reason means, in words.
pub fn explain(offer: &OfferRow, reason: OfferRefusal) -> String {
    let yuan = |minor: i64| rust_decimal::Decimal::new(minor, 2);
    match reason {
        OfferRefusal::NotYetValid => "It has not started yet.".into(),
        OfferRefusal::Expired => "It has ended.".into(),
        OfferRefusal::WrongMerchant => "It is for another merchant.".into(),
        OfferRefusal::WrongCategory => "It is not for this kind of payee.".into(),
        OfferRefusal::WrongCurrency => format!("It is for payments in {}.", offer.currency),
        OfferRefusal::BelowMinimumSpend => {
            format!(
                "It needs a payment of at least ¥{}.",
                yuan(offer.min_spend_minor)
            )
        }
        OfferRefusal::NotFirstPayment => "You have paid this merchant before.".into(),
        OfferRefusal::UsedUp => format!(
            "You have used it {} time(s), as often as it allows {}.",
            offer.per_customer_limit,
            if offer.period == "Month" {
                "this month"
            } else {
                "while it runs"
            }
        ),
        OfferRefusal::BudgetExhausted => "Its budget is used up.".into(),
        OfferRefusal::NotTheBest => "Another offer takes more off.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(discount: Option<i64>, bps: Option<i64>, cap: Option<i64>) -> OfferRow {
        OfferRow {
            offer_id: "o".into(),
            kind: "CategoryCashback".into(),
            title: "t".into(),
            description: "d".into(),
            merchant_scheme: None,
            merchant_identification: None,
            mccs: vec![],
            currency: "CNY".into(),
            min_spend_minor: 0,
            discount_minor: discount,
            percent_bps: bps,
            cap_minor: cap,
            valid_from: 0,
            valid_to: i64::MAX,
            per_customer_limit: 1,
            period: "Month".into(),
            budget_minor: 1,
        }
    }

    #[test]
    fn a_percentage_is_rounded_down_to_the_fen_and_capped() {
        let five_percent = offer(None, Some(500), Some(2_000));
        assert_eq!(five_percent.discount_on(12_345), 617);
        assert_eq!(five_percent.discount_on(100_000), 2_000);
    }

    #[test]
    fn a_fixed_discount_never_takes_the_whole_amount() {
        assert_eq!(offer(Some(1_000), None, None).discount_on(10_000), 1_000);
        assert_eq!(offer(Some(1_000), None, None).discount_on(500), 499);
    }

    #[test]
    fn a_monthly_period_starts_at_midnight_beijing_time_on_the_first() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
            .unwrap()
            .timestamp_millis();
        let start = offer(None, None, None).period_start(now);
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(start)
                .unwrap()
                .to_rfc3339(),
            "2026-10-31T16:00:00+00:00"
        );
    }
}
