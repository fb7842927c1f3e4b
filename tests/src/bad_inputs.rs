//! The bad-input catalogue (`tests/bad-inputs.json`): every row is a case that must give a
//! typed error, quickly, without a panic.
//!
//! A row is `{"id", "kind", "example", "case", "at", "rust": {"code", "message", …}, "python",
//! "js"}`: `case` is a `run_case` case (a JSON string is passed as raw text), `at` a JSON pointer
//! to the error object in its output, and `rust` the error every surface gets through
//! `run_case` (byte for byte: the bindings call the same function): its code and message, and
//! the record and field when the error names them. `python` and `js` give what each binding's
//! native API raises, with the same facts when the native call reaches the same core check.

use serde_json::Value;

/// The text to hand to [`run_case`](crate::run_case) for a row's `case`.
pub fn case_text(case: &Value) -> String {
    match case {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Runs a row and returns the error object found at its pointer, or a description of what was
/// found instead.
pub fn run_row(row: &Value) -> Result<Value, String> {
    let text = case_text(&row["case"]);
    let out = crate::run_case_value(&text);
    let at = row["at"].as_str().unwrap_or("/error");
    match out.pointer(at) {
        Some(e)
            if e.get("code").is_some_and(Value::is_string)
                && e.get("message").is_some_and(Value::is_string) =>
        {
            let mut facts = serde_json::json!({"code": e["code"], "message": e["message"]});
            for name in ["record", "field"] {
                if let Some(v) = e.get(name).filter(|v| !v.is_null()) {
                    facts[name] = v.clone();
                }
            }
            Ok(facts)
        }
        _ => Err(format!("no error at {at}: {}", crate::to_canonical(&out))),
    }
}
