//! The monthly totals of the lines a bulk load inserts, added up in memory and written in a few
//! statements, instead of two trigger runs per line. Adds exactly what the insert triggers would
//! (see the compact_lines migration): booked lines only, payees for money out only.

use std::collections::HashMap;

use sqlx::sqlite::SqliteConnection;
use sqlx::{QueryBuilder, Sqlite};
use wallet_core::{AccountId, TransactionStatus};

use crate::error::Result;
use crate::line_upsert::NewLine;

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
}

impl Tally {
    pub fn add(&mut self, new: &NewLine) -> Result<()> {
        let NewLine {
            line, month, minor, ..
        } = *new;
        if line.status != TransactionStatus::Booked {
            return Ok(());
        }
        let sums = self
            .categories
            .entry((line.account_id, month, line.category_id.clone()))
            .or_default();
        sums.spent += (-minor).max(0);
        sums.received += minor.max(0);
        sums.lines += 1;
        if minor < 0 {
            let payee = self
                .payees
                .entry((
                    line.account_id,
                    month,
                    line.payee().to_string(),
                    line.category_id.clone(),
                ))
                .or_default();
            payee.spent -= minor;
            payee.lines += 1;
        }
        Ok(())
    }

    /// Adds the sums to the kept totals and starts again from nothing.
    pub async fn write(&mut self, tx: &mut SqliteConnection) -> Result<()> {
        let categories: Vec<_> = self.categories.drain().collect();
        for chunk in categories.chunks(ROWS) {
            let mut query = QueryBuilder::<Sqlite>::new(
                "INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines) ",
            );
            query.push_values(chunk, |mut row, ((account, month, category), sums)| {
                row.push_bind(account.to_string())
                    .push_bind(*month)
                    .push_bind(category.as_str())
                    .push_bind(sums.spent)
                    .push_bind(sums.received)
                    .push_bind(sums.lines);
            });
            query.push(
                " ON CONFLICT (month, account_id, category_id) DO UPDATE SET
                     spent_minor = spent_minor + excluded.spent_minor,
                     received_minor = received_minor + excluded.received_minor,
                     lines = lines + excluded.lines",
            );
            query.build().execute(&mut *tx).await?;
        }
        let payees: Vec<_> = self.payees.drain().collect();
        for chunk in payees.chunks(ROWS) {
            let mut query = QueryBuilder::<Sqlite>::new(
                "INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines) ",
            );
            query.push_values(
                chunk,
                |mut row, ((account, month, payee, category), sums)| {
                    row.push_bind(account.to_string())
                        .push_bind(*month)
                        .push_bind(payee.as_str())
                        .push_bind(category.as_str())
                        .push_bind(sums.spent)
                        .push_bind(sums.lines);
                },
            );
            query.push(
                " ON CONFLICT (month, account_id, payee, category_id) DO UPDATE SET
                     spent_minor = spent_minor + excluded.spent_minor, lines = lines + excluded.lines",
            );
            query.build().execute(&mut *tx).await?;
        }
        Ok(())
    }
}
