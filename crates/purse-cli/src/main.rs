//! `purse`: the wallet from a terminal, for scripting, support and benchmarks. It has no logic of its
//! own: every command calls the same wallet-app handler the desktop app calls.

mod bench;
mod bench_import;
mod browser;
mod enable_banking;
mod import;
mod print;
mod read_statement;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use url::Url;
use wallet_app::clock::SystemClock;
use wallet_app::dto::{
    Language, NewPayee, Payment, PaymentRequest, PaymentTarget, Recategorise, SettingsPatch,
    StatementQuery, TransactionQuery, TrendQuery,
};
use wallet_app::{BankSource, Sensitive, Wallet, WalletConfig};

#[derive(Parser)]
#[command(name = "purse", version, about = "Purse wallet from the command line")]
struct Cli {
    /// The wallet's folder (default: $PURSE_DATA_DIR or the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Use a sandbox bank already running at this address instead of starting the built-in one
    /// (https://, or http:// to this machine only: 127.0.0.1, [::1], localhost).
    #[arg(long, global = true, value_name = "URL", value_parser = wallet_app::bank_url)]
    bank_url: Option<Url>,
    /// Print JSON (the same shapes the desktop UI receives) instead of text. `purse import` without
    /// `--yes` then prints the preview only: it asks nothing and writes nothing.
    #[arg(long, global = true)]
    json: bool,
    /// How many seconds to wait while another Purse (the app or another `purse` command) has the wallet
    /// open, before giving up.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30)]
    lock_wait: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum LinkBank {
    /// SimpleFIN Bridge (US and Canadian banks): paste the setup token made in the Bridge.
    Simplefin,
    /// The wallet's Open Banking bank (the sandbox, or the one at --bank-url), as whichever customer
    /// signs in on its page: prints the address to open (or opens it with --open) and waits.
    OpenBanking {
        /// Open the bank's page in the system browser.
        #[arg(long)]
        open: bool,
    },
    /// A European bank through Enable Banking, with your own application (see the README): the bank's
    /// consent page is printed (or opened with `--open`) and Purse waits for the bank to send you back.
    EnableBanking {
        /// The application id shown in the Enable Banking Control Panel.
        #[arg(long)]
        app_id: String,
        /// The application's private key, the `<app-id>.pem` file the Control Panel downloaded.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The bank's country, two letters (FI, DE, …).
        #[arg(long, value_name = "CC")]
        country: String,
        /// The bank's name as Enable Banking lists it ("Mock ASPSP" in the sandbox).
        #[arg(long, value_name = "NAME")]
        bank: String,
        /// Open the consent page in the system browser.
        #[arg(long)]
        open: bool,
    },
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
        /// A category id ("food", "food.dining", "uncategorised"); see `purse categories`.
        #[arg(long)]
        category: Option<String>,
    },
    /// Show settings, or change the language.
    Settings {
        #[arg(long, value_parser = ["zh-CN", "en"])]
        language: Option<String>,
    },
    /// Set the 6-digit payment PIN (once; read from standard input).
    SetPin,
    /// Saved payees; `--add NAME --number CARD_OR_ACCOUNT` saves one, `--remove ID` forgets one.
    Payees {
        #[arg(long, requires = "number")]
        add: Option<String>,
        #[arg(long)]
        number: Option<String>,
        #[arg(long)]
        bank: Option<String>,
        #[arg(long, conflicts_with = "add")]
        remove: Option<String>,
    },
    /// Pay or transfer from one of your accounts (the PIN is read from standard input).
    Pay {
        /// The paying account's id (see `purse accounts`).
        #[arg(long)]
        from: String,
        /// Another of your own accounts (a transfer, or a top-up into the e-wallet).
        #[arg(long, conflicts_with_all = ["payee", "card"])]
        to_account: Option<String>,
        /// A saved payee's id.
        #[arg(long, conflicts_with = "card")]
        payee: Option<String>,
        /// A person's card or account number (with --name).
        #[arg(long, requires = "name")]
        card: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// Keep the person as a payee.
        #[arg(long)]
        save: bool,
        #[arg(long)]
        amount: String,
        /// Defaults to the paying account's currency.
        #[arg(long)]
        currency: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// An authenticator (or recovery) code, for a payment the risk checks flag.
        #[arg(long)]
        code: Option<String>,
    },
    /// A month's statement: balances, income, spending, by category and payee, against earlier months.
    Statement {
        /// YYYY-MM
        #[arg(long)]
        month: String,
        #[arg(long)]
        account: Option<String>,
    },
    /// Spending and income over the last N months (12, 24, up to 120).
    Trend {
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[arg(long)]
        account: Option<String>,
    },
    /// Bills as CSV (UTF-8 with BOM, opens in Excel), with the bills' filters.
    Export {
        #[arg(long)]
        account: Option<String>,
        /// YYYY-MM
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        category: Option<String>,
        /// The file to write (default: a new file in the Downloads folder).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A credit card's latest statement: balance, minimum, due date, what is still due.
    Card { id: String },
    /// Subscriptions and regular bills found in the last two years, with their next date.
    Recurring,
    /// The category tree (ids for `bills --category` and `recategorise`).
    Categories,
    /// Give a bill another category; `--rule` does it for every bill of its payee, now and later.
    Recategorise {
        id: String,
        category: String,
        #[arg(long)]
        rule: bool,
    },
    /// Time the reports on a generated wallet of N lines over ten years (build with --release). Writes
    /// the wallet into an empty --data-dir, which it leaves for a look afterwards.
    Bench {
        #[arg(long, default_value_t = 1_000_000)]
        transactions: usize,
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Time importing a generated Alipay export of N rows into a new demo wallet (build with --release).
    BenchImport {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
    },
    /// Link a bank of your own: `simplefin` reads a SimpleFIN Bridge setup token from standard input;
    /// `enable-banking` links a European bank through your own Enable Banking application.
    Link {
        #[command(subcommand)]
        bank: LinkBank,
    },
    /// Every bank link: its state (with the bank's words), accounts, last and next sync.
    Links,
    /// Unlink a bank (see `purse links`): its credentials are forgotten at once; `--keep-bills` keeps
    /// its accounts and bills, otherwise they go with it.
    Unlink {
        id: String,
        #[arg(long)]
        keep_bills: bool,
    },
    /// What Purse reads in a statement file (Alipay, WeChat Pay, ICBC, CMB, Bank of China, OFX/QFX,
    /// CAMT.053, MT940, QIF), without a wallet and without writing anything.
    ReadStatement {
        file: std::path::PathBuf,
        /// For QIF, which does not say: mdy, dmy or ymd.
        #[arg(long)]
        date_order: Option<String>,
        /// For files that name no currency (default CNY).
        #[arg(long)]
        currency: Option<String>,
    },
    /// Import a statement file into one of your accounts, after showing what it adds and asking.
    ///
    /// The file is read as `read-statement` reads it. Each row is shown as new, imported before or linked
    /// to a line the bank sent, with the rows left out and any warnings; then Purse asks "Import N new
    /// rows into ACCOUNT? [y/N]" (no answer is no). A file imported before adds nothing. `--json` without
    /// `--yes` prints the preview only and writes nothing; with `--yes`, `{"preview", "import"}`.
    /// `purse imports --undo ID` takes an import out again.
    Import {
        file: PathBuf,
        /// The account the rows go into (an id from `purse accounts`).
        #[arg(long, value_name = "ID")]
        account: Option<String>,
        /// For QIF, which does not say how its dates are written.
        #[arg(long, value_enum)]
        date_order: Option<import::DateOrder>,
        /// Import without asking. Without it, `--json` only previews: nothing is asked or written.
        #[arg(long)]
        yes: bool,
    },
    /// Statement imports, newest first: when, into which account, from which file and format, rows
    /// added, linked and imported before, and whether undone; `--undo ID` takes one import's rows out.
    Imports {
        /// The import to undo (its id in the list): its rows leave the account, its links go.
        #[arg(long, value_name = "ID")]
        undo: Option<i64>,
    },
    /// Payments, newest first, with their status; `--resume` carries on unfinished ones first.
    Payments {
        #[arg(long)]
        resume: bool,
    },
    /// Delete this wallet and its keys in the keyring, so the next command starts a new one that links
    /// its bank again: for a wallet that no longer opens (a file missing or replaced). Cannot be undone.
    StartOver {
        /// Yes, delete the wallet.
        #[arg(long)]
        yes: bool,
    },
}

/// The PIN from standard input (one line), so it never sits in the shell history or the process list.
/// A secret line: on a terminal asked without echo, else the next line of standard input.
fn read_secret_line(prompt: &str) -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password(prompt)?.trim().to_string());
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

fn read_pin() -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal, Write};
    if std::io::stdin().is_terminal() {
        eprint!("Payment PIN: ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
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
    if let Command::ReadStatement {
        file,
        date_order,
        currency,
    } = &cli.command
    {
        return read_statement::run(file, date_order.as_deref(), currency.as_deref(), cli.json);
    }
    if let Command::BenchImport { rows } = cli.command {
        let dir = cli
            .data_dir
            .clone()
            .context("bench-import needs an empty --data-dir")?;
        let bank = composed_bank(None)?.context(
            "bench-import previews against the demo bank's accounts: build with demo-bank",
        )?;
        return bench_import::run(rows, dir, bank).await;
    }
    if let Command::Bench { transactions, runs } = cli.command {
        let dir = cli
            .data_dir
            .clone()
            .context("bench needs an empty --data-dir")?;
        return bench::run(transactions, dir, runs).await;
    }
    let data_dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(wallet_app::paths::default_data_dir);
    let lock_wait = std::time::Duration::from_secs(cli.lock_wait);
    if let Command::StartOver { yes } = cli.command {
        anyhow::ensure!(
            yes,
            "start-over deletes the wallet in {} and its keys: add --yes to do it",
            data_dir.display()
        );
        Wallet::start_over(&data_dir, lock_wait).await?;
        return print::out(
            cli.json,
            &serde_json::json!({ "startedOver": data_dir }),
            |_| {
                format!(
                    "the wallet in {} was deleted; the next command starts a new one\n",
                    data_dir.display()
                )
            },
        );
    }
    let config = WalletConfig {
        lock_wait,
        data_dir,
        clock: Arc::new(SystemClock),
        bank: composed_bank(cli.bank_url.clone())?,
    };
    // Asked before the wallet is opened: while a person types, the folder is not held from other Purses.
    // Asked before the wallet is opened, like the PIN; the token is never echoed.
    let pin = if asks_for_pin(&cli.command) {
        Some(read_pin()?)
    } else if let Command::Link {
        bank: LinkBank::Simplefin,
    } = cli.command
    {
        Some(read_secret_line("SimpleFIN setup token: ")?)
    } else {
        None
    };
    let wallet = open_unlocked(config).await?;
    // A bank's page (approving a payment at a customer who linked in the browser) is printed to open.
    wallet.set_browser(Arc::new(browser::Terminal { open: false }));
    let result = command(&wallet, &cli, pin.unwrap_or_default()).await;
    wallet.close().await;
    result
}

/// Opens the wallet. One with an app password starts locked, and the command line meets the same gate
/// as the window: it asks for the password (`PURSE_APP_PASSWORD`, else on the terminal, else the next
/// line of standard input) and unlocks with it, each try counted as the window's are.
async fn open_unlocked(config: WalletConfig) -> anyhow::Result<Wallet> {
    let open = |config: WalletConfig| async {
        Wallet::open(config).await.context("cannot open the wallet")
    };
    let mut wallet = open(config.clone()).await?;
    if !wallet.is_locked() {
        return Ok(wallet);
    }
    let password = match given_app_password()? {
        Some(password) => password,
        None => {
            // Asked on the terminal with the folder released: while a person types, other Purses may
            // use the wallet.
            wallet.close().await;
            let typed = rpassword::prompt_password("Purse is locked. App password: ")?;
            wallet = open(config).await?;
            Sensitive::new(typed)
        }
    };
    match wallet.app_lock().unlock_app(Some(password.expose())).await {
        Ok(_) => Ok(wallet),
        Err(error) => {
            wallet.close().await;
            Err(error.into())
        }
    }
}

/// The app password given without a person typing it: `PURSE_APP_PASSWORD`, or the next line of
/// standard input when it is not a terminal; `None`: ask on the terminal.
fn given_app_password() -> anyhow::Result<Option<Sensitive<String>>> {
    use std::io::{BufRead, IsTerminal};
    if let Ok(password) = std::env::var("PURSE_APP_PASSWORD") {
        return Ok(Some(Sensitive::new(password)));
    }
    if std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Some(Sensitive::new(
        line.trim_end_matches(['\r', '\n']).to_string(),
    )))
}

