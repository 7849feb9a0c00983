//! The embedded demo bank: an Open Banking v3.1.11 server over its own SQLite.
