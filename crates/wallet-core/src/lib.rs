//! Purse's domain: money, accounts, transactions, categories, payments; no IO.

pub mod account;
pub mod category;
pub mod clock;
pub mod conversion_cost;
pub mod credit_cycle;
pub mod currency;
pub mod error;
pub mod fx;
pub mod ids;
pub mod money;
pub mod payment;
pub mod recipient_abroad;
pub mod recurring;
pub mod risk;
pub mod same_payee;
pub mod statement_category;
pub mod transaction;
pub mod unusual_line;

pub use account::{Account, AccountKind};
pub use conversion_cost::{ConversionCost, ReferenceRate, conversion_cost};
pub use credit_cycle::{
    CardStatementFacts, CardTerms, Cycle, DueRule, MinimumPaymentRule, Statement, StatementStatus,
};
pub use currency::Currency;
pub use error::DomainError;
pub use ids::{AccountId, BankLinkId, TransactionId};
pub use money::Money;
pub use payment::{AccountRouting, PaymentKind, PaymentStatus};
pub use recurring::{Cadence, Charge, RecurringSeries, find_recurring};
pub use transaction::{StoredTransaction, Transaction, TransactionStatus};
