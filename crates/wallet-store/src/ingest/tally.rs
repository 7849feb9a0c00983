//! The monthly totals of the lines a bulk load inserts, added up in memory and written in a few
//! statements, instead of two trigger runs per line. Adds exactly what the insert triggers would
//! (see the triggers in the baseline migration): booked lines only, payees for money out
//! only, conversions for lines the bank converted only.

use rustc_hash::FxHashMap as HashMap;

use sqlx::query_builder::Separated;
use sqlx::sqlite::SqliteConnection;
use sqlx::{QueryBuilder, Sqlite};
use wallet_core::{AccountId, Currency, TransactionStatus};

use crate::error::Result;
use crate::ingest::line_upsert::NewLine;

#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    spent: i64,
    received: i64,
    lines: i64,
}

/// Rows per statement: 6 values each, far below SQLite's limit on bound values.
const ROWS: usize = 2_000;

#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// (account, month, category) → sums.
    categories: HashMap<(AccountId, i64, String), Sums>,
    /// (account, month, payee, category) → money out and lines.
    payees: HashMap<(AccountId, i64, String, String), Sums>,
    /// (foreign currency, booked currency, month) → foreign money (`spent`), booked money (`received`).
    conversions: HashMap<(Currency, Currency, i64), Sums>,
}

impl Sums {
    fn add(&mut self, other: Sums) {
        self.spent += other.spent;
        self.received += other.received;
        self.lines += other.lines;
    }
}

impl Tally {
    /// The sums of some inserted lines (added up under borrowed keys: one allocation per distinct key,
    /// not per line).
    pub fn of(lines: &[NewLine]) -> Tally {
        let mut categories: HashMap<(AccountId, i64, &str), Sums> = HashMap::default();
        let mut payees: HashMap<(AccountId, i64, &str, &str), Sums> = HashMap::default();
        let mut conversions: HashMap<(Currency, Currency, i64), Sums> = HashMap::default();
        for new in lines {
            let line = new.line;
            if line.status != TransactionStatus::Booked {
                continue;
            }
            let minor = new.minor;
            if let (Some(original), Some(foreign)) = (new.original_minor, new.original_currency)
                && foreign != new.currency
                && original != 0
            {
                conversions
                    .entry((foreign, new.currency, new.month))
                    .or_default()
                    .add(Sums {
                        spent: original.abs(),
                        received: minor.abs(),
                        lines: 1,
                    });
            }
            categories
                .entry((line.account_id, new.month, &line.category_id))
                .or_default()
                .add(Sums {
                    spent: (-minor).max(0),
                    received: minor.max(0),
                    lines: 1,
                });
            if minor < 0 {
                payees
                    .entry((line.account_id, new.month, line.payee(), &line.category_id))
                    .or_default()
                    .add(Sums {
                        spent: -minor,
                        received: 0,
                        lines: 1,
                    });
            }
        }
        Tally {
            categories: categories
                .into_iter()
                .map(|((account, month, category), sums)| {
                    ((account, month, category.to_string()), sums)
                })
                .collect(),
            payees: payees
                .into_iter()
                .map(|((account, month, payee, category), sums)| {
                    (
                        (account, month, payee.to_string(), category.to_string()),
                        sums,
                    )
                })
                .collect(),
            conversions,
        }
    }

    pub fn merge(&mut self, other: Tally) {
        for (key, sums) in other.categories {
            self.categories.entry(key).or_default().add(sums);
        }
        for (key, sums) in other.payees {
            self.payees.entry(key).or_default().add(sums);
        }
        for (key, sums) in other.conversions {
            self.conversions.entry(key).or_default().add(sums);
        }
    }

    /// Adds the sums to the kept totals and starts again from nothing.
    pub async fn write(&mut self, tx: &mut SqliteConnection) -> Result<()> {
        let categories: Vec<_> = self.categories.drain().collect();
        add_up(
            tx,
            &categories,
            "INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines) ",
            |row, (account, month, category), sums| {
                row.push_bind(account.to_string())
                    .push_bind(*month)
                    .push_bind(category.as_str())
                    .push_bind(sums.spent)
                    .push_bind(sums.received)
                    .push_bind(sums.lines);
            },
            " ON CONFLICT (month, category_id, account_id) DO UPDATE SET
                 spent_minor = spent_minor + excluded.spent_minor,
                 received_minor = received_minor + excluded.received_minor,
                 lines = lines + excluded.lines",
        )
        .await?;
        let payees: Vec<_> = self.payees.drain().collect();
        add_up(
            tx,
            &payees,
            "INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines) ",
            |row, (account, month, payee, category), sums| {
                row.push_bind(account.to_string())
                    .push_bind(*month)
                    .push_bind(payee.as_str())
                    .push_bind(category.as_str())
                    .push_bind(sums.spent)
                    .push_bind(sums.lines);
            },
            " ON CONFLICT (month, account_id, payee, category_id) DO UPDATE SET
                 spent_minor = spent_minor + excluded.spent_minor, lines = lines + excluded.lines",
        )
        .await?;
        let conversions: Vec<_> = self.conversions.drain().collect();
        add_up(
            tx,
            &conversions,
            "INSERT INTO monthly_conversions (from_currency, to_currency, month, from_minor, to_minor, lines) ",
            |row, (foreign, booked, month), sums| {
                row.push_bind(foreign.code())
                    .push_bind(booked.code())
                    .push_bind(*month)
                    .push_bind(sums.spent)
                    .push_bind(sums.received)
                    .push_bind(sums.lines);
            },
            " ON CONFLICT (from_currency, to_currency, month) DO UPDATE SET
                 from_minor = from_minor + excluded.from_minor,
                 to_minor = to_minor + excluded.to_minor,
                 lines = lines + excluded.lines",
        )
        .await
    }
}

/// Adds summed rows to a kept table, [`ROWS`] to a statement: `insert` names the columns, `bind` binds
/// one row's values, `on_conflict` says how a row already there takes the sums.
async fn add_up<'r, K>(
    tx: &mut SqliteConnection,
    rows: &'r [(K, Sums)],
    insert: &str,
    bind: impl Fn(&mut Separated<'_, 'r, Sqlite, &'static str>, &'r K, &Sums),
    on_conflict: &str,
) -> Result<()> {
    for chunk in rows.chunks(ROWS) {
        let mut query = QueryBuilder::<Sqlite>::new(insert);
        query.push_values(chunk, |mut row, (key, sums)| bind(&mut row, key, sums));
        query.push(on_conflict);
        query.build().execute(&mut *tx).await?;
    }
    Ok(())
}
