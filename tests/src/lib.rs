//! `huzhu-conformance`: shared JSON fixtures that the Rust, Python and JS surfaces all run and
//! must agree on byte for byte, and the bad-input catalogue.
//!
//! # Fixture format
//!
//! One JSON file per case in `tests/fixtures/`:
//! ```json
//! {"name": "match_tie_lower_id", "description": "why the expected output is right",
//!  "kind": "match" | "ledger" | "journal" | "deadline" | "score" | "snapshot" | "care"
//!        | "kpi" | "rollup" | "advice",
//!  "input": {...}, "expected": {...}}
//! ```
//! [`run_case`] takes the whole file (it reads `kind` and `input`, ignores the rest) and returns
//! the actual output in [canonical JSON](canonical). A case passes when
//! `run_case(file) == canonicalize(file.expected)`, byte for byte. The input and output of
//! each kind are documented on its module: [`matching`], [`ledger`], [`other`], [`care`],
//! [`evaluation`].
//!
//! Bindings expose the same function (`huzhu.conformance.run_case(text: str) -> str` in Python,
//! `runCase(text: string): string` in JS) calling this one, plus `canonicalize`.
//!
//! ```
//! let case = r#"{"kind": "deadline", "input": {"queries": [
//!     {"deadline": {"created_at": "2026-11-20T16:30:00", "urgency": "complex"}}]}}"#;
//! assert_eq!(huzhu_conformance::run_case(case), r#"{"results":["2026-11-25T16:30:00"]}"#);
//! ```

pub mod bad_inputs;
pub mod canonical;
pub mod care;
pub mod clearing;
pub mod errors;
pub mod evaluation;
pub mod ledger;
pub mod matching;
pub mod other;
pub mod rounds;
pub mod week;

use serde_json::{Value, json};

pub use canonical::{canonicalize, to_canonical};

/// Runs one case (the whole fixture file, or just `{"kind", "input"}`) and returns its output
/// in canonical JSON. Never panics on bad input: malformed cases give
/// `{"error":{"code":"CASE_JSON",…}}`.
pub fn run_case(case_json: &str) -> String {
    to_canonical(&run_case_value(case_json))
}

/// As [`run_case`], returning the JSON value.
pub fn run_case_value(case_json: &str) -> Value {
    let case: Value = match serde_json::from_str(case_json) {
        Ok(v) => v,
        Err(e) => return errors::case_json(&e),
    };
    let kind = case.get("kind").and_then(Value::as_str).unwrap_or("");
    let input = case.get("input").cloned().unwrap_or(Value::Null);
    match kind {
        "match" => matching::run(input),
        "ledger" => ledger::run(input),
        "clearing" => clearing::run(input),
        "journal" => ledger::run_journal(input),
        "deadline" => other::run_deadline(input),
        "score" => other::run_score(input),
        "snapshot" => other::run_snapshot(input),
        "care" => care::run(input),
        "kpi" => evaluation::run_kpi(input),
        "rollup" => evaluation::run_rollup(input),
        "advice" => evaluation::run_advice(input),
        "rounds" => rounds::run(input),
        "week" => week::run(input),
        _ => json!({"error": {"code": "CASE_JSON",
            "message": format!("unknown case kind {kind:?}")}}),
    }
}

/// The expected output of a fixture file in canonical JSON.
pub fn expected_of(case_json: &str) -> Result<String, String> {
    let case: Value = serde_json::from_str(case_json).map_err(|e| e.to_string())?;
    case.get("expected")
        .map(to_canonical)
        .ok_or_else(|| "the case has no `expected`".to_owned())
}
