//! `huzhu.scoring`: evidence (service records, surveys, care records, visits), the scorecard and
//! each indicator as a table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Duration;
use huzhu::model::{NeedId, ResidentId};
use huzhu::scoring::{
    CareRecord, CoverageReport, Dimension, Indicator, Period, QualityAlert, ResponseReport,
    SatisfactionReport, Scope, Scorecard, ScoringInputs, ScoringPolicy, ServiceIndex,
    ServiceRecord, ServiceRecordId, SimulationParams, StaffCounts, StaffingReport, SurveyId,
    SurveyResponse, TimeBankPeriod, VisitLog, VisitReport, assignments_from_plan, circle_coverage,
    composite_index, quality_alerts, response_times, satisfaction, simulate, staffing,
    time_bank_from_ledger, visit_schedule,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;

use crate::community::PyCommunity;
use crate::convert::{date, datetime, helper_id, html, policy_from, ser_py};
use crate::errors::{CellError, guard, int_arg, scoring_err};
use crate::ledger::PyLedger;
use crate::matching::PyPlan;
use crate::tables::{Col, Frame, TableBuilder, table_arg, wrap};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn some<'a, 'py>(o: Opt<'a, 'py>) -> Opt<'a, 'py> {
    o.filter(|x| !x.is_none())
}

/// What happened: service records, satisfaction surveys, care records, visit logs (and the
/// time bank's period summary when simulated).
#[pyclass(frozen, module = "huzhu", name = "Evidence")]
pub struct PyEvidence {
    records: Vec<ServiceRecord>,
    surveys: Vec<SurveyResponse>,
    care_records: Vec<CareRecord>,
    visits: Vec<VisitLog>,
    time_bank: Option<TimeBankPeriod>,
}

fn frame(name: &'static str, o: Opt<'_, '_>) -> PyResult<Option<Frame>> {
    some(o).map(|o| Frame::new(name, table_arg(o)?)).transpose()
}

fn helper_cell(f: &Frame, col: &Col, row: usize) -> PyResult<huzhu::model::HelperId> {
    let s = col.req(row, Col::string)?;
    Python::attach(|py| helper_id(&pyo3::types::PyString::new(py, &s).into_any()))
        .map_err(|e| CellError::new(f.table, Some(row), Some("helper"), None, e.to_string()).into())
}

#[pymethods]
impl PyEvidence {
    /// Evidence from tables. `records`: id, need, helper ("volunteer#3"), started, finished,
    /// outcome (done / no_show / cancelled). `surveys`: id, respondent, helper, need,
    /// period_start, period_end and one column per dimension (content, efficiency, attitude,
    /// sustainability, innovation) holding 1–5. `care_records`: resident, opened, closed.
    /// `visits`: resident, at, kind (home / phone).
    #[staticmethod]
    #[pyo3(signature = (records=None, surveys=None, care_records=None, visits=None))]
    fn from_tables(
        records: Opt<'_, '_>,
        surveys: Opt<'_, '_>,
        care_records: Opt<'_, '_>,
        visits: Opt<'_, '_>,
    ) -> PyResult<Self> {
        guard(|| {
            let mut ev = Self {
                records: Vec::new(),
                surveys: Vec::new(),
                care_records: Vec::new(),
                visits: Vec::new(),
                time_bank: None,
            };
            if let Some(f) = frame("records", records)? {
                let (id, need, helper, started, finished, outcome) = (
                    f.col("id")?,
                    f.col("need")?,
                    f.col("helper")?,
                    f.col("started")?,
                    f.col("finished")?,
                    f.col("outcome")?,
                );
                for row in 0..f.rows {
                    ev.records.push(ServiceRecord {
                        id: ServiceRecordId(id.req(row, Col::u32)?),
                        need: NeedId(need.req(row, Col::u32)?),
                        helper: helper_cell(&f, &helper, row)?,
                        started: started.req(row, Col::datetime)?,
                        finished: finished.req(row, Col::datetime)?,
                        outcome: outcome.code(row)?.unwrap_or(huzhu::scoring::Outcome::Done),
                    });
                }
            }
            if let Some(f) = frame("surveys", surveys)? {
                let (id, resp, helper, need, ps, pe) = (
                    f.col("id")?,
                    f.col("respondent")?,
                    f.col("helper")?,
                    f.col("need")?,
                    f.col("period_start")?,
                    f.col("period_end")?,
                );
                let dims = [
                    (Dimension::Content, f.col("content")?),
                    (Dimension::Efficiency, f.col("efficiency")?),
                    (Dimension::Attitude, f.col("attitude")?),
                    (Dimension::Sustainability, f.col("sustainability")?),
                    (Dimension::Innovation, f.col("innovation")?),
                ];
                for row in 0..f.rows {
                    let mut answers = BTreeMap::new();
                    for (d, c) in &dims {
                        if let Some(v) = c.u32(row)? {
                            // An answer beyond a byte is out of the Likert range: say so with
                            // the value given (it used to be clamped to 255 first).
                            let v = u8::try_from(v).map_err(|_| {
                                CellError::new(
                                    f.table,
                                    Some(row),
                                    Some(d.code()),
                                    None,
                                    format!("value {v} is outside 1..=5"),
                                )
                            })?;
                            answers.insert(*d, v);
                        }
                    }
                    ev.surveys.push(SurveyResponse {
                        id: SurveyId(id.req(row, Col::u32)?),
                        respondent: ResidentId(resp.req(row, Col::u32)?),
                        helper: helper_cell(&f, &helper, row)?,
                        need: need.u32(row)?.map(NeedId),
                        period: Period {
                            start: ps.req(row, Col::date)?,
                            end: pe.req(row, Col::date)?,
                        },
                        answers,
                    });
                }
            }
            if let Some(f) = frame("care_records", care_records)? {
                let (r, o, c) = (f.col("resident")?, f.col("opened")?, f.col("closed")?);
                for row in 0..f.rows {
                    ev.care_records.push(CareRecord {
                        resident: ResidentId(r.req(row, Col::u32)?),
                        opened: o.req(row, Col::date)?,
                        closed: c.date(row)?,
                    });
                }
            }
            if let Some(f) = frame("visits", visits)? {
                let (r, at, kind) = (f.col("resident")?, f.col("at")?, f.col("kind")?);
                for row in 0..f.rows {
                    ev.visits.push(VisitLog {
                        resident: ResidentId(r.req(row, Col::u32)?),
                        at: at.req(row, Col::datetime)?,
                        kind: kind.code(row)?.unwrap_or(huzhu::scoring::VisitKind::Home),
                    });
                }
            }
            Ok(ev)
        })
    }

    /// Service records as a table.
    #[getter]
    fn records(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let r = &self.records;
        let mut b = TableBuilder::default();
        b.int("id", r.iter().map(|x| Some(i64::from(x.id.0))))
            .int("need", r.iter().map(|x| Some(i64::from(x.need.0))))
            .str("helper", r.iter().map(|x| Some(x.helper.to_string())))
            .ts("started", r.iter().map(|x| Some(x.started)))
            .ts("finished", r.iter().map(|x| Some(x.finished)))
            .str("outcome", r.iter().map(|x| Some(x.outcome.code())));
        wrap(py, b.finish())
    }

    /// Survey responses as a table (one column per dimension).
    #[getter]
    fn surveys(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let s = &self.surveys;
        let mut b = TableBuilder::default();
        b.int("id", s.iter().map(|x| Some(i64::from(x.id.0))))
            .int(
                "respondent",
                s.iter().map(|x| Some(i64::from(x.respondent.0))),
            )
            .str("helper", s.iter().map(|x| Some(x.helper.to_string())))
            .int("need", s.iter().map(|x| x.need.map(|n| i64::from(n.0))))
            .date("period_start", s.iter().map(|x| Some(x.period.start)))
            .date("period_end", s.iter().map(|x| Some(x.period.end)));
        for d in [
            Dimension::Content,
            Dimension::Efficiency,
            Dimension::Attitude,
            Dimension::Sustainability,
            Dimension::Innovation,
        ] {
            b.int(
                d.code(),
                s.iter().map(|x| x.answers.get(&d).map(|v| i64::from(*v))),
            );
        }
        wrap(py, b.finish())
    }

    /// Care records as a table.
    #[getter]
    fn care_records(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let c = &self.care_records;
        let mut b = TableBuilder::default();
        b.int("resident", c.iter().map(|x| Some(i64::from(x.resident.0))))
            .date("opened", c.iter().map(|x| Some(x.opened)))
            .date("closed", c.iter().map(|x| x.closed));
        wrap(py, b.finish())
    }

    /// Visit logs as a table.
    #[getter]
    fn visits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = &self.visits;
        let mut b = TableBuilder::default();
        b.int("resident", v.iter().map(|x| Some(i64::from(x.resident.0))))
            .ts("at", v.iter().map(|x| Some(x.at)))
            .str(
                "kind",
                v.iter().map(|x| {
                    serde_json::to_value(x.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                }),
            );
        wrap(py, b.finish())
    }

    fn __repr__(&self) -> String {
        format!(
            "<huzhu.Evidence: {} service records, {} surveys, {} care records, {} visits>",
            self.records.len(),
            self.surveys.len(),
            self.care_records.len(),
            self.visits.len()
        )
    }
}

fn period_of(plan: &PyPlan, start: Opt<'_, '_>, end: Opt<'_, '_>) -> PyResult<Period> {
    let s = match some(start) {
        Some(s) => date(s)?,
        None => plan
            .community
            .needs()
            .map(|n| n.created_at.date())
            .min()
            .unwrap_or_else(|| plan.now.date()),
    };
    let e = match some(end) {
        Some(e) => date(e)?,
        None => s + Duration::days(7),
    };
    Period::new(s, e).map_err(|e| scoring_err(&e))
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
        let params = policy_from(
            "simulation parameters",
            &SimulationParams::default(),
            None,
            kwargs,
        )?;
        let period = period_of(plan, start, end)?;
        let assignments = assignments_from_plan(&plan.plan, plan.now);
        let sim = py.detach(|| simulate(&plan.community, &assignments, period, seed, &params));
        Ok(PyEvidence {
            records: sim.records,
            surveys: sim.surveys,
            care_records: sim.care_records,
            visits: sim.visits,
            time_bank: Some(sim.time_bank),
        })
    })
}

