//! Every importer fuzzed: each format's fixtures damaged (cut at any byte, bits flipped, bytes put in and
//! taken out, lines repeated, dropped, swapped or taken from another format's fixture, cells replaced with
//! huge numbers, `1e308`, unicode, NULs, very long cells and rows of many columns, tags nested deep or left
//! open, the file replaced by random bytes, a PNG, a ZIP that is no workbook, a lone BOM) and fed to
//! `wallet_import::read`: no panic, each case under a second, memory within 64 bytes per input byte and
//! 16 MB, rows no more than the input's lines, and an error that names a line of the file.
//!
//! `cargo test` runs 300 cases per format, always the same ones. The campaign runs 100,000 per format
//! with a new seed each time (see `docs/testing.md`):
//! `PURSE_FUZZ_CASES=100000 cargo test -p wallet-import --release --test fuzz -- --ignored --nocapture`.

// The counting allocator is the one unsafe code here: it forwards to the system allocator (see its
// safety argument).
#[allow(unsafe_code)]
#[path = "fuzz/alloc.rs"]
mod alloc;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/run.rs"]
mod run;
#[path = "fuzz/xlsx.rs"]
mod xlsx;

#[global_allocator]
static COUNTING: alloc::Counting = alloc::Counting;

use run::{Settings, fuzz, targets};

/// The quick run's seed: CI runs the same cases every time (`PURSE_FUZZ_SEED` picks others).
const QUICK_SEED: u64 = 0x5eed_f022;

fn quick(name: &str) {
    let target = targets().into_iter().find(|t| t.name == name).unwrap();
    let settings = Settings::from_env(300, mutate::QUICK, QUICK_SEED);
    if let Err(failure) = fuzz(&target, &settings) {
        panic!("{failure}");
    }
}

#[test]
fn damaged_alipay_exports_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("alipay");
}

#[test]
fn damaged_wechat_csv_bills_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("wechat_csv");
}

#[test]
fn damaged_wechat_xlsx_bills_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("wechat_xlsx");
}

#[test]
fn damaged_jd_pay_exports_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("jd");
}

#[test]
fn damaged_meituan_exports_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("meituan");
}

#[test]
fn damaged_icbc_downloads_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("icbc");
}

#[test]
fn damaged_cmb_downloads_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("cmb");
}

#[test]
fn damaged_bank_of_china_downloads_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("boc");
}

#[test]
fn damaged_ofx_files_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("ofx");
}

#[test]
fn damaged_camt053_files_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("camt053");
}

#[test]
fn damaged_mt940_files_are_read_or_refused_without_a_panic_a_hang_or_a_blow_up() {
    quick("mt940");
}

#[test]
fn damaged_qif_files_are_read_or_refused_with_and_without_a_date_order_without_a_panic_a_hang_or_a_blow_up()
 {
    quick("qif");
}

/// The campaign: `PURSE_FUZZ_CASES` cases per format (100,000 unless set), a new seed each run unless
/// `PURSE_FUZZ_SEED` is set, every format or those `PURSE_FUZZ_FORMATS` names, shared among the cores; prints each format's figures as a
/// Markdown table and fails on the first format that fails (the others still run to the end).
#[test]
#[ignore = "the campaign: minutes in release; run with --ignored"]
fn the_campaign_damages_every_format_a_hundred_thousand_times_without_a_panic_a_hang_or_a_blow_up()
{
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let settings = Settings::from_env(100_000, mutate::CAMPAIGN, seed);
    println!(
        "fuzz campaign: {} cases per format, seed {} (PURSE_FUZZ_SEED={} repeats it), a case may take {:?}",
        settings.cases, settings.seed, settings.seed, settings.max_case
    );
    // PURSE_FUZZ_FORMATS=wechat_csv,alipay runs only those.
    let only = std::env::var("PURSE_FUZZ_FORMATS").ok();
    let chosen: Vec<_> = targets()
        .into_iter()
        .filter(|t| {
            only.as_deref()
                .is_none_or(|only| only.split(',').any(|n| n == t.name))
        })
        .collect();
    let queue = std::sync::Mutex::new(chosen);
    let results = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let Some(target) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let result = fuzz(&target, &settings);
                    match &result {
                        Ok(figures) => println!(
                            "fuzz {}: {} cases in {:.1} s, slowest {} ms",
                            figures.name,
                            figures.cases,
                            figures.total.as_secs_f64(),
                            run::ms(figures.slowest)
                        ),
                        Err(failure) => println!("{failure}"),
                    }
                    results.lock().unwrap().push(result);
                }
            });
        }
    });
    let results = results.into_inner().unwrap();
    let mut figures: Vec<run::Figures> = results.iter().filter_map(|r| r.clone().ok()).collect();
    figures.sort_by_key(|f| f.name);
    println!("\n{}", run::table(&figures));
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_target_has_seeds_from_its_fixtures() {
    for target in targets() {
        assert!(!target.seeds.is_empty(), "{} has no seeds", target.name);
    }
}
