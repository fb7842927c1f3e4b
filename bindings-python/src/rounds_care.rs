//! `huzhu.contact_rounds`, `huzhu.contact_visits` and `huzhu.walkers_from_homes`: rounds from
//! the care files (`huzhu::routing::{contact_rounds, contact_visits, walkers_from_homes}`),
//! returned as the tables `plan_rounds` and `plan_week` read (`rounds_records`), so a
//! notebook never rebuilds them by hand.
//!
//! The contact policy is the care loop's (`care::contact_policy`, read and checked by the
//! core); windows and shifts are the core's `TimeWindow` (`rounds_records::window_arg`).
//! Visits are written one row each (the first window in `window_start` / `window_end`, the
//! others in `windows` as the core's text `start/end`), servers one row per shift (a server
//! with no shift has one row with no shift); codes and labels in the core's spelling.

use huzhu::care::contact_schedule;
use huzhu::model::{ContactPolicy, TimeWindow};
use huzhu::routing::{
    ContactRound, RoundVisit, RoundWorker, contact_rounds, contact_visits, walkers_from_homes,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;
use serde_json::Value;

use crate::care::{PyContactSchedule, contact_policy};
use crate::community::PyCommunity;
use crate::convert::datetime_arg;
use crate::errors::{guard, int_arg, type_err};
use crate::rounds_records::{visits_or_plans_arg, window_arg, windows_arg};
use crate::tables::{TableBuilder, wrap};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn some<'a, 'py>(o: Opt<'a, 'py>) -> Opt<'a, 'py> {
    o.filter(|x| !x.is_none())
}

/// The community argument (a `TypeError` naming it otherwise).
fn community_arg<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyCommunity>> {
    obj.cast::<PyCommunity>().cloned().map_err(|_| {
        let name = obj
            .get_type()
            .name()
            .map_or_else(|_| "?".into(), |n| n.to_string());
        type_err(
            "community",
            format!("expected a huzhu.Community, got {name}"),
        )
    })
}

/// A visit's length in minutes (default 30).
fn minutes_arg(minutes: Opt<'_, '_>) -> PyResult<u32> {
    some(minutes).map_or(Ok(30), |m| int_arg(m, "minutes"))
}

/// Every resident on the home-visit rounds as of `now` (due yet or not), as contact rounds for
/// `plan_week`: a visit of `minutes` at the resident's home in `windows` (none: any time in a
/// shift), every so many days as the care file's contact plan says (`every_days`), `last`
/// visited on the day of the last visit logged before `now`, the responsible worker
/// `preferred`. One row per resident, in resident order. The contact policy is
/// `care.contact_schedule`'s (`policy` and keywords).
#[pyfunction]
#[pyo3(name = "contact_rounds", signature = (community, now, *, minutes=None, windows=None, policy=None, **kwargs))]
fn contact_rounds_fn(
    py: Python<'_>,
    community: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    minutes: Opt<'_, '_>,
    windows: Opt<'_, '_>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let now = datetime_arg(now, "now")?;
        let minutes = minutes_arg(minutes)?;
        let windows = match some(windows) {
            Some(w) => windows_arg(w, "windows")?,
            None => Vec::new(),
        };
        let policy = contact_policy(policy, kwargs)?;
        let community = community_arg(community)?;
        let c = &community.get().inner;
        let plans = py.detach(|| contact_rounds(c, now, &policy, minutes, &windows));
        wrap(py, plans_table(&plans))
    })
}

/// The home visits a contact schedule finds due or overdue, as visits of `minutes` in
/// `window`: overdue ones first (`special_group`, the others `general`), then by resident; the
/// resident's responsible worker `preferred`; at most `per_worker` for each worker (all when
/// None). `schedule` is a `care.contact_schedule(...)` result, or a date-time: then the
/// schedule as of that time with the default contact policy. Residents no longer in
/// `community` are left out.
#[pyfunction]
#[pyo3(name = "contact_visits", signature = (community, schedule, *, window, minutes=None, per_worker=None))]
fn contact_visits_fn(
    py: Python<'_>,
    community: &Bound<'_, PyAny>,
    schedule: &Bound<'_, PyAny>,
    window: &Bound<'_, PyAny>,
    minutes: Opt<'_, '_>,
    per_worker: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let community = community_arg(community)?;
        let c = &community.get().inner;
        let report = if let Ok(s) = schedule.cast::<PyContactSchedule>() {
            s.get().inner.clone()
        } else {
            let now = datetime_arg(schedule, "schedule").map_err(|e| {
                if e.is_instance_of::<PyTypeError>(py) {
                    type_err(
                        "schedule",
                        "expected a huzhu.ContactSchedule (care.contact_schedule) or a date-time",
                    )
                } else {
                    e
                }
            })?;
            py.detach(|| contact_schedule(c, &[], now, &ContactPolicy::default()))
        };
        let window: TimeWindow = window_arg(window, "window")?;
        let minutes = minutes_arg(minutes)?;
        let per_worker: Option<usize> = some(per_worker)
            .map(|p| int_arg(p, "per_worker"))
            .transpose()?;
        let visits = py.detach(|| contact_visits(c, &report, window, minutes, per_worker));
        wrap(py, visits_table(&visits))
    })
}

