//! Stand-in for `huzhu-solve gap FILE [--time-limit SECONDS]` until the solve tool dispatches
//! `gap`: prints the same one-line JSON report.

use std::time::Duration;

use huzhu_benches::formats::gap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: gap_run FILE [--time-limit SECONDS]");
        std::process::exit(2);
    };
    let limit = args
        .iter()
        .position(|a| a == "--time-limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse::<f64>().ok())
        .map(Duration::from_secs_f64);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match gap::parse(&text) {
        Ok(inst) => println!("{}", gap::solve(&inst, limit).to_json_line()),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
