//! `huzhu.care`: the care loop of the planning documents (一人一档, 走访) on a community's care
//! records — contacts due per resident, worker and grid, the week's needs from the service
//! packages, risk flags, latent needs inferred by rules, the identification indicators and
//! the quarterly needs list.
//!
//! The contact policy is read and checked by the core (`ContactPolicy::from_value`, errors
//! naming the setting); latent-need rules are the core's JSON (`default_rules()` gives the
//! defaults to edit), checked by the core against the community; times follow the core's
//! local-time rule.

use std::fmt::Write as _;

use chrono::NaiveDateTime;
use huzhu::care::{
    ContactReport, LatentRule, SURVEY_WINDOW_DAYS, check_rules, contact_schedule, default_rules,
    identification_with, infer_needs, needs_list, package_needs, risk_flags,
};
use huzhu::model::{Community, ContactPolicy, Need, NeedId};
use huzhu::scoring::{Period, visit_schedule};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::care_tables::{
    by_grid_table, by_worker_table, due_table, findings_table, identification_table,
    needs_list_table, risk_table,
};
use crate::community::PyCommunity;
use crate::convert::{date_arg, datetime_arg, html, ser_py, settings, to_json};
use crate::errors::{core_err, guard, int_arg};
use crate::evidence::PyEvidence;
use crate::records_out::needs_rows_table;
use crate::tables::wrap;

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn some<'a, 'py>(o: Opt<'a, 'py>) -> Opt<'a, 'py> {
    o.filter(|x| !x.is_none())
}

/// The contact policy, read and checked by the core from `policy` and the keyword arguments
/// (defaults for what is left out, unknown settings refused, errors naming the setting).
pub(crate) fn contact_policy(
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<ContactPolicy> {
    let value = settings("policy", some(policy), kwargs)?;
    ContactPolicy::from_value(value).map_err(core_err)
}

/// The rounds as of `now`: the community's contact log, and the visits of `evidence` if given.
fn rounds(
    c: &Community,
    evidence: Option<&PyEvidence>,
    now: NaiveDateTime,
    policy: &ContactPolicy,
) -> ContactReport {
    match evidence {
        Some(e) => visit_schedule(c, &e.inner.visits, now, policy),
        None => contact_schedule(c, &[], now, policy),
    }
}

/// The first id after the community's needs (1 when it has none).
fn next_need_id(c: &Community) -> NeedId {
    NeedId(
        c.needs()
            .map(|n| n.id.0)
            .max()
            .map_or(1, |m| m.saturating_add(1)),
    )
}

fn first_id_arg(c: &Community, first_id: Opt<'_, '_>) -> PyResult<NeedId> {
    some(first_id).map_or(Ok(next_need_id(c)), |f| {
        crate::convert::id_arg(f, "first_id", crate::convert::A_NEED)
    })
}

/// Who is due or overdue a visit or call as of `now`: residents with an open care file and
/// residents living alone at the policy's age, against the contact log (and the visits of
/// `evidence`, when given).
#[pyfunction]
#[pyo3(name = "contact_schedule", signature = (community, *, now, evidence=None, policy=None, **kwargs))]
fn contact_schedule_fn(
    py: Python<'_>,
    community: &PyCommunity,
    now: &Bound<'_, PyAny>,
    evidence: Option<&PyEvidence>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyContactSchedule> {
    guard(|| {
        let now = datetime_arg(now, "now")?;
        let p = contact_policy(policy, kwargs)?;
        let c = &community.inner;
        let report = py.detach(|| rounds(c, evidence, now, &p));
        Ok(PyContactSchedule {
            community: std::sync::Arc::clone(c),
            inner: report,
        })
    })
}

/// The needs the open care files' service packages ask for in the week from `week_start`
/// (7 days), numbered from `first_id` (default: after the community's needs): a table in the
/// columns of `Community.needs`, ready for `Community.with_tables(needs=…)` and the matcher.
#[pyfunction]
#[pyo3(name = "package_needs", signature = (community, *, week_start, first_id=None))]
fn package_needs_fn(
    py: Python<'_>,
    community: &PyCommunity,
    week_start: &Bound<'_, PyAny>,
    first_id: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let week = date_arg(week_start, "week_start")?;
        let c = &community.inner;
        let first = first_id_arg(c, first_id)?;
        let needs = py.detach(|| package_needs(c, week, first));
        wrap(py, needs_rows_table(c, &needs.iter().collect::<Vec<_>>()))
    })
}

