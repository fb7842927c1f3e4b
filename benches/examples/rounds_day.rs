//! A district's day of home visits as the rounds planner's JSON, timed natively: writes
//! `visits.json`, `workers.json` and `policy.json` into DIR for the same plan in wasm
//! (`node benches/scripts/rounds_wasm.mjs DIR`), and prints the native time. Then the day
//! re-planned with its first worker off sick (`sick_workers.json`), timed the same way.
//!
//! ```text
//! cargo run --release -p huzhu-benches --example rounds_day -- 10000 target/rounds-day
//! ```
//!
//! The visits: Monday's home visits due or overdue in the generated district (30 minutes,
//! 9:00-17:00, overdue first, at most 15 per worker, the resident's own worker preferred); the
//! workers walk from the middle of their residents' homes, 9:00-12:00 and 14:00-17:00.

use std::time::Instant;

use chrono::NaiveDate;
use huzhu::care::contact_schedule;
use huzhu::model::{ContactPolicy, TimeWindow};
use huzhu::routing::{
    RoundsPolicy, contact_visits, plan_rounds, replan_rounds, walkers_from_homes,
};
use huzhu::synth::{DistrictConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let residents: u32 = args.next().map_or(Ok(10_000), |s| s.parse())?;
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/rounds-day".into()));
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let district = generate(&DistrictConfig::new(residents, week).with_seed(2026))?;
    let community = &district.community;
    let at = |h: u32| week.and_hms_opt(h, 0, 0).expect("hour");
    let report = contact_schedule(community, &[], at(8), &ContactPolicy::default());
    let day = TimeWindow {
        start: at(9),
        end: at(17),
    };
    let visits: Vec<_> = contact_visits(community, &report, day, 30, Some(15))
        .into_iter()
        .filter(|v| v.preferred.is_some())
        .collect();
    let shifts = [
        TimeWindow {
            start: at(9),
            end: at(12),
        },
        TimeWindow {
            start: at(14),
            end: at(17),
        },
    ];
    let workers = walkers_from_homes(&visits, &shifts);
    let policy = RoundsPolicy {
        iterations: 300,
        ..RoundsPolicy::default()
    };
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("visits.json"), serde_json::to_string(&visits)?)?;
    std::fs::write(dir.join("workers.json"), serde_json::to_string(&workers)?)?;
    std::fs::write(dir.join("policy.json"), serde_json::to_string(&policy)?)?;
    let mut best = f64::INFINITY;
    let mut plan = None;
    for _ in 0..3 {
        let t = Instant::now();
        plan = Some(plan_rounds(&visits, &workers, &policy)?);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let plan = plan.ok_or("planned")?;
    std::fs::write(dir.join("native.json"), serde_json::to_string(&plan)?)?;
    println!(
        "{} visits, {} workers: native plan_rounds best of 3 {:.3} s ({} planned, {} min walking)",
        visits.len(),
        workers.len(),
        best,
        plan.rounds.iter().map(|r| r.stops.len()).sum::<usize>(),
        plan.travel_minutes
    );
    // The first worker is off sick: the others take what they can, moving little.
    let sick: Vec<_> = workers
        .iter()
        .filter(|w| w.server != workers[0].server)
        .cloned()
        .collect();
    // From a warm start a re-plan needs few iterations: 30, as in the routing_reroute bench.
    let quick = RoundsPolicy {
        iterations: 30,
        ..policy.clone()
    };
    std::fs::write(dir.join("sick_workers.json"), serde_json::to_string(&sick)?)?;
    std::fs::write(
        dir.join("replan_policy.json"),
        serde_json::to_string(&quick)?,
    )?;
    let mut best = f64::INFINITY;
    let mut again = None;
    for _ in 0..5 {
        let t = Instant::now();
        again = Some(replan_rounds(&plan, &visits, &sick, &quick)?);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let again = again.ok_or("re-planned")?;
    std::fs::write(
        dir.join("native_replan.json"),
        serde_json::to_string(&again)?,
    )?;
    println!(
        "{} off sick: native replan_rounds (30 iterations) best of 5 {:.3} s ({} planned)",
        workers[0].server,
        best,
        again.rounds.iter().map(|r| r.stops.len()).sum::<usize>()
    );
    Ok(())
}
