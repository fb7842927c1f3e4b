//! The bare flow solver on a `bmatch` text (the matching benchmark's format).

use huzhu::matching::solver::NetworkSimplex;
use huzhu_benches::formats::bmatch;
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert::parse_js;
use crate::error::{Failure, Fallible};
use crate::types::TsBmatchResult;

/// Parses and solves a `bmatch` instance; the result as JSON.
pub fn solve_bmatch_json(text: &str) -> Fallible<serde_json::Value> {
    let instance = bmatch::parse(text).map_err(|e| {
        let mut f = Failure::new(
            format!("BMATCH_{}", crate::error::variant_code(&e)),
            e.to_string(),
        );
        f.line = line_of(&format!("{e:?}"));
        f
    })?;
    let p = &instance.problem;
    let sol = NetworkSimplex::new().solve(p).map_err(|e| {
        Failure::new(
            format!("SOLVER_{}", crate::error::variant_code(&e)),
            e.to_string(),
        )
    })?;
    Ok(json!({
        "needs": p.needs(), "suppliers": p.suppliers(), "arcs": p.arcs(),
        "objective": sol.objective, "assigned": sol.assigned(), "unassigned": sol.unassigned(p),
        "optimal": sol.optimal, "iterations": sol.iterations,
    }))
}

fn line_of(debug: &str) -> Option<u32> {
    let at = debug.find("line: ")?;
    debug[at + 6..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// Solves a `bmatch` text (`n_needs n_suppliers n_arcs [penalty]`, capacities, then
/// `need supplier cost` triples) with the network simplex. No clock is read: time it in JS.
#[wasm_bindgen(js_name = solveBmatch)]
pub fn solve_bmatch(text: &str) -> Result<TsBmatchResult, JsValue> {
    let v = solve_bmatch_json(text)?;
    Ok(parse_js(&v.to_string())?.unchecked_into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_instance() {
        let v = solve_bmatch_json("2 1 2 10\n1\n0 0 5\n1 0 7\n").unwrap();
        assert_eq!(
            (v["objective"].as_i64(), v["unassigned"].as_u64()),
            (Some(15), Some(1))
        );
        let e = solve_bmatch_json("2 1 2\n2\n0 0 5\n1 3 7\n").unwrap_err();
        assert!(e.code.starts_with("BMATCH_"), "{e:?}");
        assert_eq!(e.line, Some(4));
        let e = solve_bmatch_json("2 1 2\n1\n0 0 5\n1 0 7\n").unwrap_err();
        assert!(e.code.starts_with("SOLVER_"), "{e:?}");
    }
}
