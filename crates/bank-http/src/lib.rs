//! What every bank client (Open Banking, SimpleFIN, Enable Banking) shares over HTTP, written once: an
//! answer read up to a cap, and where a credential may be sent (https anywhere, plain http only to this
//! machine, never down from https on a redirect).

pub mod address;
pub mod answer;

pub use answer::{MAX_BODY_BYTES, Refused, read_capped};
