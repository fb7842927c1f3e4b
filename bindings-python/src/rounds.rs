//! `huzhu.plan_rounds`, `huzhu.replan_rounds` and `huzhu.Rounds`: visit rounds (`huzhu::routing`)
//! — which worker or volunteer makes which home visits, in what order and when.
//!
//! The visits and servers are tables or the core's JSON (`rounds_records`); the policy is the
//! core's `RoundsPolicy`, read by the core's JSON reader from `policy` and the keyword
//! arguments (defaults for what is left out, unknown settings refused) and checked by the core
//! (`RoundsPolicy::validate`). The search runs without the GIL. Errors carry the core's code,
//! record and field (`errors::core_err`).

use std::fmt::Write as _;
use std::sync::Arc;

use huzhu::model::text::format_local_datetime;
use huzhu::routing::{RoundVisit, RoundWorker, Rounds, RoundsPolicy, plan_rounds, replan_rounds};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{core_json, html, ser_py, settings, to_py};
use crate::errors::{core_err, guard, settings_err};
use crate::rounds_records::{rounds_table, stops_table, unplanned_table, visits_arg, workers_arg};
use crate::tables::wrap;

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The policy: `policy` (a dict, or None) overlaid with the keyword arguments, read by the core
/// (`detour_percent`, `continuity_minutes`, `stability_minutes`, `keep_times_minutes`,
/// `iterations`, `seed`) and
/// checked by it.
fn policy_arg(policy: Opt<'_, '_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<RoundsPolicy> {
    let value = settings("policy", policy.filter(|p| !p.is_none()), kwargs)?;
    let policy: RoundsPolicy = huzhu::model::json::from_value(value, "")
        .map_err(|e| settings_err(&e, "rounds policy", "policy"))?;
    policy.validate().map_err(core_err)?;
    Ok(policy)
}

/// Plans visit rounds: which server (a care worker or a volunteer) makes which visit, in what
/// order, when — the most urgent visits first, then the least travel, keeping residents with
/// the server they know when it costs less than `continuity_minutes`.
///
/// `visits` and `workers` are tables (pandas, polars, pyarrow: one row per visit, one row per
/// server's shift) or lists of dicts in the core's JSON. Travel is the great-circle distance
/// lengthened by `detour_percent`, at the server's speed (walking 75 m a minute, cycling 200,
/// e-bike 300). Times are local date-times; a timezone-aware value is refused.
///
/// Policy settings, as `policy={…}` or keywords: `detour_percent` (130), `continuity_minutes`
/// (20), `stability_minutes` (30, for `replan_rounds`), `keep_times_minutes` (None: in
/// `replan_rounds`, a planned visit starts within that many minutes of its previous start),
/// `iterations` (2000), `seed` (1).
#[pyfunction]
#[pyo3(name = "plan_rounds", signature = (visits, workers, *, policy=None, **kwargs))]
fn plan_rounds_fn(
    py: Python<'_>,
    visits: &Bound<'_, PyAny>,
    workers: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyRounds> {
    guard(|| {
        let policy = policy_arg(policy, kwargs)?;
        let visits = visits_arg(visits)?;
        let workers = workers_arg(workers)?;
        let plan = py
            .detach(|| plan_rounds(&visits, &workers, &policy))
            .map_err(core_err)?;
        Ok(PyRounds::new(
            plan,
            Arc::new(visits),
            Arc::new(workers),
            policy,
        ))
    })
}

/// Re-plans after a change from `previous` (a `Rounds`, or its `to_dict()` / `to_json()`): a
/// server off sick (left out of `workers`), a visit added or cancelled (left out of `visits`).
/// Visits keep their server and shift unless moving them saves more than `stability_minutes`
/// of travel or serves more urgent visits. Arguments as for `plan_rounds`.
#[pyfunction]
#[pyo3(name = "replan_rounds", signature = (previous, visits, workers, *, policy=None, **kwargs))]
fn replan_rounds_fn(
    py: Python<'_>,
    previous: &Bound<'_, PyAny>,
    visits: &Bound<'_, PyAny>,
    workers: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyRounds> {
    guard(|| {
        let before: Rounds = match previous.cast::<PyRounds>() {
            Ok(r) => r.get().inner.clone(),
            Err(_) => core_json(previous, "previous")?,
        };
        let policy = policy_arg(policy, kwargs)?;
        let visits = visits_arg(visits)?;
        let workers = workers_arg(workers)?;
        let plan = py
            .detach(|| replan_rounds(&before, &visits, &workers, &policy))
            .map_err(core_err)?;
        Ok(PyRounds::new(
            plan,
            Arc::new(visits),
            Arc::new(workers),
            policy,
        ))
    })
}

/// A plan of visit rounds: `rounds` (one per server and shift), their `stops` in order, the
/// visits `unplanned` with their reasons, and the whole as GeoJSON.
#[pyclass(frozen, module = "huzhu", name = "Rounds")]
pub struct PyRounds {
    inner: Rounds,
    /// The visits and servers the plan was made from (for places and GeoJSON); a week's days
    /// share them.
    visits: Arc<Vec<RoundVisit>>,
    workers: Arc<Vec<RoundWorker>>,
    policy: RoundsPolicy,
}

impl PyRounds {
    /// A plan with the visits, servers and policy it was made from.
    pub(crate) fn new(
        inner: Rounds,
        visits: Arc<Vec<RoundVisit>>,
        workers: Arc<Vec<RoundWorker>>,
        policy: RoundsPolicy,
    ) -> Self {
        Self {
            inner,
            visits,
            workers,
            policy,
        }
    }
}

#[pymethods]
impl PyRounds {
    /// One row per stop: server, shift (the server's, from 0), order (from 1), visit, arrive,
    /// start (after waiting for the window, if early), end, and the visit's lat and lon.
    #[getter]
    fn stops(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, stops_table(&self.inner, &self.visits)))
    }

    /// One row per round: server, shift, depart, back, travel_minutes, visits (in order).
    #[getter]
    fn rounds(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, rounds_table(&self.inner)))
    }

    /// One row per visit not planned: visit, reason (`no_skilled_server`,
    /// `window_unreachable`, `shift_full`, `budget_spent` (a week's day only: the weekly
    /// minutes are spent), `outcompeted`), by (the more urgent visits that took its place, when
    /// outcompeted), server (whose round), and the visit's lat and lon.
    #[getter]
    fn unplanned(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, unplanned_table(&self.inner, &self.visits)))
    }

    /// Minutes travelling in all.
    #[getter]
    fn travel_minutes(&self) -> u32 {
        self.inner.travel_minutes
    }

    /// The policy the plan was made with (the core's JSON, every setting).
    #[getter]
    fn policy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.policy))
    }

    /// The rounds as a GeoJSON FeatureCollection (the core's): a LineString per round from
    /// its start through its visits to its end, a Point per stop (`order` from 1);
    /// coordinates `[lon, lat]`.
    fn geojson(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = py.detach(|| self.inner.geojson(&self.visits, &self.workers));
            to_py(py, &g)
        })
    }

    /// The plan in the core's JSON (`rounds`, `unplanned`, `travel_minutes`), as Python values;
    /// `replan_rounds` takes it back as `previous`.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner))
    }

    /// The plan in the core's JSON, as text.
    fn to_json(&self) -> PyResult<String> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
        })
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        let planned: usize = p.rounds.iter().map(|r| r.stops.len()).sum();
        format!(
            "<huzhu.Rounds: {} rounds, {} visits planned, {} unplanned, {} minutes travelling>",
            p.rounds.len(),
            planned,
            p.unplanned.len(),
            p.travel_minutes
        )
    }

    fn _repr_html_(&self) -> String {
        let p = &self.inner;
        let mut h = format!(
            "<div><b>huzhu.Rounds</b> — {} rounds, {} unplanned, {} minutes travelling<table><tr><th>server</th><th>shift</th><th>depart</th><th>back</th><th>visits</th><th>travel min</th></tr>",
            p.rounds.len(),
            p.unplanned.len(),
            p.travel_minutes
        );
        for r in p.rounds.iter().take(20) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td></tr>",
                html(&r.server.to_string()),
                r.shift,
                format_local_datetime(r.depart),
                format_local_datetime(r.back),
                r.stops.len(),
                r.travel_minutes
            );
        }
        if p.rounds.len() > 20 {
            let _ = write!(
                h,
                "<tr><td colspan=6>… {} more</td></tr>",
                p.rounds.len() - 20
            );
        }
        h.push_str("</table></div>");
        h
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRounds>()?;
    m.add_function(wrap_pyfunction!(plan_rounds_fn, m)?)?;
    m.add_function(wrap_pyfunction!(replan_rounds_fn, m)?)?;
    Ok(())
}