fn scoring_policy(
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<ScoringPolicy> {
    policy_from(
        "scoring policy",
        &ScoringPolicy::default(),
        some(policy),
        kwargs,
    )
}

fn scope_str(s: &Scope) -> String {
    match s {
        Scope::All => "all".into(),
        Scope::Helper(h) => h.to_string(),
        Scope::Provider(p) => p.to_string(),
        Scope::Category(c) => format!("category:{}", c.as_str()),
    }
}

fn satisfaction_table(r: &SatisfactionReport) -> PyTable {
    let mut rows = Vec::new();
    for row in &r.rows {
        if let Some(o) = &row.overall {
            rows.push((scope_str(&row.scope), row.period, "overall", *o));
        }
        for (d, l) in &row.dimensions {
            rows.push((scope_str(&row.scope), row.period, d.code(), *l));
        }
    }
    let mut b = TableBuilder::default();
    b.str("scope", rows.iter().map(|r| Some(r.0.as_str())))
        .date("period_start", rows.iter().map(|r| Some(r.1.start)))
        .date("period_end", rows.iter().map(|r| Some(r.1.end)))
        .str("dimension", rows.iter().map(|r| Some(r.2)))
        .int("n", rows.iter().map(|r| Some(i64::from(r.3.n))))
        .float("mean", rows.iter().map(|r| Some(r.3.mean)))
        .float("sd", rows.iter().map(|r| Some(r.3.sd)))
        .int(
            "satisfied",
            rows.iter().map(|r| Some(i64::from(r.3.satisfied))),
        )
        .float(
            "share_satisfied",
            rows.iter().map(|r| Some(r.3.share_satisfied)),
        )
        .float("ci_low", rows.iter().map(|r| Some(r.3.ci_low)))
        .float("ci_high", rows.iter().map(|r| Some(r.3.ci_high)));
    b.finish()
}

fn alerts_table(a: &[QualityAlert]) -> PyTable {
    let mut b = TableBuilder::default();
    b.str("helper", a.iter().map(|x| Some(x.helper.to_string())))
        .date("period_start", a.iter().map(|x| Some(x.period.start)))
        .date("period_end", a.iter().map(|x| Some(x.period.end)))
        .int("n", a.iter().map(|x| Some(i64::from(x.n))))
        .float("share_satisfied", a.iter().map(|x| Some(x.share_satisfied)))
        .int(
            "periods_below",
            a.iter().map(|x| Some(i64::from(x.periods_below))),
        )
        .str("verdict", a.iter().map(|x| Some(x.verdict.code())));
    b.finish()
}

fn code<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
}

