//! How the CLI shows handler results: the DTO as JSON, or a plain table for people.

use std::io::IsTerminal;

use serde::Serialize;
use wallet_app::dto::imports::{ImportPreview, ImportRecordDto, PreviewStatus};
use wallet_app::dto::{
    AccountDto, AccountsOverview, LinkDto, LinkStateDto, MonthlyStatement, PayeeDto, Payment,
    SyncProgress, SyncReport, SyncStage, TransactionPage, Trend,
};

pub fn out<T: Serialize>(json: bool, value: &T, text: impl Fn(&T) -> String) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        print!("{}", text(value));
    }
    Ok(())
}

/// Sync progress on stderr: one line rewritten in place on a terminal; elsewhere (a log, a pipe) one line
/// per stage and account, without the page-by-page counts.
pub fn progress(p: &SyncProgress) {
    let on_terminal = std::io::stderr().is_terminal();
    let account = p.account_name.as_deref().unwrap_or("");
    let line = match p.stage {
        SyncStage::Linking => "signing in to the bank".to_string(),
        SyncStage::Accounts => "reading the accounts".to_string(),
        SyncStage::Balances => format!("{}/{} {account}", p.account_index + 1, p.account_count),
        SyncStage::Transactions if on_terminal => format!(
            "{}/{} {account}: {} transactions",
            p.account_index + 1,
            p.account_count,
            p.transactions_fetched
        ),
        SyncStage::Transactions => return,
        SyncStage::Done => {
            if on_terminal {
                eprint!("\r\x1b[K");
            }
            return;
        }
    };
    if on_terminal {
        eprint!("\r\x1b[K{line}");
    } else {
        eprintln!("{line}");
    }
}

pub fn sync_report(r: &SyncReport) -> String {
    let mut text = format!(
        "synced {} accounts: {} new, {} updated ({})\n",
        r.accounts, r.transactions_added, r.transactions_updated, r.finished_at
    );
    for notice in &r.notices {
        text.push_str(&format!("  {notice}\n"));
    }
    text
}

/// One line per bank link, with its state and the bank's words on the next line.
pub fn links(links: &[LinkDto]) -> String {
    let mut text = String::new();
    for link in links {
        let state = match link.state {
            LinkStateDto::Fine => "fine",
            LinkStateDto::Attention => "needs attention",
            LinkStateDto::NeedsRenewal => "needs signing in again",
            LinkStateDto::Failing => "failing",
            LinkStateDto::Unlinked => "unlinked (bills kept)",
        };
        text.push_str(&format!(
            "{:<38} {:<28} {:<22} {} accounts, last synced {}\n",
            link.id,
            link.bank_name,
            state,
            link.accounts,
            link.last_synced_at.as_deref().unwrap_or("never")
        ));
        if let Some(next) = &link.next_sync_at {
            text.push_str(&format!("  next sync allowed at {next}\n"));
        }
        if let Some(days) = link.consent_days_left {
            text.push_str(&format!("  consent ends in {days} days\n"));
        }
        if let Some(message) = &link.message {
            text.push_str(&format!("  {message}\n"));
        }
    }
    text
}

pub fn account(a: &AccountDto) -> String {
    format!(
        "{:<38} {:<12} {:<22} {:>16} {}  {}\n",
        a.id, a.bank_name, a.name, a.balance.amount, a.balance.currency, a.masked_number
    )
}

pub fn overview(o: &AccountsOverview) -> String {
    let mut text: String = o.accounts.iter().map(account).collect();
    text.push_str(&format!(
        "total assets {} {} · liabilities {} · net worth {}\n",
        o.total_assets.amount, o.home_currency, o.total_liabilities.amount, o.net_worth.amount
    ));
    for rate in &o.rates {
        text.push_str(&format!(
            "  1 {} = {} {} ({}, {})\n",
            rate.from, rate.rate, rate.to, rate.as_of, rate.source
        ));
    }
    text
}

pub fn bills(page: &TransactionPage) -> String {
    let mut text: String = page
        .items
        .iter()
        .map(|t| {
            let who = t
                .merchant
                .as_deref()
                .or(t.counterparty.as_deref())
                .unwrap_or(&t.description);
            format!(
                "{}  {:<8} {:>14} {}  {:<28} {}\n",
                &t.booked_at[..16.min(t.booked_at.len())],
                format!("{:?}", t.status).to_lowercase(),
                t.amount.amount,
                t.amount.currency,
                who,
                t.category.en
            )
        })
        .collect();
    if let Some(next) = &page.next_cursor {
        text.push_str(&format!("more: --cursor {next}\n"));
    }
    text
}

