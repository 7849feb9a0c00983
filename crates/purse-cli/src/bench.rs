//! `purse bench`: a deterministic wallet of N lines over ten years, written through the store's bulk load
//! (the upsert a sync uses, batch after batch in one database transaction), then the reports a user opens
//! timed through the same handlers the app calls. Figures go in
//! docs/benchmarks.md; run it on a release build.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wallet_app::clock::ManualClock;
use wallet_app::dto::{StatementQuery, TransactionQuery, TrendQuery};
use wallet_app::{Wallet, WalletConfig};
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};
use wallet_store::{BankLink, Store, StoreOptions};

/// Who the generated lines are with: payee, category, typical spend in fen (0 for income).
const PAYEES: &[(&str, &str, i64)] = &[
    ("盒马鲜生 Freshippo", "food.groceries", 12_000),
    ("永辉超市 Yonghui", "food.groceries", 8_000),
    ("星巴克 Starbucks", "food.fast", 3_800),
    ("美团外卖 Meituan", "food.fast", 4_500),
    ("海底捞 Haidilao", "food.dining", 25_000),
    ("滴滴出行 DiDi", "transport.taxi", 3_500),
    ("上海地铁 Shanghai Metro", "transport.transit", 500),
    ("中国石化 Sinopec", "transport.fuel", 30_000),
    ("国家电网 State Grid", "housing.utilities", 20_000),
    ("中国移动 China Mobile", "housing.telecom", 8_800),
    ("淘宝 Taobao", "shopping.general", 15_000),
    ("京东 JD.com", "shopping.electronics", 60_000),
    ("优衣库 Uniqlo", "shopping.clothing", 20_000),
    (
        "腾讯视频 Tencent Video",
        "entertainment.subscriptions",
        3_000,
    ),
    ("万达影城 Wanda Cinema", "entertainment.leisure", 9_000),
    ("携程 Trip.com", "travel.hotels", 80_000),
    ("东方航空 China Eastern", "travel.flights", 150_000),
    ("协和医院 PUMC Hospital", "health", 30_000),
    ("新东方 New Oriental", "education", 100_000),
    ("ACME 工资 Salary", "income.salary", 0),
];

struct Figure {
    what: &'static str,
    runs: usize,
    median: Duration,
    worst: Duration,
}

fn timed<T>(runs: &mut Vec<Duration>, started: Instant, value: T) -> T {
    runs.push(started.elapsed());
    value
}

fn figure(what: &'static str, mut runs: Vec<Duration>) -> Figure {
    runs.sort();
    Figure {
        what,
        runs: runs.len(),
        median: runs[runs.len() / 2],
        worst: *runs.last().unwrap_or(&Duration::ZERO),
    }
}

/// Peak resident memory of this process so far, from /proc (Linux), in MiB.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The generated history: `n` lines over ten years to `now`, spread over five CNY accounts and a USD one,
/// one CNY card line in 40 a payment abroad that the bank converted from dollars (so the reports have
/// booking rates to apply), handed out a chunk at a time so memory stays at one chunk.
struct History<'a> {
    rng: ChaCha8Rng,
    accounts: &'a [(AccountId, Currency)],
    start: DateTime<Utc>,
    span_seconds: i64,
    total: usize,
    made: usize,
}

impl<'a> History<'a> {
    fn new(total: usize, accounts: &'a [(AccountId, Currency)], now: DateTime<Utc>) -> Self {
        let start = now - chrono::Duration::days(3650);
        History {
            rng: ChaCha8Rng::seed_from_u64(0x5075_7273_6542),
            accounts,
            start,
            span_seconds: (now - start).num_seconds(),
            total,
            made: 0,
        }
    }

    fn next_chunk(&mut self, size: usize) -> Option<Vec<Transaction>> {
        if self.made >= self.total {
            return None;
        }
        let end = (self.made + size).min(self.total);
        let mut chunk = Vec::with_capacity(end - self.made);
        for i in self.made..end {
            let (account, currency) = self.accounts[self.rng.gen_range(0..self.accounts.len())];
            let (payee, category, typical) = PAYEES[self.rng.gen_range(0..PAYEES.len())];
            let mut minor = if typical == 0 {
                self.rng.gen_range(1_500_000..2_500_000)
            } else {
                -self.rng.gen_range(typical / 4..typical * 2)
            };
            // Yuan per dollar in ten-thousandths, drifting between 6.80 and 7.30 over the years.
            let rate = 68_000 + (i * 5_000 / self.total) as i64;
            if currency == Currency::USD {
                minor = minor * 10_000 / rate;
            }
            let original_amount = (currency == Currency::CNY && minor < 0 && i % 40 == 7)
                .then(|| Money::from_minor(minor * 10_000 / rate, Currency::USD));
            let offset =
                self.span_seconds * i as i64 / self.total as i64 + self.rng.gen_range(0..60);
            chunk.push(Transaction {
                account_id: account,
                bank_transaction_id: format!("gen-{i:08}"),
                status: TransactionStatus::Booked,
                booked_at: self.start + chrono::Duration::seconds(offset),
                value_at: None,
                amount: Money::from_minor(minor, currency),
                original_amount,
                merchant: Some(payee.to_string()),
                mcc: None,
                counterparty: None,
                description: payee.to_string(),
                category_id: category.to_string(),
            });
        }
        self.made = end;
        Some(chunk)
    }
}

/// Lines generated and written per step of the bulk load.
const CHUNK: usize = 20_000;

