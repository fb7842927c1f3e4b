//! The OR-Library `gap` format: `m n`, then `m` rows of `n` costs, `m` rows of `n` weights and
//! `m` capacities, all whitespace separated over any lines. The objective is to **minimise**
//! cost.
//!
//! The original OR-Library files `gap1.txt`–`gap12.txt` hold several instances each, preceded
//! by their count, and were published as maximisation problems. The copies under
//! `shared/data/benchmarks/gap/` are already split one instance per file (`gap1-0` … `gap12-4`,
//! Chu–Beasley `a05100` … `c20200`, no count line), and the best-known values in its
//! `data.csv` are **minimisation** optima (e.g. `gap1-0`: 261, whereas the maximisation
//! optimum of the original first instance is 336), so every file here is read as a
//! minimisation problem. [`parse_all`] also reads the original multi-instance layout.

use std::time::{Duration, Instant};

use huzhu::matching::gap::{GapError, GapOptions, GapProblem, solve as gap_solve};

use super::FormatError;
use crate::report::SolveReport;
use huzhu::matching::solver::text::Tokens;

/// A parsed `gap` instance.
#[derive(Debug, Clone)]
pub struct GapInstance {
    /// The problem (dense: every agent eligible for every job, all jobs required).
    pub problem: GapProblem,
}

/// Largest agent or job count accepted from a file.
const MAX_DIM: i64 = 100_000;

fn read_instance(t: &mut Tokens<'_>) -> Result<GapInstance, FormatError> {
    let (_, m) = t.int("number of agents m", 1, MAX_DIM)?;
    let (_, n) = t.int("number of jobs n", 1, MAX_DIM)?;
    let (m, n) = (m as usize, n as usize);
    if m.saturating_mul(n) > huzhu::matching::gap::MAX_PAIRS {
        return Err(FormatError::Malformed {
            line: t.line(),
            why: format!("{m} agents x {n} jobs is too large"),
        });
    }
    let big = huzhu::matching::gap::MAX_MAGNITUDE;
    let mut costs = vec![vec![0i64; n]; m];
    let mut weights = vec![vec![0i64; n]; m];
    for (a, row) in costs.iter_mut().enumerate() {
        for (j, c) in row.iter_mut().enumerate() {
            *c = t.int(&format!("cost of agent {a} job {j}"), -big, big)?.1;
        }
    }
    for (a, row) in weights.iter_mut().enumerate() {
        for (j, w) in row.iter_mut().enumerate() {
            *w = t.int(&format!("weight of agent {a} job {j}"), 0, big)?.1;
        }
    }
    let mut caps = vec![0i64; m];
    for (a, c) in caps.iter_mut().enumerate() {
        *c = t.int(&format!("capacity of agent {a}"), 0, big)?.1;
    }
    let line = t.line();
    let problem = GapProblem::dense(&costs, &weights, &caps).map_err(|e: GapError| {
        FormatError::Malformed {
            line,
            why: e.to_string(),
        }
    })?;
    Ok(GapInstance { problem })
}

/// Parses one instance. Trailing data is an error.
///
/// ```
/// let inst = huzhu_benches::formats::gap::parse("2 3\n1 2 3\n4 5 6\n1 1 1\n2 2 2\n3 4\n")?;
/// assert_eq!((inst.problem.num_agents(), inst.problem.num_jobs()), (2, 3));
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn parse(text: &str) -> Result<GapInstance, FormatError> {
    let mut t = Tokens::new(text);
    let inst = read_instance(&mut t)?;
    if !t.done() {
        return Err(FormatError::Malformed {
            line: t.line(),
            why: "trailing data after the capacities (a multi-instance file? use parse_all)"
                .to_owned(),
        });
    }
    Ok(inst)
}

/// Parses the original OR-Library multi-instance layout: a count, then that many instances.
///
/// ```
/// let all = huzhu_benches::formats::gap::parse_all("2\n1 1\n5\n3\n4\n1 1\n6\n2\n1\n")?;
/// assert_eq!(all.len(), 2);
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn parse_all(text: &str) -> Result<Vec<GapInstance>, FormatError> {
    let mut t = Tokens::new(text);
    let (_, count) = t.int("number of instances", 0, 10_000)?;
    let out = (0..count)
        .map(|_| read_instance(&mut t))
        .collect::<Result<Vec<_>, _>>()?;
    if !t.done() {
        return Err(FormatError::Malformed {
            line: t.line(),
            why: "trailing data after the last instance".to_owned(),
        });
    }
    Ok(out)
}

