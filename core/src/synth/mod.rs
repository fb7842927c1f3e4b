//! A deterministic generator of realistic synthetic districts, for demos, tests and benchmarks.
//!
//! The generator itself lives in the [`huzhu_synth`] crate (built for speed in the browser
//! package) and is re-exported here; [`time_bank_week`], which runs a week of exchanges through
//! the ledger, lives here beside the ledger. See [`generate`] for what a district holds.

mod exchanges;

pub use exchanges::{ExchangeSummary, time_bank_week};
pub use huzhu_synth::*;
