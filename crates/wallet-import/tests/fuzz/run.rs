//! Running one format's fuzz cases: the seeds, the proptest runner, the properties every case must keep
//! (no panic, bounded time, bounded memory, output proportional to input, an error that names a real
//! line), the case on disk while it runs (so an abort or a hang can be reproduced) and the figures.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use wallet_import::{DateOrder, Error, ImportOptions, Statement};

use super::alloc;
use super::mutate::{self, Limits, Mutation};
use super::xlsx;

/// One format's fuzz target.
pub struct Target {
    pub name: &'static str,
    pub seeds: Vec<Vec<u8>>,
    /// The seeds are worksheet XML, put in a workbook after mutating.
    pub xlsx: bool,
    /// Also read with a date order (QIF refuses without one).
    pub date_order: bool,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every `*.input.*` fixture of `format`, sorted by name.
fn inputs(format: &str) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures_dir().join(format))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".input."))
        })
        .map(|path| {
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

impl Target {
    /// The target for the fixtures in `tests/fixtures/<dir>`.
    pub fn of(name: &'static str, dir: &str) -> Target {
        Target {
            name,
            seeds: inputs(dir).into_iter().map(|(_, bytes)| bytes).collect(),
            xlsx: false,
            date_order: dir == "qif",
        }
    }

    /// WeChat's XLSX: the CSV fixtures' rows as sheets.
    pub fn wechat_xlsx() -> Target {
        Target {
            name: "wechat_xlsx",
            seeds: inputs("wechat")
                .into_iter()
                .filter(|(name, _)| name.ends_with(".csv"))
                .map(|(_, bytes)| xlsx::sheet_from_csv(&String::from_utf8_lossy(&bytes)))
                .collect(),
            xlsx: true,
            date_order: false,
        }
    }
}

/// Every fuzz target: one per format (the three Alipay versions share theirs, as their fixtures do).
pub fn targets() -> Vec<Target> {
    vec![
        Target::of("alipay", "alipay"),
        Target::of("wechat_csv", "wechat"),
        Target::wechat_xlsx(),
        Target::of("jd", "jd"),
        Target::of("meituan", "meituan"),
        Target::of("icbc", "icbc"),
        Target::of("cmb", "cmb"),
        Target::of("boc", "boc"),
        Target::of("ofx", "ofx"),
        Target::of("camt053", "camt053"),
        Target::of("mt940", "mt940"),
        Target::of("qif", "qif"),
    ]
}

/// Every fixture's lines, of every format: what a splice takes a line from.
fn pool() -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let dir = entry.unwrap().path();
        for (_, bytes) in inputs(&dir.file_name().unwrap().to_string_lossy()) {
            lines.extend(
                bytes
                    .split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(<[u8]>::to_vec),
            );
        }
    }
    lines
}

/// A case: which seed, the mutations to it, and (XLSX only) the damage to the ZIP around it.
#[derive(Debug, Clone)]
pub struct Case {
    seed: Index,
    mutations: Vec<Mutation>,
    zip: Option<Mutation>,
    order: DateOrder,
}

fn byte_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit(at, bit)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::InsertByte(at, b)),
        (any::<Index>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
    ]
}

fn case(limits: Limits, xlsx: bool) -> impl Strategy<Value = Case> {
    let zip = if xlsx {
        proptest::option::weighted(0.1, byte_mutation()).boxed()
    } else {
        Just(None).boxed()
    };
    (
        any::<Index>(),
        proptest::collection::vec(mutate::mutation(limits), 0..=6),
        zip,
        prop_oneof![
            Just(DateOrder::MonthDayYear),
            Just(DateOrder::DayMonthYear),
            Just(DateOrder::YearMonthDay)
        ],
    )
        .prop_map(|(seed, mutations, zip, order)| Case {
            seed,
            mutations,
            zip,
            order,
        })
}

/// A case's input: the file's bytes, and the text the row bound counts (the sheet for an XLSX).
struct Input {
    file: Vec<u8>,
    text_len: usize,
    lines: usize,
}

