//! Writing bill lines from the bank: idempotent upserts keyed by (account, the bank's transaction id),
//! inside the caller's database transaction so a sync lands whole. New lines go in through one insert
//! (src/raw_insert.rs): an account's first lines without being looked up, later ones after a lookup
//! a batch at a time.

use std::collections::{HashMap, HashSet};

use sqlx::sqlite::SqliteConnection;
use sqlx::{QueryBuilder, Sqlite};
use wallet_core::{AccountId, Currency, StoredTransaction, Transaction, TransactionId};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::ingest::raw_insert::insert_new_lines;
use crate::ingest::tally::Tally;
use crate::tables::monthly_totals::push_list;
use crate::tables::transactions::{SELECT_LINES, transaction_from_row};
use crate::time::{local_month, to_millis};

/// What an upsert did, so a sync can report "12 new, 1 updated".
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct UpsertCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Lines per statement: 15 values each stays below SQLite's 32,766 bound values.
pub(crate) const BATCH: usize = 2_000;

/// A line about to be inserted, with the values its row needs worked out once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewLine<'a> {
    pub line: &'a Transaction,
    pub account_no: i64,
    /// YYYYMM in the user's time zone.
    pub month: i64,
    pub minor: i64,
    pub currency: Currency,
    pub original_minor: Option<i64>,
    pub original_currency: Option<Currency>,
}

impl<'a> NewLine<'a> {
    fn of(line: &'a Transaction, account_no: i64) -> Result<Self> {
        Ok(NewLine {
            line,
            account_no,
            month: local_month(line.booked_at),
            minor: line.amount.to_minor()?,
            currency: line.amount.currency(),
            original_minor: line.original_amount.map(|m| m.to_minor()).transpose()?,
            original_currency: line.original_amount.map(|m| m.currency()),
        })
    }
}

#[derive(Debug, Clone, Copy)]
struct AccountNumber {
    no: i64,
    /// The account held no lines when this writer first met it: its lines need not be looked up.
    was_empty: bool,
}

/// Writes lines batch after batch. In a bulk load it also adds up what it inserts and indexes it for
/// search (the insert triggers stand aside then), and writes both before any change to a kept line
/// and at the end.
pub(crate) struct LineWriter {
    accounts: HashMap<AccountId, AccountNumber>,
    tally: Option<Tally>,
    /// In a bulk load, the largest line id before the lines inserted since the search index last caught
    /// up: every line above it is one of those (no line is removed in between, see `catch_up`).
    unindexed_after: Option<i64>,
    pub counts: UpsertCounts,
}

impl LineWriter {
    /// For a write with the monthly-total triggers at work.
    pub fn new() -> Self {
        LineWriter {
            accounts: HashMap::new(),
            tally: None,
            unindexed_after: None,
            counts: UpsertCounts::default(),
        }
    }

    /// For a bulk load (a row in `bulk_load`): inserted lines are totalled and indexed here.
    pub fn bulk() -> Self {
        LineWriter {
            tally: Some(Tally::default()),
            ..LineWriter::new()
        }
    }

    pub async fn write(
        &mut self,
        tx: &mut SqliteConnection,
        incoming: &[Transaction],
    ) -> Result<()> {
        let mut numbers = Vec::with_capacity(incoming.len());
        for line in incoming {
            numbers.push(self.account_number(tx, line.account_id).await?);
        }
        // A first sync: nothing to look up, unless the bank sent a line twice.
        let mut done = 0;
        if numbers.iter().all(|n| n.was_empty) {
            done = self.insert_all(tx, incoming, &numbers).await?;
        }
        for (batch, numbers) in incoming[done..]
            .chunks(BATCH)
            .zip(numbers[done..].chunks(BATCH))
        {
            self.write_batch(tx, batch, numbers).await?;
        }
        Ok(())
    }