/// One walker per server the visits prefer, with `shifts`, setting out from and coming back
/// to the middle of the homes on their list: a servers table, one row per shift. `visits` are
/// visits or contact rounds (a table or the core's JSON).
#[pyfunction]
#[pyo3(name = "walkers_from_homes", signature = (visits, shifts))]
fn walkers_from_homes_fn(
    py: Python<'_>,
    visits: &Bound<'_, PyAny>,
    shifts: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let visits = visits_or_plans_arg(visits)?;
        let shifts = windows_arg(shifts, "shifts")?;
        let workers = py.detach(|| walkers_from_homes(&visits, &shifts));
        wrap(py, workers_table(&workers))
    })
}

/// A code as the core writes it (`special_group`, `walking`): its JSON text.
fn code<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// A value in the core's JSON as text: a code as it is (`other`), an object as JSON
/// (`{"contact":3}`).
fn json_text<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => Some(s),
        Ok(other) => Some(other.to_string()),
        Err(_) => None,
    }
}

/// The visit columns of `plan_rounds`' visits table, one row per visit.
fn visit_columns(b: &mut TableBuilder, v: &[&RoundVisit]) {
    b.int("id", v.iter().map(|x| Some(i64::from(x.id))))
        .float("lat", v.iter().map(|x| Some(x.place.lat)))
        .float("lon", v.iter().map(|x| Some(x.place.lon)))
        .int("minutes", v.iter().map(|x| Some(i64::from(x.minutes))))
        .ts(
            "window_start",
            v.iter().map(|x| x.windows.first().map(|w| w.start)),
        )
        .ts(
            "window_end",
            v.iter().map(|x| x.windows.first().map(|w| w.end)),
        )
        .strs(
            "windows",
            v.iter()
                .map(|x| x.windows.iter().skip(1).map(ToString::to_string)),
        )
        .strs(
            "skills",
            v.iter()
                .map(|x| x.skills.iter().map(|s| s.as_str().to_owned())),
        )
        .str(
            "required",
            v.iter().map(|x| x.required.map(|s| s.to_string())),
        )
        .str(
            "preferred",
            v.iter().map(|x| x.preferred.map(|s| s.to_string())),
        )
        .str("urgency", v.iter().map(|x| code(&x.urgency)))
        .str("source", v.iter().map(|x| json_text(&x.source)));
}

/// Visits as `plan_rounds` reads them from a table.
pub(crate) fn visits_table(visits: &[RoundVisit]) -> PyTable {
    let mut b = TableBuilder::default();
    visit_columns(&mut b, &visits.iter().collect::<Vec<_>>());
    b.finish()
}

/// Contact rounds as `plan_week` reads them from a table: a visit's columns, `every_days`,
/// `last`.
pub(crate) fn plans_table(plans: &[ContactRound]) -> PyTable {
    let mut b = TableBuilder::default();
    visit_columns(&mut b, &plans.iter().map(|p| &p.visit).collect::<Vec<_>>());
    b.int(
        "every_days",
        plans.iter().map(|p| Some(i64::from(p.every_days))),
    )
    .date("last", plans.iter().map(|p| p.last));
    b.finish()
}

/// Servers as `plan_rounds` reads them from a table: one row per shift (one row with no shift
/// for a server without any).
pub(crate) fn workers_table(workers: &[RoundWorker]) -> PyTable {
    let rows: Vec<(&RoundWorker, Option<TimeWindow>)> = workers
        .iter()
        .flat_map(|w| {
            let shifts: Vec<Option<TimeWindow>> = if w.shifts.is_empty() {
                vec![None]
            } else {
                w.shifts.iter().copied().map(Some).collect()
            };
            shifts.into_iter().map(move |s| (w, s))
        })
        .collect();
    let mut b = TableBuilder::default();
    b.str("server", rows.iter().map(|x| Some(x.0.server.to_string())))
        .float("start_lat", rows.iter().map(|x| Some(x.0.start.lat)))
        .float("start_lon", rows.iter().map(|x| Some(x.0.start.lon)))
        .float("end_lat", rows.iter().map(|x| Some(x.0.end.lat)))
        .float("end_lon", rows.iter().map(|x| Some(x.0.end.lon)))
        .ts("shift_start", rows.iter().map(|x| x.1.map(|s| s.start)))
        .ts("shift_end", rows.iter().map(|x| x.1.map(|s| s.end)))
        .strs(
            "skills",
            rows.iter()
                .map(|x| x.0.skills.iter().map(|s| s.as_str().to_owned())),
        )
        .int(
            "max_minutes_per_shift",
            rows.iter()
                .map(|x| x.0.max_minutes_per_shift.map(i64::from)),
        )
        .str("mode", rows.iter().map(|x| code(&x.0.mode)));
    b.finish()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(contact_rounds_fn, m)?)?;
    m.add_function(wrap_pyfunction!(contact_visits_fn, m)?)?;
    m.add_function(wrap_pyfunction!(walkers_from_homes_fn, m)?)?;
    Ok(())
}
