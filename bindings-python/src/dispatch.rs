//! `huzhu.compare_dispatchers`, `huzhu.replay_dispatch` and their results: a week of
//! dispatching replayed run by run by huzhu's matcher and by the phone baseline
//! (`huzhu::dispatch`).
//!
//! The run times are the core's `DispatchTimes` (`start`, `days`, `first`, `last`,
//! `every_minutes`), read by the core's JSON reader from `times` and the keyword arguments; the
//! match policy is the core's `MatchPolicy` from `policy`. Figures are the core's
//! `DispatchSummary` (a rate over nothing is None: no data); every need's course is a table.
//! The replays run without the GIL; errors carry the core's code, record and field.

use std::fmt::Write as _;

use huzhu::dispatch::{Comparison, DispatchTimes, Dispatcher, Replay, compare, replay};
use huzhu::matching::MatchPolicy;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;

use crate::community::PyCommunity;
use crate::convert::{html, ser_py, settings};
use crate::errors::{core_err, guard, type_err};
use crate::tables::{TableBuilder, wrap};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The run times: `times` (a dict, or None) overlaid with the keyword arguments, read by the
/// core (record `dispatch times`).
fn times_arg(times: Opt<'_, '_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<DispatchTimes> {
    DispatchTimes::from_value(settings("times", times, kwargs)?).map_err(core_err)
}

/// The match policy from a dict (None: the defaults), read by the core.
fn policy_arg(policy: Opt<'_, '_>) -> PyResult<MatchPolicy> {
    MatchPolicy::from_value(settings("policy", policy, None)?).map_err(core_err)
}

fn dispatcher_arg(d: &Bound<'_, PyAny>) -> PyResult<Dispatcher> {
    d.extract::<String>()
        .ok()
        .and_then(|t| t.parse().ok())
        .map_or_else(
            || {
                Err(type_err(
                    "dispatcher",
                    format!("expected \"matcher\" or \"phone\", got {}", d.repr()?),
                ))
            },
            Ok,
        )
}

/// Replays the week with huzhu's matcher and with the phone baseline (first come, first
/// served, the nearest helper free now, no look-ahead) on the same needs and run times.
/// `times` settings, as `times={…}` or keywords: `start` (required), `days` (7), `first`
/// ("08:00"), `last` ("20:00"), `every_minutes` (120). `policy`: the match policy's settings.
#[pyfunction]
#[pyo3(name = "compare_dispatchers", signature = (community, *, times=None, policy=None, **kwargs))]
fn compare_fn(
    py: Python<'_>,
    community: &PyCommunity,
    times: Opt<'_, '_>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyComparison> {
    guard(|| {
        let times = times_arg(times, kwargs)?;
        let policy = policy_arg(policy)?;
        let c = &community.inner;
        let inner = py
            .detach(|| compare(c, &times, &policy))
            .map_err(core_err)?;
        Ok(PyComparison { inner })
    })
}

/// Replays the week with one dispatcher: "matcher" (huzhu) or "phone" (the baseline).
#[pyfunction]
#[pyo3(name = "replay_dispatch", signature = (community, dispatcher, *, times=None, policy=None, **kwargs))]
fn replay_fn(
    py: Python<'_>,
    community: &PyCommunity,
    dispatcher: &Bound<'_, PyAny>,
    times: Opt<'_, '_>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyReplay> {
    guard(|| {
        let dispatcher = dispatcher_arg(dispatcher)?;
        let times = times_arg(times, kwargs)?;
        let policy = policy_arg(policy)?;
        let c = &community.inner;
        let inner = py
            .detach(|| replay(c, &times, &policy, dispatcher))
            .map_err(core_err)?;
        Ok(PyReplay { inner })
    })
}

/// The two replays side by side.
#[pyclass(frozen, module = "huzhu", name = "DispatchComparison")]
pub struct PyComparison {
    inner: Comparison,
}

/// One replay: the runs, every need's course and the figures.
#[pyclass(frozen, module = "huzhu", name = "DispatchReplay")]
pub struct PyReplay {
    inner: Replay,
}

/// The figures shown side by side: (name, phone, matcher); None is "no data".
fn figures(r: &Replay) -> Vec<(&'static str, Option<f64>)> {
    let s = &r.summary;
    vec![
        ("needs", Some(f64::from(s.needs))),
        ("served", Some(f64::from(s.served))),
        ("match_rate", s.match_rate),
        ("on_time_rate", s.on_time_rate),
        ("special_served", Some(f64::from(s.special_served))),
        ("special_needs", Some(f64::from(s.special_needs))),
        ("special_rate", s.special_rate),
        ("emergency_served", Some(f64::from(s.emergency_served))),
        ("emergency_needs", Some(f64::from(s.emergency_needs))),
        (
            "median_response_minutes",
            s.median_response_minutes.map(|m| m as f64),
        ),
        ("mean_travel_m", s.mean_travel_m),
        ("volunteer_load_gini", s.volunteer_load_gini),
        ("expired", Some(f64::from(s.expired))),
        ("no_candidate", Some(f64::from(s.no_candidate))),
        ("waiting", Some(f64::from(s.waiting))),
    ]
}

#[pymethods]
impl PyComparison {
    /// The phone baseline's replay.
    #[getter]
    fn phone(&self) -> PyReplay {
        PyReplay {
            inner: self.inner.phone.clone(),
        }
    }

    /// huzhu's matcher's replay.
    #[getter]
    fn matcher(&self) -> PyReplay {
        PyReplay {
            inner: self.inner.matcher.clone(),
        }
    }

    /// The figures side by side, one row each: figure, phone, matcher (null: no data).
    #[getter]
    fn summary(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let (p, m) = (figures(&self.inner.phone), figures(&self.inner.matcher));
            let mut b = TableBuilder::default();
            b.str("figure", p.iter().map(|(n, _)| Some(*n)))
                .float("phone", p.iter().map(|(_, v)| *v))
                .float("matcher", m.iter().map(|(_, v)| *v));
            wrap(py, b.finish())
        })
    }

    /// Both replays in the core's JSON (`phone`, `matcher`), as Python values.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner))
    }

    fn __repr__(&self) -> String {
        let pct =
            |r: Option<f64>| r.map_or_else(|| "no data".into(), |r| format!("{:.1}%", r * 100.0));
        format!(
            "<huzhu.DispatchComparison {} needs: match rate phone {}, huzhu {}; on time phone {}, huzhu {}>",
            self.inner.matcher.summary.needs,
            pct(self.inner.phone.summary.match_rate),
            pct(self.inner.matcher.summary.match_rate),
            pct(self.inner.phone.summary.on_time_rate),
            pct(self.inner.matcher.summary.on_time_rate),
        )
    }

    fn _repr_html_(&self) -> String {
        let (p, m) = (figures(&self.inner.phone), figures(&self.inner.matcher));
        let cell = |v: Option<f64>| v.map_or_else(|| "no data".into(), |v| format!("{v:.3}"));
        let mut h = String::from(
            "<div><b>huzhu.DispatchComparison</b><table><tr><th>figure</th><th>phone</th><th>huzhu</th></tr>",
        );
        for ((name, a), (_, b)) in p.iter().zip(&m) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td></tr>",
                html(name),
                cell(*a),
                cell(*b)
            );
        }
        h.push_str("</table></div>");
        h
    }
}

