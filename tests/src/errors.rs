//! Errors as data: every error a case meets becomes `{"code", "message", …}` in the output.
//!
//! `code` is the core error's stable code (`LEDGER_FLOOR_BREACH`, `JOURNAL_HASH_MISMATCH`,
//! `MODEL_INVALID_FIELD`, `SOLVER_INFEASIBLE`), the same string every surface reports, and
//! `message` its `Display` text, which names the record, field, key or line. Model errors add
//! their `record` and `field`; a rejected batch item adds `item` (its index) and `item_code`;
//! a journal error adds its `line`. Input that does not parse into the case's shape gives code
//! `CASE_JSON` (with serde's message, which names the line and column).

use huzhu::error::Error;
use serde_json::{Value, json};

/// Any core error: code and message, and the facts listed in the module docs.
pub fn error_value(error: impl Into<Error>) -> Value {
    let error = error.into();
    let mut e = json!({"code": error.code(), "message": error.to_string()});
    match &error {
        Error::Model(_) => {
            e["record"] = error.record().map_or(Value::Null, Value::from);
            e["field"] = error.field().map_or(Value::Null, Value::from);
        }
        Error::Ledger(huzhu::ledger::LedgerError::Journal(_)) => {
            e["line"] = error.line().map_or(Value::Null, Value::from);
        }
        Error::Ledger(huzhu::ledger::LedgerError::BatchItem { index, .. }) => {
            e["item"] = json!(index);
            e["item_code"] = error.cause().map_or(Value::Null, Value::from);
        }
        _ => {}
    }
    json!({"error": e})
}

/// Input that does not have the case's shape.
pub fn case_json(error: &serde_json::Error) -> Value {
    json!({"error": {"code": "CASE_JSON", "message": error.to_string()}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use huzhu::ledger::{JournalError, LedgerError};

    #[test]
    fn codes_are_the_cores() {
        let e = error_value(LedgerError::Journal(JournalError::HashMismatch { line: 3 }));
        assert_eq!(e["error"]["code"], "JOURNAL_HASH_MISMATCH");
        assert_eq!(e["error"]["line"], 3);
        let e = error_value(LedgerError::EmptyField { field: "key" });
        assert_eq!(e["error"]["code"], "LEDGER_EMPTY_FIELD");
    }
}