fn response_table(r: &ResponseReport) -> PyTable {
    let n = &r.needs;
    let mut b = TableBuilder::default();
    b.int("need", n.iter().map(|x| Some(i64::from(x.need.0))))
        .str("urgency", n.iter().map(|x| code(&x.urgency)))
        .str("category", n.iter().map(|x| Some(x.category.as_str())))
        .int("grid", n.iter().map(|x| x.grid.map(|g| i64::from(g.0))))
        .str("status", n.iter().map(|x| Some(x.status.code())))
        .ts("created_at", n.iter().map(|x| Some(x.created_at)))
        .ts("deadline", n.iter().map(|x| x.deadline))
        .ts("matched_at", n.iter().map(|x| x.matched_at))
        .ts("done_at", n.iter().map(|x| x.done_at))
        .int("response_minutes", n.iter().map(|x| x.response_minutes))
        .int("done_minutes", n.iter().map(|x| x.done_minutes))
        .bool("on_time", n.iter().map(|x| x.on_time));
    b.finish()
}

fn coverage_table(r: &CoverageReport) -> PyTable {
    let mut rows = Vec::new();
    for c in &r.categories {
        rows.push((c, "all".to_owned(), c.all));
        for (g, s) in &c.by_group {
            rows.push((c, g.code().to_owned(), *s));
        }
    }
    let mut b = TableBuilder::default();
    b.str("category", rows.iter().map(|r| Some(r.0.category.as_str())))
        .str("name_en", rows.iter().map(|r| Some(r.0.name_en.as_str())))
        .str("name_zh", rows.iter().map(|r| Some(r.0.name_zh.as_str())))
        .str("group", rows.iter().map(|r| Some(r.1.as_str())))
        .int(
            "residents",
            rows.iter().map(|r| Some(i64::from(r.2.residents))),
        )
        .int("covered", rows.iter().map(|r| Some(i64::from(r.2.covered))))
        .float("share", rows.iter().map(|r| r.2.share));
    b.finish()
}