/// The bank the wallet opens with: the demo bank (at `--bank-url`, else started inside Purse).
#[cfg(feature = "demo-bank")]
fn composed_bank(url: Option<Url>) -> anyhow::Result<Option<Arc<dyn BankSource>>> {
    Ok(Some(bank_sandbox::demo::composed(url)))
}

/// Built without the demo bank: a wallet without a bank, and `--bank-url` refused rather than ignored.
#[cfg(not(feature = "demo-bank"))]
fn composed_bank(url: Option<Url>) -> anyhow::Result<Option<Arc<dyn BankSource>>> {
    anyhow::ensure!(
        url.is_none(),
        "--bank-url names a demo bank, and this purse was built without the demo bank (feature demo-bank)"
    );
    Ok(None)
}

/// The commands that take the payment PIN on standard input.
fn asks_for_pin(command: &Command) -> bool {
    matches!(
        command,
        Command::SetPin | Command::Pay { .. } | Command::Payees { add: Some(_), .. }
    )
}

async fn command(wallet: &Wallet, cli: &Cli, pin: String) -> anyhow::Result<()> {
    let json = cli.json;
    match &cli.command {
        Command::Sync => {
            let progress = |p: wallet_app::dto::SyncProgress| {
                if !json {
                    print::progress(&p);
                }
            };
            let report = wallet.links()?.sync_now(&progress).await?;
            print::out(json, &report, print::sync_report)
        }
        Command::Accounts => print::out(
            json,
            &wallet.accounts()?.list_accounts().await?,
            print::overview,
        ),
        Command::Account { id } => print::out(
            json,
            &wallet.accounts()?.get_account(id).await?,
            print::account,
        ),
        Command::Bills {
            account,
            month,
            search,
            limit,
            cursor,
            category,
        } => {
            let query = TransactionQuery {
                account_id: account.clone(),
                month: month.clone(),
                text: search.clone(),
                cursor: cursor.clone(),
                limit: *limit,
                category_id: category.clone(),
            };
            print::out(
                json,
                &wallet.bills()?.page_transactions(query).await?,
                print::bills,
            )
        }
        Command::Settings { language } => {
            let settings = match language.as_deref().and_then(Language::from_code) {
                Some(language) => {
                    wallet
                        .preferences()?
                        .update_settings(SettingsPatch {
                            language: Some(language),
                        })
                        .await?
                }
                None => wallet.preferences()?.get_settings().await?,
            };
            print::out(json, &settings, |s| {
                format!("language: {}\n", s.language.code())
            })
        }
        Command::SetPin => {
            let status = wallet
                .security()?
                .set_payment_pin(&pin.clone().into())
                .await?;
            print::out(json, &status, |_| "payment PIN set\n".to_string())
        }
        Command::Payees {
            add,
            number,
            bank,
            remove,
        } => {
            if let Some(name) = add {
                let payee = wallet
                    .payments()?
                    .add_payee(NewPayee {
                        name: name.clone(),
                        account_number: number.clone().unwrap_or_default(),
                        bank_name: bank.clone(),
                        pin: pin.clone().into(),
                        second_factor: None,
                    })
                    .await?;
                return print::out(json, &payee, print::payee);
            }
            if let Some(id) = remove {
                wallet.payments()?.remove_payee(id).await?;
                return print::out(json, &serde_json::json!({ "removed": id }), |_| {
                    format!("removed {id}\n")
                });
            }
            print::out(json, &wallet.payments()?.list_payees().await?, |payees| {
                payees.iter().map(print::payee).collect()
            })
        }
        Command::Pay {
            from,
            to_account,
            payee,
            card,
            name,
            save,
            amount,
            currency,
            note,
            code,
        } => {
            let to = match (to_account, payee, card) {
                (Some(account_id), _, _) => PaymentTarget::OwnAccount {
                    account_id: account_id.clone(),
                },
                (_, Some(payee_id), _) => PaymentTarget::Payee {
                    payee_id: payee_id.clone(),
                },
                (_, _, Some(number)) => PaymentTarget::Person {
                    name: name.clone().unwrap_or_default(),
                    account_number: number.clone(),
                    bank_name: None,
                    save: *save,
                },
                _ => anyhow::bail!(
                    "say where the money goes: --to-account, --payee or --card with --name"
                ),
            };
            let currency = match currency {
                Some(code) => code.clone(),
                None => wallet.accounts()?.get_account(from).await?.currency,
            };
            let request = PaymentRequest {
                from_account_id: from.clone(),
                to,
                amount: amount.clone(),
                currency,
                note: note.clone(),
                pin: pin.clone().into(),
                second_factor: code.clone().map(Into::into),
            };
            let shown = |p: Payment| {
                if !json {
                    eprintln!("{}", print::payment(&p).trim_end());
                }
            };
            let payment = wallet.payments()?.submit_payment(request, &shown).await?;
            print::out(json, &payment, |_| String::new())
        }
        Command::Statement { month, account } => {
            let statement = wallet
                .bills()?
                .monthly_statement(StatementQuery {
                    month: month.clone(),
                    account_id: account.clone(),
                })
                .await?;
            print::out(json, &statement, print::statement)
        }
        Command::Trend { months, account } => {
            let trend = wallet
                .bills()?
                .spending_trend(TrendQuery {
                    months: *months,
                    account_id: account.clone(),
                })
                .await?;
            print::out(json, &trend, print::trend)
        }
        Command::Export {
            account,
            month,
            search,
            category,
            out,
        } => {
            let query = TransactionQuery {
                account_id: account.clone(),
                month: month.clone(),
                text: search.clone(),
                cursor: None,
                limit: None,
                category_id: category.clone(),
            };
            let path = out.as_ref().map(|p| p.display().to_string());
            let result = wallet.bills()?.export_bills_csv_to(query, path).await?;
            print::out(json, &result, |r| {
                format!("{} lines → {}\n", r.lines, r.path)
            })
        }
        Command::Card { id } => print::out(json, &wallet.cards()?.card_status(id).await?, |c| {
            format!(
                "{}: statement {} · {} owed · minimum {} · due {} ({} days) · paid since {} · still due {} · {}\n",
                c.account_name,
                c.statement_date,
                c.statement_balance.amount,
                c.minimum_payment.amount,
                c.due_date,
                c.days_to_due,
                c.paid_since.amount,
                c.still_due.amount,
                c.status
            )
        }),
        Command::Recurring => print::out(json, &wallet.bills()?.recurring_payments().await?, |o| {
            let mut text: String = o
                .series
                .iter()
                .map(|s| {
                    format!(
                        "{:<28} {:<9} {:>10} {}  next {}  {}/month{}\n",
                        s.payee,
                        s.cadence,
                        s.typical_amount.amount,
                        s.typical_amount.currency,
                        s.next_expected,
                        s.monthly_cost.amount,
                        if s.active { "" } else { "  (stopped)" }
                    )
                })
                .collect();
            for total in &o.monthly_total {
                text.push_str(&format!("per month: {} {}\n", total.amount, total.currency));
            }
            text
        }),
        Command::Link {
            bank: LinkBank::Simplefin,
        } => {
            let link = wallet.links()?.link_simplefin(Sensitive::new(pin)).await?;
            print::out(json, &link, |link| print::links(std::slice::from_ref(link)))
        }
        Command::Link {
            bank: LinkBank::OpenBanking { open },
        } => {
            wallet.set_browser(Arc::new(browser::Terminal { open: *open }));
            let link = wallet
                .links()?
                .link_in_browser(browser_sign_in::DEFAULT_PATIENCE)
                .await?;
            print::out(json, &link, |link| print::links(std::slice::from_ref(link)))
        }
        Command::Link {
            bank:
                LinkBank::EnableBanking {
                    app_id,
                    key,
                    country,
                    bank,
                    open,
                },
        } => {
            let link = enable_banking::link(wallet, app_id, key, country, bank, *open).await?;
            print::out(json, &link, |link| print::links(std::slice::from_ref(link)))
        }
        Command::Links => print::out(json, &wallet.links()?.list_links().await?, |links| {
            print::links(links)
        }),
        Command::Unlink { id, keep_bills } => {
            wallet.links()?.unlink(id, *keep_bills).await?;
            print::out(json, &serde_json::json!({ "unlinked": id }), |_| {
                format!(
                    "unlinked {id}; {}\n",
                    if *keep_bills {
                        "its bills are kept"
                    } else {
                        "its accounts and bills are deleted"
                    }
                )
            })
        }
        Command::Import {
            file,
            account,
            date_order,
            yes,
        } => {
            let args = import::ImportArgs {
                file,
                account: account.as_deref(),
                date_order: *date_order,
                yes: *yes,
                json,
            };
            import::import(wallet, args).await
        }
        Command::Imports { undo } => import::imports(wallet, *undo, json).await,
        Command::Categories => {
            print::out(json, &wallet.bills()?.list_categories().await?, |nodes| {
                nodes
                    .iter()
                    .map(|n| {
                        let indent = if n.parent_id.is_some() { "  " } else { "" };
                        format!(
                            "{indent}{:<32} {} {}\n",
                            n.category.id, n.category.en, n.category.zh_cn
                        )
                    })
                    .collect()
            })
        }
        Command::Recategorise { id, category, rule } => {
            let result = wallet
                .bills()?
                .recategorise(Recategorise {
                    transaction_id: id.clone(),
                    category_id: category.clone(),
                    for_whole_payee: *rule,
                })
                .await?;
            print::out(json, &result, |r| match &r.rule_payee {
                Some(payee) => format!("{} bills of {payee} now in {category}\n", r.changed),
                None => format!("{} bill changed\n", r.changed),
            })
        }
        Command::Bench { .. }
        | Command::BenchImport { .. }
        | Command::ReadStatement { .. }
        | Command::StartOver { .. } => {
            unreachable!("these run before the wallet is opened")
        }
        Command::Payments { resume } => {
            if *resume {
                wallet.payments()?.resume_payments(&|_| {}).await?;
            }
            print::out(
                json,
                &wallet.payments()?.list_payments().await?,
                |payments| payments.iter().map(print::payment).collect(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    #[test]
    fn the_bank_url_option_takes_https_or_loopback_http_and_refuses_plain_http_elsewhere() {
        let parsed = |url: &str| Cli::try_parse_from(["purse", "--bank-url", url, "accounts"]);
        for allowed in [
            "http://127.0.0.1:8080/",
            "http://[::1]:8080/",
            "https://bank.example/",
        ] {
            let cli = parsed(allowed).unwrap_or_else(|e| panic!("{allowed}: {e}"));
            assert!(cli.bank_url.is_some());
        }
        for refused in [
            "http://bank.example/",
            "http://192.168.1.20:8080/",
            "ftp://127.0.0.1/",
        ] {
            let error = parsed(refused).err().expect(refused).to_string();
            assert!(error.contains("http:// to this machine only"), "{error}");
        }
    }
}
