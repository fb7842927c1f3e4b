//! `huzhu-solve FORMAT FILE [--time-limit SECONDS] [--seed N]`: solves one instance file and
//! prints one JSON line (see `huzhu_benches::report::SolveReport`; for `vrptw`,
//! `huzhu_benches::formats::vrptw::RouteReport`).
//!
//! FORMAT is `assign`, `bmatch`, `dimacs` (min-cost flow as NETGEN writes it, in the shapes
//! `huzhu_benches::formats::dimacs` describes; `seconds` excludes reading and converting),
//! `gap` or `vrptw` (Solomon's format; distances and times ×10, rounded per edge; 25 vehicles
//! of capacity 200 when the file has no header; 10 s unless a time limit is given). Exit
//! codes: 0 solved, 1 no solution (infeasible or the time limit hit before a feasible
//! solution), 2 bad arguments, a bad file or a DIMACS shape the solver cannot take.

use std::process::ExitCode;
use std::time::Duration;

use huzhu_benches::formats::dimacs::DimacsError;
use huzhu_benches::formats::{FormatError, assign, bmatch, dimacs, gap, vrptw};
use huzhu_benches::report::SolveReport;

const USAGE: &str = "usage: huzhu-solve FORMAT FILE [--time-limit SECONDS] [--seed N]  (FORMAT: assign | bmatch | dimacs | gap | vrptw)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (format, file, limit, seed) = match parse_args(&args) {
        Ok(a) => a,
        Err(why) => {
            eprintln!("huzhu-solve: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("huzhu-solve: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let result: Result<Result<SolveReport, String>, FormatError> =
        match format.as_str() {
            "assign" => assign::parse(&text)
                .map(|i| assign::try_solve(&i, limit).map_err(|e| e.to_string())),
            "bmatch" => bmatch::parse(&text)
                .map(|i| bmatch::try_solve(&i, limit).map_err(|e| e.to_string())),
            "dimacs" => {
                let converted = dimacs::parse(&text)
                    .map_err(DimacsError::from)
                    .and_then(|i| dimacs::to_problem(&i));
                return match converted {
                    Ok(d) => match dimacs::try_solve(&d, limit) {
                        Ok(report) => {
                            println!("{}", report.to_json_line());
                            ExitCode::SUCCESS
                        }
                        Err(e) => {
                            eprintln!("huzhu-solve: {file}: no solution: {e}");
                            ExitCode::from(1)
                        }
                    },
                    Err(e @ DimacsError::Infeasible { .. }) => {
                        eprintln!("huzhu-solve: {file}: no solution: {e}");
                        ExitCode::from(1)
                    }
                    Err(e) => {
                        eprintln!("huzhu-solve: {file}: {e}");
                        ExitCode::from(2)
                    }
                };
            }
            "gap" => gap::parse(&text).map(|i| Ok(gap::solve(&i, limit))),
            "vrptw" => {
                return match vrptw::parse(&text, 25, 200) {
                    Ok(i) => {
                        let seconds = limit.map_or(10.0, |l| l.as_secs_f64());
                        let report = vrptw::solve(&vrptw::problem(&i, 10.0), seconds, seed);
                        println!("{}", report.to_json_line());
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("huzhu-solve: {file}: {e}");
                        ExitCode::from(2)
                    }
                };
            }
            other => {
                eprintln!("huzhu-solve: unknown format {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        };
    match result {
        Err(e) => {
            eprintln!("huzhu-solve: {file}: {e}");
            ExitCode::from(2)
        }
        Ok(Err(e)) => {
            eprintln!("huzhu-solve: {file}: no solution: {e}");
            ExitCode::from(1)
        }
        Ok(Ok(report)) => {
            println!("{}", report.to_json_line());
            ExitCode::SUCCESS
        }
    }
}

type Args = (String, String, Option<Duration>, u64);

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut limit = None;
    let mut seed = 1;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--seed" {
            let v = args.get(i + 1).ok_or("--seed needs a value")?;
            seed = v.parse().map_err(|_| format!("invalid --seed {v:?}"))?;
            i += 2;
        } else if args[i] == "--time-limit" {
            let v = args.get(i + 1).ok_or("--time-limit needs a value")?;
            let secs: f64 = v
                .parse()
                .map_err(|_| format!("invalid --time-limit {v:?}"))?;
            limit = Some(
                Duration::try_from_secs_f64(secs)
                    .map_err(|_| format!("invalid --time-limit {v:?}"))?,
            );
            i += 2;
        } else {
            positional.push(args[i].clone());
            i += 1;
        }
    }
    match <[String; 2]>::try_from(positional) {
        Ok([format, file]) => Ok((format, file, limit, seed)),
        Err(_) => Err("expected FORMAT and FILE".to_owned()),
    }
}