    /// Inserts every line without looking any up. Stops at a batch that holds a line already written
    /// (that batch changes nothing) and says how many lines went in.
    async fn insert_all(
        &mut self,
        tx: &mut SqliteConnection,
        incoming: &[Transaction],
        numbers: &[AccountNumber],
    ) -> Result<usize> {
        let fresh = incoming
            .iter()
            .zip(numbers)
            .map(|(line, number)| NewLine::of(line, number.no))
            .collect::<Result<Vec<_>>>()?;
        self.about_to_insert(tx).await?;
        let inserted = insert_new_lines(tx, &fresh, self.tally.is_some()).await?;
        if inserted.count < fresh.len() {
            // This bank repeats itself: look its lines up from now on.
            for number in self.accounts.values_mut() {
                number.was_empty = false;
            }
        }
        self.inserted(inserted.count, inserted.totals);
        Ok(inserted.count)
    }

    /// In a bulk load, does for what was inserted so far what the set-aside insert triggers would have:
    /// writes its totals and indexes it for search. Before any change the triggers see (an update or a
    /// removal: its delete from the search index needs the line indexed) and before the commit.
    pub async fn catch_up(&mut self, tx: &mut SqliteConnection) -> Result<()> {
        if let Some(tally) = &mut self.tally {
            tally.write(tx).await?;
        }
        self.index_inserted(tx).await
    }

    /// In a bulk load, notes where the lines about to be inserted start, if no earlier ones wait.
    async fn about_to_insert(&mut self, tx: &mut SqliteConnection) -> Result<()> {
        if self.tally.is_some() && self.unindexed_after.is_none() {
            let largest: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM transactions")
                .fetch_one(&mut *tx)
                .await?;
            self.unindexed_after = Some(largest);
        }
        Ok(())
    }

    /// In a bulk load, puts the words of the lines inserted since the last time in the search index, in
    /// one statement (new ids ascend: the index appends).
    pub async fn index_inserted(&mut self, tx: &mut SqliteConnection) -> Result<()> {
        if let Some(after) = self.unindexed_after.take() {
            sqlx::query(
                "INSERT INTO line_search (rowid, merchant, counterparty, description, account)
                 SELECT id, merchant, counterparty, description, account FROM line_search_source
                 WHERE id > ?",
            )
            .bind(after)
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }

    /// Looks the batch's lines up: new ones are inserted, changed ones updated, the same ones left.
    async fn write_batch(
        &mut self,
        tx: &mut SqliteConnection,
        batch: &[Transaction],
        numbers: &[AccountNumber],
    ) -> Result<()> {
        let known = known_lines(tx, batch, numbers).await?;
        let mut fresh = Vec::new();
        for (line, number) in batch.iter().zip(numbers) {
            let kept = known
                .get(&number.no)
                .and_then(|lines| lines.get(line.bank_transaction_id.as_str()));
            match kept {
                None => fresh.push(NewLine::of(line, number.no)?),
                Some(existing) if differs(&existing.line, line) => {
                    self.catch_up(tx).await?;
                    update_line(tx, existing.id, line).await?;
                    self.counts.updated += 1;
                }
                Some(_) => self.counts.unchanged += 1,
            }
        }
        // A line sent twice in one batch is inserted once and then seen as known.
        let mut seen = HashSet::new();
        let (first, repeated): (Vec<_>, Vec<_>) = fresh
            .into_iter()
            .partition(|new| seen.insert((new.account_no, new.line.bank_transaction_id.as_str())));
        if !first.is_empty() {
            self.about_to_insert(tx).await?;
            let inserted = insert_new_lines(tx, &first, self.tally.is_some()).await?;
            if inserted.count < first.len() {
                // Looked up and deduplicated just now, inside this transaction: cannot be known.
                return Err(StoreError::Corrupt(
                    "a line looked up as new is already kept".into(),
                ));
            }
            self.inserted(inserted.count, inserted.totals);
        }
        if !repeated.is_empty() {
            let again: Vec<Transaction> =
                repeated.into_iter().map(|new| new.line.clone()).collect();
            let numbers: Vec<AccountNumber> = again
                .iter()
                .map(|line| self.accounts[&line.account_id])
                .collect();
            Box::pin(self.write_batch(tx, &again, &numbers)).await?;
        }
        Ok(())
    }

    fn inserted(&mut self, count: usize, totals: Option<Tally>) {
        self.counts.added += count;
        if let (Some(tally), Some(totals)) = (&mut self.tally, totals) {
            tally.merge(totals);
        }
    }

    async fn account_number(
        &mut self,
        tx: &mut SqliteConnection,
        account: AccountId,
    ) -> Result<AccountNumber> {
        if let Some(number) = self.accounts.get(&account) {
            return Ok(*number);
        }
        let (no, was_empty): (i64, bool) = sqlx::query_as(
            "SELECT no, NOT EXISTS (SELECT 1 FROM transactions WHERE account_no = accounts.no)
             FROM accounts WHERE id = ?",
        )
        .bind(account.to_string())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("lines for unknown account {account}")))?;
        let number = AccountNumber { no, was_empty };
        self.accounts.insert(account, number);
        Ok(number)
    }
}

