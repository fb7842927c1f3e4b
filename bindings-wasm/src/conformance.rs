//! `runCase` and `canonicalize`: the shared conformance fixtures' single entry point, so the
//! browser package produces byte for byte what the Rust conformance runner produces
//! (`tests/README.md` in the repository).

use wasm_bindgen::prelude::*;

use crate::error::Failure;

/// Runs one conformance case (the whole fixture file text) and returns its canonical JSON
/// output. A bad case does not throw: the error is in the output, as on every surface.
#[wasm_bindgen(js_name = runCase)]
pub fn run_case(case_json: &str) -> String {
    huzhu_conformance::run_case(case_json)
}

/// Canonical JSON of `json`: keys sorted, no whitespace, floats with exactly six decimals.
#[wasm_bindgen]
pub fn canonicalize(json: &str) -> Result<String, JsValue> {
    huzhu_conformance::canonicalize(json)
        .map_err(|e| Failure::invalid("json", e.to_string()).into())
}

/// The canonical JSON of a fixture's `expected` member, read from the file text itself (so
/// floats such as `0.0` and 64-bit integers keep their exact form, which JavaScript numbers
/// would lose).
#[wasm_bindgen(js_name = expectedOf)]
pub fn expected_of(case_json: &str) -> Result<String, JsValue> {
    huzhu_conformance::expected_of(case_json).map_err(|e| Failure::invalid("expected", e).into())
}

/// The `run_case` text of every row of the bad-input catalogue (`tests/bad-inputs.json`),
/// in order, serialised from the file's exact numbers.
#[wasm_bindgen(js_name = catalogueCases)]
pub fn catalogue_cases(catalogue_json: &str) -> Result<Vec<String>, JsValue> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(catalogue_json)
        .map_err(|e| Failure::invalid("catalogue", e.to_string()))?;
    Ok(rows
        .iter()
        .map(|row| huzhu_conformance::bad_inputs::case_text(&row["case"]))
        .collect())
}
