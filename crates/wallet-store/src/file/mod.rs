//! The encrypted wallet file itself: its key, opening it (SQLCipher, WAL, the migrations), the plain-SQLite
//! check the identity checks use, deleting it with SQLite's companions, and the checkpoint a bulk load
//! leaves running. Imports nothing from `tables` or `ingest`.

pub(crate) mod background_checkpoint;
pub(crate) mod files;
pub(crate) mod key;
pub(crate) mod open;
pub(crate) mod plaintext;