/// Risk flags of the open care files at `now`: missed contacts, needs unserved past their
/// deadline, self-care worse than assessed — each with its reason.
#[pyfunction]
#[pyo3(name = "risk_flags", signature = (community, *, now, evidence=None, policy=None, **kwargs))]
fn risk_flags_fn(
    py: Python<'_>,
    community: &PyCommunity,
    now: &Bound<'_, PyAny>,
    evidence: Option<&PyEvidence>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let now = datetime_arg(now, "now")?;
        let p = contact_policy(policy, kwargs)?;
        let c = &community.inner;
        let flags = py.detach(|| risk_flags(c, &rounds(c, evidence, now, &p), now));
        wrap(py, risk_table(&flags))
    })
}

/// The default latent-need rules, in the core's JSON (a list of dicts to edit and pass back as
/// `rules=`).
#[pyfunction]
#[pyo3(name = "default_rules")]
fn default_rules_fn(py: Python<'_>) -> PyResult<Py<PyAny>> {
    guard(|| ser_py(py, &default_rules()))
}

/// Latent-need rules from `rules`: None for the defaults, a list of dicts or JSON text in the
/// core's shape (read by the core; errors name the path, `rules[0].lacking.days`).
fn rules_arg(rules: Opt<'_, '_>) -> PyResult<Vec<LatentRule>> {
    match some(rules) {
        None => Ok(default_rules()),
        Some(r) => match r.cast::<PyString>() {
            Ok(text) => huzhu::model::json::from_str(text.to_str()?, "rules").map_err(core_err),
            Err(_) => {
                huzhu::model::json::from_value(to_json(r, "rules")?, "rules").map_err(core_err)
            }
        },
    }
}

/// The needs the latent-need rules infer at `now` (the defaults, or `rules`): one row per
/// finding with its rule, the facts that made it fire and the core's sentence.
#[pyfunction]
#[pyo3(name = "infer_needs", signature = (community, *, now, rules=None))]
fn infer_needs_fn(
    py: Python<'_>,
    community: &PyCommunity,
    now: &Bound<'_, PyAny>,
    rules: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let now = datetime_arg(now, "now")?;
        let rules = rules_arg(rules)?;
        let c = &community.inner;
        check_rules(c, &rules).map_err(core_err)?;
        let found = py.detach(|| infer_needs(c, now, &rules));
        wrap(py, findings_table(c, &found))
    })
}

/// The inferred needs as needs to record (latent, intake channel `inferred`, naming their rule),
/// created at `now` with a window of `days` days, numbered from `first_id` (default: after the
/// community's needs): a table in the columns of `Community.needs`.
#[pyfunction]
#[pyo3(name = "inferred_needs", signature = (community, *, now, rules=None, first_id=None, days=None))]
fn inferred_needs_fn(
    py: Python<'_>,
    community: &PyCommunity,
    now: &Bound<'_, PyAny>,
    rules: Opt<'_, '_>,
    first_id: Opt<'_, '_>,
    days: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let now = datetime_arg(now, "now")?;
        let rules = rules_arg(rules)?;
        let days: u32 = some(days).map_or(Ok(7), |d| int_arg(d, "days"))?;
        let c = &community.inner;
        let first = first_id_arg(c, first_id)?;
        check_rules(c, &rules).map_err(core_err)?;
        let needs: Vec<Need> = py.detach(|| {
            infer_needs(c, now, &rules)
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let id = u32::try_from(i).map_or(u32::MAX, |i| first.0.saturating_add(i));
                    f.to_need(NeedId(id), now, days)
                })
                .collect()
        });
        wrap(py, needs_rows_table(c, &needs.iter().collect::<Vec<_>>()))
    })
}

