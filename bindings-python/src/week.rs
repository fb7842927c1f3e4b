//! `huzhu.plan_week` and `huzhu.Week`: a week of visit rounds planned day by day so each
//! resident's contact interval holds (`huzhu::routing::plan_week`), within servers' weekly
//! minutes shared with the matcher.
//!
//! The contact rounds and servers are tables or the core's JSON (`rounds_records`); the budgets
//! are the core's JSON map `{server label: minutes}`; the policy is the core's `WeekPolicy`
//! (`early_days`, `rounds`: the `RoundsPolicy`), read by the core's JSON reader from `policy`
//! and the keyword arguments and checked by `plan_week` itself. Each day's plan is a
//! `huzhu.Rounds` (its tables, GeoJSON and map work per day); the week's visits handed back to
//! the matcher are `Week.committed_tasks`, in the form `Community.match(committed=…)` reads.
//! The planning runs without the GIL; errors carry the core's code, record and field.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;
use huzhu::matching::MatchPolicy;
use huzhu::routing::{RoundVisit, RoundWorker, Server, Week, WeekPolicy, plan_week};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::PyTable;

use crate::convert::{core_json, date_arg, html, ser_py, settings};
use crate::errors::{core_err, guard, int_arg, settings_err, type_err};
use crate::rounds::PyRounds;
use crate::rounds_records::{plans_arg, workers_arg};
use crate::tables::{TableBuilder, wrap};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn some<'a, 'py>(o: Opt<'a, 'py>) -> Opt<'a, 'py> {
    o.filter(|x| !x.is_none())
}

