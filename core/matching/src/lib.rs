//! Supply–demand matching: candidates (hard constraints), costs (soft scoring), the exact
//! min-cost-flow solver, the generalized-assignment solver for hours budgets, plans and
//! explanations.
//!
//! Start with [`Matcher`] (or [`match_needs`] for one call): it generates each need's
//! candidates with a spatial index, prices them with the [`MatchPolicy`], solves the
//! min-cost flow exactly with [`solver`], and returns a [`MatchPlan`] whose unmatched needs
//! carry their reasons. [`Matcher::explain`] and [`Matcher::why_not`] answer questions from the
//! dual potentials.

mod advice;
mod baseline;
mod candidates;
mod context;
mod cost;
mod engine;
mod error;
mod explain;
pub mod gap;
mod hours;
mod plan;
mod policy;
mod shared;
mod spatial;
mod supply;
mod weekly;

/// The exact min-cost flow solver the matcher uses: the [`huzhu_solver`] crate, kept in a crate
/// of its own so that builds tuned for size (the wasm package) can still compile it for speed.
pub use huzhu_solver as solver;

pub use advice::{AdviceOptions, DayPart, Recruit, advise, staffing_advice};
pub use baseline::{dispatch_by_phone, tasks_left};
pub use candidates::{Candidate, Constraint, Elimination, NeedCandidates};
pub use context::MatchContext;
pub use cost::CostBreakdown;
pub use engine::{Hooks, Matcher, ProgressFn, match_needs};
pub use error::MatchError;
pub use explain::{Explanation, WhyNot};
pub use hours::match_with_hours;
pub use plan::{Assignment, MatchPlan, MatchStats, SolverKind, Unmatched, UnmatchedReason};
pub use policy::MatchPolicy;
pub use shared::MatcherCommunity;