/// Solves `instance` within `time_limit` (unlimited: until the search stalls for good, see
/// below) and reports the objective, the Lagrangian lower bound and the solve time.
///
/// Without a time limit the local search runs 20 000 rounds. If no feasible assignment is
/// found the report has `objective` `i64::MAX`, every job counted as unassigned and
/// `optimal: false`.
pub fn solve(instance: &GapInstance, time_limit: Option<Duration>) -> SolveReport {
    let start = Instant::now();
    let options = match time_limit {
        Some(_) => GapOptions::default(),
        None => GapOptions::default().with_max_iterations(20_000),
    };
    let mut stop = || time_limit.is_some_and(|l| start.elapsed() >= l);
    let result = gap_solve(&instance.problem, &options, &mut stop);
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(s) => SolveReport {
            objective: s.objective,
            assigned: s.assignment.iter().filter(|a| a.is_some()).count(),
            unassigned: s.assignment.iter().filter(|a| a.is_none()).count(),
            seconds,
            optimal: s.proven_optimal,
            lower_bound: Some(s.lower_bound),
        },
        Err(_) => SolveReport {
            objective: i64::MAX,
            assigned: 0,
            unassigned: instance.problem.num_jobs(),
            seconds,
            optimal: false,
            lower_bound: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_over_any_lines() {
        // 2 agents, 2 jobs, numbers wrapped arbitrarily.
        let inst = parse(" 2 2\n1\n2 3 4 5 6\n 7 8\n 9\n10\n").unwrap();
        let p = &inst.problem;
        assert_eq!(p.pair(1, 0).map(|q| (q.cost, q.weight)), Some((3, 7)));
        assert_eq!(p.capacities(), &[9, 10]);
    }

    #[test]
    fn truncated_file_is_eof() {
        assert_eq!(
            parse("2 2\n1 2 3 4\n5 6 7 8\n9\n").unwrap_err(),
            FormatError::UnexpectedEof {
                expected: "capacity of agent 1".to_owned()
            }
        );
    }

    #[test]
    fn bad_token_names_line_and_field() {
        let err = parse("1 2\n1 x\n1 1\n5\n").unwrap_err();
        assert!(matches!(
            err,
            FormatError::InvalidNumber { line: 2, ref field, ref token, .. }
                if field == "cost of agent 0 job 1" && token == "x"
        ));
        let err = parse("1 1\n1\n-3\n5\n").unwrap_err();
        assert!(matches!(err, FormatError::InvalidNumber { line: 3, .. }));
        let err = parse("0 1\n").unwrap_err();
        assert!(matches!(err, FormatError::InvalidNumber { line: 1, .. }));
    }

    #[test]
    fn trailing_data_is_malformed() {
        let err = parse("1 1\n1\n1\n5\n6\n").unwrap_err();
        assert!(matches!(err, FormatError::Malformed { line: 5, .. }));
    }

    #[test]
    fn empty_file_is_eof() {
        assert!(matches!(
            parse("").unwrap_err(),
            FormatError::UnexpectedEof { .. }
        ));
        assert!(matches!(
            parse_all("").unwrap_err(),
            FormatError::UnexpectedEof { .. }
        ));
    }

    #[test]
    fn solve_reports_bound_and_optimality() {
        // Job 0 costs 1 on agent 0, job 1 costs 1 on agent 1; each agent holds one job.
        let inst = parse("2 2\n1 5\n5 1\n1 1\n1 1\n1 1\n").unwrap();
        let r = solve(&inst, Some(Duration::from_secs(1)));
        assert_eq!((r.objective, r.assigned, r.unassigned), (2, 2, 0));
        assert_eq!(r.lower_bound, Some(2));
        assert!(r.optimal);
    }

    #[test]
    fn infeasible_instance_reports_unassigned() {
        let inst = parse("1 2\n1 1\n2 2\n3\n").unwrap();
        let r = solve(&inst, Some(Duration::from_millis(50)));
        assert_eq!((r.assigned, r.unassigned, r.optimal), (0, 2, false));
        assert_eq!(r.lower_bound, None);
    }
}
