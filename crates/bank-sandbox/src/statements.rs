//! AISP statements for the demo credit card: one per closed cycle over the last year (statement on the
//! 5th, payment due 20 days later), with the closing balance, the minimum payment (10 %, at least ¥100)
//! and the due date. Other accounts have none.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use bank_api::wire::{
    Amount, CLOSING_BALANCE, CreditDebitIndicator, Envelope, Links, MINIMUM_PAYMENT, Meta,
    PAYMENT_DUE, Permission, Statement, StatementAmount, StatementDateTime, StatementList,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use wallet_core::credit_cycle::{CardTerms, Cycle, DueRule, MinimumPaymentRule};
use wallet_core::{Currency, Money};

use crate::aisp::{PREFIX, one_account, parse_time};
use crate::books;
use crate::consents::authorised_grant;
use crate::ob_error::ObError;
use crate::seed::{CREDIT, CST_HOURS};
use crate::state::BankState;

const STATEMENT_READ: &[Permission] = &[
    Permission::ReadStatementsBasic,
    Permission::ReadStatementsDetail,
];
const STATEMENTS_KEPT: usize = 12;

/// The demo card's terms: statement on the 5th, due 20 days after.
pub fn card_terms() -> CardTerms {
    CardTerms::new(5, DueRule::DaysAfterStatement(20)).expect("valid demo card terms")
}

/// The first moment of a Beijing-time day, in UTC.
fn day_start(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&midnight) - Duration::hours(CST_HOURS)
}

async fn owed_at(
    bank: &BankState,
    account_id: &str,
    before: DateTime<Utc>,
) -> Result<i64, ObError> {
    let balance = books::booked_at(&bank.pool, account_id, before.timestamp_millis() - 1).await?;
    Ok(-balance)
}

fn money(minor: i64) -> Amount {
    Amount {
        amount: rust_decimal::Decimal::new(minor.abs(), 2),
        currency: "CNY".into(),
    }
}

async fn statement(
    bank: &BankState,
    account_id: &str,
    cycle: &Cycle,
    now: DateTime<Utc>,
) -> Result<Statement, ObError> {
    let end = day_start(cycle.statement_date + Duration::days(1));
    let owed = owed_at(bank, account_id, end).await?.max(0);
    let minimum = MinimumPaymentRule::chinese_default()
        .minimum_for(Money::from_minor(owed, Currency::CNY))
        .map_err(ObError::internal)?
        .to_minor()
        .map_err(ObError::internal)?;
    Ok(Statement {
        account_id: account_id.to_string(),
        statement_id: Some(format!("st-{}", cycle.statement_date.format("%Y%m%d"))),
        kind: "RegularPeriodic".into(),
        start_date_time: day_start(cycle.start),
        end_date_time: end - Duration::milliseconds(1),
        creation_date_time: end.min(now),
        statement_amount: vec![
            StatementAmount {
                credit_debit_indicator: CreditDebitIndicator::Debit,
                kind: CLOSING_BALANCE.into(),
                amount: money(owed),
            },
            StatementAmount {
                credit_debit_indicator: CreditDebitIndicator::Debit,
                kind: MINIMUM_PAYMENT.into(),
                amount: money(minimum),
            },
        ],
        statement_date_time: vec![StatementDateTime {
            date_time: day_start(cycle.due_date + Duration::days(1)) - Duration::milliseconds(1),
            kind: PAYMENT_DUE.into(),
        }],
    })
}

pub async fn account_statements(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<std::collections::HashMap<String, String>>,
) -> Result<Json<Envelope<StatementList>>, ObError> {
    // The window the caller asks for: statements whose period ends within it.
    let from = params
        .get("fromStatementDateTime")
        .map(|v| parse_time("fromStatementDateTime", v))
        .transpose()?;
    let to = params
        .get("toStatementDateTime")
        .map(|v| parse_time("toStatementDateTime", v))
        .transpose()?;
    bank.catch_up().await?;
    let grant = authorised_grant(&bank, &headers, STATEMENT_READ).await?;
    let account = one_account(&bank, &grant, &id).await?;
    let now = bank.clock.now();
    let mut statements = Vec::new();
    if account.account_id == CREDIT {
        let opened = DateTime::from_timestamp_millis(account.opened_at).unwrap_or(now);
        let today = (now + Duration::hours(CST_HOURS)).date_naive();
        let terms = card_terms();
        let mut cycle = terms.last_closed_cycle(today);
        while statements.len() < STATEMENTS_KEPT && day_start(cycle.start) > opened {
            statements.push(statement(&bank, &account.account_id, &cycle, now).await?);
            cycle = terms.previous_cycle(&cycle);
        }
    }
    statements.retain(|s| {
        let end = s.end_date_time.timestamp_millis();
        from.is_none_or(|from| end >= from) && to.is_none_or(|to| end <= to)
    });
    Ok(Json(Envelope {
        data: StatementList {
            statement: statements,
        },
        links: Links {
            self_: format!("{}{PREFIX}/accounts/{id}/statements", bank.base_url),
            ..Links::default()
        },
        meta: Meta {
            total_pages: Some(1),
            ..Meta::default()
        },
    }))
}
