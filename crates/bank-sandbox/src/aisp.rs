//! The AISP reads: accounts, balances and transactions, paged with `Links.Next` and `Meta.TotalPages`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use bank_api::wire::{
    Account, AccountIdentification, AccountList, AccountSubType, AccountType, Amount, Balance,
    BalanceList, BalanceType, CreditDebitIndicator, CreditLine, CurrencyExchange, EntryStatus,
    Envelope, Links, MerchantDetails, Meta, PartyAccount, Permission,
    ProprietaryBankTransactionCode, Servicer, Transaction, TransactionBalance, TransactionList,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDateTime, Utc};
use rust_decimal::Decimal;

use crate::books::{self, BankAccount, Entry, EntryQuery, Key, Seek};
use crate::consents::{Grant, authorised_grant};
use crate::ob_error::ObError;
use crate::state::BankState;

pub const PREFIX: &str = "/open-banking/v3.1/aisp";
/// Lines per page (the bank chooses it): a thousand keeps a page well under a megabyte of JSON.
const PAGE_SIZE: i64 = 1_000;
const ACCOUNT_READ: &[Permission] = &[
    Permission::ReadAccountsBasic,
    Permission::ReadAccountsDetail,
];
const BALANCE_READ: &[Permission] = &[Permission::ReadBalances];
const TRANSACTION_READ: &[Permission] = &[
    Permission::ReadTransactionsBasic,
    Permission::ReadTransactionsDetail,
    Permission::ReadTransactionsCredits,
    Permission::ReadTransactionsDebits,
];

fn minor_units(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" => 0,
        _ => 2,
    }
}

fn amount(minor: i64, currency: &str) -> Amount {
    Amount {
        amount: Decimal::new(minor.abs(), minor_units(currency)),
        currency: currency.to_string(),
    }
}

