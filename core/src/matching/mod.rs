//! Supply–demand matching: candidates (hard constraints), costs (soft scoring), the exact
//! min-cost-flow solver, the generalized-assignment solver for hours budgets, plans and
//! explanations.

pub mod gap;
pub mod solver;
