//! The OR-Library `assign` format: `n`, then the `n × n` cost matrix row by row, all numbers
//! whitespace-separated over arbitrary lines. Row `i` column `j` is the cost of giving job `j`
//! to agent `i`; every agent gets exactly one job.

use std::time::Duration;

use huzhu::matching::solver::{FlowProblem, MAX_COST, SolveError, Tier};

use super::FormatError;
use super::bmatch::{failed_or, solve_problem};
use crate::report::SolveReport;
use huzhu::matching::solver::text::Tokens;

/// A parsed linear assignment instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignInstance {
    /// The flow problem: `n` needs (agents, must be assigned), `n` suppliers (jobs, capacity 1).
    pub problem: FlowProblem,
}

/// Parses an `assign` file.
///
/// ```
/// use huzhu_benches::formats::assign;
/// let inst = assign::parse("2\n 1 2\n 3 4\n")?;
/// assert_eq!(inst.problem.arcs(), 4);
/// assert!(assign::parse("2\n 1 2\n 3\n").is_err()); // one cost missing
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn parse(text: &str) -> Result<AssignInstance, FormatError> {
    let mut tok = Tokens::new(text);
    // n² arcs must stay within the solver's limits.
    let (line, n) = tok.int("n", 0, 8191)?;
    let n = n as usize;
    let mut p = FlowProblem::new();
    let malformed = |e: huzhu::matching::solver::ProblemError| FormatError::Malformed {
        line,
        why: e.to_string(),
    };
    for _ in 0..n {
        p.add_supplier(&[Tier::new(1, 0)]).map_err(malformed)?;
        p.add_need(None).map_err(malformed)?;
    }
    for i in 0..n {
        for j in 0..n {
            let (line, c) = tok.int("cost", 0, MAX_COST)?;
            p.add_arc(i, j, c).map_err(|e| FormatError::Malformed {
                line,
                why: e.to_string(),
            })?;
        }
    }
    tok.finish()?;
    Ok(AssignInstance { problem: p })
}

/// Solves the instance with the network simplex, or reports why there is no solution.
pub fn try_solve(
    instance: &AssignInstance,
    time_limit: Option<Duration>,
) -> Result<SolveReport, SolveError> {
    solve_problem(&instance.problem, time_limit)
}

/// Solves the instance (see [`bmatch::solve`](super::bmatch::solve) for failures).
///
/// ```
/// use huzhu_benches::formats::assign;
/// let r = assign::solve(&assign::parse("2\n 1 2\n 3 9\n")?, None);
/// assert_eq!((r.objective, r.assigned, r.optimal), (5, 2, true));
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn solve(instance: &AssignInstance, time_limit: Option<Duration>) -> SolveReport {
    failed_or(try_solve(instance, time_limit), instance.problem.needs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_worked_3x3() {
        // Permutation costs 15, 15, 9, 17, 16, 24: optimum 9.
        let inst = parse("3\n4 2 8\n3 7 6\n9 5 4\n").unwrap();
        let r = solve(&inst, None);
        assert_eq!((r.objective, r.assigned, r.optimal), (9, 3, true));
    }

    #[test]
    fn bad_files_name_the_line() {
        assert!(matches!(
            parse("2\n1 2\n3 x\n"),
            Err(FormatError::InvalidNumber { line: 3, .. })
        ));
        assert!(matches!(
            parse("2\n1 2 3 4 5\n"),
            Err(FormatError::Malformed { line: 2, .. })
        ));
        assert!(matches!(
            parse("-1\n"),
            Err(FormatError::InvalidNumber { line: 1, .. })
        ));
    }
}
