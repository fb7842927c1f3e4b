//! The bare flow solver on a `bmatch` text (the matching benchmark's format).

use huzhu::matching::solver::{FlowProblem, NetworkSimplex, bmatch};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert::{parse_js, text_arg};
use crate::error::{Failure, Fallible};
use crate::types::TsBmatchResult;

fn parse_text(text: &str) -> Fallible<FlowProblem> {
    Ok(bmatch::parse(text)?)
}

fn solve_problem(p: &FlowProblem) -> Fallible<serde_json::Value> {
    let sol = NetworkSimplex::new().solve(p).map_err(Failure::from)?;
    Ok(json!({
        "needs": p.needs(), "suppliers": p.suppliers(), "arcs": p.arcs(),
        "objective": sol.objective, "assigned": sol.assigned(), "unassigned": sol.unassigned(p),
        "optimal": sol.optimal, "iterations": sol.iterations,
    }))
}

/// Parses and solves a `bmatch` instance; the result as JSON.
pub fn solve_bmatch_json(text: &str) -> Fallible<serde_json::Value> {
    solve_problem(&parse_text(text)?)
}

/// Solves a `bmatch` text (`n_needs n_suppliers n_arcs [penalty]`, capacities, then
/// `need supplier cost` triples) with the network simplex. No clock is read: time it in JS.
#[wasm_bindgen(js_name = solveBmatch)]
pub fn solve_bmatch(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<TsBmatchResult, JsValue> {
    let v = solve_bmatch_json(&text_arg(text, "text")?)?;
    Ok(parse_js(&v.to_string())?.unchecked_into())
}

/// A parsed `bmatch` instance (a flow problem): parse once, solve, time each step in JS.
#[wasm_bindgen]
pub struct BmatchProblem {
    problem: FlowProblem,
}

#[wasm_bindgen]
impl BmatchProblem {
    /// Parses a `bmatch` text.
    pub fn parse(
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<BmatchProblem, JsValue> {
        Ok(BmatchProblem {
            problem: parse_text(&text_arg(text, "text")?)?,
        })
    }

    /// Number of needs.
    #[wasm_bindgen(getter)]
    pub fn needs(&self) -> usize {
        self.problem.needs()
    }

    /// Number of suppliers.
    #[wasm_bindgen(getter)]
    pub fn suppliers(&self) -> usize {
        self.problem.suppliers()
    }

    /// Number of arcs.
    #[wasm_bindgen(getter)]
    pub fn arcs(&self) -> usize {
        self.problem.arcs()
    }

    /// Solves with the network simplex.
    pub fn solve(&self) -> Result<TsBmatchResult, JsValue> {
        let v = solve_problem(&self.problem)?;
        Ok(parse_js(&v.to_string())?.unchecked_into())
    }
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
        assert_eq!(e.code, "FORMAT_INVALID_NUMBER", "{e:?}");
        assert_eq!(e.line, Some(4));
        let e = solve_bmatch_json("2 1 2\n1\n0 0 5\n1 0 7\n").unwrap_err();
        assert_eq!(e.code, "SOLVER_INFEASIBLE");
    }
}
