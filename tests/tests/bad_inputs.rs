//! Every row of `tests/bad-inputs.json` gives its catalogued typed error, within a second,
//! without a panic. `HUZHU_BAD_INPUT_PRINT=1` prints every row's actual error (for reviewing new
//! rows by hand before their `rust` column is filled).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use huzhu_conformance::bad_inputs::run_row;
use serde_json::Value;

fn rows() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bad-inputs.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("bad-inputs.json")).expect("JSON")
}

#[test]
fn every_catalogued_bad_input_gives_its_typed_error() {
    let print = std::env::var_os("HUZHU_BAD_INPUT_PRINT").is_some();
    let mut problems = Vec::new();
    let rows = rows();
    assert!(rows.len() >= 50, "only {} rows", rows.len());
    for row in &rows {
        let id = row["id"].as_str().unwrap_or("?");
        let t0 = Instant::now();
        let actual = run_row(row);
        let took = t0.elapsed();
        if print {
            println!(
                "{id}\t{}",
                actual.as_ref().map_or_else(Clone::clone, Value::to_string)
            );
        }
        if took > Duration::from_secs(2) {
            problems.push(format!("{id}: took {took:?}"));
        }
        match (actual, &row["rust"]) {
            (Err(why), _) => problems.push(format!("{id}: {why}")),
            (Ok(_), Value::Null) => problems.push(format!("{id}: the rust column is not filled")),
            (Ok(a), expected) if &a != expected => {
                problems.push(format!("{id}:\n  expected {expected}\n  actual   {a}"));
            }
            (Ok(a), _) => {
                let message = a["message"].as_str().unwrap_or("");
                if message.is_empty() {
                    problems.push(format!("{id}: empty message"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} row(s) wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn rows_have_unique_ids_and_confirmed_binding_columns() {
    let rows = rows();
    let mut ids = std::collections::BTreeSet::new();
    for row in &rows {
        assert!(
            ids.insert(row["id"].as_str().unwrap().to_owned()),
            "duplicate {}",
            row["id"]
        );
        // Each binding column says what that surface was seen to do and which test checks it:
        // an exception class (natively), or why the row runs through run_case only.
        for surface in ["python", "js"] {
            let col = &row[surface];
            assert_eq!(col["status"], "confirmed", "{} {surface}", row["id"]);
            assert!(col["test"].is_string(), "{} {surface}: no test", row["id"]);
            assert!(
                col["raises"].is_string() || col["reason"].is_string(),
                "{} {surface}: neither an error nor a reason",
                row["id"]
            );
        }
    }
}
