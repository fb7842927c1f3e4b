//! Scale benchmark: a synthetic district of N residents planned in one run at the start of its
//! week. Prints one JSON line: generation, candidate and solve times, counts and the process's
//! peak memory (`VmHWM`). Run one size per process so the peak belongs to that size:
//!
//! `cargo run --release -p huzhu-benches --bin huzhu-scale -- 1000000 [CAP|none]`
//!
//! CAP is the per-need candidate cap K (default 40; `none` keeps every candidate).

use std::time::Instant;

use chrono::NaiveDate;
use huzhu::matching::{Hooks, MatchContext, MatchPolicy, Matcher};
use huzhu::synth::{DistrictConfig, generate};

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let residents: u32 = std::env::args()
        .nth(1)
        .ok_or("usage: huzhu-scale RESIDENTS [CAP|none]")?
        .parse()?;
    let cap = match std::env::args().nth(2).as_deref() {
        None => Some(40),
        Some("none") => None,
        Some(k) => Some(k.parse()?),
    };
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let t0 = Instant::now();
    let district = generate(
        &DistrictConfig::new(residents, week)
            .with_seed(2026)
            .with_needs_recorded_in_advance(true),
    )?;
    let generate_s = t0.elapsed().as_secs_f64();
    let start = week.and_hms_opt(0, 0, 0).ok_or("time")?;
    let origin = Instant::now();
    let mut clock = || origin.elapsed().as_nanos() as u64;
    let mut hooks = Hooks {
        clock: Some(&mut clock),
        ..Hooks::default()
    };
    let mut matcher = Matcher::with_hooks(
        &district.community,
        MatchPolicy::default().with_candidate_cap(cap),
        MatchContext::new(start),
        &mut hooks,
    )?;
    let plan = matcher.solve_with(&mut hooks)?;
    let verified = matcher.verify().is_ok();
    let s = &plan.stats;
    let secs = |n: Option<u64>| n.map_or(0.0, |n| n as f64 / 1e9);
    println!(
        "{{\"residents\": {residents}, \"cap\": {}, \"needs\": {}, \"helpers\": {}, \"candidates\": {}, \"arcs\": {}, \"generate_s\": {generate_s:.3}, \"candidates_s\": {:.3}, \"solve_s\": {:.3}, \"plan_s\": {:.3}, \"matched\": {}, \"objective\": {}, \"optimal\": {}, \"verified\": {verified}, \"peak_mib\": {}}}",
        cap.map_or_else(|| "null".to_owned(), |k| k.to_string()),
        s.needs,
        s.helpers,
        s.candidates,
        s.arcs,
        secs(s.candidate_nanos),
        secs(s.solve_nanos),
        secs(s.explain_nanos),
        plan.assignments.len(),
        plan.objective,
        plan.optimal,
        peak_kib().map_or(-1, |k| (k / 1024) as i64),
    );
    Ok(())
}
