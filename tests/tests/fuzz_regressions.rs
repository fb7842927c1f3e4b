//! Replays `fuzz/corpus-regressions/*` through the checks of the fuzz targets, so inputs that
//! once crashed (or are known to be nasty) stay tested on stable Rust without cargo-fuzz.

use std::path::PathBuf;

use huzhu::ledger::Ledger;
use huzhu::model::Community;
use huzhu_benches::formats::{assign, bmatch, gap};

fn files(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus-regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn snapshot_regressions_load_or_fail_cleanly_and_round_trip() {
    for (name, bytes) in files("snapshot") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(c) = Community::from_json(text) {
            let again =
                Community::from_json(&c.to_json()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(again, c, "{name}");
        }
    }
}

#[test]
fn journal_regressions_import_or_fail_cleanly() {
    for (name, bytes) in files("journal") {
        let Some((&mode, rest)) = bytes.split_first() else {
            continue;
        };
        if mode % 2 != 0 {
            continue;
        }
        let Ok(text) = std::str::from_utf8(rest) else {
            continue;
        };
        if let Ok(l) = Ledger::import_journal(text) {
            assert_eq!(l.total_balance(), 0, "{name}");
            let out = l.export_journal().unwrap();
            assert_eq!(Ledger::import_journal(&out).unwrap(), l, "{name}");
        }
    }
}

#[test]
fn solve_format_regressions_parse_or_fail_cleanly() {
    for (name, bytes) in files("solve_formats") {
        let Some((&which, rest)) = bytes.split_first() else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            continue;
        };
        match which % 3 {
            0 => {
                if let Ok(i) = bmatch::parse(text) {
                    let _ = bmatch::try_solve(&i, None);
                }
            }
            1 => {
                if let Ok(i) = assign::parse(text) {
                    let _ = assign::try_solve(&i, None);
                }
            }
            _ => {
                let _ = gap::parse_all(text);
            }
        }
        eprintln!("{name}: ok");
    }
}
