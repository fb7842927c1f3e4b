//! A week of dispatching replayed run by run, by huzhu's matcher and by the baseline it
//! replaced: a dispatcher who works as a residents' committee does by phone
//! ([`crate::matching::dispatch_by_phone`]: first come, first served, the nearest helper free
//! now, no look-ahead).
//!
//! [`compare`] replays the same community and run times with both and returns every need's
//! course ([`NeedOutcome`]: served, expired, no candidate, waiting, and why) and the figures
//! a street office reads ([`DispatchSummary`]: match rate, on-time response, special groups and
//! emergencies served, travel, fairness of the volunteers' load). The demo, the quick-start
//! notebook and the demo page show these side by side.

mod replay;
mod summary;
mod times;

pub use replay::{
    Booking, Comparison, Dispatcher, Fate, NeedOutcome, Replay, RunRecord, compare, replay,
};
pub use summary::DispatchSummary;
pub use times::DispatchTimes;
