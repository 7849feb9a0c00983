//! The wallet's SQLite file: open, migrate, one module per table.
