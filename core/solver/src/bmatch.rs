//! The `bmatch` format: needs to capacitated suppliers along costed arcs.
//!
//! Line 1: `n_needs n_suppliers n_arcs [unassigned_penalty]`; then the `n_suppliers` supplier
//! capacities; then one `need supplier cost` triple per arc (0-based indices, integer cost
//! ≥ 0). Numbers after the header may be spread over lines freely. Each need goes to at most
//! one supplier along one of its arcs; without a penalty every need must be assigned, with one
//! an unassigned need costs the penalty.

use crate::text::{FormatError, Tokens, parse_int};
use crate::{FlowProblem, MAX_COST, MAX_ITEMS, Tier};

const MAX_COUNT: i64 = MAX_ITEMS as i64 - 1;

/// Reads a `bmatch` text into a flow problem: one tier of cost 0 per supplier, one arc per
/// triple.
///
/// ```
/// use huzhu_solver::{bmatch, NetworkSimplex};
/// // Two needs, one supplier of capacity 1, penalty 10: one need stays unassigned.
/// let p = bmatch::parse("2 1 2 10\n1\n0 0 5\n1 0 7\n")?;
/// assert_eq!(p.arcs(), 2);
/// assert_eq!(NetworkSimplex::new().solve(&p)?.objective, 15);
/// let e = bmatch::parse("2 1 2\n2\n0 0 5\n1 3 7\n").unwrap_err(); // supplier 3 on line 4
/// assert_eq!((e.line(), e.field()), (Some(4), Some("supplier")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse(text: &str) -> Result<FlowProblem, FormatError> {
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
    let malformed = |line: usize| {
        move |e: crate::ProblemError| FormatError::Malformed {
            line,
            why: e.to_string(),
        }
    };
    let mut p = FlowProblem::new();
    for _ in 0..m {
        let (_, cap) = tok.int("supplier capacity", 0, i64::from(u32::MAX))?;
        p.add_supplier(&[Tier::new(cap as u32, 0)])
            .map_err(malformed(l))?;
    }
    for _ in 0..n {
        p.add_need(penalty).map_err(malformed(l))?;
    }
    for _ in 0..arcs {
        let (_, need) = tok.int("need", 0, n as i64 - 1)?;
        let (_, sup) = tok.int("supplier", 0, m as i64 - 1)?;
        let (line, cost) = tok.int("cost", 0, MAX_COST)?;
        p.add_arc(need as usize, sup as usize, cost)
            .map_err(malformed(line))?;
    }
    tok.finish()?;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
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
}
