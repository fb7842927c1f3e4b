//! `huzhu.scoring`: the scorecard (the class is `scorecard.rs`) and each indicator alone, as
//! tables.
//!
//! Policies are read by the core (`ScoringPolicy::from_value`) from the `policy` dict and the
//! keyword arguments; evidence is the core's [`Evidence`] (see `evidence.rs`).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Duration;
use huzhu::scoring::{
    Evidence, Indicator, Period, Scorecard, ScoringInputs, ScoringPolicy, SimulationParams,
    StaffCounts, assignments_from_plan, circle_coverage, composite_index, quality_alerts,
    response_times, satisfaction, simulate, simulate_identity, staffing, time_bank_from_ledger,
    visit_schedule,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::community::PyCommunity;
use crate::convert::{date_arg, datetime_arg, settings, to_json};
use crate::errors::{core_err, guard, int_arg};
use crate::evidence::PyEvidence;
use crate::ledger::PyLedger;
use crate::matching::PyPlan;
use crate::scorecard::PyScorecard;
use crate::scoring_tables::{
    alerts_table, coverage_table, index_table, response_table, satisfaction_table, staffing_table,
    visits_table,
};
use crate::tables::wrap;

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn some<'a, 'py>(o: Opt<'a, 'py>) -> Opt<'a, 'py> {
    o.filter(|x| !x.is_none())
}

/// The period: `start` (default: the first need's day) to `end` (default: a week later).
fn period_of(plan: &PyPlan, start: Opt<'_, '_>, end: Opt<'_, '_>) -> PyResult<Period> {
    let s = match some(start) {
        Some(s) => date_arg(s, "start")?,
        None => plan
            .community
            .needs()
            .map(|n| n.created_at.date())
            .min()
            .unwrap_or_else(|| plan.now.date()),
    };
    let e = match some(end) {
        Some(e) => date_arg(e, "end")?,
        None => s + Duration::days(7),
    };
    Period::new(s, e).map_err(core_err)
}

/// The simulation's parameters, read by the core from the keyword arguments.
fn simulation_params(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<SimulationParams> {
    SimulationParams::from_value(settings("params", None, kwargs)?).map_err(core_err)
}

/// Simulates a period's service records, surveys, care records, visits and time bank for a plan
/// (seeded): evidence to score when you have none of your own.
#[pyfunction]
#[pyo3(signature = (plan, *, start=None, end=None, seed=None, **kwargs))]
fn simulate_evidence(
    py: Python<'_>,
    plan: &PyPlan,
    start: Opt<'_, '_>,
    end: Opt<'_, '_>,
    seed: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyEvidence> {
    guard(|| {
        let seed: u64 = some(seed).map_or(Ok(2026), |s| int_arg(s, "seed"))?;
        let params = simulation_params(kwargs)?;
        let period = period_of(plan, start, end)?;
        let assignments = assignments_from_plan(&plan.plan, plan.now);
        let sim = py.detach(|| simulate(&plan.community, &assignments, period, seed, &params));
        Ok(PyEvidence {
            inner: Evidence {
                records: sim.records,
                surveys: sim.surveys,
                care_records: sim.care_records,
                visits: sim.visits,
                time_bank: vec![sim.time_bank],
                identity: simulate_identity(&plan.community, period, seed),
                ..Evidence::default()
            },
        })
    })
}

/// The scoring policy, read by the core from `policy` and the keyword arguments.
pub(crate) fn scoring_policy(
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<ScoringPolicy> {
    ScoringPolicy::from_value(settings("policy", some(policy), kwargs)?).map_err(core_err)
}

/// Satisfaction per scope and dimension (Likert mean, sd, share satisfied, Wilson interval).
#[pyfunction]
#[pyo3(name = "satisfaction", signature = (community, evidence, *, policy=None, **kwargs))]
fn satisfaction_fn(
    py: Python<'_>,
    community: &PyCommunity,
    evidence: &PyEvidence,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let r = py
            .detach(|| satisfaction(&community.inner, &evidence.inner.surveys, &p))
            .map_err(core_err)?;
        wrap(py, satisfaction_table(&r))
    })
}

/// Quality alerts: helpers below the satisfaction threshold (correct), below it two calendar
/// years in a row (retire), or below it on too few answers for a firm verdict (with the
/// interval).
#[pyfunction]
#[pyo3(name = "quality_alerts", signature = (community, evidence, *, policy=None, **kwargs))]
fn alerts_fn(
    py: Python<'_>,
    community: &PyCommunity,
    evidence: &PyEvidence,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let r = py
            .detach(|| satisfaction(&community.inner, &evidence.inner.surveys, &p))
            .map_err(core_err)?;
        wrap(py, alerts_table(&quality_alerts(&r, &p.alerts)))
    })
}

