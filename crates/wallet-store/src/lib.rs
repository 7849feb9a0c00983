//! The wallet's SQLite file, in three parts that import downwards only:
//!
//! - [`file`](file/mod.rs): the encrypted file itself: its key, opening it (SQLCipher, WAL, the one
//!   baseline migration and any after it), the plain-SQLite check, deleting it with its companions, the
//!   background checkpoint. Imports only the root helpers below.
//! - [`tables`](tables/mod.rs): one module per table (or small group), with the queries that read and
//!   write it, the tables kept by triggers (monthly totals, conversions) and the write lock's
//!   transaction. Imports `file` and the root helpers.
//! - [`ingest`](ingest/mod.rs): how bill lines come in: upserts, the bulk load, a sync as it is
//!   fetched, statement imports. Imports `tables`, `file` and the root helpers.
//!
//! At the root: `error` (StoreError), `time` (millisecond timestamps, local months) and `json_rows`,
//! used by every part. `tests/layers.rs` fails if a part imports one above it. Callers see none of
//! this: everything public is re-exported here (docs/decisions/wallet-store-in-folders.md).

mod error;
mod file;
mod ingest;
mod json_rows;
mod tables;
pub mod time;

pub use error::{Result, StoreError};
pub use file::files::{remove_database_files, remove_if_there};
pub use file::key::{DatabaseKey, KEY_BYTES};
pub use file::open::{Store, StoreOptions};
pub use file::plaintext::is_plaintext_sqlite;
pub use ingest::bulk_ingest::BulkIngest;
pub use ingest::imports::{ImportLink, ImportRecord, NewImport};
pub use ingest::line_upsert::UpsertCounts;
pub use tables::attempts::{Try, TryCount, TryRule};
pub use tables::bank_links::{BankLink, LinkHealth, LinkKind, LinkState, LinkTokens};
pub use tables::budgets::Budget;
pub use tables::card_statements::CardStatement;
pub use tables::conversion_costs::DailyRate;
pub use tables::fx_rates::FxRate;
pub use tables::international_quotes::InternationalQuote;
pub use tables::monthly_conversions::{MonthlyConversion, RateSources};
pub use tables::monthly_totals::{CategoryTotal, CurrencyTotal, PAYEE_SQL, PayeeTotal, SpendLine};
pub use tables::payees::Payee;
pub use tables::payment_pin::PinRecord;
pub use tables::payments::{PaymentPayee, PaymentRecord};
pub use tables::rewards::{OfferDiscount, PointsEntryRecord, PointsSnapshot};
pub use tables::security_log::SecurityEvent;
pub use tables::transactions::{Conversion, Cursor, TransactionFilter, TransactionPage};
pub use tables::write_lock::WriteLock;
