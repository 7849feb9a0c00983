//! `purse import FILE --account ID` and `purse imports`: a statement file imported into one account from
//! a terminal, and the import history with undo, through the same `Imports` handlers as the desktop's
//! import sheet. The preview is shown and confirmed before anything is written; the wallet stays open
//! while the person answers, so what is written is what the preview showed.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::ValueEnum;
use wallet_app::dto::imports::{DateOrderDto, ImportPreview, ImportRequest};
use wallet_app::{ApiError, ErrorCode, Wallet};

use crate::print;

/// How a QIF file writes its dates (`--date-order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrder {
    /// Month, day, year (12/31/2026).
    Mdy,
    /// Day, month, year (31/12/2026).
    Dmy,
    /// Year, month, day (2026/12/31).
    Ymd,
}

impl DateOrder {
    fn dto(self) -> DateOrderDto {
        match self {
            DateOrder::Mdy => DateOrderDto::MonthDayYear,
            DateOrder::Dmy => DateOrderDto::DayMonthYear,
            DateOrder::Ymd => DateOrderDto::YearMonthDay,
        }
    }
}

/// What `purse import` was asked.
pub struct ImportArgs<'a> {
    pub file: &'a Path,
    pub account: Option<&'a str>,
    pub date_order: Option<DateOrder>,
    pub yes: bool,
    pub json: bool,
}

/// Previews the file against the account, then (asked, or with `--yes`) imports it. With `--json` and
/// without `--yes` only the preview is printed: nothing is asked, nothing written.
pub async fn import(wallet: &Wallet, args: ImportArgs<'_>) -> anyhow::Result<()> {
    let Some(account) = args.account.map(str::trim).filter(|id| !id.is_empty()) else {
        anyhow::bail!(
            "say which account the rows go into: --account ID\n{}",
            account_list(wallet).await?
        );
    };
    let bytes = std::fs::read(args.file)
        .with_context(|| format!("{} could not be read", args.file.display()))?;
    let request = ImportRequest {
        file_name: args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        content_base64: STANDARD.encode(&bytes),
        account_id: Some(account.to_string()),
        date_order: args.date_order.map(DateOrder::dto),
    };
    let preview = match wallet.imports()?.preview_import(request.clone()).await {
        Ok(preview) => preview,
        Err(error) => return Err(explained(wallet, account, error).await),
    };
    if args.json && !args.yes {
        return print::out(true, &preview, |_| String::new());
    }
    let account_name = wallet.accounts()?.get_account(account).await?.name;
    if !args.json {
        print!("{}", print::import_preview(&preview, &account_name));
    }
    // Only rows imported before (or none at all): an empty import is not written.
    if preview.new_rows == 0 && preview.linked == 0 {
        let said = if preview.duplicates > 0 {
            let were = if preview.duplicates == 1 {
                "was"
            } else {
                "were"
            };
            format!(
                "Nothing new to import: {} {were} imported before.",
                print::rows(preview.duplicates)
            )
        } else {
            "Nothing to import: the file has no rows to add.".to_string()
        };
        return print::out(
            args.json,
            &serde_json::json!({ "preview": preview, "import": null, "message": said }),
            |_| format!("{said}\n"),
        );
    }
    if !args.yes && !confirmed(&question(&preview, &account_name))? {
        println!("Nothing was imported.");
        return Ok(());
    }
    let record = wallet.imports()?.commit_import(request).await?;
    print::out(
        args.json,
        &serde_json::json!({ "preview": preview, "import": record }),
        |_| print::imported(&record),
    )
}

/// `purse imports`: the history, newest first; `--undo ID` undoes one and prints the history after.
pub async fn imports(wallet: &Wallet, undo: Option<i64>, json: bool) -> anyhow::Result<()> {
    let list = match undo {
        Some(id) => wallet
            .imports()?
            .undo_import(id)
            .await
            .map_err(|error| anyhow::anyhow!("import {id}: {error}"))?,
        None => wallet.imports()?.list_imports().await?,
    };
    if let (Some(id), false) = (undo, json) {
        println!("Import {id} was undone: its rows are gone from the account.");
    }
    print::out(json, &list, |list| print::imports(list))
}

fn question(preview: &ImportPreview, account_name: &str) -> String {
    let linked = match preview.linked {
        0 => String::new(),
        1 => " (and link 1 row to a line the bank sent)".to_string(),
        n => format!(" (and link {n} rows to lines the bank sent)"),
    };
    let new = match preview.new_rows {
        1 => "1 new row".to_string(),
        n => format!("{n} new rows"),
    };
    format!("Import {new} into {account_name}{linked}? [y/N] ")
}

/// The person's answer, on standard error and the next line of standard input: only y or yes is yes;
/// no answer (a closed or empty standard input) is no.
fn confirmed(question: &str) -> anyhow::Result<bool> {
    let mut stderr = std::io::stderr();
    write!(stderr, "{question}")?;
    stderr.flush()?;
    let mut answer = String::new();
    let read = std::io::stdin().lock().read_line(&mut answer)?;
    if read == 0 && !std::io::stdin().is_terminal() {
        writeln!(stderr)?;
    }
    let answer = answer.trim().to_lowercase();
    Ok(answer == "y" || answer == "yes")
}

/// The handler's refusal, with the wallet's accounts when the one asked for is not among them.
async fn explained(wallet: &Wallet, account: &str, error: ApiError) -> anyhow::Error {
    let listed = match wallet.accounts() {
        Ok(accounts) => accounts.list_accounts().await.ok(),
        Err(_) => None,
    };
    let unknown = listed
        .as_ref()
        .is_some_and(|o| !o.accounts.iter().any(|a| a.id == account));
    if unknown {
        return match account_list(wallet).await {
            Ok(list) => anyhow::anyhow!("there is no account {account} in this wallet\n{list}"),
            Err(_) => error.into(),
        };
    }
    if error.code == ErrorCode::DateOrderNeeded {
        return anyhow::anyhow!("{error} Give it with --date-order mdy, dmy or ymd.");
    }
    error.into()
}

/// The accounts to choose from, one a line (`purse accounts` shows more).
async fn account_list(wallet: &Wallet) -> anyhow::Result<String> {
    let overview = wallet.accounts()?.list_accounts().await?;
    if overview.accounts.is_empty() {
        return Ok(
            "the wallet has no accounts yet: `purse sync` brings the bank's accounts".to_string(),
        );
    }
    let mut text = String::from("the wallet's accounts:");
    for account in &overview.accounts {
        text.push_str(&format!(
            "\n  {}  {} ({}, {})",
            account.id, account.name, account.currency, account.masked_number
        ));
    }
    Ok(text)
}
