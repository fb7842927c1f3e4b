//! The native side of the wasm benchmark (`make wasm-bench`): a 10k-resident synthetic district
//! generated and matched on Wednesday noon (rolling), and the same district with every need
//! recorded in advance matched for the whole week on Monday 00:00; timed like
//! `bench/bench.mjs` times the wasm.
//! Prints one JSON line: medians and minima in milliseconds.
//!
//! `cargo run --release -p huzhu-wasm --example bench_native -- [REPS]`

use std::time::Instant;

use huzhu::matching::{MatchContext, MatchPolicy, match_needs};
use huzhu::synth::{DistrictConfig, generate};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps: usize = std::env::args().nth(1).map_or(Ok(5), |s| s.parse())?;
    let week = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let noon = week.and_hms_opt(12, 0, 0).ok_or("time")? + chrono::Duration::days(2);
    let monday = week.and_hms_opt(0, 0, 0).ok_or("time")?;
    let (mut generate_ms, mut match_ms, mut week_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut summary = (0, 0, 0);
    let mut weekly = (0, 0, 0);
    for _ in 0..reps {
        let t0 = Instant::now();
        let d = generate(&DistrictConfig::new(10_000, week).with_seed(2026))?;
        let t1 = Instant::now();
        let plan = match_needs(
            &d.community,
            &MatchPolicy::default(),
            &MatchContext::new(noon),
        )?;
        let t2 = Instant::now();
        generate_ms.push((t1 - t0).as_secs_f64() * 1e3);
        match_ms.push((t2 - t1).as_secs_f64() * 1e3);
        summary = (
            d.community.needs().len(),
            plan.assignments.len(),
            plan.objective,
        );
        let mut config = DistrictConfig::new(10_000, week).with_seed(2026);
        config.recorded_in_advance = true;
        let w = generate(&config)?;
        let t3 = Instant::now();
        let plan = match_needs(
            &w.community,
            &MatchPolicy::default(),
            &MatchContext::new(monday),
        )?;
        week_ms.push(t3.elapsed().as_secs_f64() * 1e3);
        weekly = (
            w.community.needs().len(),
            plan.assignments.len(),
            plan.objective,
        );
    }
    let mins = (min(&generate_ms), min(&match_ms), min(&week_ms));
    println!(
        "{{\"generate_ms\": {:.2}, \"generate_min_ms\": {:.2}, \"match_ms\": {:.2}, \"match_min_ms\": {:.2}, \"needs\": {}, \"matched\": {}, \"objective\": {}, \"week_match_ms\": {:.2}, \"week_match_min_ms\": {:.2}, \"week_needs\": {}, \"week_matched\": {}, \"week_objective\": {}}}",
        median(generate_ms),
        mins.0,
        median(match_ms),
        mins.1,
        summary.0,
        summary.1,
        summary.2,
        median(week_ms),
        mins.2,
        weekly.0,
        weekly.1,
        weekly.2
    );
    Ok(())
}
