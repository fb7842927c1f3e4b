//! The pure-Rust side of the Python benchmark (`bindings-python/bench/bench_match.py`): the same
//! district rebuilt record by record and matched, timed in the same process.

use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
use huzhu::model::Community;
use huzhu::synth::{DistrictConfig, generate};
use pyo3::prelude::*;

use crate::errors::{core_err, guard};

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
            let week = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
            let cfg = DistrictConfig::new(residents, week)
                .with_seed(seed)
                .with_needs_recorded_in_advance(recorded_in_advance);
            let d = generate(&cfg).map_err(core_err)?;
            let src = &d.community;
            let mut best = (f64::INFINITY, f64::INFINITY, f64::INFINITY, 0);
            for _ in 0..repeats.max(1) {
                let t0 = Instant::now();
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
                for n in src.needs() {
                    c.add_need(n.clone()).map_err(core_err)?;
                }
                let t1 = Instant::now();
                let now = if recorded_in_advance {
                    d.week_start.and_time(NaiveTime::MIN)
                } else {
                    crate::matching::default_now(&c)
                };
                let plan = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now))
                    .and_then(|mut m| m.solve())
                    .map_err(core_err)?;
                let t2 = Instant::now();
                let (b, m) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
                if b + m < best.2 {
                    best = (b, m, b + m, plan.assignments.len());
                }
            }
            Ok(best)
        })
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rust_baseline, m)?)?;
    Ok(())
}