/// The identification indicators of the period `[start, end)`: accuracy of inferred needs
/// (confirmed of decided), personalised services (package needs of all needs), survey
/// coverage (residents with a needs survey in the `survey_window_days` days ending with the
/// period, default the core's 365, of all residents) — one row each.
#[pyfunction]
#[pyo3(name = "identification", signature = (community, *, start, end, survey_window_days=None))]
fn identification_fn(
    py: Python<'_>,
    community: &PyCommunity,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    survey_window_days: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let period =
            Period::new(date_arg(start, "start")?, date_arg(end, "end")?).map_err(core_err)?;
        let window: u32 = some(survey_window_days)
            .map_or(Ok(SURVEY_WINDOW_DAYS), |d| int_arg(d, "survey_window_days"))?;
        let r = py.detach(|| identification_with(&community.inner, period, window));
        wrap(py, identification_table(&r))
    })
}

/// The needs list (需求清单) by quarter, grid and category: needs by kind, served and pending.
#[pyfunction]
#[pyo3(name = "needs_list")]
fn needs_list_fn(py: Python<'_>, community: &PyCommunity) -> PyResult<Py<PyAny>> {
    guard(|| {
        let c = &community.inner;
        let rows = py.detach(|| needs_list(c));
        wrap(py, needs_list_table(c, &rows))
    })
}

/// The rounds as of one day: contacts due and overdue per resident (`due`), per worker
/// (`by_worker`) and per grid (`by_grid`).
#[pyclass(frozen, module = "huzhu", name = "ContactSchedule")]
pub struct PyContactSchedule {
    community: std::sync::Arc<Community>,
    pub(crate) inner: ContactReport,
}

#[pymethods]
impl PyContactSchedule {
    /// The day judged.
    #[getter]
    fn today(&self) -> chrono::NaiveDate {
        self.inner.today
    }
    /// Residents on the rounds.
    #[getter]
    fn in_scope(&self) -> u32 {
        self.inner.in_scope
    }
    /// Of those, residents with nothing overdue.
    #[getter]
    fn on_schedule(&self) -> u32 {
        self.inner.on_schedule
    }
    /// `on_schedule / in_scope` (None when nobody is on the rounds).
    #[getter]
    fn share_on_schedule(&self) -> Option<f64> {
        self.inner.share_on_schedule
    }
    /// Contacts due or overdue: one row per resident and kind (visit, phone).
    #[getter]
    fn due(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, due_table(&self.inner)))
    }
    /// Residents, due and overdue contacts per responsible worker.
    #[getter]
    fn by_worker(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, by_worker_table(&self.community, &self.inner)))
    }
    /// Residents, due and overdue contacts per grid cell.
    #[getter]
    fn by_grid(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, by_grid_table(&self.inner)))
    }
    /// The report in the core's JSON.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner))
    }
    fn __repr__(&self) -> String {
        let r = &self.inner;
        let overdue = r
            .due
            .iter()
            .filter(|d| d.status == huzhu::care::DueStatus::Overdue)
            .count();
        format!(
            "<huzhu.ContactSchedule {}: {} on the rounds, {} on schedule, {} contacts due, {} overdue>",
            r.today,
            r.in_scope,
            r.on_schedule,
            r.due.len() - overdue,
            overdue
        )
    }
    fn _repr_html_(&self) -> String {
        let r = &self.inner;
        let mut h = format!(
            "<div><b>Contact schedule 走访计划</b> {}<br>{} on the rounds, {} on schedule<table><tr><th>worker</th><th>residents</th><th>due</th><th>overdue</th></tr>",
            r.today, r.in_scope, r.on_schedule
        );
        for (w, c) in &r.by_worker {
            let name = self
                .community
                .worker(*w)
                .map_or_else(|| w.to_string(), |x| x.name.clone());
            let _ = write!(
                h,
                "<tr><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td></tr>",
                html(&name),
                c.residents,
                c.due,
                c.overdue
            );
        }
        h.push_str("</table></div>");
        h
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyContactSchedule>()?;
    m.add_function(wrap_pyfunction!(contact_schedule_fn, m)?)?;
    m.add_function(wrap_pyfunction!(package_needs_fn, m)?)?;
    m.add_function(wrap_pyfunction!(risk_flags_fn, m)?)?;
    m.add_function(wrap_pyfunction!(default_rules_fn, m)?)?;
    m.add_function(wrap_pyfunction!(infer_needs_fn, m)?)?;
    m.add_function(wrap_pyfunction!(inferred_needs_fn, m)?)?;
    m.add_function(wrap_pyfunction!(identification_fn, m)?)?;
    m.add_function(wrap_pyfunction!(needs_list_fn, m)?)?;
    Ok(())
}
