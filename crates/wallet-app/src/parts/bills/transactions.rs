//! The bills screens: keyset pages of bill lines, filtered by account, month and text.

use crate::commands::commands;
use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use wallet_core::{AccountId, StoredTransaction, category};
use wallet_store::{Cursor, TransactionFilter};

use crate::dto::{
    CategoryLabel, MoneyDto, RefundOf, TransactionDto, TransactionPage, TransactionQuery,
};
use crate::error::{ApiError, ApiResult};
use crate::parts::Bills;

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 200;

#[commands]
impl Bills {
    /// One page of bills, newest first; pass the returned `nextCursor` back for the next one.
    pub async fn page_transactions(&self, query: TransactionQuery) -> ApiResult<TransactionPage> {
        let limit = match query.limit {
            None => DEFAULT_PAGE,
            Some(n @ 1..=MAX_PAGE) => n,
            Some(n) => {
                return Err(ApiError::invalid(format!(
                    "A page holds 1 to {MAX_PAGE} lines, not {n}."
                )));
            }
        };
        let account = query
            .account_id
            .as_deref()
            .filter(|id| !id.is_empty())
            .map(|id| {
                id.parse::<AccountId>()
                    .map_err(|_| ApiError::invalid(format!("\"{id}\" is not an account id")))
            })
            .transpose()?;
        let (from, until) = match query.month.as_deref().filter(|m| !m.is_empty()) {
            Some(month) => {
                let (from, until) = month_bounds(month)?;
                (Some(from), Some(until))
            }
            None => (None, None),
        };
        let cursor = query
            .cursor
            .as_deref()
            .map(|c| {
                Cursor::decode(c)
                    .ok_or_else(|| ApiError::invalid("This page link is not valid; start again."))
            })
            .transpose()?;
        let category = match query
            .category_id
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(id) if wallet_core::category::find(id).is_some() => Some(id.to_string()),
            Some(id) => return Err(ApiError::invalid(format!("There is no category \"{id}\"."))),
            None => None,
        };
        let filter = TransactionFilter {
            account,
            from,
            until,
            text: query.text.clone(),
            category,
        };
        let page = self
            .cx
            .store
            .page_transactions(&filter, cursor.as_ref(), limit)
            .await?;
        let names = self.cx.account_names().await?;
        // Money in may be a refund an imported statement tied to its payment.
        let incoming: Vec<_> = page
            .items
            .iter()
            .filter(|line| line.line.amount.amount().is_sign_positive())
            .map(|line| line.id)
            .collect();
        let refunded = self.cx.store.refunded_payments(&incoming).await?;
        let conversions = self.conversion_costs(&page.items).await?;
        let discounted = self.cx.line_discounts(&page.items).await?;
        Ok(TransactionPage {
            items: page
                .items
                .iter()
                .map(|line| {
                    let mut shown = transaction_dto(line, &names);
                    shown.refund_of = refunded.get(&line.id).map(|(id, payee)| RefundOf {
                        transaction_id: id.to_string(),
                        payee: payee.clone(),
                    });
                    shown.conversion = conversions.get(&line.id).cloned();
                    shown.discount = discounted.get(&line.line.bank_transaction_id).cloned();
                    shown
                })
                .collect(),
            next_cursor: page.next.map(|c| c.encode()),
        })
    }
}

/// "2026-10" → [1 Oct 2026 00:00, 1 Nov 2026 00:00) in the user's local time zone.
fn month_bounds(month: &str) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
    let invalid = || {
        ApiError::invalid(format!(
            "\"{month}\" is not a month; use YYYY-MM, e.g. 2026-10."
        ))
    };
    let first = NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .map_err(|_| invalid())?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(invalid)?;
    let local_midnight = |day: NaiveDate| {
        Local
            .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(invalid)
    };
    Ok((local_midnight(first)?, local_midnight(next)?))
}

pub(crate) fn category_label(id: &str) -> CategoryLabel {
    let found = category::find(id)
        .or_else(|| category::find(category::UNCATEGORISED))
        .expect("the default tree has an uncategorised node");
    CategoryLabel {
        id: found.id.to_string(),
        en: found.en.to_string(),
        zh_cn: found.zh_cn.to_string(),
    }
}

fn transaction_dto(
    stored: &StoredTransaction,
    account_names: &HashMap<AccountId, String>,
) -> TransactionDto {
    let line = &stored.line;
    TransactionDto {
        id: stored.id.to_string(),
        account_id: line.account_id.to_string(),
        account_name: account_names
            .get(&line.account_id)
            .cloned()
            .unwrap_or_default(),
        status: line.status.into(),
        booked_at: line.booked_at.to_rfc3339(),
        value_at: line.value_at.map(|t| t.to_rfc3339()),
        amount: line.amount.into(),
        original_amount: line.original_amount.map(MoneyDto::from),
        merchant: line.merchant.clone(),
        mcc: line.mcc.clone(),
        counterparty: line.counterparty.clone(),
        description: line.description.clone(),
        category: category_label(&line.category_id),
        refund_of: None,
        conversion: None,
        discount: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_spans_exactly_its_own_days() {
        let (from, until) = month_bounds("2026-02").unwrap();
        assert_eq!((until - from).num_days(), 28);
        let (from, until) = month_bounds("2024-12").unwrap();
        assert_eq!((until - from).num_days(), 31);
    }

    #[test]
    fn a_month_that_is_not_yyyy_mm_is_refused_with_an_example() {
        for bad in ["2026-13", "Oct 2026", "2026", "2026-1x"] {
            let err = month_bounds(bad).unwrap_err();
            assert!(err.message.contains("YYYY-MM"), "{bad}: {}", err.message);
        }
    }
}