fn build(target: &Target, pool: &[Vec<u8>], limits: Limits, case: &Case) -> Input {
    let mut bytes = target.seeds[case.seed.index(target.seeds.len())].clone();
    for mutation in &case.mutations {
        let before = bytes.clone();
        mutate::apply(&mut bytes, mutation, pool);
        if bytes.len() > limits.input {
            bytes = before;
        }
    }
    // Rows can only come from lines, or from tags when a document is on one line.
    let lines = 1 + bytes
        .iter()
        .filter(|b| matches!(b, b'\n' | b'\r' | b'<'))
        .count();
    let text_len = bytes.len();
    if target.xlsx {
        let mut file = xlsx::workbook(&bytes);
        if let Some(zip) = &case.zip {
            mutate::apply(&mut file, zip, &[]);
        }
        return Input {
            file,
            text_len,
            lines,
        };
    }
    Input {
        file: bytes,
        text_len,
        lines,
    }
}

thread_local! {
    /// Whether this thread is inside a case (its panics are recorded, not printed).
    static IN_CASE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic inside a case is recorded for the report; any other panic is printed as usual.
fn quiet_panics_in_cases() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_CASE.with(std::cell::Cell::get) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
            } else {
                default(info);
            }
        }));
    });
}

/// Where cases and failures are written: `<target>/tmp/wallet-import-fuzz/`.
pub fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wallet-import-fuzz");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a run found, for the report.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    pub name: &'static str,
    pub cases: u64,
    pub read: u64,
    pub refused: u64,
    pub empty_read: u64,
    pub slowest: Duration,
    pub slowest_len: usize,
    pub largest: usize,
    pub peak: usize,
    pub peak_len: usize,
    pub total: Duration,
}

/// How the run is set: the case count, the limits, the time a case may take, the RNG seed.
pub struct Settings {
    pub cases: u32,
    pub limits: Limits,
    pub max_case: Duration,
    pub seed: u64,
}

impl Settings {
    /// From `PURSE_FUZZ_CASES`, `PURSE_FUZZ_SEED`, `PURSE_FUZZ_MAX_MS`, with the defaults given (the time a
    /// case may take: 1 s, or 5 s in a debug build).
    pub fn from_env(cases: u32, limits: Limits, seed: u64) -> Settings {
        let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
        Settings {
            cases: env("PURSE_FUZZ_CASES").map_or(cases, |n| n as u32),
            limits,
            // A second in an optimised build (the campaign); five in a debug one, some ten times slower,
            // where the quick run shares the cores with the other tests.
            max_case: Duration::from_millis(
                env("PURSE_FUZZ_MAX_MS").unwrap_or(if cfg!(debug_assertions) {
                    5000
                } else {
                    1000
                }),
            ),
            seed: env("PURSE_FUZZ_SEED").unwrap_or(seed),
        }
    }
}

/// The memory one case may use: 64 bytes per input byte and 16 MB.
fn memory_budget(len: usize) -> usize {
    64 * len + (16 << 20)
}

/// The characters of text a statement carries (ids, names, descriptions, reasons, warnings).
fn text_out(statement: &Statement) -> usize {
    let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    statement
        .rows
        .iter()
        .map(|row| {
            row.id.len()
                + text(&row.counterparty)
                + text(&row.counterparty_account)
                + text(&row.description)
                + text(&row.category_hint)
                + text(&row.funding)
                + match &row.kind {
                    wallet_import::RowKind::Refund { of } => text(of),
                    _ => 0,
                }
        })
        .sum::<usize>()
        + statement
            .skipped
            .iter()
            .map(|s| s.reason.len())
            .sum::<usize>()
        + statement.warnings.iter().map(String::len).sum::<usize>()
        + text(&statement.account)
}

