//! Solves one OR-Library `gap` file and prints the one-line JSON report of
//! `huzhu-solve gap FILE [--time-limit SECONDS]`, with knobs for experiments:
//! `gap_run FILE [--time-limit SECONDS] [--cpu-limit SECONDS] [--seed N] [--bound-iterations N]
//! [--iterations N]`.

use std::time::{Duration, Instant};

use huzhu::matching::gap::{GapOptions, solve};
use huzhu_benches::formats::gap;

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!(
            "usage: gap_run FILE [--time-limit SECONDS] [--cpu-limit SECONDS] [--seed N] [--bound-iterations N] [--iterations N]"
        );
        std::process::exit(2);
    };
    let limit = arg::<f64>(&args, "--time-limit").map(Duration::from_secs_f64);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let inst = match gap::parse(&text) {
        Ok(inst) => inst,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    if arg::<u64>(&args, "--seed").is_none()
        && arg::<f64>(&args, "--cpu-limit").is_none()
        && arg::<u32>(&args, "--bound-iterations").is_none()
        && arg::<u64>(&args, "--iterations").is_none()
    {
        println!("{}", gap::solve(&inst, limit).to_json_line());
        return;
    }
    let mut o = GapOptions::default();
    if let Some(s) = arg(&args, "--seed") {
        o = o.with_seed(s);
    }
    if let Some(b) = arg(&args, "--bound-iterations") {
        o = o.with_bound_iterations(b);
    }
    if let Some(i) = arg(&args, "--iterations") {
        o = o.with_max_iterations(i);
    }
    let start = Instant::now();
    // --cpu-limit: stop on this process's CPU time (from /proc/self/schedstat) instead of
    // wall-clock time, for comparisons on a machine loaded by other work.
    let cpu_limit = arg::<f64>(&args, "--cpu-limit").map(|s| (s * 1e9) as u64);
    let cpu_ns = || {
        std::fs::read_to_string("/proc/self/schedstat")
            .ok()
            .and_then(|t| {
                t.split_whitespace()
                    .next()
                    .and_then(|x| x.parse::<u64>().ok())
            })
            .unwrap_or(0)
    };
    let cpu0 = cpu_ns();
    let mut stop = || {
        limit.is_some_and(|l| start.elapsed() >= l)
            || cpu_limit.is_some_and(|c| cpu_ns() - cpu0 >= c)
    };
    match solve(&inst.problem, &o, &mut stop) {
        Ok(s) => println!(
            "{{\"objective\":{},\"lower_bound\":{},\"iterations\":{},\"seconds\":{:.3},\"cpu_seconds\":{:.3}}}",
            s.objective,
            s.lower_bound,
            s.iterations,
            start.elapsed().as_secs_f64(),
            (cpu_ns() - cpu0) as f64 / 1e9
        ),
        Err(e) => println!(
            "{{\"error\":\"{e}\",\"seconds\":{:.3}}}",
            start.elapsed().as_secs_f64()
        ),
    }
}
