//! Importing a statement file (issue 6): the file read by `wallet-import`, each row then looked up in the
//! wallet — brought by an earlier import (a duplicate: nothing added), a line the bank already sent (same
//! amount within three days, a party that can be the same: linked, not doubled), or new — shown as a preview, and written in one
//! database transaction when the person confirms. A WeChat Pay or Alipay row paid by a card is the same
//! money as that card's line where the bank wrote 财付通 or 支付宝: it is linked to that line, which takes
//! the real merchant and item, so the spending counts once. An import can be undone as a whole.

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, Local, TimeZone, Utc};
use wallet_core::category::{self, CategoryHints};
use wallet_core::same_payee::could_be_same_payee;
use wallet_core::statement_category::for_statement_hint;
use wallet_core::{Account, Transaction, TransactionId, TransactionStatus};
use wallet_import::{DateOrder, Format, ImportOptions, ImportedRow, RowKind, Statement};
use wallet_store::{ImportLink, ImportRecord, NewImport};

use super::to_u32;
use crate::dto::imports::{
    DateOrderDto, ImportPreview, ImportRecordDto, ImportRequest, PreviewRow, PreviewStatus,
    SkippedRow,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::bills::transactions::category_label;

pub struct Imports {
    pub(crate) cx: Arc<Context>,
}

/// Larger files are refused before they are read (a decade of bills is a few MB).
const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// A bank books a payment app's row within this many days of it.
const LINK_WINDOW_DAYS: i64 = 3;
/// Rows shown in a preview (its counts cover every row).
const PREVIEW_ROWS: usize = 500;

/// What will happen to one row.
enum Plan {
    New(Box<Transaction>),
    Duplicate,
    /// The line it is, and for a card's 财付通/支付宝 line the real merchant and item it takes.
    Linked(TransactionId, Option<(String, String)>),
}

/// A file read and matched against one account.
struct Planned {
    statement: Statement,
    account: Option<Account>,
    /// Per row of `statement.rows`, in order (empty without an account).
    plans: Vec<Plan>,
    /// Per row, its key in the wallet (`bank_transaction_id` of the line it becomes).
    keys: Vec<String>,
}

#[commands]
impl Imports {
    /// What importing a statement file would do, without writing anything: its format, the account (the
    /// chosen one, or the one its card number names), each row new, already imported or matching a bank
    /// line, and the rows left out. A file Purse cannot read rejects with `invalidInput` naming the line (a
    /// QIF file without `dateOrder` asks for one).
    pub async fn preview_import(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        let planned = self.plan_import(&request).await?;
        let count =
            |wanted: fn(&Plan) -> bool| to_u32(planned.plans.iter().filter(|p| wanted(p)).count());
        let rows = planned
            .statement
            .rows
            .iter()
            .enumerate()
            .take(PREVIEW_ROWS)
            .map(|(index, row)| PreviewRow {
                line: to_u32(row.line),
                at: row.at.format("%Y-%m-%d %H:%M").to_string(),
                amount: row.amount.into(),
                counterparty: row.counterparty.clone(),
                description: row.description.clone(),
                category: category_label(category_of(row)),
                status: match planned.plans.get(index) {
                    Some(Plan::Duplicate) => PreviewStatus::Duplicate,
                    Some(Plan::Linked(..)) => PreviewStatus::Linked,
                    _ => PreviewStatus::New,
                },
            })
            .collect();
        let statement = &planned.statement;
        Ok(ImportPreview {
            format: format_name(statement.format),
            file_name: request.file_name.clone(),
            account_id: planned.account.as_ref().map(|a| a.id.to_string()),
            currency: statement.currency.code().to_string(),
            new_rows: if planned.account.is_some() {
                count(|p| matches!(p, Plan::New(_)))
            } else {
                to_u32(statement.rows.len())
            },
            duplicates: count(|p| matches!(p, Plan::Duplicate)),
            linked: count(|p| matches!(p, Plan::Linked(..))),
            rows,
            skipped: statement
                .skipped
                .iter()
                .map(|s| SkippedRow {
                    line: to_u32(s.line),
                    reason: s.reason.clone(),
                })
                .collect(),
            warnings: statement.warnings.clone(),
        })
    }

    /// Writes the import: every new row as a bill line of the chosen account, the linked rows as links,
    /// all in one database transaction.
    pub async fn commit_import(&self, request: ImportRequest) -> ApiResult<ImportRecordDto> {
        if request
            .account_id
            .as_deref()
            .is_none_or(|id| id.trim().is_empty())
        {
            return Err(ApiError::invalid(
                "Choose the account the statement's rows go into.",
            ));
        }
        let planned = self.plan_import(&request).await?;
        let account = planned.account.expect("an account was asked for and found");
        let family = family(planned.statement.format);
        let refunds: Vec<(String, String)> = planned
            .statement
            .rows
            .iter()
            .zip(&planned.keys)
            .filter_map(|(row, key)| match &row.kind {
                RowKind::Refund { of: Some(original) } => {
                    Some((key.clone(), format!("import:{family}:{original}")))
                }
                _ => None,
            })
            .collect();
        let mut lines = Vec::new();
        let mut links = Vec::new();
        let mut duplicates = 0;
        for (plan, key) in planned.plans.into_iter().zip(planned.keys) {
            match plan {
                Plan::New(line) => lines.push(*line),
                Plan::Linked(line, enrich) => links.push(ImportLink {
                    row_key: key,
                    line,
                    enrich,
                }),
                Plan::Duplicate => duplicates += 1,
            }
        }
        let record = self
            .cx
            .store
            .commit_import(NewImport {
                account: account.id,
                file_name: request.file_name.trim(),
                format: &format_name(planned.statement.format),
                at: self.cx.clock.now(),
                lines: &lines,
                links: &links,
                duplicates,
                refunds: &refunds,
            })
            .await?;
        Ok(record_dto(&record, account.display_name()))
    }

    /// Every import, newest first (undone ones too, with `undoneAt`).
    pub async fn list_imports(&self) -> ApiResult<Vec<ImportRecordDto>> {
        let names = self.cx.account_names().await?;
        Ok(self
            .cx
            .store
            .imports()
            .await?
            .iter()
            .map(|record| {
                let name = names.get(&record.account_id).map_or("", String::as_str);
                record_dto(record, name)
            })
            .collect())
    }

    /// Removes every line an import added (its links go too); the totals follow.
    pub async fn undo_import(&self, import_id: i64) -> ApiResult<Vec<ImportRecordDto>> {
        match self
            .cx
            .store
            .undo_import(import_id, self.cx.clock.now())
            .await?
        {
            Some(_) => self.list_imports().await,
            None => Err(ApiError::not_found(
                "There is no such import, or it was already undone.",
            )),
        }
    }

    async fn plan_import(&self, request: &ImportRequest) -> ApiResult<Planned> {
        let bytes = STANDARD
            .decode(request.content_base64.trim())
            .map_err(|_| ApiError::invalid("The file did not arrive whole; choose it again."))?;
        if bytes.len() > MAX_FILE_BYTES {
            return Err(ApiError::invalid(
                "The file is larger than 64 MB: a statement is not that big.",
            ));
        }
        let chosen = match request.account_id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => Some(self.cx.account_by_id(id).await?),
            _ => None,
        };
        let options = ImportOptions {
            default_currency: chosen
                .as_ref()
                .map_or(self.cx.home_currency, |a| a.currency),
            date_order: request.date_order.map(|order| match order {
                DateOrderDto::MonthDayYear => DateOrder::MonthDayYear,
                DateOrderDto::DayMonthYear => DateOrder::DayMonthYear,
                DateOrderDto::YearMonthDay => DateOrder::YearMonthDay,
            }),
        };
        let statement = wallet_import::read(&bytes, &options).map_err(|error| {
            let code = match error {
                wallet_import::Error::Options(_) => ErrorCode::DateOrderNeeded,
                _ => ErrorCode::InvalidInput,
            };
            ApiError::new(
                code,
                format!(
                    "{}: {error}. Nothing was imported.",
                    request.file_name.trim()
                ),
            )
        })?;
        let account = match chosen {
            Some(account) => Some(account),
            None => self.account_named_by(&statement).await?,
        };
        let Some(account) = account else {
            return Ok(Planned {
                statement,
                account: None,
                plans: Vec::new(),
                keys: Vec::new(),
            });
        };
        if let Some(row) = statement
            .rows
            .iter()
            .find(|row| row.amount.currency() != account.currency)
        {
            return Err(ApiError::invalid(format!(
                "Line {}: the file's money is in {}, and {} holds {}. Choose an account in {}.",
                row.line,
                row.amount.currency(),
                account.display_name(),
                account.currency,
                row.amount.currency()
            )));
        }
        let keys: Vec<String> = statement
            .rows
            .iter()
            .map(|row| format!("import:{}:{}", family(statement.format), row.id))
            .collect();
        let known = self.cx.store.known_row_keys(account.id, &keys).await?;
        let times: Vec<DateTime<Utc>> = statement.rows.iter().map(utc).collect();
        let window = Duration::days(LINK_WINDOW_DAYS);
        let mut linkable = match (times.iter().min(), times.iter().max()) {
            (Some(first), Some(last)) => {
                self.cx
                    .store
                    .linkable_lines(account.id, *first - window, *last + window)
                    .await?
            }
            _ => Vec::new(),
        };
        let span = match (times.iter().min(), times.iter().max()) {
            (Some(first), Some(last)) => (*first, *last),
            _ => (self.cx.clock.now(), self.cx.clock.now()),
        };
        let mut cards = CardLines::new(self.cx.store.list_accounts().await?, account.id, span);
        let mut plans = Vec::with_capacity(statement.rows.len());
        for ((row, key), at) in statement.rows.iter().zip(&keys).zip(&times) {
            if known.contains(key) {
                plans.push(Plan::Duplicate);
                continue;
            }
            if let Some(line) = cards.twin(&self.cx, row, *at).await? {
                let merchant = row.counterparty.clone().unwrap_or_default();
                let item = row.description.clone().unwrap_or_else(|| merchant.clone());
                plans.push(Plan::Linked(line, Some((merchant, item))));
                continue;
            }
            // The bank's own line for the same money to a party that can be the same: the closest in
            // time within the window.
            let twin = linkable
                .iter()
                .enumerate()
                .filter(|(_, line)| {
                    line.line.amount == row.amount
                        && (line.line.booked_at - *at).abs() <= window
                        && could_be_same_payee(row.counterparty.as_deref(), Some(line.line.payee()))
                })
                .min_by_key(|(_, line)| (line.line.booked_at - *at).abs())
                .map(|(index, _)| index);
            if let Some(index) = twin {
                plans.push(Plan::Linked(linkable.swap_remove(index).id, None));
                continue;
            }
            plans.push(Plan::New(Box::new(line_of(row, key, &account, *at))));
        }
        Ok(Planned {
            statement,
            account: Some(account),
            plans,
            keys,
        })
    }

    /// The account whose number ends as the file's account does (the last four digits), if just one. Only
    /// a bank's statement names a card or an account: a payment app names the person (a phone number,
    /// an e-mail, a nickname), never which of their accounts it is.
    async fn account_named_by(&self, statement: &Statement) -> ApiResult<Option<Account>> {
        let from_a_bank = !matches!(
            statement.format,
            Format::AlipayCurrent
                | Format::Alipay2021
                | Format::AlipayLegacy
                | Format::WeChatCsv
                | Format::WeChatXlsx
                | Format::JdPay
                | Format::Meituan
        );
        let Some(named) = statement.account.as_deref().filter(|_| from_a_bank) else {
            return Ok(None);
        };
        let Some(tail) = card_tail(named) else {
            return Ok(None);
        };
        let matching: Vec<Account> = self
            .cx
            .store
            .list_accounts()
            .await?
            .into_iter()
            .filter(|a| a.masked_number.ends_with(&tail) && a.currency == statement.currency)
            .collect();
        Ok((matching.len() == 1)
            .then(|| matching.into_iter().next())
            .flatten())
    }
}