/// The fields a bank may change on a line it already sent (pending → booked, amount settled).
fn differs(existing: &Transaction, incoming: &Transaction) -> bool {
    existing.status != incoming.status
        || existing.booked_at != incoming.booked_at
        || existing.value_at != incoming.value_at
        || existing.amount != incoming.amount
        || existing.original_amount != incoming.original_amount
        || existing.merchant != incoming.merchant
        || existing.counterparty != incoming.counterparty
        || existing.description != incoming.description
}

/// The batch's lines the wallet already keeps, by (account number, bank id).
async fn known_lines(
    tx: &mut SqliteConnection,
    batch: &[Transaction],
    numbers: &[AccountNumber],
) -> Result<HashMap<i64, HashMap<String, StoredTransaction>>> {
    let mut found: HashMap<i64, HashMap<String, StoredTransaction>> = HashMap::new();
    let accounts: HashSet<i64> = numbers.iter().map(|n| n.no).collect();
    for no in accounts {
        let mut query =
            QueryBuilder::<Sqlite>::new(format!("{SELECT_LINES} WHERE t.account_no = "));
        query.push_bind(no).push(" AND t.bank_transaction_id IN ");
        push_list(
            &mut query,
            batch
                .iter()
                .zip(numbers)
                .filter(|(_, n)| n.no == no)
                .map(|(line, _)| line.bank_transaction_id.as_str()),
        );
        for row in query.build().fetch_all(&mut *tx).await? {
            let existing = transaction_from_row(&row)?;
            found
                .entry(no)
                .or_default()
                .insert(existing.line.bank_transaction_id.clone(), existing);
        }
    }
    Ok(found)
}

/// The description as stored: none when it only repeats the merchant's name.
pub(crate) fn stored_description(line: &Transaction) -> Option<&str> {
    (line.merchant.as_deref() != Some(line.description.as_str()))
        .then_some(line.description.as_str())
}

/// A line the bank changed (pending → booked, amount settled); the wallet's id and category stay.
async fn update_line(
    tx: &mut SqliteConnection,
    id: TransactionId,
    line: &Transaction,
) -> Result<()> {
    sqlx::query(
        "UPDATE transactions SET status = ?, booked_at = ?, booked_month = ?, value_at = ?, amount_minor = ?,
             currency = ?, original_minor = ?, original_currency = ?, merchant = ?, mcc = ?,
             counterparty = ?, description = ?
         WHERE id = ?",
    )
    .bind(line.status.as_str())
    .bind(to_millis(line.booked_at))
    .bind(local_month(line.booked_at))
    .bind(line.value_at.map(to_millis))
    .bind(line.amount.to_minor()?)
    .bind(line.amount.currency().code())
    .bind(line.original_amount.map(|m| m.to_minor()).transpose()?)
    .bind(line.original_amount.map(|m| m.currency().code().to_string()))
    .bind(&line.merchant)
    .bind(&line.mcc)
    .bind(&line.counterparty)
    .bind(stored_description(line))
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl Store {
    /// Writes a batch from the bank in one database transaction: new lines are added, known ones updated
    /// in place (keeping the wallet's id and the user's category), identical ones left alone.
    pub async fn upsert_transactions(&self, incoming: &[Transaction]) -> Result<UpsertCounts> {
        let mut tx = self.pool().begin().await?;
        let mut writer = LineWriter::new();
        writer.write(&mut tx, incoming).await?;
        tx.commit().await?;
        Ok(writer.counts)
    }
}
