//! `purse`: the wallet from a terminal, for scripting, support and benchmarks. It has no logic of its
//! own: every command calls the same wallet-app handler the desktop app calls.

mod print;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use url::Url;
use wallet_app::clock::SystemClock;
use wallet_app::dto::{Language, SettingsPatch, TransactionQuery};
use wallet_app::{BankSource, Wallet, WalletConfig};

#[derive(Parser)]
#[command(name = "purse", version, about = "Purse wallet from the command line")]
struct Cli {
    /// The wallet's folder (default: $PURSE_DATA_DIR or the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Use a sandbox bank already running at this address instead of starting the built-in one.
    #[arg(long, global = true, value_name = "URL")]
    bank_url: Option<Url>,
    /// Print JSON (the same shapes the desktop UI receives) instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Pull accounts, balances and new transactions from the bank.
    Sync,
    /// Every account with its balance, and the totals.
    Accounts,
    /// One account.
    Account { id: String },
    /// Bills, newest first, one page at a time.
    Bills {
        #[arg(long)]
        account: Option<String>,
        /// YYYY-MM
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        /// The `nextCursor` printed by the previous page.
        #[arg(long)]
        cursor: Option<String>,
    },
    /// Show settings, or change the language.
    Settings {
        #[arg(long, value_parser = ["zh-CN", "en"])]
        language: Option<String>,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter("warn")
        .init();
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("purse: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = WalletConfig {
        data_dir: cli
            .data_dir
            .clone()
            .unwrap_or_else(wallet_app::paths::default_data_dir),
        clock: Arc::new(SystemClock),
        bank: match cli.bank_url.clone() {
            Some(base_url) => BankSource::Sandbox { base_url },
            None => BankSource::EmbeddedSandbox,
        },
    };
    let wallet = Wallet::open(config)
        .await
        .context("cannot open the wallet")?;
    let result = command(&wallet, &cli).await;
    wallet.close().await;
    result
}

async fn command(wallet: &Wallet, cli: &Cli) -> anyhow::Result<()> {
    let json = cli.json;
    match &cli.command {
        Command::Sync => {
            let progress = |p: wallet_app::dto::SyncProgress| {
                if !json {
                    print::progress(&p);
                }
            };
            let report = wallet.sync_now(&progress).await?;
            print::out(json, &report, print::sync_report)
        }
        Command::Accounts => print::out(json, &wallet.list_accounts().await?, print::overview),
        Command::Account { id } => print::out(json, &wallet.get_account(id).await?, print::account),
        Command::Bills {
            account,
            month,
            search,
            limit,
            cursor,
        } => {
            let query = TransactionQuery {
                account_id: account.clone(),
                month: month.clone(),
                text: search.clone(),
                cursor: cursor.clone(),
                limit: *limit,
            };
            print::out(json, &wallet.page_transactions(query).await?, print::bills)
        }
        Command::Settings { language } => {
            let settings = match language.as_deref().and_then(Language::from_code) {
                Some(language) => {
                    wallet
                        .update_settings(SettingsPatch {
                            language: Some(language),
                        })
                        .await?
                }
                None => wallet.get_settings().await?,
            };
            print::out(json, &settings, |s| {
                format!("language: {}\n", s.language.code())
            })
        }
    }
}
