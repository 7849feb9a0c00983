//! How bill lines come in: idempotent upserts from the bank (`line_upsert`), the bulk load of a first sync
//! (`bulk_ingest`, `raw_insert`, `tally`), a sync written as it is fetched (`sync_write`) and imported
//! statement files (`imports`). Imports `tables` and `file`; nothing there imports this.

pub(crate) mod bulk_ingest;
pub(crate) mod imports;
pub(crate) mod line_upsert;
pub(crate) mod raw_insert;
pub(crate) mod sync_write;
pub(crate) mod tally;
