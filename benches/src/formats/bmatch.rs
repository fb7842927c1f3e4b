//! The `bmatch` format: needs to capacitated suppliers along costed arcs.
//!
//! Line 1: `n_needs n_suppliers n_arcs [unassigned_penalty]`; then the `n_suppliers` supplier
//! capacities; then one `need supplier cost` triple per arc (0-based indices, integer cost
//! ≥ 0). Numbers after the header may be spread over lines freely. Each need goes to at most
//! one supplier along one of its arcs; without a penalty every need must be assigned, with one
//! an unassigned need costs the penalty.

use std::time::{Duration, Instant};

use huzhu::matching::solver::{FlowProblem, MAX_COST, NetworkSimplex, Solution, SolveError, Tier};

use super::FormatError;
use crate::report::SolveReport;

/// A parsed `bmatch` instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BmatchInstance {
    /// The flow problem: one tier of cost 0 per supplier, one arc per line.
    pub problem: FlowProblem,
}

/// Whitespace-separated tokens with their 1-based line numbers.
pub(crate) struct Tokens<'a> {
    tokens: Vec<(usize, &'a str)>,
    next: usize,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let tokens = text
            .lines()
            .enumerate()
            .flat_map(|(i, line)| line.split_whitespace().map(move |t| (i + 1, t)))
            .collect();
        Self { tokens, next: 0 }
    }

    /// Tokens of the first line that has any, consumed.
    pub(crate) fn first_line(&mut self) -> Vec<(usize, &'a str)> {
        let Some(&(line, _)) = self.tokens.get(self.next) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Some(&(l, t)) = self.tokens.get(self.next) {
            if l != line {
                break;
            }
            out.push((l, t));
            self.next += 1;
        }
        out
    }

    /// The next token parsed as an integer in `lo..=hi`.
    pub(crate) fn int(
        &mut self,
        field: &str,
        lo: i64,
        hi: i64,
    ) -> Result<(usize, i64), FormatError> {
        let Some(&(line, token)) = self.tokens.get(self.next) else {
            return Err(FormatError::UnexpectedEof {
                expected: field.to_owned(),
            });
        };
        self.next += 1;
        parse_int(line, token, field, lo, hi).map(|v| (line, v))
    }

    /// Fails if tokens remain.
    pub(crate) fn finish(&self) -> Result<(), FormatError> {
        match self.tokens.get(self.next) {
            Some(&(line, token)) => Err(FormatError::Malformed {
                line,
                why: format!("unexpected trailing data {token:?}"),
            }),
            None => Ok(()),
        }
    }
}

/// Parses one integer token in `lo..=hi`.
pub(crate) fn parse_int(
    line: usize,
    token: &str,
    field: &str,
    lo: i64,
    hi: i64,
) -> Result<i64, FormatError> {
    let bad = |why: String| FormatError::InvalidNumber {
        line,
        field: field.to_owned(),
        token: token.to_owned(),
        why,
    };
    let v: i64 = token.parse().map_err(|e| bad(format!("{e}")))?;
    if v < lo || v > hi {
        return Err(bad(format!("must be between {lo} and {hi}")));
    }
    Ok(v)
}

const MAX_COUNT: i64 = huzhu::matching::solver::MAX_ITEMS as i64 - 1;

/// Parses a `bmatch` file.
///
/// ```
/// use huzhu_benches::formats::bmatch;
/// let inst = bmatch::parse("2 1 2\n2\n0 0 5\n1 0 7\n")?;
/// assert_eq!(inst.problem.arcs(), 2);
/// assert!(bmatch::parse("2 1 2\n2\n0 0 5\n1 3 7\n").is_err()); // supplier 3 on line 4
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn parse(text: &str) -> Result<BmatchInstance, FormatError> {
    let mut tok = Tokens::new(text);
    let header = tok.first_line();
    if header.len() < 3 || header.len() > 4 {
        return Err(match header.first() {
            None => FormatError::UnexpectedEof {
                expected: "header `n_needs n_suppliers n_arcs [penalty]`".to_owned(),
            },
            Some(&(line, _)) => FormatError::Malformed {
                line,
                why: format!(
                    "header needs 3 or 4 numbers (n_needs n_suppliers n_arcs [penalty]), got {}",
                    header.len()
                ),
            },
        });
    }
    let (l, _) = header[0];
    let n = parse_int(l, header[0].1, "n_needs", 0, MAX_COUNT)? as usize;
    let m = parse_int(l, header[1].1, "n_suppliers", 0, MAX_COUNT)? as usize;
    let arcs = parse_int(l, header[2].1, "n_arcs", 0, MAX_COUNT)? as usize;
    let penalty = match header.get(3) {
        Some(&(l, t)) => Some(parse_int(l, t, "unassigned_penalty", 0, MAX_COST)?),
        None => None,
    };
    let mut p = FlowProblem::new();
    for _ in 0..m {
        let (_, cap) = tok.int("supplier capacity", 0, i64::from(u32::MAX))?;
        p.add_supplier(&[Tier::new(cap as u32, 0)])
            .map_err(|e| FormatError::Malformed {
                line: l,
                why: e.to_string(),
            })?;
    }
    for _ in 0..n {
        p.add_need(penalty).map_err(|e| FormatError::Malformed {
            line: l,
            why: e.to_string(),
        })?;
    }
    for _ in 0..arcs {
        let (_, need) = tok.int("need", 0, n as i64 - 1)?;
        let (_, sup) = tok.int("supplier", 0, m as i64 - 1)?;
        let (line, cost) = tok.int("cost", 0, MAX_COST)?;
        p.add_arc(need as usize, sup as usize, cost)
            .map_err(|e| FormatError::Malformed {
                line,
                why: e.to_string(),
            })?;
    }
    tok.finish()?;
    Ok(BmatchInstance { problem: p })
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
    fn parse_errors_name_the_line() {
        assert_eq!(
            parse("2 1 1\n1\n0 0 -3\n"),
            Err(FormatError::InvalidNumber {
                line: 3,
                field: "cost".to_owned(),
                token: "-3".to_owned(),
                why: "must be between 0 and 4294967295".to_owned(),
            })
        );
        assert!(matches!(
            parse("2 1 2\n1\n0 0 3\n"),
            Err(FormatError::UnexpectedEof { .. })
        ));
        assert!(matches!(
            parse("1 1 1\n1\n0 0 3\n7\n"),
            Err(FormatError::Malformed { line: 4, .. })
        ));
        assert!(matches!(
            parse("1 1\n"),
            Err(FormatError::Malformed { line: 1, .. })
        ));
        assert!(matches!(
            parse("1 1 1\nx\n"),
            Err(FormatError::InvalidNumber { line: 2, .. })
        ));
        assert!(matches!(parse(""), Err(FormatError::UnexpectedEof { .. })));
    }

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