pub async fn run(n: usize, data_dir: std::path::PathBuf, runs: usize) -> anyhow::Result<()> {
    anyhow::ensure!(n >= 1000, "use at least 1000 lines");
    std::fs::create_dir_all(&data_dir)?;
    let wallet_file = data_dir.join("wallet.db");
    anyhow::ensure!(
        !wallet_file.exists(),
        "{} exists: give an empty --data-dir",
        wallet_file.display()
    );
    let now = Utc
        .with_ymd_and_hms(2026, 11, 20, 4, 0, 0)
        .single()
        .expect("a valid time");
    // Encrypted like any wallet, its key kept in the OS keyring, so the app can open it afterwards.
    let key = wallet_store::DatabaseKey::generate();
    wallet_app::keychain::Keychain::for_wallet(&data_dir).keep_database_key(&key)?;
    let store = Store::open(&StoreOptions::at(&wallet_file, key)).await?;
    let link = BankLinkId::new();
    store
        .insert_bank_link(&BankLink {
            id: link,
            kind: wallet_store::LinkKind::OpenBanking,
            bank_name: "Bench Bank".into(),
            base_url: None,
            embedded: true,
            customer: None,
            created_at: now,
            last_synced_at: None,
        })
        .await?;
    let accounts: Vec<Account> = (0..6)
        .map(|i| (i, if i == 5 { Currency::USD } else { Currency::CNY }))
        .map(|(i, currency)| Account {
            id: AccountId::new(),
            bank_link: link,
            bank_account_id: format!("bench-{i}"),
            bank_name: "Bench Bank".into(),
            kind: AccountKind::DebitCard,
            masked_number: format!("•••• 000{i}"),
            currency,
            name: format!("Bench card {i}"),
            nickname: None,
            balance: Money::from_minor(100_000_000, currency),
            available: None,
            credit_limit: None,
            routing: None,
        })
        .collect();
    let ids: Vec<(AccountId, Currency)> = accounts.iter().map(|a| (a.id, a.currency)).collect();

    for account in &accounts {
        store.upsert_account(account, now).await?;
    }
    let mut history = History::new(n, &ids, now);
    let mut generation = Duration::ZERO;
    let started = Instant::now();
    let mut bulk = store.begin_bulk_ingest().await?;
    loop {
        let generated = Instant::now();
        let Some(chunk) = history.next_chunk(CHUNK) else {
            break;
        };
        generation += generated.elapsed();
        bulk.add(&chunk).await?;
    }
    let counts = bulk.finish().await?;
    let ingest = started.elapsed() - generation;
    // What the app leaves to a background checkpoint after a sync, timed on its own (the reports below
    // then read the wallet file, as they would once it has run).
    let copied = Instant::now();
    store.checkpoint().await?;
    let checkpoint = copied.elapsed();
    store.close().await;
    println!(
        "generated {n} lines in {generation:.2?}; ingested {} in {ingest:.2?}; \
         then the background checkpoint took {checkpoint:.2?}",
        counts.added
    );

    let wallet = Wallet::open(WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: data_dir.clone(),
        clock: Arc::new(ManualClock::at(now)),
        // Reports only: no bank.
        bank: None,
    })
    .await?;
    let mut figures = vec![Figure {
        what: "ingest (bulk load, one database transaction)",
        runs: 1,
        median: ingest,
        worst: ingest,
    }];
    let local_now = now.with_timezone(&chrono::Local);
    let month = format!("{:04}-{:02}", local_now.year(), local_now.month());
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let statement = wallet
            .bills()?
            .monthly_statement(StatementQuery {
                month: month.clone(),
                account_id: None,
            })
            .await?;
        timed(&mut times, started, statement);
    }
    figures.push(figure("month breakdown (whole wallet statement)", times));

    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let trend = wallet
            .bills()?
            .spending_trend(TrendQuery {
                months: 120,
                account_id: None,
            })
            .await?;
        timed(&mut times, started, trend);
    }
    figures.push(figure(
        "full report (120 months × category, balances)",
        times,
    ));

    // A page deep in the history: walk the cursor to ~9 years back once, then time pages from there.
    let deep_month = format!("{:04}-{:02}", local_now.year() - 9, local_now.month());
    let first = wallet
        .bills()?
        .page_transactions(TransactionQuery {
            month: Some(deep_month.clone()),
            limit: Some(50),
            ..TransactionQuery::default()
        })
        .await?;
    let cursor = first.next_cursor.clone();
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let page = wallet
            .bills()?
            .page_transactions(TransactionQuery {
                cursor: cursor.clone(),
                limit: Some(50),
                ..TransactionQuery::default()
            })
            .await?;
        timed(&mut times, started, page);
    }
    figures.push(figure("bills page 9 years deep (50 lines, keyset)", times));

    // Searches (first page): one payee in 20, two in 20, Chinese, two characters, and no line at all.
    for (what, text) in [
        ("bills page with a text search (first page)", "Haidilao"),
        ("  search matching many (China: 1 line in 10)", "China"),
        ("  search for a Chinese name (星巴克)", "星巴克"),
        ("  search for two characters (滴滴)", "滴滴"),
        ("  search matching nothing (必胜客)", "必胜客"),
    ] {
        let mut times = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            let page = wallet
                .bills()?
                .page_transactions(TransactionQuery {
                    text: Some(text.into()),
                    limit: Some(50),
                    ..TransactionQuery::default()
                })
                .await?;
            timed(&mut times, started, page);
        }
        figures.push(figure(what, times));
    }
    wallet.close().await;

    println!("{:<58} {:>5} {:>12} {:>12}", "", "runs", "median", "worst");
    for f in &figures {
        println!(
            "{:<58} {:>5} {:>12.2?} {:>12.2?}",
            f.what, f.runs, f.median, f.worst
        );
    }
    if let Some(mib) = peak_memory_mib() {
        println!("peak memory (VmHWM): {mib} MiB");
    }
    Ok(())
}