fn staffing_table(r: &StaffingReport) -> PyTable {
    let rows = [
        ("community_workers", r.community_workers),
        ("social_workers", r.social_workers),
        ("volunteers", r.volunteers),
    ];
    let mut b = TableBuilder::default();
    b.str("role", rows.iter().map(|r| Some(r.0)))
        .int("actual", rows.iter().map(|r| Some(i64::from(r.1.actual))))
        .float("required", rows.iter().map(|r| Some(r.1.required)))
        .float("ratio", rows.iter().map(|r| r.1.ratio))
        .bool("meets", rows.iter().map(|r| Some(r.1.meets)))
        .int(
            "residents",
            rows.iter().map(|_| Some(i64::from(r.residents))),
        );
    b.finish()
}

fn visits_table(r: &VisitReport) -> PyTable {
    let d = &r.due;
    let mut b = TableBuilder::default();
    b.int("resident", d.iter().map(|x| Some(i64::from(x.resident.0))))
        .int("age", d.iter().map(|x| Some(i64::from(x.age))))
        .str("kind", d.iter().map(|x| code(&x.kind)))
        .int(
            "interval_days",
            d.iter().map(|x| Some(i64::from(x.interval_days))),
        )
        .date("last", d.iter().map(|x| x.last))
        .int("days_since", d.iter().map(|x| x.days_since.map(i64::from)))
        .str("status", d.iter().map(|x| code(&x.status)));
    b.finish()
}

