//! The `bmatch` format: needs to capacitated suppliers along costed arcs.
//!
//! Line 1: `n_needs n_suppliers n_arcs [unassigned_penalty]`; then the `n_suppliers` supplier
//! capacities; then one `need supplier cost` triple per arc (0-based indices, integer cost
//! ≥ 0). Numbers after the header may be spread over lines freely. Each need goes to at most
//! one supplier along one of its arcs; without a penalty every need must be assigned, with one
//! an unassigned need costs the penalty.

use std::time::{Duration, Instant};

use huzhu::matching::solver::bmatch as solver_bmatch;
use huzhu::matching::solver::{FlowProblem, NetworkSimplex, Solution, SolveError};

use super::FormatError;
use crate::report::SolveReport;

/// A parsed `bmatch` instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BmatchInstance {
    /// The flow problem: one tier of cost 0 per supplier, one arc per line.
    pub problem: FlowProblem,
}

/// Parses a `bmatch` file (the reader is the solver's own, [`huzhu::matching::solver::bmatch`]).
///
/// ```
/// use huzhu_benches::formats::bmatch;
/// let inst = bmatch::parse("2 1 2\n2\n0 0 5\n1 0 7\n")?;
/// assert_eq!(inst.problem.arcs(), 2);
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn parse(text: &str) -> Result<BmatchInstance, FormatError> {
    solver_bmatch::parse(text).map(|problem| BmatchInstance { problem })
}

/// Solves a flow problem with the network simplex under an optional time limit, timing only
/// the solve.
pub(crate) fn solve_problem(
    problem: &FlowProblem,
    time_limit: Option<Duration>,
) -> Result<SolveReport, SolveError> {
    let start = Instant::now();
    let mut over = move || time_limit.is_some_and(|l| start.elapsed() >= l);
    let sol: Solution = NetworkSimplex::new()
        .with_cancel(&mut over, 4096)
        .solve(problem)?;
    let seconds = start.elapsed().as_secs_f64();
    Ok(SolveReport {
        objective: sol.objective,
        assigned: sol.assigned(),
        unassigned: sol.unassigned(problem),
        seconds,
        optimal: sol.optimal,
        lower_bound: sol.optimal.then_some(sol.objective),
    })
}

/// Solves the instance with the network simplex, or reports why there is no solution.
pub fn try_solve(
    instance: &BmatchInstance,
    time_limit: Option<Duration>,
) -> Result<SolveReport, SolveError> {
    solve_problem(&instance.problem, time_limit)
}

/// Solves the instance; an infeasible or timed-out instance gives a report with every need
/// unassigned, objective 0 and `optimal == false` (use [`try_solve`] to learn why).
///
/// ```
/// use huzhu_benches::formats::bmatch;
/// // Two needs, one supplier of capacity 1, penalty 10: one need stays unassigned.
/// let inst = bmatch::parse("2 1 2 10\n1\n0 0 5\n1 0 7\n")?;
/// let r = bmatch::solve(&inst, None);
/// assert_eq!((r.objective, r.assigned, r.unassigned, r.optimal), (15, 1, 1, true));
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn solve(instance: &BmatchInstance, time_limit: Option<Duration>) -> SolveReport {
    failed_or(try_solve(instance, time_limit), instance.problem.needs())
}

pub(crate) fn failed_or(result: Result<SolveReport, SolveError>, needs: usize) -> SolveReport {
    result.unwrap_or(SolveReport {
        objective: 0,
        assigned: 0,
        unassigned: needs,
        seconds: 0.0,
        optimal: false,
        lower_bound: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infeasible_without_penalty() {
        // Two needs, one slot, no penalty: not every need can be served.
        let inst = parse("2 1 2\n1\n0 0 5\n1 0 7\n").unwrap();
        assert!(matches!(
            try_solve(&inst, None),
            Err(SolveError::Infeasible { .. })
        ));
        let r = solve(&inst, None);
        assert!(!r.optimal);
    }

    #[test]
    fn solves_small_instance() {
        // Needs 0,1,2; suppliers cap 2 and 1. Best: 0→s1 (1), 1→s0 (2), 2→s0 (3) = 6.
        let inst = parse("3 2 5\n2 1\n0 0 4\n0 1 1\n1 0 2\n1 1 2\n2 0 3\n").unwrap();
        let r = solve(&inst, None);
        assert_eq!(
            (r.objective, r.assigned, r.unassigned, r.optimal),
            (6, 3, 0, true)
        );
        assert_eq!(r.lower_bound, Some(6));
    }
}
