//! `Community.match` and `huzhu.Plan`: exact matching with progress, Ctrl-C, explanations.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDateTime;
use huzhu::matching::gap::GapOptions;
use huzhu::matching::{
    Explanation, Hooks, MatchContext, MatchPlan, MatchPolicy, Matcher, UnmatchedReason,
    match_with_hours,
};
use huzhu::model::{Community, HelperId, NeedId, ResidentId};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;

use crate::convert::{
    datetime, helper_id, helper_parts, html, need_id, policy_from, ser_py, to_py,
};
use crate::errors::{argument_err, guard, match_err};
use crate::tables::{TableBuilder, wrap};

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

fn context(c: &Community, a: &Args<'_, '_>) -> PyResult<MatchContext> {
    let now = some(a.now)
        .map_or_else(|| Ok(default_now(c)), datetime)
        .map_err(|e| argument_err("now", e))?;
    let mut ctx = MatchContext::new(now);
    if let Some(d) = some(a.committed) {
        for (k, v) in d.cast::<PyDict>()?.iter() {
            ctx.committed.insert(
                helper_id(&k).map_err(|e| argument_err("committed", e))?,
                v.extract().map_err(|e| argument_err("committed", e))?,
            );
        }
    }
    if let Some(d) = some(a.reliability) {
        for (k, v) in d.cast::<PyDict>()?.iter() {
            ctx.reliability.insert(
                helper_id(&k).map_err(|e| argument_err("reliability", e))?,
                v.extract().map_err(|e| argument_err("reliability", e))?,
            );
        }
    }
    if let Some(l) = some(a.history) {
        for item in l.try_iter()? {
            let (r, h): (u32, Bound<'_, PyAny>) = item?.extract()?;
            ctx.history.insert((
                ResidentId(r),
                helper_id(&h).map_err(|e| argument_err("history", e))?,
            ));
        }
    }
    if let Some(l) = some(a.unavailable) {
        for item in l.try_iter()? {
            ctx.unavailable
                .insert(helper_id(&item?).map_err(|e| argument_err("unavailable", e))?);
        }
    }
    Ok(ctx)
}

pub(crate) fn run(py: Python<'_>, c: &Arc<Community>, a: &Args<'_, '_>) -> PyResult<PyPlan> {
    let policy = policy_from(
        "match policy",
        &MatchPolicy::default(),
        some(a.policy),
        a.kwargs,
    )?;
    let ctx = context(c, a)?;
    let now = ctx.now;
    let mut pins = Vec::new();
    if let Some(d) = some(a.pinned) {
        for (k, v) in d.cast::<PyDict>()?.iter() {
            let pinned = |e| argument_err("pinned", e);
            pins.push((need_id(&k).map_err(pinned)?, helper_id(&v).map_err(pinned)?));
        }
    }
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
            result.map_err(|e| match_err(&e))
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
    matcher: Option<Mutex<Matcher<'static>>>,
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

    /// Why a need was matched as it was, or why not: a dict (see the README).
    fn explain(&self, py: Python<'_>, need: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let id = need_id(need).map_err(|e| argument_err("need", e))?;
            let e = match &self.matcher {
                Some(m) => {
                    let m = m.lock().expect("not poisoned");
                    py.detach(|| m.explain(id)).map_err(|e| match_err(&e))?
                }
                None => self.explain_from_plan(id)?,
            };
            let json = serde_json::to_value(&e)
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let text = explanation_text(&e);
            let obj = to_py(py, &json)?;
            obj.bind(py).set_item("text", text)?;
            Ok(obj)
        })
    }

    /// Why `helper` does not serve `need` (or does): a dict with `kind` chosen / ruled_out /
    /// capped / costlier and the exact shortfall.
    fn why_not(
        &self,
        py: Python<'_>,
        need: &Bound<'_, PyAny>,
        helper: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let n = need_id(need).map_err(|e| argument_err("need", e))?;
            let h = helper_id(helper).map_err(|e| argument_err("helper", e))?;
            let Some(m) = &self.matcher else {
                return Err(crate::errors::MatchError::new_err(
                    "why_not needs a plan from the exact matcher (hours=False)",
                ));
            };
            let m = m.lock().expect("not poisoned");
            let w = py.detach(|| m.why_not(n, h)).map_err(|e| match_err(&e))?;
            ser_py(py, &w)
        })
    }

    /// Checks the plan's optimality from its dual prices (exact matcher only).
    fn verify(&self, py: Python<'_>) -> PyResult<bool> {
        guard(|| match &self.matcher {
            Some(m) => {
                let m = m.lock().expect("not poisoned");
                py.detach(|| m.verify())
                    .map(|()| true)
                    .map_err(|e| crate::errors::MatchError::new_err(e.to_string()))
            }
            None => Ok(self.plan.optimal),
        })
    }

    /// The plan as plain Python values (JSON-like).
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
        let p = &self.plan;
        let mut s = format!(
            "<div><b>huzhu.Plan</b> for {} — {} matched, {} unmatched ({:.1}% matched), objective {}{}<br>",
            html(&self.now.to_string()),
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
                a.need, a.helper, a.start, a.distance_m, a.score
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
        Err(match_err(&huzhu::matching::MatchError::UnknownNeed {
            need: id,
        }))
    }
}

