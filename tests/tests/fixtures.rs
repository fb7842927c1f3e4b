//! Runs every fixture in `tests/fixtures/` and compares the canonical output byte for byte.
//!
//! `HUZHU_FIXTURE=name` runs one case and prints its actual output (for reviewing a new case
//! by hand; expected outputs are never regenerated from this).

use std::fs;
use std::path::PathBuf;

use huzhu_conformance::{expected_of, run_case};
use serde_json::Value;

fn fixture_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_gives_its_expected_output() {
    let only = std::env::var("HUZHU_FIXTURE").ok();
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in fixture_files() {
        let text = fs::read_to_string(&path).expect("readable fixture");
        let case: Value = serde_json::from_str(&text).expect("fixture is JSON");
        let name = case["name"]
            .as_str()
            .expect("fixture has a name")
            .to_owned();
        assert_eq!(
            path.file_stem().and_then(|s| s.to_str()),
            Some(name.as_str()),
            "file name and `name` differ"
        );
        assert!(
            case["description"].as_str().is_some_and(|d| d.len() > 40),
            "{name}: describe why the expected output is right"
        );
        if only.as_ref().is_some_and(|o| o != &name) {
            continue;
        }
        let actual = run_case(&text);
        if only.is_some() {
            println!("{actual}");
        }
        let expected = expected_of(&text).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{name}\n  expected {expected}\n  actual   {actual}"
            ));
        }
        ran += 1;
    }
    assert!(ran > 0, "no fixture ran");
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn there_are_at_least_thirty_fixtures_and_every_kind_is_covered() {
    let files = fixture_files();
    assert!(files.len() >= 30, "only {} fixtures", files.len());
    let mut kinds = std::collections::BTreeSet::new();
    for path in files {
        let case: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        kinds.insert(case["kind"].as_str().unwrap().to_owned());
    }
    for kind in [
        "match", "ledger", "journal", "clearing", "rounds", "week", "deadline", "score",
        "snapshot", "care", "kpi", "rollup", "advice",
    ] {
        assert!(kinds.contains(kind), "no fixture of kind {kind}");
    }
}

#[test]
fn run_case_is_deterministic() {
    for path in fixture_files() {
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(run_case(&text), run_case(&text), "{}", path.display());
    }
}
