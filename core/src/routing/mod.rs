//! Visit rounds: which worker visits which homes, in what order, at what times.
//!
//! The engine is the crate `huzhu-routing`, re-exported here: a [`Problem`] in integers
//! (travel-time matrices, visits with time windows, vehicles for workers' shifts) solved by a
//! seeded adaptive large neighbourhood search ([`solve`], [`solve_with`]).

#[doc(inline)]
pub use huzhu_routing::*;
