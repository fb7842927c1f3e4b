//! Supply–demand matching: candidates (hard constraints), costs (soft scoring), the exact
//! min-cost-flow solver, the generalized-assignment solver for hours budgets, plans and
//! explanations.

mod candidates;
mod context;
mod cost;
pub mod gap;
mod policy;
pub mod solver;
mod spatial;

pub use candidates::{Candidate, Constraint, Elimination, NeedCandidates};
pub use context::MatchContext;
pub use cost::CostBreakdown;
pub use policy::MatchPolicy;
