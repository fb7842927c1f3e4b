//! The pure-Rust side of the Python benchmark (`bindings-python/bench/bench_match.py`): the same
//! district rebuilt record by record and matched, timed in the same process.

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
use huzhu::model::{Community, Need};
use huzhu::synth::{District, DistrictConfig, generate};
use pyo3::prelude::*;

use crate::errors::{core_err, guard};

/// The synthetic district of the benchmark (the week of 23 November 2026).
fn district(residents: u32, seed: u64, recorded_in_advance: bool) -> PyResult<District> {
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
    let cfg = DistrictConfig::new(residents, week)
        .with_seed(seed)
        .with_needs_recorded_in_advance(recorded_in_advance);
    generate(&cfg).map_err(core_err)
}

/// The tables the benchmark's Python side passes (providers, residents, volunteers, services
/// and the needs `keep` keeps), added record by record with the core's checks.
fn build(src: &Community, keep: impl Fn(&Need) -> bool) -> PyResult<Community> {
    let mut c = Community::new(src.name());
    for p in src.providers() {
        c.add_provider(p.clone()).map_err(core_err)?;
    }
    for r in src.residents() {
        c.add_resident(r.clone()).map_err(core_err)?;
    }
    for v in src.volunteers() {
        c.add_volunteer(v.clone()).map_err(core_err)?;
    }
    for s in src.services() {
        c.add_service(s.clone()).map_err(core_err)?;
    }
    for n in src.needs().filter(|n| keep(n)) {
        c.add_need(n.clone()).map_err(core_err)?;
    }
    Ok(c)
}

/// Matches `c` at `now` exactly; the number of needs matched.
fn solve(c: &Community, now: NaiveDateTime) -> PyResult<usize> {
    let plan = Matcher::new(c, MatchPolicy::default(), MatchContext::new(now))
        .and_then(|mut m| m.solve())
        .map_err(core_err)?;
    Ok(plan.assignments.len())
}

/// Times, in seconds, building the synthetic district's community from its records and matching
/// it exactly, in pure Rust (best of `repeats`): `(build, match, total, matched)`. With
/// `recorded_in_advance`, the week's needs are all recorded at its start and matched then
/// (weekly planning); otherwise matching happens at the latest need's creation time, as
/// `Community.match()` does by default.
#[pyfunction]
#[pyo3(name = "_rust_baseline", signature = (residents, seed=2026, repeats=3, recorded_in_advance=false))]
pub(crate) fn rust_baseline(
    py: Python<'_>,
    residents: u32,
    seed: u64,
    repeats: u32,
    recorded_in_advance: bool,
) -> PyResult<(f64, f64, f64, usize)> {
    guard(|| {
        py.detach(|| {
            let d = district(residents, seed, recorded_in_advance)?;
            let mut best = (f64::INFINITY, f64::INFINITY, f64::INFINITY, 0);
            for _ in 0..repeats.max(1) {
                let t0 = Instant::now();
                let c = build(&d.community, |_| true)?;
                let t1 = Instant::now();
                let now = if recorded_in_advance {
                    d.week_start.and_time(NaiveTime::MIN)
                } else {
                    crate::matching::default_now(&c)
                };
                let matched = solve(&c, now)?;
                let t2 = Instant::now();
                let (b, m) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
                if b + m < best.2 {
                    best = (b, m, b + m, matched);
                }
            }
            Ok(best)
        })
    })
}

/// The rolling planning loop in pure Rust: for each time in `nows`, the rolling district's
/// community built from its records with the needs created by then, and matched then, as a
/// service that rebuilds it each round would. Per round, best of `repeats` (by build + match):
/// `(build, match, drop, matched)` in seconds, `drop` being the time the community takes to
/// free, which neither side counts in its round.
#[pyfunction]
#[pyo3(name = "_rust_rolling", signature = (residents, nows, seed=2026, repeats=3))]
pub(crate) fn rust_rolling(
    py: Python<'_>,
    residents: u32,
    nows: Vec<NaiveDateTime>,
    seed: u64,
    repeats: u32,
) -> PyResult<Vec<(f64, f64, f64, usize)>> {
    guard(|| {
        py.detach(move || {
            let d = district(residents, seed, false)?;
            let mut best = vec![(f64::INFINITY, f64::INFINITY, f64::INFINITY, 0); nows.len()];
            for _ in 0..repeats.max(1) {
                for (&now, best) in nows.iter().zip(&mut best) {
                    let t0 = Instant::now();
                    let c = build(&d.community, |n| n.created_at <= now)?;
                    let t1 = Instant::now();
                    let matched = solve(&c, now)?;
                    let t2 = Instant::now();
                    drop(c);
                    let t3 = Instant::now();
                    let (b, m) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
                    if b + m < best.0 + best.1 {
                        *best = (b, m, (t3 - t2).as_secs_f64(), matched);
                    }
                }
            }
            Ok(best)
        })
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rust_baseline, m)?)?;
    m.add_function(wrap_pyfunction!(rust_rolling, m)?)?;
    Ok(())
}
