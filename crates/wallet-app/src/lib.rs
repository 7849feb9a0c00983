//! Purse's use cases: the command handlers every front end calls.
