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
