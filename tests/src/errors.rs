//! Errors as data: every error a case meets becomes `{"code", "message", …}` in the output.
//!
//! `code` is the error's variant path in `snake_case`, derived from the core's typed errors:
//! `floor_breach`, `journal.hash_mismatch`, `model.invalid_field`, `solve.infeasible`. `message`
//! is the error's `Display` text, which names the record, field, key or line. Input that does
//! not parse into the case's shape gives code `case_json` (with serde's message, which names
//! the line and column).

use std::fmt::{Debug, Display};

use huzhu::error::ModelError;
use huzhu::ledger::LedgerError;
use serde_json::{Value, json};

/// The variant path of an error's `Debug` form, in `snake_case`: `Journal(HashMismatch { .. })`
/// gives `journal.hash_mismatch`.
pub fn code_of(error: &impl Debug) -> String {
    let debug = format!("{error:?}");
    let mut parts = Vec::new();
    let mut rest = debug.as_str();
    loop {
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        parts.push(snake(&rest[..end]));
        // Only a tuple variant wraps another error.
        if rest[end..].starts_with('(') {
            rest = &rest[end + 1..];
        } else {
            break;
        }
    }
    parts.join(".")
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A generic error value: code and message.
pub fn error_value(error: &(impl Debug + Display)) -> Value {
    json!({"error": {"code": code_of(error), "message": error.to_string()}})
}

/// A model error with its record and field.
pub fn model_error(error: &ModelError) -> Value {
    let mut v = error_value(error);
    v["error"]["record"] = error.record().map_or(Value::Null, |r| json!(r.to_string()));
    v["error"]["field"] = error.field().map_or(Value::Null, |f| json!(f));
    v
}

/// A ledger error; a rejected batch item also names the item and its own code.
pub fn ledger_error(error: &LedgerError) -> Value {
    let mut v = error_value(error);
    if let LedgerError::BatchItem { index, source, .. } = error {
        v["error"]["item"] = json!(index);
        v["error"]["item_code"] = json!(code_of(source.as_ref()));
    }
    if let LedgerError::Journal(j) = error {
        v["error"]["line"] = j.line().map_or(Value::Null, |l| json!(l));
    }
    v
}

/// Input that does not have the case's shape.
pub fn case_json(error: &serde_json::Error) -> Value {
    json!({"error": {"code": "case_json", "message": error.to_string()}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use huzhu::ledger::JournalError;

    #[test]
    fn codes_follow_the_variant_path() {
        let e = LedgerError::Journal(JournalError::HashMismatch { line: 3 });
        assert_eq!(code_of(&e), "journal.hash_mismatch");
        let e = LedgerError::EmptyField { field: "key" };
        assert_eq!(code_of(&e), "empty_field");
    }
}