fn indicator(minor: i64) -> CreditDebitIndicator {
    if minor < 0 {
        CreditDebitIndicator::Debit
    } else {
        CreditDebitIndicator::Credit
    }
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn sub_type(code: &str) -> AccountSubType {
    match code {
        "CreditCard" => AccountSubType::CreditCard,
        "EMoney" => AccountSubType::EMoney,
        "Savings" => AccountSubType::Savings,
        _ => AccountSubType::CurrentAccount,
    }
}

fn wire_account(account: &BankAccount) -> Account {
    Account {
        account_id: account.account_id.clone(),
        currency: account.currency.clone(),
        account_type: Some(AccountType::Personal),
        account_sub_type: Some(sub_type(&account.sub_type)),
        description: None,
        nickname: Some(account.nickname.clone()),
        opening_date: Some(time(account.opened_at)),
        account: vec![AccountIdentification {
            scheme_name: account.scheme_name.clone(),
            identification: account.identification.clone(),
            name: Some(account.holder_name.clone()),
        }],
        servicer: Some(Servicer {
            scheme_name: "UK.OBIE.BICFI".into(),
            identification: "PURSCNSHXXX".into(),
        }),
    }
}

fn envelope<T>(data: T, self_url: String, meta: Meta) -> Json<Envelope<T>> {
    Json(Envelope {
        data,
        links: Links {
            self_: self_url,
            ..Links::default()
        },
        meta,
    })
}

/// The accounts the consent covers: those its customer chose to share.
async fn customer_accounts(bank: &BankState, grant: &Grant) -> Result<Vec<BankAccount>, ObError> {
    bank.catch_up().await?;
    Ok(books::consented_accounts(&bank.pool, &grant.customer, &grant.consent_id).await?)
}

pub(crate) async fn one_account(
    bank: &BankState,
    grant: &Grant,
    id: &str,
) -> Result<BankAccount, ObError> {
    customer_accounts(bank, grant)
        .await?
        .into_iter()
        .find(|a| a.account_id == id)
        .ok_or_else(|| {
            ObError::new(
                axum::http::StatusCode::FORBIDDEN,
                "UK.OBIE.Resource.ConsentMismatch",
                "This consent does not cover that account.",
            )
        })
}

pub async fn accounts(
    State(bank): State<BankState>,
    headers: HeaderMap,
) -> Result<Json<Envelope<AccountList>>, ObError> {
    let grant = authorised_grant(&bank, &headers, ACCOUNT_READ).await?;
    let list = customer_accounts(&bank, &grant)
        .await?
        .iter()
        .map(wire_account)
        .collect();
    Ok(envelope(
        AccountList { account: list },
        format!("{}{PREFIX}/accounts", bank.base_url),
        Meta {
            total_pages: Some(1),
            ..Meta::default()
        },
    ))
}

pub async fn account(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Envelope<AccountList>>, ObError> {
    let grant = authorised_grant(&bank, &headers, ACCOUNT_READ).await?;
    let found = one_account(&bank, &grant, &id).await?;
    Ok(envelope(
        AccountList {
            account: vec![wire_account(&found)],
        },
        format!("{}{PREFIX}/accounts/{id}", bank.base_url),
        Meta {
            total_pages: Some(1),
            ..Meta::default()
        },
    ))
}

async fn balances_of(bank: &BankState, account: &BankAccount) -> Result<Vec<Balance>, ObError> {
    let now = bank.now_millis();
    let (booked, pending) = books::balance(&bank.pool, account, now).await?;
    let limit = account.credit_limit_minor;
    let available = booked + pending + limit.unwrap_or(0);
    let credit_line = |included: bool| match limit {
        Some(limit) => vec![CreditLine {
            included,
            line_type: Some("Credit".into()),
            amount: Some(amount(limit, &account.currency)),
        }],
        None => Vec::new(),
    };
    Ok(vec![
        Balance {
            account_id: account.account_id.clone(),
            credit_debit_indicator: indicator(booked),
            balance_type: BalanceType::InterimBooked,
            date_time: time(now),
            amount: amount(booked, &account.currency),
            credit_line: credit_line(false),
        },
        Balance {
            account_id: account.account_id.clone(),
            credit_debit_indicator: indicator(available),
            balance_type: BalanceType::InterimAvailable,
            date_time: time(now),
            amount: amount(available, &account.currency),
            credit_line: credit_line(true),
        },
    ])
}

pub async fn account_balances(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Envelope<BalanceList>>, ObError> {
    let grant = authorised_grant(&bank, &headers, BALANCE_READ).await?;
    let found = one_account(&bank, &grant, &id).await?;
    Ok(envelope(
        BalanceList {
            balance: balances_of(&bank, &found).await?,
        },
        format!("{}{PREFIX}/accounts/{id}/balances", bank.base_url),
        Meta {
            total_pages: Some(1),
            ..Meta::default()
        },
    ))
}

pub async fn all_balances(
    State(bank): State<BankState>,
    headers: HeaderMap,
) -> Result<Json<Envelope<BalanceList>>, ObError> {
    let grant = authorised_grant(&bank, &headers, BALANCE_READ).await?;
    let mut all = Vec::new();
    for account in customer_accounts(&bank, &grant).await? {
        all.extend(balances_of(&bank, &account).await?);
    }
    Ok(envelope(
        BalanceList { balance: all },
        format!("{}{PREFIX}/balances", bank.base_url),
        Meta {
            total_pages: Some(1),
            ..Meta::default()
        },
    ))
}

/// Accepts ISO 8601 with or without a zone (the spec's examples omit it; then it is UTC).
pub(crate) fn parse_time(name: &str, value: &str) -> Result<i64, ObError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.timestamp_millis())
        .or_else(|_| {
            NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S")
                .map(|t| t.and_utc().timestamp_millis())
        })
        .map_err(|_| {
            ObError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "UK.OBIE.Field.InvalidDate",
                format!("{name} is not an ISO 8601 date-time."),
            )
        })
}