fn explanation_text(e: &Explanation) -> String {
    match e {
        Explanation::Matched {
            need,
            helper,
            cost,
            score,
            runner_up,
            pinned,
        } => {
            let mut s = format!(
                "{need} → {helper}: score {score}/100, cost {} (travel {}, delay {}, late {}, fee {}, reliability {}, skill fit {}, preferences {}, continuity −{})",
                cost.total,
                cost.travel,
                cost.delay,
                cost.late,
                cost.fee,
                cost.reliability,
                cost.skill_fit,
                cost.preferences,
                cost.continuity
            );
            if *pinned {
                s.push_str("; pinned");
            }
            if let Some((other, rc)) = runner_up {
                let _ = write!(s, "; runner-up {other} would have to be {rc} cheaper");
            }
            s
        }
        Explanation::Unmatched { need, reason, .. } => match reason {
            UnmatchedReason::NoCandidate { summary, .. } => {
                format!("{need}: no candidate: {summary}")
            }
            UnmatchedReason::Outcompeted {
                closest,
                shortfall,
                taken_by,
                ..
            } => format!(
                "{need}: outcompeted; {closest} would have to be {shortfall} cheaper; its capacity went to {}",
                taken_by
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            UnmatchedReason::Unserved {
                closest, taken_by, ..
            } => format!(
                "{need}: unserved; closest {closest} is taken by {}",
                taken_by
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    }
}

fn helper_point(c: &Community, h: HelperId) -> Option<huzhu::model::GeoPoint> {
    match h {
        HelperId::Volunteer(v) => c.volunteer(v).map(|v| v.home),
        HelperId::Service(s) => c.service(s).map(|s| s.location),
    }
}

pub(crate) fn assignments_table(c: &Community, p: &MatchPlan) -> PyTable {
    let a = &p.assignments;
    let need = |id: NeedId| c.need(id);
    let mut b = TableBuilder::default();
    b.int("need", a.iter().map(|x| Some(i64::from(x.need.0))))
        .int(
            "resident",
            a.iter()
                .map(|x| need(x.need).map(|n| i64::from(n.resident.0))),
        )
        .str(
            "category",
            a.iter()
                .map(|x| need(x.need).map(|n| n.category.as_str().to_owned())),
        )
        .int(
            "grid",
            a.iter().map(|x| {
                need(x.need)
                    .and_then(|n| c.resident(n.resident))
                    .map(|r| i64::from(r.grid.0))
            }),
        )
        .str("helper", a.iter().map(|x| Some(x.helper.to_string())))
        .str(
            "helper_kind",
            a.iter().map(|x| Some(helper_parts(x.helper).0)),
        )
        .int(
            "helper_id",
            a.iter().map(|x| Some(i64::from(helper_parts(x.helper).1))),
        )
        .ts("start", a.iter().map(|x| Some(x.start)))
        .int(
            "distance_m",
            a.iter().map(|x| Some(i64::from(x.distance_m))),
        )
        .int("cost", a.iter().map(|x| Some(x.cost.total)))
        .int("cost_travel", a.iter().map(|x| Some(x.cost.travel)))
        .int("cost_delay", a.iter().map(|x| Some(x.cost.delay)))
        .int("cost_late", a.iter().map(|x| Some(x.cost.late)))
        .int("cost_fee", a.iter().map(|x| Some(x.cost.fee)))
        .int(
            "cost_reliability",
            a.iter().map(|x| Some(x.cost.reliability)),
        )
        .int("cost_skill_fit", a.iter().map(|x| Some(x.cost.skill_fit)))
        .int(
            "cost_preferences",
            a.iter().map(|x| Some(x.cost.preferences)),
        )
        .int("cost_continuity", a.iter().map(|x| Some(x.cost.continuity)))
        .int("load_cost", a.iter().map(|x| Some(x.load_cost)))
        .int("score", a.iter().map(|x| Some(i64::from(x.score))))
        .bool("pinned", a.iter().map(|x| Some(x.pinned)))
        .float(
            "need_lat",
            a.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lat)),
        )
        .float(
            "need_lon",
            a.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lon)),
        )
        .float(
            "helper_lat",
            a.iter().map(|x| helper_point(c, x.helper).map(|p| p.lat)),
        )
        .float(
            "helper_lon",
            a.iter().map(|x| helper_point(c, x.helper).map(|p| p.lon)),
        );
    b.finish()
}

