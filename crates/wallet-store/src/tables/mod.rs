//! One module per table or small group of tables that belong together (a payment and its outbox steps,
//! budgets and their alerts, points and offers): the rows they hold and the queries that read and write
//! them. The monthly totals and conversions are tables kept by triggers; `write_lock` is the one
//! transaction that reads and writes several of these tables under the wallet's write lock.
//! Imports `file` (for `Store`) and the crate's root helpers, never `ingest`.

pub(crate) mod accounts;
pub(crate) mod attempts;
pub(crate) mod bank_links;
pub(crate) mod budgets;
pub(crate) mod card_statements;
pub(crate) mod conversion_costs;
pub(crate) mod fx_rates;
pub(crate) mod international_quotes;
pub(crate) mod line_search;
pub(crate) mod monthly_conversions;
pub(crate) mod monthly_totals;
pub(crate) mod payees;
pub(crate) mod payment_pin;
pub(crate) mod payments;
pub(crate) mod rewards;
pub(crate) mod risk_facts;
pub(crate) mod security_log;
pub(crate) mod settings;
pub(crate) mod transactions;
pub(crate) mod write_lock;
pub(crate) mod written_files;