/// Response times per need against the deadlines (24 h, 3 working days, …).
#[pyfunction]
#[pyo3(name = "response_times", signature = (plan, evidence=None, *, start=None, end=None, now=None))]
fn response_fn(
    py: Python<'_>,
    plan: &PyPlan,
    evidence: Option<&PyEvidence>,
    start: Opt<'_, '_>,
    end: Opt<'_, '_>,
    now: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let period = period_of(plan, start, end)?;
        let now = some(now).map_or(Ok(plan.now), |n| datetime_arg(n, "now"))?;
        let a = assignments_from_plan(&plan.plan, plan.now);
        let records = evidence
            .map(|e| e.inner.records.as_slice())
            .unwrap_or_default();
        let r = py.detach(|| response_times(&plan.community, &a, records, period, now));
        wrap(py, response_table(&r))
    })
}

/// Share of residents covered by each essential service: within the living circle (walking
/// minutes, default 15) and within the service radius (metres, default 500), both reported.
#[pyfunction]
#[pyo3(name = "coverage", signature = (community, threshold_minutes=None, radius_m=None))]
fn coverage_fn(
    py: Python<'_>,
    community: &PyCommunity,
    threshold_minutes: Opt<'_, '_>,
    radius_m: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let threshold_minutes: u32 =
            some(threshold_minutes).map_or(Ok(15), |t| int_arg(t, "threshold_minutes"))?;
        let radius_m: u32 = some(radius_m).map_or(Ok(500), |t| int_arg(t, "radius_m"))?;
        let r = py.detach(|| circle_coverage(&community.inner, threshold_minutes, radius_m));
        wrap(py, coverage_table(&r))
    })
}

/// Staff and volunteers against the norms (18 community workers per 10,000 residents, …).
#[pyfunction]
#[pyo3(name = "staffing", signature = (community, *, community_workers, social_workers, policy=None, **kwargs))]
fn staffing_fn(
    py: Python<'_>,
    community: &PyCommunity,
    community_workers: &Bound<'_, PyAny>,
    social_workers: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let community_workers: u32 = int_arg(community_workers, "community_workers")?;
        let social_workers: u32 = int_arg(social_workers, "social_workers")?;
        let p = scoring_policy(policy, kwargs)?;
        let r = staffing(
            &community.inner,
            StaffCounts {
                community_workers,
                social_workers,
            },
            &p.staffing,
        )
        .map_err(core_err)?;
        wrap(py, staffing_table(&r))
    })
}

/// Visits due or overdue on the rounds (care files, and elderly residents living alone: weekly
/// at 70+, …), from the contact log and the evidence's visits.
#[pyfunction]
#[pyo3(name = "visits", signature = (community, evidence, *, now, policy=None, **kwargs))]
fn visits_fn(
    py: Python<'_>,
    community: &PyCommunity,
    evidence: &PyEvidence,
    now: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let now = datetime_arg(now, "now")?;
        let r =
            py.detach(|| visit_schedule(&community.inner, &evidence.inner.visits, now, &p.visits));
        wrap(py, visits_table(&r))
    })
}