/// The properties of one result.
fn check(
    target: &Target,
    input: &Input,
    result: &wallet_import::Result<Statement>,
) -> Result<(), String> {
    match result {
        Ok(statement) => {
            let items = statement.rows.len() + statement.skipped.len();
            if items > input.lines + 2 {
                return Err(format!(
                    "{items} rows and skipped lines from {} lines",
                    input.lines
                ));
            }
            let out = text_out(statement);
            let bound = 4 * input.text_len + 200 * items + 4096;
            if out > bound {
                return Err(format!(
                    "{out} bytes of text out of {} bytes in (bound {bound})",
                    input.text_len
                ));
            }
        }
        Err(Error::Malformed { line, problem }) => {
            if *line == 0 || (!target.xlsx && *line > input.lines + 1) {
                return Err(format!(
                    "the error names line {line} of a file of {} lines: {problem}",
                    input.lines
                ));
            }
            if problem.trim().is_empty() {
                return Err(format!("line {line}: the error says no problem"));
            }
        }
        Err(Error::Truncated { problem }) if problem.trim().is_empty() => {
            return Err("a truncated file whose error says nothing".into());
        }
        Err(_) => {}
    }
    Ok(())
}

/// A case's result, before its properties are checked.
type Outcome = std::thread::Result<Vec<wallet_import::Result<Statement>>>;

fn read_case(target: &Target, input: &Input, case: &Case) -> (Outcome, usize) {
    IN_CASE.with(|c| c.set(true));
    PANIC.with(|p| p.borrow_mut().take());
    let measured = alloc::measure(|| {
        panic::catch_unwind(AssertUnwindSafe(|| {
            let mut results = vec![wallet_import::read(&input.file, &ImportOptions::default())];
            if target.date_order {
                let options = ImportOptions {
                    date_order: Some(case.order),
                    ..ImportOptions::default()
                };
                results.push(wallet_import::read(&input.file, &options));
            }
            results
        }))
    });
    IN_CASE.with(|c| c.set(false));
    measured
}

/// Aborts the process when a case has run longer than `limit` (`started_ms` is when the running case
/// began, in milliseconds after `origin`; `u64::MAX` between cases), saying where the case is on disk: a
/// hang that never returns would otherwise only stop CI.
fn watchdog(
    name: &'static str,
    origin: Instant,
    started_ms: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
    limit: Duration,
) {
    std::thread::spawn(move || {
        while !done.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
            let started = started_ms.load(Ordering::SeqCst);
            let now = origin.elapsed().as_millis() as u64;
            if started != u64::MAX && now.saturating_sub(started) > limit.as_millis() as u64 {
                eprintln!(
                    "fuzz {name}: a case has run for over {limit:?}: it hangs; the input is {}",
                    in_flight(name).display()
                );
                std::process::abort();
            }
        }
    });
}

fn in_flight(name: &str) -> PathBuf {
    out_dir().join(format!("{name}.in-flight.bin"))
}