fn index_table(r: &ServiceIndex) -> PyTable {
    let c = &r.components;
    let mut b = TableBuilder::default();
    b.str("indicator", c.iter().map(|x| Some(x.indicator.code())))
        .str("name_en", c.iter().map(|x| Some(x.indicator.labels().0)))
        .str("name_zh", c.iter().map(|x| Some(x.indicator.labels().1)))
        .float("value", c.iter().map(|x| x.value))
        .float("weight", c.iter().map(|x| Some(x.weight)))
        .float(
            "effective_weight",
            c.iter().map(|x| Some(x.effective_weight)),
        )
        .float("contribution", c.iter().map(|x| Some(x.contribution)));
    b.finish()
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
        let r = py.detach(|| satisfaction(&community.inner, &evidence.surveys, &p));
        wrap(py, satisfaction_table(&r))
    })
}

/// Quality alerts: helpers below the satisfaction threshold (correct) or below it two periods in
/// a row (retire).
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
        let r = py.detach(|| satisfaction(&community.inner, &evidence.surveys, &p));
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
        let now = some(now).map_or(Ok(plan.now), datetime)?;
        let a = assignments_from_plan(&plan.plan, plan.now);
        let records = evidence.map(|e| e.records.as_slice()).unwrap_or_default();
        let r = py.detach(|| response_times(&plan.community, &a, records, period, now));
        wrap(py, response_table(&r))
    })
}

/// Share of residents within the living circle (walking minutes) of each essential service.
#[pyfunction]
#[pyo3(name = "coverage", signature = (community, threshold_minutes=None))]
fn coverage_fn(
    py: Python<'_>,
    community: &PyCommunity,
    threshold_minutes: Opt<'_, '_>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let threshold_minutes: u32 =
            some(threshold_minutes).map_or(Ok(15), |t| int_arg(t, "threshold_minutes"))?;
        let r = py.detach(|| circle_coverage(&community.inner, threshold_minutes));
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
        .map_err(|e| scoring_err(&e))?;
        wrap(py, staffing_table(&r))
    })
}

/// Visits due or overdue for elderly residents living alone (weekly at 70+, …).
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
        let now = datetime(now)?;
        let r = py.detach(|| visit_schedule(&community.inner, &evidence.visits, now, &p.visits));
        wrap(py, visits_table(&r))
    })
}