/// What a bank writes for money a payment app took from the card.
const PAYMENT_APPS: &[&str] = &[
    "财付通",
    "支付宝",
    "微信支付",
    "Tenpay",
    "TENPAY",
    "Alipay",
    "ALIPAY",
    "京东支付",
    "网银在线",
    "美团",
];

/// The person's cards, and their lines a payment-app row may be, fetched once per card and window.
struct CardLines {
    accounts: Vec<Account>,
    /// The account being imported into: its own lines are matched the plain way.
    target: wallet_core::AccountId,
    /// The file's first and last row.
    span: (DateTime<Utc>, DateTime<Utc>),
    fetched: std::collections::HashMap<wallet_core::AccountId, Vec<wallet_core::StoredTransaction>>,
}

impl CardLines {
    fn new(
        accounts: Vec<Account>,
        target: wallet_core::AccountId,
        span: (DateTime<Utc>, DateTime<Utc>),
    ) -> Self {
        CardLines {
            accounts,
            target,
            span,
            fetched: std::collections::HashMap::new(),
        }
    }

    /// The card line that is this row's money: the card whose number ends as the row's funding says
    /// (`工商银行(1234)`), the same amount within a day, the bank naming a payment app. Taken once.
    async fn twin(
        &mut self,
        cx: &Context,
        row: &ImportedRow,
        at: DateTime<Utc>,
    ) -> ApiResult<Option<TransactionId>> {
        let Some(tail) = row.funding.as_deref().and_then(card_tail) else {
            return Ok(None);
        };
        let Some(card) = self
            .accounts
            .iter()
            .find(|a| a.id != self.target && a.masked_number.ends_with(&tail))
        else {
            return Ok(None);
        };
        if !self.fetched.contains_key(&card.id) {
            // Fetched once per card, for the file's whole span.
            let (first, last) = self.span;
            let lines = cx
                .store
                .linkable_lines(card.id, first - Duration::days(1), last + Duration::days(1))
                .await?;
            self.fetched.insert(card.id, lines);
        }
        let lines = self.fetched.get_mut(&card.id).expect("fetched above");
        let found = lines
            .iter()
            .enumerate()
            .filter(|(_, line)| {
                line.line.amount == row.amount
                    && (line.line.booked_at - at).abs() <= Duration::days(1)
                    && PAYMENT_APPS.iter().any(|app| {
                        line.line.merchant.as_deref().unwrap_or("").contains(app)
                            || line
                                .line
                                .counterparty
                                .as_deref()
                                .unwrap_or("")
                                .contains(app)
                            || line.line.description.contains(app)
                    })
            })
            .min_by_key(|(_, line)| (line.line.booked_at - at).abs())
            .map(|(index, _)| index);
        Ok(found.map(|index| lines.swap_remove(index).id))
    }
}