fn wire_transaction(entry: &Entry, currency: &str) -> Transaction {
    let fx = match (&entry.fx_currency, entry.fx_minor, &entry.fx_rate) {
        (Some(source), Some(minor), Some(rate)) => Some(CurrencyExchange {
            source_currency: source.clone(),
            target_currency: Some(currency.to_string()),
            exchange_rate: rate.parse().unwrap_or_default(),
            instructed_amount: Some(amount(minor, source)),
        }),
        _ => None,
    };
    let party = entry.counterparty.as_ref().map(|name| PartyAccount {
        scheme_name: None,
        identification: None,
        name: Some(name.clone()),
    });
    let debit = entry.amount_minor < 0;
    Transaction {
        account_id: entry.account_id.clone(),
        transaction_id: Some(entry.transaction_id.clone()),
        transaction_reference: None,
        credit_debit_indicator: indicator(entry.amount_minor),
        status: match entry.status {
            "Pending" => EntryStatus::Pending,
            "Rejected" => EntryStatus::Rejected,
            _ => EntryStatus::Booked,
        },
        booking_date_time: time(entry.booking_at),
        value_date_time: Some(time(entry.value_at)),
        transaction_information: Some(entry.information.clone()),
        amount: amount(entry.amount_minor, currency),
        charge_amount: entry.charge_minor.map(|charge| amount(charge, currency)),
        currency_exchange: fx,
        bank_transaction_code: None,
        proprietary_bank_transaction_code: entry.bank_code.as_ref().map(|code| {
            ProprietaryBankTransactionCode {
                code: code.clone(),
                issuer: Some("PurseSandbox".into()),
            }
        }),
        balance: entry.running_minor.map(|running| TransactionBalance {
            credit_debit_indicator: indicator(running),
            balance_type: BalanceType::InterimBooked,
            amount: amount(running, currency),
        }),
        merchant_details: entry.merchant.as_ref().map(|name| MerchantDetails {
            merchant_name: Some(name.clone()),
            merchant_category_code: entry.mcc.clone(),
        }),
        creditor_account: if debit { party.clone() } else { None },
        debtor_account: if debit { None } else { party },
    }
}

/// The `cursor` of a page link: which side of which line the page starts, so a page is one step down an
/// index instead of counting its way past every line before it. Opaque to clients (base64url).
fn encode_cursor(seek: &Seek) -> Option<String> {
    let (side, key) = match seek {
        Seek::Offset(_) => return None,
        Seek::After(key) => ('a', key),
        Seek::Before(key) => ('b', key),
    };
    Some(URL_SAFE_NO_PAD.encode(format!("{side}.{}.{}", key.auth_at, key.transaction_id)))
}