/// The composite 0–100 index from indicator values in 0..1 (`{"satisfaction": 0.8, …}`), with
/// the default weights or yours.
#[pyfunction]
#[pyo3(name = "composite_index", signature = (values, weights=None))]
fn index_fn(
    py: Python<'_>,
    values: &Bound<'_, PyDict>,
    weights: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Option<f64>, Py<PyAny>)> {
    guard(|| {
        let ind = |k: &Bound<'_, PyAny>| -> PyResult<Indicator> {
            crate::tables::parse_code::<Indicator>(&k.extract::<String>()?)
                .map_err(|e| crate::errors::policy_err("indicator", e))
        };
        let mut v = BTreeMap::new();
        for (k, x) in values.iter() {
            v.insert(ind(&k)?, x.extract::<Option<f64>>()?);
        }
        let w = match weights {
            Some(w) => {
                let mut m = BTreeMap::new();
                for (k, x) in w.iter() {
                    m.insert(ind(&k)?, x.extract::<f64>()?);
                }
                m
            }
            None => ScoringPolicy::default().index_weights,
        };
        let r = composite_index(&v, &w);
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
        let community_workers: u32 =
            some(community_workers).map_or(Ok(0), |c| int_arg(c, "community_workers"))?;
        let social_workers: u32 =
            some(social_workers).map_or(Ok(0), |c| int_arg(c, "social_workers"))?;
        let cap_minutes: Option<i64> = some(cap_minutes)
            .map(|c| int_arg(c, "cap_minutes"))
            .transpose()?;
        let p = scoring_policy(policy, kwargs)?;
        let period = period_of(plan, start, end)?;
        let now = some(now).map_or(Ok(plan.now), datetime)?;
        let c = &plan.community;
        let a = assignments_from_plan(&plan.plan, plan.now);
        let mut time_bank = Vec::new();
        if let Some(l) = ledger {
            let l = l.inner.lock().expect("not poisoned");
            time_bank.push(time_bank_from_ledger(&l, c, period, cap_minutes));
        } else if let Some(tb) = evidence.and_then(|e| e.time_bank.clone()) {
            time_bank.push(tb);
        }
        let empty = PyEvidence {
            records: Vec::new(),
            surveys: Vec::new(),
            care_records: Vec::new(),
            visits: Vec::new(),
            time_bank: None,
        };
        let ev = evidence.unwrap_or(&empty);
        let inputs = ScoringInputs {
            assignments: &a,
            records: &ev.records,
            surveys: &ev.surveys,
            care_records: &ev.care_records,
            visits: &ev.visits,
            staff: StaffCounts {
                community_workers,
                social_workers,
            },
            time_bank: &time_bank,
            ..ScoringInputs::new(c, period, now)
        };
        let card = py
            .detach(|| Scorecard::compute(&inputs, &p))
            .map_err(|e| scoring_err(&e))?;
        Ok(PyScorecard { inner: card })
    })
}

/// The scorecard: every indicator, quality alerts and the composite index.
#[pyclass(frozen, module = "huzhu", name = "Scorecard")]
pub struct PyScorecard {
    inner: Scorecard,
}

#[pymethods]
impl PyScorecard {
    /// The composite community service index, 0–100 (None without data).
    #[getter]
    fn score(&self) -> Option<f64> {
        self.inner.index.score
    }
    /// Satisfaction per scope and dimension.
    #[getter]
    fn satisfaction(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, satisfaction_table(&self.inner.satisfaction))
    }
    /// Quality alerts.
    #[getter]
    fn alerts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, alerts_table(&self.inner.alerts))
    }
    /// Response times per need.
    #[getter]
    fn response(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, response_table(&self.inner.response))
    }
    /// Living-circle coverage per category and group.
    #[getter]
    fn coverage(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, coverage_table(&self.inner.coverage))
    }
    /// Staffing against the norms.
    #[getter]
    fn staffing(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, staffing_table(&self.inner.staffing))
    }
    /// Visits due and overdue.
    #[getter]
    fn visits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, visits_table(&self.inner.visits))
    }
    /// The composite index's components.
    #[getter]
    fn index(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, index_table(&self.inner.index))
    }
    /// Everything as plain Python values.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner)
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "<huzhu.Scorecard {:?} {} → {}: index {}>",
            self.inner.community,
            self.inner.period.start,
            self.inner.period.end,
            self.inner
                .index
                .score
                .map_or_else(|| "n/a".into(), |s| format!("{s:.1}"))
        )
    }
    fn _repr_html_(&self) -> String {
        let c = &self.inner;
        let mut h = format!(
            "<div><b>Scorecard 评估</b> {} · {} → {}<br><b>Community service index 社区服务指数: {}</b><table><tr><th>indicator</th><th>指标</th><th>value</th><th>weight</th><th>contribution</th></tr>",
            html(&c.community),
            c.period.start,
            c.period.end,
            c.index
                .score
                .map_or_else(|| "n/a".into(), |s| format!("{s:.1}"))
        );
        for x in &c.index.components {
            let (en, zh) = x.indicator.labels();
            let _ = write!(
                h,
                "<tr><td>{en}</td><td>{zh}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{:.2}</td><td style='text-align:right'>{:.1}</td></tr>",
                x.value
                    .map_or_else(|| "—".into(), |v| format!("{:.1}%", v * 100.0)),
                x.effective_weight,
                x.contribution
            );
        }
        let _ = write!(h, "</table>{} quality alerts</div>", c.alerts.len());
        h
    }
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