/// The last four digits a card is named by: `工商银行(1234)`, `招商银行信用卡（5678）`, `6222 6001 … 3456`.
fn card_tail(funding: &str) -> Option<String> {
    let digits: Vec<char> = funding.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 4).then(|| digits[digits.len() - 4..].iter().collect())
}

/// Versions of one source share their ids (an Alipay order id is the same in every export).
fn family(format: Format) -> &'static str {
    match format {
        Format::AlipayCurrent | Format::Alipay2021 | Format::AlipayLegacy => "alipay",
        Format::WeChatCsv | Format::WeChatXlsx => "wechat",
        Format::JdPay => "jd",
        Format::Meituan => "meituan",
        Format::IcbcDebit | Format::IcbcCredit => "icbc",
        Format::CmbDebit | Format::CmbCredit => "cmb",
        Format::BocDebit => "boc",
        Format::Ofx => "ofx",
        Format::Camt053 => "camt053",
        Format::Mt940 => "mt940",
        Format::Qif => "qif",
    }
}

fn format_name(format: Format) -> String {
    serde_json::to_value(format)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The row's local time as an instant (the earlier one of an hour that happens twice).
fn utc(row: &ImportedRow) -> DateTime<Utc> {
    Local
        .from_local_datetime(&row.at)
        .earliest()
        .map_or_else(|| row.at.and_utc(), |local| local.with_timezone(&Utc))
}

fn category_of(row: &ImportedRow) -> &'static str {
    match &row.kind {
        RowKind::Refund { .. } => "income.refund",
        RowKind::Neutral => row
            .category_hint
            .as_deref()
            .and_then(for_statement_hint)
            .filter(|c| c.starts_with("transfers"))
            .unwrap_or("transfers.own"),
        RowKind::Payment => row
            .category_hint
            .as_deref()
            .and_then(for_statement_hint)
            .unwrap_or_else(|| {
                category::categorize(CategoryHints {
                    mcc: None,
                    bank_code: None,
                    is_credit: row.amount.amount().is_sign_positive(),
                })
            }),
    }
}

fn line_of(row: &ImportedRow, key: &str, account: &Account, at: DateTime<Utc>) -> Transaction {
    let description = row
        .description
        .clone()
        .or_else(|| row.counterparty.clone())
        .unwrap_or_default();
    Transaction {
        account_id: account.id,
        bank_transaction_id: key.to_string(),
        status: TransactionStatus::Booked,
        booked_at: at,
        value_at: None,
        amount: row.amount,
        original_amount: row.original,
        merchant: row.counterparty.clone(),
        mcc: None,
        counterparty: None,
        description,
        category_id: category_of(row).to_string(),
    }
}

fn record_dto(record: &ImportRecord, account_name: &str) -> ImportRecordDto {
    ImportRecordDto {
        id: record.id,
        account_id: record.account_id.to_string(),
        account_name: account_name.to_string(),
        file_name: record.file_name.clone(),
        format: record.format.clone(),
        imported_at: record.imported_at.to_rfc3339(),
        added: record.added,
        linked: record.linked,
        duplicates: record.duplicates,
        undone_at: record.undone_at.map(|at| at.to_rfc3339()),
    }
}