/// Runs `settings.cases` cases of `target`; on a failure, the smallest failing case found is written to
/// `<target>/tmp/wallet-import-fuzz/<name>.failure.bin` and the error says what failed.
pub fn fuzz(target: &Target, settings: &Settings) -> Result<Figures, String> {
    quiet_panics_in_cases();
    let pool = pool();
    let figures = RefCell::new(Figures {
        name: target.name,
        ..Figures::default()
    });
    let started_ms = Arc::new(AtomicU64::new(u64::MAX));
    let done = Arc::new(AtomicBool::new(false));
    let clock = Instant::now();
    watchdog(
        target.name,
        clock,
        started_ms.clone(),
        done.clone(),
        Duration::from_secs(30).max(settings.max_case * 30),
    );
    let in_flight = in_flight(target.name);
    let begun = Instant::now();
    let config = Config {
        cases: settings.cases,
        failure_persistence: None,
        max_shrink_iters: 512,
        max_shrink_time: 30_000,
        rng_seed: RngSeed::Fixed(settings.seed ^ fxhash(target.name)),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let shrinking = std::cell::Cell::new(false);
    let result = runner.run(&case(settings.limits, target.xlsx), |case| {
        let input = build(target, &pool, settings.limits, &case);
        std::fs::write(&in_flight, &input.file).unwrap();
        started_ms.store(clock.elapsed().as_millis() as u64, Ordering::SeqCst);
        let start = Instant::now();
        let (outcome, peak) = read_case(target, &input, &case);
        let elapsed = start.elapsed();
        started_ms.store(u64::MAX, Ordering::SeqCst);
        let fail = |why: String| {
            shrinking.set(true);
            Err(TestCaseError::fail(why))
        };
        let results = match outcome {
            Ok(results) => results,
            Err(_) => {
                let message = PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
                return fail(format!("panicked: {message}"));
            }
        };
        if elapsed > settings.max_case {
            return fail(format!(
                "took {elapsed:?} (more than {:?}) on {} bytes",
                settings.max_case,
                input.file.len()
            ));
        }
        if peak > memory_budget(input.file.len()) {
            return fail(format!(
                "used {peak} bytes at its peak on {} bytes of input (budget {})",
                input.file.len(),
                memory_budget(input.file.len())
            ));
        }
        for result in &results {
            check(target, &input, result).map_err(|why| {
                shrinking.set(true);
                TestCaseError::fail(why)
            })?;
        }
        if !shrinking.get() {
            let mut f = figures.borrow_mut();
            f.cases += 1;
            // The last read: QIF's with a date order (without one every QIF file is refused).
            match results.last().unwrap() {
                Ok(statement) => {
                    f.read += 1;
                    if statement.rows.is_empty() {
                        f.empty_read += 1;
                    }
                }
                Err(_) => f.refused += 1,
            }
            if elapsed > f.slowest {
                f.slowest = elapsed;
                f.slowest_len = input.file.len();
                std::fs::write(
                    out_dir().join(format!("{}.slowest.bin", target.name)),
                    &input.file,
                )
                .unwrap();
            }
            f.largest = f.largest.max(input.file.len());
            if peak > f.peak {
                f.peak = peak;
                f.peak_len = input.file.len();
            }
        }
        Ok(())
    });
    done.store(true, Ordering::SeqCst);
    let mut figures = figures.into_inner();
    figures.total = begun.elapsed();
    match result {
        Ok(()) => Ok(figures),
        Err(TestError::Fail(why, case)) => {
            let input = build(target, &pool, settings.limits, &case);
            let saved = out_dir().join(format!("{}.failure.bin", target.name));
            std::fs::write(&saved, &input.file).unwrap();
            Err(format!(
                "fuzz {}: {why}\n  smallest failing input ({} bytes) saved to {}\n  case: {}",
                target.name,
                input.file.len(),
                saved.display(),
                describe(&case)
            ))
        }
        Err(TestError::Abort(why)) => Err(format!("fuzz {}: aborted: {why}", target.name)),
    }
}

/// The case, its long parts shortened.
fn describe(case: &Case) -> String {
    let text = format!("{case:?}");
    if text.chars().count() > 2000 {
        format!("{}…", text.chars().take(2000).collect::<String>())
    } else {
        text
    }
}

/// A stable hash of a name, so that each target draws its own cases from one seed.
fn fxhash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A duration in milliseconds with one decimal, without float arithmetic.
pub fn ms(d: Duration) -> String {
    let micros = d.as_micros();
    format!("{}.{}", micros / 1000, micros % 1000 / 100)
}

/// Bytes in megabytes with one decimal.
fn mb(bytes: usize) -> String {
    format!("{}.{}", bytes / 1_000_000, bytes % 1_000_000 / 100_000)
}

/// The figures as a Markdown table.
pub fn table(all: &[Figures]) -> String {
    let mut out = String::from(
        "| format | cases | read | refused | read with no rows | slowest case | its size | largest input | peak memory (its input) | time |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for f in all {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} ms | {} B | {} B | {} MB ({} B) | {:.1} s |\n",
            f.name,
            f.cases,
            f.read,
            f.refused,
            f.empty_read,
            ms(f.slowest),
            f.slowest_len,
            f.largest,
            mb(f.peak),
            f.peak_len,
            f.total.as_secs_f64()
        ));
    }
    out
}
