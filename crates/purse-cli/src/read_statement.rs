//! `purse read-statement FILE`: what Purse makes of a bank or payment-app statement file — its format,
//! rows, amounts and ids — without a wallet and without writing anything, for trying real exports.

use std::path::Path;

use anyhow::Context;
use wallet_import::{DateOrder, ImportOptions, Statement};

pub fn run(
    file: &Path,
    date_order: Option<&str>,
    currency: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(file).with_context(|| format!("{} could not be read", file.display()))?;
    let mut options = ImportOptions::default();
    if let Some(order) = date_order {
        options.date_order = Some(match order {
            "mdy" => DateOrder::MonthDayYear,
            "dmy" => DateOrder::DayMonthYear,
            "ymd" => DateOrder::YearMonthDay,
            other => anyhow::bail!("--date-order is mdy, dmy or ymd, not {other}"),
        });
    }
    if let Some(code) = currency {
        options.default_currency = code
            .parse()
            .map_err(|_| anyhow::anyhow!("{code} is not a currency"))?;
    }
    let statement = wallet_import::read(&bytes, &options)
        .map_err(|error| anyhow::anyhow!("{}: {error}; nothing was read", file.display()))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&statement)?);
    } else {
        print!("{}", summary(&statement));
    }
    Ok(())
}

fn summary(statement: &Statement) -> String {
    let mut out = format!(
        "{:?}, {} rows in {}{}\n",
        statement.format,
        statement.rows.len(),
        statement.currency.code(),
        statement
            .account
            .as_deref()
            .map(|a| format!(", account {a}"))
            .unwrap_or_default()
    );
    for row in &statement.rows {
        out.push_str(&format!(
            "{:>5}  {}  {:>12} {}  {}  {}\n",
            row.line,
            row.at.format("%Y-%m-%d %H:%M"),
            row.amount.amount(),
            row.amount.currency().code(),
            row.counterparty.as_deref().unwrap_or("-"),
            row.description.as_deref().unwrap_or("")
        ));
    }
    for skipped in &statement.skipped {
        out.push_str(&format!(
            "{:>5}  skipped: {}\n",
            skipped.line, skipped.reason
        ));
    }
    out
}