fn outcomes_table(r: &Replay) -> PyTable {
    let o = &r.outcomes;
    let mut b = TableBuilder::default();
    b.int("need", o.iter().map(|x| Some(i64::from(x.need.0))))
        .ts("created_at", o.iter().map(|x| Some(x.created_at)))
        .str("urgency", o.iter().map(|x| Some(x.urgency.code())))
        .bool("special", o.iter().map(|x| Some(x.special)))
        .ts("deadline", o.iter().map(|x| x.deadline))
        .str("fate", o.iter().map(|x| Some(x.fate.code())))
        .str(
            "helper",
            o.iter().map(|x| x.booking.map(|b| b.helper.to_string())),
        )
        .ts("booked_at", o.iter().map(|x| x.booking.map(|b| b.at)))
        .ts("start", o.iter().map(|x| x.booking.map(|b| b.start)))
        .int(
            "distance_m",
            o.iter().map(|x| x.booking.map(|b| i64::from(b.distance_m))),
        )
        .bool("on_time", o.iter().map(|x| x.on_time))
        .ts("expired_at", o.iter().map(|x| x.expired_at))
        .str(
            "why",
            o.iter().map(|x| x.why.as_ref().map(ToString::to_string)),
        );
    b.finish()
}

fn runs_table(r: &Replay) -> PyTable {
    let runs = &r.runs;
    let mut b = TableBuilder::default();
    b.ts("at", runs.iter().map(|x| Some(x.at)))
        .ints(
            "booked",
            runs.iter().map(|x| x.booked.iter().map(|n| i64::from(n.0))),
        )
        .int("waiting", runs.iter().map(|x| Some(i64::from(x.waiting))))
        .int(
            "served_so_far",
            runs.iter().map(|x| Some(i64::from(x.served_so_far))),
        )
        .int(
            "expired_so_far",
            runs.iter().map(|x| Some(i64::from(x.expired_so_far))),
        );
    b.finish()
}

#[pymethods]
impl PyReplay {
    /// "matcher" or "phone".
    #[getter]
    fn dispatcher(&self) -> &'static str {
        self.inner.dispatcher.code()
    }

    /// The figures (the core's JSON: `match_rate`, `on_time_rate`, …; None is no data).
    #[getter]
    fn summary(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner.summary))
    }

    /// One row per need: need, created_at, urgency, special, deadline, fate (served, expired,
    /// no_candidate, waiting), helper, booked_at, start, distance_m, on_time, expired_at, why.
    #[getter]
    fn outcomes(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, outcomes_table(&self.inner)))
    }

    /// One row per run: at, booked (need ids), waiting, served_so_far, expired_so_far.
    #[getter]
    fn runs(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, runs_table(&self.inner)))
    }

    /// The replay in the core's JSON (`dispatcher`, `runs`, `outcomes`, `summary`).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner))
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary;
        format!(
            "<huzhu.DispatchReplay {}: {} of {} needs served, {} expired, {} runs>",
            self.inner.dispatcher.code(),
            s.served,
            s.needs,
            s.expired,
            self.inner.runs.len()
        )
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyComparison>()?;
    m.add_class::<PyReplay>()?;
    m.add_function(wrap_pyfunction!(compare_fn, m)?)?;
    m.add_function(wrap_pyfunction!(replay_fn, m)?)?;
    Ok(())
}
