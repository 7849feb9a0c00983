//! `purse bench-import`: an Alipay export of N rows (GBK, its real preamble and header, ten years of
//! purchases, refunds and neutral moves) generated deterministically, then timed as the app imports it:
//! reading the file (encoding, format, rows), the preview against the wallet, and the import written in
//! one database transaction. Figures go in docs/benchmarks.md; run it on a release build.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wallet_app::clock::SystemClock;
use wallet_app::dto::imports::ImportRequest;
use wallet_app::{Wallet, WalletConfig};

const SHOPS: &[(&str, &str)] = &[
    ("餐饮美食", "星巴克"),
    ("日用百货", "盒马鲜生"),
    ("交通出行", "滴滴出行"),
    ("服饰装扮", "优衣库官方旗舰店"),
    ("数码电器", "京东自营"),
    ("充值缴费", "国家电网"),
    ("文化休闲", "万达影城"),
];

/// The file, as Alipay's current export writes it, in GBK.
fn alipay_export(rows: usize) -> Vec<u8> {
    let mut rng = ChaCha8Rng::seed_from_u64(0x1315_0001);
    let mut text = String::from(
        "------------------------------------------------------------------------------------\n\
         导出信息：\n姓名：李明\n支付宝账户：liming@example.com\n\
         ------------------------支付宝（杭州）信息技术有限公司  电子客户回单------------------------\n\
         交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\n",
    );
    let start = NaiveDate::from_ymd_opt(2016, 11, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let span_minutes = 3650 * 24 * 60;
    for i in 0..rows {
        let at = start + Duration::minutes((span_minutes * i / rows) as i64);
        let (category, shop) = SHOPS[rng.gen_range(0..SHOPS.len())];
        let fen: i64 = rng.gen_range(500..80_000);
        let (direction, status) = match i % 50 {
            7 => ("不计收支", "交易成功"),
            13 => ("收入", "交易成功"),
            _ => ("支出", "交易成功"),
        };
        text.push_str(&format!(
            "{},{category},{shop},,商品{},{direction},{}.{:02},余额,{status},2{:027}\t,,,\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            i % 97,
            fen / 100,
            fen % 100,
            i
        ));
    }
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    gbk.into_owned()
}

pub async fn run(
    rows: usize,
    data_dir: std::path::PathBuf,
    bank: Arc<dyn wallet_app::BankSource>,
) -> anyhow::Result<()> {
    anyhow::ensure!(rows >= 100, "use at least 100 rows");
    std::fs::create_dir_all(&data_dir)?;
    anyhow::ensure!(
        !data_dir.join(wallet_app::paths::WALLET_FILE).exists(),
        "{} holds a wallet: give an empty --data-dir",
        data_dir.display()
    );
    let file = alipay_export(rows);
    let started = Instant::now();
    let statement = wallet_import::read(&file, &wallet_import::ImportOptions::default())?;
    let read = started.elapsed();
    anyhow::ensure!(
        statement.rows.len() == rows,
        "read {} rows",
        statement.rows.len()
    );

    let wallet = Wallet::open(WalletConfig {
        lock_wait: std::time::Duration::ZERO,
        data_dir: data_dir.clone(),
        clock: Arc::new(SystemClock),
        bank: Some(bank),
    })
    .await?;
    // The demo bank's accounts and their own history: the preview looks the rows up against it.
    wallet.links()?.sync_now(&|_| {}).await?;
    let account = wallet
        .accounts()?
        .list_accounts()
        .await?
        .accounts
        .into_iter()
        .find(|a| a.currency == "CNY")
        .context("the demo wallet has no CNY account")?;
    let request = ImportRequest {
        file_name: "alipay.csv".into(),
        content_base64: STANDARD.encode(&file),
        account_id: Some(account.id.clone()),
        date_order: None,
    };
    let started = Instant::now();
    let preview = wallet.imports()?.preview_import(request.clone()).await?;
    let previewed = started.elapsed();
    let started = Instant::now();
    let record = wallet.imports()?.commit_import(request.clone()).await?;
    let imported = started.elapsed();
    let started = Instant::now();
    let again = wallet.imports()?.preview_import(request).await?;
    let reviewed = started.elapsed();
    wallet.close().await;

    // Whole rows a second, in integers (no floats in this workspace).
    let per_second =
        |elapsed: std::time::Duration| (rows as u128 * 1_000_000) / elapsed.as_micros().max(1);
    println!(
        "{rows} rows, {}.{} MB GBK\n\
         read (encoding, format, rows)      {read:>10.2?}  {:>9} rows/s\n\
         preview against the wallet         {previewed:>10.2?}  ({} new)\n\
         import (preview + one transaction) {imported:>10.2?}  {:>9} rows/s ({} added)\n\
         the same file again (all duplicates) {reviewed:>8.2?}  ({} duplicates)",
        file.len() / 1_000_000,
        file.len() % 1_000_000 / 100_000,
        per_second(read),
        preview.new_rows,
        per_second(imported),
        record.added,
        again.duplicates
    );
    Ok(())
}
