//! `Community.match` and `huzhu.Plan`: exact matching with progress and Ctrl-C, explanations.
//!
//! The policy and the context are read by the core (`MatchPolicy::from_value`,
//! `MatchContext::from_value`) from one JSON object each, built from the keyword arguments; the
//! core refuses what it cannot use (an unknown setting, a reliability above 1000) and names it.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDateTime;
use huzhu::matching::gap::GapOptions;
use huzhu::matching::{
    Explanation, Hooks, MatchContext, MatchPlan, MatchPolicy, Matcher, match_with_hours,
};
use huzhu::model::text::format_local_datetime;
use huzhu::model::{Community, HelperId, NeedId};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

use crate::convert::{A_HELPER, A_NEED, datetime_arg, html, id_arg, ser_py, settings, to_json};
use crate::errors::{core_err, guard, type_err};
use crate::plan_tables::{assignments_table, unmatched_table};
use crate::tables::wrap;

/// The keyword arguments of `Community.match`.
pub(crate) struct Args<'a, 'py> {
    pub(crate) now: Option<&'a Bound<'py, PyAny>>,
    pub(crate) policy: Option<&'a Bound<'py, PyAny>>,
    pub(crate) pinned: Option<&'a Bound<'py, PyAny>>,
    pub(crate) committed: Option<&'a Bound<'py, PyAny>>,
    pub(crate) history: Option<&'a Bound<'py, PyAny>>,
    pub(crate) unavailable: Option<&'a Bound<'py, PyAny>>,
    pub(crate) reliability: Option<&'a Bound<'py, PyAny>>,
    pub(crate) hours: bool,
    pub(crate) progress: Option<&'a Bound<'py, PyAny>>,
    pub(crate) kwargs: Option<&'a Bound<'py, PyDict>>,
}

fn some<'a, 'py>(o: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    o.filter(|x| !x.is_none())
}

/// When to match: `now`, or else the latest need's creation time.
pub(crate) fn default_now(c: &Community) -> NaiveDateTime {
    c.needs().map(|n| n.created_at).max().unwrap_or_default()
}

/// The context, read by the core from `{"now", "history", "reliability", "unavailable",
/// "committed"}`. `now` is read first, as an argument of its own.
fn context(c: &Community, a: &Args<'_, '_>) -> PyResult<MatchContext> {
    let now = match some(a.now) {
        Some(n) => datetime_arg(n, "now")?,
        None => default_now(c),
    };
    let mut json = Map::new();
    json.insert("now".into(), Value::String(format_local_datetime(now)));
    for (name, arg) in [
        ("history", a.history),
        ("reliability", a.reliability),
        ("unavailable", a.unavailable),
        ("committed", a.committed),
    ] {
        if let Some(v) = some(arg) {
            json.insert(name.into(), to_json(v, name)?);
        }
    }
    MatchContext::from_value(Value::Object(json)).map_err(core_err)
}