/// The week's policy: `policy` (a dict, or None) overlaid with the keyword arguments
/// (`early_days`, `rounds`), read by the core; the rounds settings are checked by `plan_week`
/// (record `rounds policy`).
fn policy_arg(policy: Opt<'_, '_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<WeekPolicy> {
    let value = settings("policy", some(policy), kwargs)?;
    huzhu::model::json::from_value(value, "").map_err(|e| settings_err(&e, "week policy", "policy"))
}

/// Servers' minutes for the week: a dict `{server: minutes}` read by the core (labels
/// `volunteer#7`, or pairs `("volunteer", 7)`); None for no limits.
fn budgets_arg(budgets: Opt<'_, '_>) -> PyResult<BTreeMap<Server, u32>> {
    match some(budgets) {
        None => Ok(BTreeMap::new()),
        Some(b) if b.is_instance_of::<PyDict>() => core_json(b, "budgets"),
        Some(b) => Err(type_err(
            "budgets",
            format!(
                "expected a dict {{server: minutes}} such as {{\"volunteer#7\": 70}}, got {}",
                b.get_type().name()?
            ),
        )),
    }
}

/// Plans a week of visit rounds, day by day, so that each resident's contact interval holds
/// where the shifts allow it: each working day (a day some shift starts on, from `start`
/// through `through`) makes the visits that cannot wait for a later working day (overdue ones
/// first, as `special_group`), then, at the lowest priority, visits due within `early_days`
/// working days when making them early adds no visit to the week. A visit made resets its
/// resident's clock.
///
/// `plans` are contact rounds: a table (a visit's columns as for `plan_rounds`, `every_days`,
/// `last`) or the core's JSON (`{"visit": {…}, "every_days": 7, "last": "2026-12-04"}`), e.g.
/// from `contact_rounds`. `workers` as for `plan_rounds`. `budgets` gives servers' minutes for
/// the week (what the matcher leaves of a volunteer's hours), `{"volunteer#7": 70}`: a
/// budgeted server's shifts on a day share what is left of it; servers not listed have no
/// limit. Policy settings, as `policy={…}` or keywords: `early_days` (1), `rounds` (the
/// settings of each day's `plan_rounds`).
#[pyfunction]
#[pyo3(name = "plan_week", signature = (plans, workers, *, start, through, budgets=None, policy=None, **kwargs))]
#[allow(clippy::too_many_arguments)]
fn plan_week_fn(
    py: Python<'_>,
    plans: &Bound<'_, PyAny>,
    workers: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    through: &Bound<'_, PyAny>,
    budgets: Opt<'_, '_>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyWeek> {
    guard(|| {
        let policy = policy_arg(policy, kwargs)?;
        let plans = plans_arg(plans)?;
        let workers = workers_arg(workers)?;
        let start = date_arg(start, "start")?;
        let through = date_arg(through, "through")?;
        let budgets = budgets_arg(budgets)?;
        let week = py
            .detach(|| plan_week(&plans, &workers, &budgets, start..=through, &policy))
            .map_err(core_err)?;
        Ok(PyWeek {
            inner: week,
            start,
            through,
            visits: Arc::new(plans.into_iter().map(|p| p.visit).collect()),
            workers: Arc::new(workers),
            policy,
        })
    })
}

/// A week of visit rounds: each working day's `Rounds` (`days`), how each resident's contact
/// interval went (`contacts`), and the minutes worked, to hand back to the matcher.
#[pyclass(frozen, module = "huzhu", name = "Week")]
pub struct PyWeek {
    inner: Week,
    start: NaiveDate,
    through: NaiveDate,
    /// The contact rounds' visits and the servers (for each day's places and GeoJSON).
    visits: Arc<Vec<RoundVisit>>,
    workers: Arc<Vec<RoundWorker>>,
    policy: WeekPolicy,
}

/// One row per contact round: visit, made (the days it is made on), overdue_days (the days
/// more than the interval had passed since the last visit), next_due (the last day for the
/// next visit), kept (no overdue day).
fn contacts_table(week: &Week) -> PyTable {
    let c = &week.contacts;
    let mut b = TableBuilder::default();
    b.int("visit", c.iter().map(|x| Some(i64::from(x.visit))))
        .dates("made", c.iter().map(|x| x.made.iter().copied()))
        .dates(
            "overdue_days",
            c.iter().map(|x| x.overdue_days.iter().copied()),
        )
        .date("next_due", c.iter().map(|x| Some(x.next_due)))
        .bool("kept", c.iter().map(|x| Some(x.overdue_days.is_empty())));
    b.finish()
}

#[pymethods]
impl PyWeek {
    /// The week's first day.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.start
    }

    /// The week's last day.
    #[getter]
    fn through(&self) -> NaiveDate {
        self.through
    }

    /// Each working day's rounds, in date order: `DayRounds(date, plan)`, `plan` a
    /// `huzhu.Rounds` (a round's `shift` counts the server's shifts in the week's list).
    #[getter]
    fn days(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        guard(|| {
            let day = py.import("huzhu.routing")?.getattr("DayRounds")?;
            let items = self
                .inner
                .days
                .iter()
                .map(|d| {
                    let plan = PyRounds::new(
                        d.plan.clone(),
                        Arc::clone(&self.visits),
                        Arc::clone(&self.workers),
                        self.policy.rounds.clone(),
                    );
                    day.call1((d.date, plan))
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.unbind())
        })
    }

    /// One row per contact round: visit, made (list of dates), overdue_days (list of dates),
    /// next_due, kept.
    #[getter]
    fn contacts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, contacts_table(&self.inner)))
    }

    /// Contact rounds whose interval holds every day of the week.
    #[getter]
    fn kept(&self) -> u32 {
        self.inner.kept
    }

    /// Minutes each server works on its rounds (from setting out to coming back), by label.
    #[getter]
    fn minutes_worked(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner.minutes_worked))
    }

    /// Minutes travelling in all.
    #[getter]
    fn travel_minutes(&self) -> u32 {
        self.inner.travel_minutes
    }

    /// The policy the week was planned with (the core's JSON, every setting).
    #[getter]
    fn policy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.policy))
    }

    /// The volunteers' rounds as matcher tasks (their minutes over `nominal_task_minutes`,
    /// rounded up; default the match policy's, 60): `{"volunteer#7": 1}`, for
    /// `Community.match(committed=…)`, so that the matcher's weekly hours count them. Workers
    /// have no matcher budget and are left out.
    #[pyo3(signature = (nominal_task_minutes=None))]
    fn committed_tasks(
        &self,
        py: Python<'_>,
        nominal_task_minutes: Opt<'_, '_>,
    ) -> PyResult<Py<PyDict>> {
        guard(|| {
            let nominal = match some(nominal_task_minutes) {
                Some(n) => int_arg(n, "nominal_task_minutes")?,
                None => MatchPolicy::default().nominal_task_minutes,
            };
            let out = PyDict::new(py);
            for (helper, tasks) in self.inner.committed_tasks(nominal) {
                out.set_item(helper.to_string(), tasks)?;
            }
            Ok(out.unbind())
        })
    }

    /// The week in the core's JSON (`days`, `contacts`, `kept`, `minutes_worked`,
    /// `travel_minutes`), as Python values.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner))
    }

    /// The week in the core's JSON, as text.
    fn to_json(&self) -> PyResult<String> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
        })
    }

    fn __repr__(&self) -> String {
        let w = &self.inner;
        let worked: u32 = w.minutes_worked.values().sum();
        format!(
            "<huzhu.Week {} to {}: {} working days, {} of {} contact intervals kept, {} minutes worked, {} minutes travelling>",
            self.start,
            self.through,
            w.days.len(),
            w.kept,
            w.contacts.len(),
            worked,
            w.travel_minutes
        )
    }

    fn _repr_html_(&self) -> String {
        let w = &self.inner;
        let mut h = format!(
            "<div><b>huzhu.Week</b> {} to {} — {} of {} contact intervals kept, {} minutes travelling<table><tr><th>date</th><th>rounds</th><th>visits</th><th>unplanned</th><th>travel min</th></tr>",
            self.start,
            self.through,
            w.kept,
            w.contacts.len(),
            w.travel_minutes
        );
        for d in &w.days {
            let visits: usize = d.plan.rounds.iter().map(|r| r.stops.len()).sum();
            let _ = write!(
                h,
                "<tr><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td></tr>",
                html(&d.date.to_string()),
                d.plan.rounds.len(),
                visits,
                d.plan.unplanned.len(),
                d.plan.travel_minutes
            );
        }
        h.push_str("</table></div>");
        h
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyWeek>()?;
    m.add_function(wrap_pyfunction!(plan_week_fn, m)?)?;
    Ok(())
}
