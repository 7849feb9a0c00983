//! SWIFT MT940 customer statements.
