//! Shared fixtures for the cross-crate stories live in tests/stories/.
