//! `bank-sandbox`: run the demo bank on its own, mint a token for it without a browser, or print its
//! merchants' QR codes.

use std::path::PathBuf;
use std::sync::Arc;

use bank_sandbox::{Sandbox, SandboxConfig};
use clap::{Parser, Subcommand};
use wallet_core::clock::SystemClock;

#[derive(Parser)]
#[command(
    name = "bank-sandbox",
    version,
    about = "Purse's sandbox bank: UK Open Banking v3.1.11 AISP and PISP on loopback"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the bank on 127.0.0.1.
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The bank's SQLite file (created and seeded if missing).
        #[arg(long, default_value = "sandbox-bank.db")]
        db: PathBuf,
    },
    /// Add a long history to the demo customer's books (for syncing a big wallet: benchmarks, scale tests).
    Seed {
        #[arg(long, default_value = "sandbox-bank.db")]
        db: PathBuf,
        /// How many card payments to add, spread over the last ten years.
        #[arg(long)]
        transactions: usize,
    },
    /// Write the demo merchants' QR codes as PNG pictures (and their payloads as .txt) into a folder.
    MerchantQr {
        #[arg(long)]
        out: PathBuf,
    },
    /// Print an access token for a new authorised consent with every AISP permission.
    Token {
        #[arg(long, default_value = bank_sandbox::DEMO_CUSTOMER)]
        customer: String,
        #[arg(long, default_value = "sandbox-bank.db")]
        db: PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter("info")
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve { port, db } => {
            let sandbox = Sandbox::open(SandboxConfig {
                db_path: db,
                clock: Arc::new(SystemClock),
            })
            .await?;
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            let running = sandbox.serve(listener).await?;
            eprintln!("sandbox bank listening on {}", running.base_url());
            tokio::select! {
                _ = running.wait() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Command::Seed { db, transactions } => {
            let sandbox = Sandbox::open(SandboxConfig {
                db_path: db,
                clock: Arc::new(SystemClock),
            })
            .await?;
            let started = std::time::Instant::now();
            sandbox.add_history(transactions).await?;
            eprintln!("added {transactions} lines in {:.1?}", started.elapsed());
        }
        Command::MerchantQr { out } => {
            std::fs::create_dir_all(&out)?;
            for code in bank_sandbox::merchant_codes()? {
                let png = emv_qr::render_png(&code.payload)?;
                std::fs::write(out.join(format!("{}.png", code.id)), png)?;
                std::fs::write(out.join(format!("{}.txt", code.id)), &code.payload)?;
                println!("{}", out.join(format!("{}.png", code.id)).display());
            }
        }
        Command::Token { customer, db } => {
            let sandbox = Sandbox::open(SandboxConfig {
                db_path: db,
                clock: Arc::new(SystemClock),
            })
            .await?;
            println!("{}", sandbox.token_for(&customer).await?);
        }
    }
    Ok(())
}