fn decode_cursor(cursor: &str) -> Result<Seek, ObError> {
    let bad = || ObError::invalid_field("cursor is not one this bank gave out.");
    let text = URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(bad)?;
    let mut parts = text.splitn(3, '.');
    let (Some(side), Some(auth_at), Some(transaction_id)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let key = Key {
        auth_at: auth_at.parse().map_err(|_| bad())?,
        transaction_id: transaction_id.to_string(),
    };
    match side {
        "a" => Ok(Seek::After(key)),
        "b" => Ok(Seek::Before(key)),
        _ => Err(bad()),
    }
}

/// One page of transactions. Pages are numbered as ever (`page`, `Meta.TotalPages`), and the links the
/// bank hands out also carry a `cursor` (the line the page follows or precedes), so following `Next` or
/// `Prev` costs the same on the thousandth page as on the first. A `page` alone still works (it skips).
async fn transactions_page(
    bank: &BankState,
    accounts: Vec<BankAccount>,
    params: HashMap<String, String>,
    path: &str,
) -> Result<Json<Envelope<TransactionList>>, ObError> {
    let from = params
        .get("fromBookingDateTime")
        .map(|v| parse_time("fromBookingDateTime", v))
        .transpose()?;
    let to = params
        .get("toBookingDateTime")
        .map(|v| parse_time("toBookingDateTime", v))
        .transpose()?;
    let page: i64 = match params.get("page") {
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ObError::invalid_field("page must be a positive number."))?,
        None => 1,
    };
    let seek = match params.get("cursor") {
        Some(cursor) => decode_cursor(cursor)?,
        None => Seek::Offset((page - 1).saturating_mul(PAGE_SIZE)),
    };
    let ids: Vec<String> = accounts.iter().map(|a| a.account_id.clone()).collect();
    let currencies: HashMap<&str, &str> = accounts
        .iter()
        .map(|a| (a.account_id.as_str(), a.currency.as_str()))
        .collect();
    let now = bank.now_millis();
    let query = EntryQuery {
        accounts: &ids,
        now,
        from,
        to,
    };
    let (total, first_available) = books::count_entries(&bank.pool, &query).await?;
    let total_pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    // One line more than a page, to know whether there is more in the direction read.
    let mut entries = books::entries(&bank.pool, &query, &seek, PAGE_SIZE + 1).await?;
    let more = entries.len() > PAGE_SIZE as usize;
    if more {
        match seek {
            Seek::Before(_) => entries.remove(0),
            _ => entries.pop().expect("more than a page"),
        };
    }
    let (has_prev, has_next) = match seek {
        Seek::Before(_) => (more, true),
        _ => (page > 1, more),
    };
    let list = entries
        .iter()
        .map(|e| {
            wire_transaction(
                e,
                currencies
                    .get(e.account_id.as_str())
                    .copied()
                    .unwrap_or("CNY"),
            )
        })
        .collect();
    let link = |page: i64, seek: Option<&Seek>| {
        let mut url = url::Url::parse(&format!("{}{path}", bank.base_url))
            .expect("the bank's own URL parses");
        {
            let mut pairs = url.query_pairs_mut();
            for name in ["fromBookingDateTime", "toBookingDateTime"] {
                if let Some(value) = params.get(name) {
                    pairs.append_pair(name, value);
                }
            }
            pairs.append_pair("page", &page.to_string());
            if let Some(cursor) = seek.and_then(encode_cursor) {
                pairs.append_pair("cursor", &cursor);
            }
        }
        url.to_string()
    };
    let prev = match entries.first() {
        Some(first) => link(page.saturating_sub(1), Some(&Seek::Before(first.key()))),
        None => link(page.saturating_sub(1), None),
    };
    let next = match entries.last() {
        Some(last) => link(page.saturating_add(1), Some(&Seek::After(last.key()))),
        None => link(page.saturating_add(1), None),
    };
    let links = Links {
        self_: link(page, Some(&seek)),
        first: Some(link(1, None)),
        prev: (has_prev && page > 1).then_some(prev),
        next: has_next.then_some(next),
        last: Some(link(total_pages, None)),
    };
    Ok(Json(Envelope {
        data: TransactionList { transaction: list },
        links,
        meta: Meta {
            total_pages: Some(u32::try_from(total_pages).unwrap_or(u32::MAX)),
            first_available_date_time: first_available.map(time),
            last_available_date_time: Some(time(now)),
        },
    }))
}

pub async fn account_transactions(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Envelope<TransactionList>>, ObError> {
    let grant = authorised_grant(&bank, &headers, TRANSACTION_READ).await?;
    let found = one_account(&bank, &grant, &id).await?;
    transactions_page(
        &bank,
        vec![found],
        params,
        &format!("{PREFIX}/accounts/{id}/transactions"),
    )
    .await
}

pub async fn all_transactions(
    State(bank): State<BankState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Envelope<TransactionList>>, ObError> {
    let grant = authorised_grant(&bank, &headers, TRANSACTION_READ).await?;
    let accounts = customer_accounts(&bank, &grant).await?;
    transactions_page(&bank, accounts, params, &format!("{PREFIX}/transactions")).await
}