pub fn payee(p: &PayeeDto) -> String {
    format!(
        "{:<38} {:<24} {}  {}\n",
        p.id,
        p.name,
        p.masked_number,
        p.bank_name.as_deref().unwrap_or("")
    )
}

pub fn payment(p: &Payment) -> String {
    let status = format!("{:?}", p.status).to_lowercase();
    let reason = p
        .status_reason
        .as_deref()
        .map(|r| format!("  ({r})"))
        .unwrap_or_default();
    format!(
        "{}  {:<9} {:>12} {}  {} → {} {}{reason}\n",
        &p.created_at[..16.min(p.created_at.len())],
        status,
        p.amount.amount,
        p.amount.currency,
        p.from_account_name,
        p.payee_name,
        p.payee_masked_number
    )
}

pub fn statement(s: &MonthlyStatement) -> String {
    let mut text = format!(
        "{} {}  ({})\nopening {:>14}   closing {:>14}\nincome  {:>14}   spending {:>13}   net {:>14}\n",
        s.month,
        s.account_name.as_deref().unwrap_or("whole wallet"),
        s.currency,
        s.opening_balance.amount,
        s.closing_balance.amount,
        s.summary.income.amount,
        s.summary.spending.amount,
        s.summary.net.amount,
    );
    text.push_str(&format!(
        "previous month: spending {}, income {} · same month last year: spending {}, income {}\n",
        s.previous_month.spending.amount,
        s.previous_month.income.amount,
        s.same_month_last_year.spending.amount,
        s.same_month_last_year.income.amount,
    ));
    for share in &s.spending_by_category {
        text.push_str(&format!(
            "  {:<28} {:>14} {:>6}%\n",
            share.category.en, share.amount.amount, share.percent
        ));
        for child in &share.children {
            text.push_str(&format!(
                "    {:<26} {:>14} {:>6}%\n",
                child.category.en, child.amount.amount, child.percent
            ));
        }
    }
    for payee in &s.top_payees {
        text.push_str(&format!(
            "  · {:<28} {:>12}\n",
            payee.payee, payee.amount.amount
        ));
    }
    text
}

pub fn trend(t: &Trend) -> String {
    let mut text = format!(
        "{:<8} {:>14} {:>14} {:>16}\n",
        "month", "income", "spending", "balance"
    );
    for ((month, summary), balance) in t.months.iter().zip(&t.summaries).zip(&t.balances) {
        text.push_str(&format!(
            "{month:<8} {:>14} {:>14} {:>16}\n",
            summary.income.amount, summary.spending.amount, balance.amount
        ));
    }
    text
}

/// What an import would do: the file and account, each row (line, time, amount, party, status), the
/// rows left out with why, the counts, and last the warnings, where they are read before the question.
pub fn import_preview(p: &ImportPreview, account_name: &str) -> String {
    let mut text = format!(
        "{} · {} → {account_name} · {}\n",
        p.format, p.file_name, p.currency
    );
    if !p.rows.is_empty() {
        text.push_str(&format!(
            "{:>6}  {:<16}  {:>16}  {:<9}  {}\n",
            "line", "time", "amount", "status", "counterparty · description"
        ));
    }
    for row in &p.rows {
        let status = match row.status {
            PreviewStatus::New => "new",
            PreviewStatus::Duplicate => "duplicate",
            PreviewStatus::Linked => "linked",
        };
        let who = match (row.counterparty.as_deref(), row.description.as_deref()) {
            (Some(party), Some(what)) if party != what => format!("{party} · {what}"),
            (Some(party), _) => party.to_string(),
            (None, Some(what)) => what.to_string(),
            (None, None) => String::new(),
        };
        text.push_str(&format!(
            "{:>6}  {:<16}  {:>12} {}  {status:<9}  {who}\n",
            row.line, row.at, row.amount.amount, row.amount.currency
        ));
    }
    let total = u64::from(p.new_rows) + u64::from(p.duplicates) + u64::from(p.linked);
    if (p.rows.len() as u64) < total {
        text.push_str(&format!(
            "(the first {} of {total} rows are shown; the counts cover all)\n",
            p.rows.len()
        ));
    }
    if !p.skipped.is_empty() {
        text.push_str(&format!("left out ({}):\n", p.skipped.len()));
        for skipped in &p.skipped {
            text.push_str(&format!("{:>6}  {}\n", skipped.line, skipped.reason));
        }
    }
    text.push_str(&format!(
        "{} new · {} imported before · {} linked to lines the bank sent\n",
        p.new_rows, p.duplicates, p.linked
    ));
    for warning in &p.warnings {
        text.push_str(&format!("WARNING: {warning}\n"));
    }
    text
}

