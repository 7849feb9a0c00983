//! The wallet's SQLite file: open (WAL, migrations), and one module per table.

mod accounts;
mod background_checkpoint;
mod bank_links;
mod budgets;
mod bulk_ingest;
mod card_statements;
mod error;
mod fx_rates;
mod json_rows;
mod line_upsert;
mod monthly_totals;
mod open;
mod payees;
mod payment_pin;
mod payments;
mod settings;
mod sync_write;
mod tally;
pub mod time;
mod transactions;

pub use bank_links::{BankLink, LinkTokens};
pub use budgets::Budget;
pub use bulk_ingest::BulkIngest;
pub use card_statements::CardStatement;
pub use error::{Result, StoreError};
pub use fx_rates::FxRate;
pub use line_upsert::UpsertCounts;
pub use monthly_totals::{CategoryTotal, CurrencyTotal, PAYEE_SQL, PayeeTotal, SpendLine};
pub use open::{Store, StoreOptions};
pub use payees::Payee;
pub use payment_pin::PinRecord;
pub use payments::{PaymentPayee, PaymentRecord};
pub use transactions::{Conversion, Cursor, TransactionFilter, TransactionPage};