/// The pins `{need: helper}`, read by the core's labels.
fn pins(pinned: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(NeedId, HelperId)>> {
    let Some(p) = some(pinned) else {
        return Ok(Vec::new());
    };
    let d = p
        .cast::<PyDict>()
        .map_err(|_| type_err("pinned", "expected a dict {need: helper}"))?;
    d.iter()
        .map(|(k, v)| {
            Ok((
                id_arg(&k, "pinned", A_NEED)?,
                id_arg(&v, "pinned", A_HELPER)?,
            ))
        })
        .collect()
}

pub(crate) fn run(py: Python<'_>, c: &Arc<Community>, a: &Args<'_, '_>) -> PyResult<PyPlan> {
    let policy =
        MatchPolicy::from_value(settings("policy", some(a.policy), a.kwargs)?).map_err(core_err)?;
    let ctx = context(c, a)?;
    let now = ctx.now;
    let pins = pins(a.pinned)?;
    let progress: Option<Py<PyAny>> = some(a.progress).map(|p| p.clone().unbind());
    let hours = a.hours;
    let community = Arc::clone(c);
    let (plan, matcher) =
        py.detach(move || -> PyResult<(MatchPlan, Option<Matcher<'static>>)> {
            let interrupted: Mutex<Option<PyErr>> = Mutex::new(None);
            let origin = Instant::now();
            let mut clock = || origin.elapsed().as_nanos() as u64;
            let mut report = |phase: &str, done: u64, total: u64| {
                if let Some(cb) = &progress {
                    Python::attach(|py| {
                        if let Err(e) = cb.call1(py, (phase, done, total)) {
                            interrupted.lock().expect("not poisoned").get_or_insert(e);
                        }
                    });
                }
            };
            let mut cancel = || {
                Python::attach(|py| match py.check_signals() {
                    Ok(()) => false,
                    Err(e) => {
                        interrupted.lock().expect("not poisoned").get_or_insert(e);
                        true
                    }
                }) || interrupted.lock().expect("not poisoned").is_some()
            };
            let result = if hours {
                match_with_hours(
                    &community,
                    &policy,
                    &ctx,
                    &GapOptions::default(),
                    &mut cancel,
                )
                .map(|p| (p, None))
            } else {
                let mut hooks = Hooks {
                    clock: Some(&mut clock),
                    progress: Some(&mut report),
                    cancel: Some(&mut cancel),
                };
                (|| {
                    let mut m =
                        Matcher::with_hooks(Arc::clone(&community), policy, ctx, &mut hooks)?;
                    for (n, h) in pins {
                        m.pin(n, h)?;
                    }
                    let plan = m.solve_with(&mut hooks)?;
                    Ok((plan, Some(m)))
                })()
            };
            if let Some(e) = interrupted.lock().expect("not poisoned").take() {
                return Err(e);
            }
            result.map_err(core_err)
        })?;
    Ok(PyPlan {
        plan,
        community: Arc::clone(c),
        matcher: matcher.map(Mutex::new),
        now,
    })
}

/// The result of `Community.match`: assignments, unmatched needs with reasons, explanations.
#[pyclass(frozen, module = "huzhu", name = "Plan")]
pub struct PyPlan {
    pub(crate) plan: MatchPlan,
    pub(crate) community: Arc<Community>,
    pub(crate) matcher: Option<Mutex<Matcher<'static>>>,
    pub(crate) now: NaiveDateTime,
}

#[pymethods]
impl PyPlan {
    /// One row per matched need.
    #[getter]
    fn assignments(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            wrap(
                py,
                py.detach(|| assignments_table(&self.community, &self.plan)),
            )
        })
    }

    /// One row per unmatched need, with the reason.
    #[getter]
    fn unmatched(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            wrap(
                py,
                py.detach(|| unmatched_table(&self.community, &self.plan)),
            )
        })
    }

    /// Total cost of the plan (integer cost units, including penalties for unmatched needs).
    #[getter]
    fn objective(&self) -> i64 {
        self.plan.objective
    }

    /// Whether the plan is proven optimal.
    #[getter]
    fn optimal(&self) -> bool {
        self.plan.optimal
    }

    /// A proven lower bound on the objective (hours mode), else None.
    #[getter]
    fn lower_bound(&self) -> Option<i64> {
        self.plan.lower_bound
    }

    /// Share of the planned needs that were matched.
    #[getter]
    fn match_rate(&self) -> f64 {
        self.plan.match_rate()
    }

    /// The time the plan was made for.
    #[getter]
    fn now(&self) -> NaiveDateTime {
        self.now
    }

    /// Sizes and timings: needs, helpers, candidates, arcs, iterations, solver, nanoseconds.
    #[getter]
    fn stats(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.plan.stats)
    }

    /// Why a need was matched as it was, or why not: the core's explanation (the same JSON on
    /// every surface).
    fn explain(&self, py: Python<'_>, need: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.explanation(py, need)?))
    }

    /// The explanation as one sentence (`need#4 → volunteer#2: score 91/100, …`).
    fn explain_text(&self, py: Python<'_>, need: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(|| Ok(self.explanation(py, need)?.to_string()))
    }

    /// Why `helper` does not serve `need` (or does): `kind` chosen / ruled_out / capped /
    /// costlier and the exact shortfall, as the core writes it.
    fn why_not(
        &self,
        py: Python<'_>,
        need: &Bound<'_, PyAny>,
        helper: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let n: NeedId = id_arg(need, "need", A_NEED)?;
            let h: HelperId = id_arg(helper, "helper", A_HELPER)?;
            let Some(m) = &self.matcher else {
                return Err(crate::errors::MatchError::new_err(
                    "why_not needs a plan from the exact matcher (hours=False)",
                ));
            };
            let m = m.lock().expect("not poisoned");
            let w = py.detach(|| m.why_not(n, h)).map_err(core_err)?;
            ser_py(py, &w)
        })
    }

    /// Checks the plan's optimality from its dual prices (exact matcher only).
    fn verify(&self, py: Python<'_>) -> PyResult<bool> {
        guard(|| match &self.matcher {
            Some(m) => {
                let m = m.lock().expect("not poisoned");
                py.detach(|| m.verify()).map(|()| true).map_err(core_err)
            }
            None => Ok(self.plan.optimal),
        })
    }

    /// Staffing advice: which helpers to recruit, where and when, to serve the most unmet need
    /// of this plan, each piece checked by adding the recruits and re-solving (exact matcher
    /// only). Options: `max_groups` (pieces checked, default 5), `max_recruits` (per piece,
    /// default 5), `minutes_per_week` (a recruit gives, default 240), `max_travel_m` (default
    /// 1200); the core reads and checks them (errors name `advice.<option>`).
    #[pyo3(signature = (**options))]
    fn staffing_advice(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<crate::advice::PyStaffingAdvice> {
        guard(|| crate::advice::advise_plan(py, self, options))
    }

    /// The plan as plain Python values (the core's JSON).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.plan))
    }

    fn __len__(&self) -> usize {
        self.plan.assignments.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<huzhu.Plan: {} matched, {} unmatched ({:.1}%), objective {}{}>",
            self.plan.assignments.len(),
            self.plan.unmatched.len(),
            self.plan.match_rate() * 100.0,
            self.plan.objective,
            if self.plan.optimal { ", optimal" } else { "" }
        )
    }

    fn _repr_html_(&self) -> String {
        use std::fmt::Write as _;
        let p = &self.plan;
        let mut s = format!(
            "<div><b>huzhu.Plan</b> for {} — {} matched, {} unmatched ({:.1}% matched), objective {}{}<br>",
            html(&format_local_datetime(self.now)),
            p.assignments.len(),
            p.unmatched.len(),
            p.match_rate() * 100.0,
            p.objective,
            if p.optimal { " (optimal)" } else { "" }
        );
        s.push_str("<table><tr><th>need</th><th>helper</th><th>start</th><th>distance m</th><th>score</th></tr>");
        for a in p.assignments.iter().take(10) {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                a.need,
                a.helper,
                format_local_datetime(a.start),
                a.distance_m,
                a.score
            );
        }
        if p.assignments.len() > 10 {
            let _ = write!(
                s,
                "<tr><td colspan=5>… {} more</td></tr>",
                p.assignments.len() - 10
            );
        }
        s.push_str("</table></div>");
        s
    }
}

impl PyPlan {
    /// The explanation of a need: the exact matcher's, or (hours mode) the plan's own.
    fn explanation(&self, py: Python<'_>, need: &Bound<'_, PyAny>) -> PyResult<Explanation> {
        let id: NeedId = id_arg(need, "need", A_NEED)?;
        match &self.matcher {
            Some(m) => {
                let m = m.lock().expect("not poisoned");
                py.detach(|| m.explain(id)).map_err(core_err)
            }
            None => self.explain_from_plan(id),
        }
    }

    fn explain_from_plan(&self, id: NeedId) -> PyResult<Explanation> {
        if let Some(a) = self.plan.assignment(id) {
            return Ok(Explanation::Matched {
                need: id,
                helper: a.helper,
                cost: a.cost,
                score: a.score,
                runner_up: None,
                pinned: a.pinned,
            });
        }
        if let Some(u) = self.plan.unmatched_need(id) {
            return Ok(Explanation::Unmatched {
                need: id,
                penalty: u.penalty,
                reason: u.reason.clone(),
            });
        }
        Err(core_err(huzhu::matching::MatchError::UnknownNeed {
            need: id,
        }))
    }
}