pub(crate) fn unmatched_table(c: &Community, p: &MatchPlan) -> PyTable {
    let u = &p.unmatched;
    let need = |id: NeedId| c.need(id);
    let reason = |r: &UnmatchedReason| match r {
        UnmatchedReason::NoCandidate { .. } => "no_candidate",
        UnmatchedReason::Outcompeted { .. } => "outcompeted",
        UnmatchedReason::Unserved { .. } => "unserved",
    };
    let closest = |r: &UnmatchedReason| match r {
        UnmatchedReason::NoCandidate { .. } => None,
        UnmatchedReason::Outcompeted { closest, .. }
        | UnmatchedReason::Unserved { closest, .. } => Some(closest.to_string()),
    };
    let mut b = TableBuilder::default();
    b.int("need", u.iter().map(|x| Some(i64::from(x.need.0))))
        .int(
            "resident",
            u.iter()
                .map(|x| need(x.need).map(|n| i64::from(n.resident.0))),
        )
        .str(
            "category",
            u.iter()
                .map(|x| need(x.need).map(|n| n.category.as_str().to_owned())),
        )
        .int(
            "grid",
            u.iter().map(|x| {
                need(x.need)
                    .and_then(|n| c.resident(n.resident))
                    .map(|r| i64::from(r.grid.0))
            }),
        )
        .str(
            "urgency",
            u.iter().map(|x| {
                need(x.need).map(|n| match serde_json::to_value(n.urgency) {
                    Ok(serde_json::Value::String(s)) => s,
                    _ => String::new(),
                })
            }),
        )
        .int("penalty", u.iter().map(|x| Some(x.penalty)))
        .str("reason", u.iter().map(|x| Some(reason(&x.reason))))
        .str(
            "summary",
            u.iter().map(|x| {
                Some(explanation_text(&Explanation::Unmatched {
                    need: x.need,
                    penalty: x.penalty,
                    reason: x.reason.clone(),
                }))
            }),
        )
        .str("closest", u.iter().map(|x| closest(&x.reason)))
        .int(
            "shortfall",
            u.iter().map(|x| match &x.reason {
                UnmatchedReason::Outcompeted { shortfall, .. } => Some(*shortfall),
                _ => None,
            }),
        )
        .strs(
            "taken_by",
            u.iter().map(|x| match &x.reason {
                UnmatchedReason::Outcompeted { taken_by, .. }
                | UnmatchedReason::Unserved { taken_by, .. } => {
                    taken_by.iter().map(|n| n.0.to_string()).collect::<Vec<_>>()
                }
                UnmatchedReason::NoCandidate { .. } => Vec::new(),
            }),
        )
        .float(
            "need_lat",
            u.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lat)),
        )
        .float(
            "need_lon",
            u.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lon)),
        );
    b.finish()
}