/// The composite 0–100 index from indicator values in 0..1 (`{"satisfaction": 0.8, …}`), with
/// the default weights or yours (the policy setting `index_weights`).
#[pyfunction]
#[pyo3(name = "composite_index", signature = (values, weights=None))]
fn index_fn(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Option<f64>, Py<PyAny>)> {
    guard(|| {
        let v: BTreeMap<Indicator, Option<f64>> =
            huzhu::model::json::from_value(to_json(values, "values")?, "values")
                .map_err(core_err)?;
        let mut policy = serde_json::Map::new();
        if let Some(w) = weights.filter(|w| !w.is_none()) {
            policy.insert("index_weights".into(), to_json(w, "weights")?);
        }
        let p = ScoringPolicy::from_value(serde_json::Value::Object(policy)).map_err(core_err)?;
        let r = composite_index(&v, &p.index_weights).map_err(core_err)?;
        Ok((r.score, wrap(py, index_table(&r))?))
    })
}

/// The whole scorecard for a plan's period.
#[pyfunction]
#[pyo3(name = "scorecard", signature = (plan, evidence=None, *, start=None, end=None, now=None, community_workers=None, social_workers=None, ledger=None, cap_minutes=None, policy=None, **kwargs))]
#[allow(clippy::too_many_arguments)]
fn scorecard_fn(
    py: Python<'_>,
    plan: &PyPlan,
    evidence: Option<&PyEvidence>,
    start: Opt<'_, '_>,
    end: Opt<'_, '_>,
    now: Opt<'_, '_>,
    community_workers: Opt<'_, '_>,
    social_workers: Opt<'_, '_>,
    ledger: Option<&PyLedger>,
    cap_minutes: Opt<'_, '_>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyScorecard> {
    guard(|| {
        let community_workers: Option<u32> = some(community_workers)
            .map(|c| int_arg(c, "community_workers"))
            .transpose()?;
        let social_workers: Option<u32> = some(social_workers)
            .map(|c| int_arg(c, "social_workers"))
            .transpose()?;
        let cap_minutes: Option<i64> = some(cap_minutes)
            .map(|c| int_arg(c, "cap_minutes"))
            .transpose()?;
        let p = scoring_policy(policy, kwargs)?;
        let period = period_of(plan, start, end)?;
        let now = some(now).map_or(Ok(plan.now), |n| datetime_arg(n, "now"))?;
        let c = &plan.community;
        let a = assignments_from_plan(&plan.plan, plan.now);
        let empty = Evidence::default();
        let ev = evidence.map_or(&empty, |e| &e.inner);
        let from_ledger = ledger.map(|l| {
            let g = l.inner.lock().expect("not poisoned");
            vec![time_bank_from_ledger(g.ledger(), c, period, cap_minutes)]
        });
        let staff = match (community_workers, social_workers) {
            (None, None) => ev.staff,
            (w, s) => StaffCounts {
                community_workers: w.unwrap_or(0),
                social_workers: s.unwrap_or(0),
            },
        };
        let inputs = ScoringInputs {
            assignments: &a,
            staff,
            time_bank: from_ledger.as_deref().unwrap_or(&ev.time_bank),
            ..ev.inputs(c, period, now)
        };
        let card = py
            .detach(|| Scorecard::compute(&inputs, &p))
            .map_err(core_err)?;
        Ok(PyScorecard {
            inner: card,
            community: Arc::clone(&plan.community),
        })
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(simulate_evidence, m)?)?;
    m.add_function(wrap_pyfunction!(satisfaction_fn, m)?)?;
    m.add_function(wrap_pyfunction!(alerts_fn, m)?)?;
    m.add_function(wrap_pyfunction!(response_fn, m)?)?;
    m.add_function(wrap_pyfunction!(coverage_fn, m)?)?;
    m.add_function(wrap_pyfunction!(staffing_fn, m)?)?;
    m.add_function(wrap_pyfunction!(visits_fn, m)?)?;
    m.add_function(wrap_pyfunction!(index_fn, m)?)?;
    m.add_function(wrap_pyfunction!(scorecard_fn, m)?)?;
    Ok(())
}