/// An import written, and how to take it out again.
pub fn imported(r: &ImportRecordDto) -> String {
    format!(
        "Imported into {}: {} added, {} linked to lines the bank sent, {} imported before \
         (import {}; `purse imports --undo {}` takes it out again).\n",
        r.account_name,
        rows(r.added),
        r.linked,
        r.duplicates,
        r.id,
        r.id
    )
}

/// The import history, one import a line, newest first (the account and file last: their widths vary).
pub fn imports(records: &[ImportRecordDto]) -> String {
    if records.is_empty() {
        return "No imports yet.\n".to_string();
    }
    let when = |at: &str| at.get(..16).unwrap_or(at).replace('T', " ");
    let mut text = format!(
        "{:>5}  {:<16}  {:<14} {:>6} {:>6} {:>10}  {}\n",
        "id", "imported (UTC)", "format", "added", "linked", "duplicates", "account · file"
    );
    for r in records {
        let undone = r
            .undone_at
            .as_deref()
            .map(|at| format!("  (undone {})", when(at)))
            .unwrap_or_default();
        text.push_str(&format!(
            "{:>5}  {:<16}  {:<14} {:>6} {:>6} {:>10}  {} · {}{undone}\n",
            r.id,
            when(&r.imported_at),
            r.format,
            r.added,
            r.linked,
            r.duplicates,
            r.account_name,
            r.file_name
        ));
    }
    text
}

/// "1 row", "3 rows".
pub fn rows(count: impl Into<i64>) -> String {
    match count.into() {
        1 => "1 row".to_string(),
        n => format!("{n} rows"),
    }
}

#[cfg(test)]
mod tests {
    use wallet_app::dto::imports::{ImportPreview, PreviewRow, PreviewStatus, SkippedRow};
    use wallet_app::dto::{CategoryLabel, MoneyDto};

    use super::import_preview;

    #[test]
    fn an_import_preview_shows_each_row_the_rows_left_out_and_ends_with_its_warnings() {
        let row = PreviewRow {
            line: 9,
            at: "2016-03-02 12:30".into(),
            amount: MoneyDto {
                amount: "-37.19".into(),
                currency: "CNY".into(),
            },
            counterparty: Some("琥珀书屋".into()),
            description: Some("旧书两本".into()),
            category: CategoryLabel {
                id: "shopping".into(),
                en: "Shopping".into(),
                zh_cn: "购物".into(),
            },
            status: PreviewStatus::Duplicate,
        };
        let preview = ImportPreview {
            format: "icbcDebit".into(),
            file_name: "icbc.csv".into(),
            account_id: Some("a1".into()),
            currency: "CNY".into(),
            new_rows: 0,
            duplicates: 2,
            linked: 0,
            rows: vec![row],
            skipped: vec![SkippedRow {
                line: 12,
                reason: "not a transaction (a note or totals line)".into(),
            }],
            warnings: vec!["the balance column is masked and was set aside".into()],
        };
        let text = import_preview(&preview, "储蓄卡 Everyday card");
        assert!(text.starts_with("icbcDebit · icbc.csv → 储蓄卡 Everyday card · CNY\n"));
        assert!(
            text.contains(
                "     9  2016-03-02 12:30        -37.19 CNY  duplicate  琥珀书屋 · 旧书两本\n"
            ),
            "{text}"
        );
        assert!(text.contains("(the first 1 of 2 rows are shown"), "{text}");
        assert!(
            text.contains("left out (1):\n    12  not a transaction"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "0 new · 2 imported before · 0 linked to lines the bank sent\n\
                 WARNING: the balance column is masked and was set aside\n"
            ),
            "{text}"
        );
    }
}
