//! `huzhu.scoring`'s participation indicators: engagement by group, the identity index, the
//! residents' voice (complaints and suggestions), organisations' dormancy and corrective
//! actions. Results are the core's JSON as dicts (the same on every surface); identity
//! responses and items are read by the core's readers.

use huzhu::scoring::{
    Engagement, EngagementReport, IdentityItem, IdentityResponse, Period, check_identity,
    corrective_actions, default_identity_items, engagement, identity_index, organisations,
    quality_alerts, satisfaction, voice,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::community::PyCommunity;
use crate::convert::{date_arg, datetime_arg, ser_py, to_json};
use crate::errors::{core_err, guard};
use crate::evidence::PyEvidence;
use crate::scoring::scoring_policy;
use crate::tables::{TableBuilder, wrap};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn period(start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<Period> {
    Period::new(date_arg(start, "start")?, date_arg(end, "end")?).map_err(core_err)
}

/// Participation over `start`..`end` under the policy's `participation_min_age`.
fn engagement_report(
    py: Python<'_>,
    community: &PyCommunity,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<EngagementReport> {
    let p = scoring_policy(policy, kwargs)?;
    let period = period(start, end)?;
    Ok(py.detach(|| engagement(&community.inner, period, p.participation_min_age)))
}

/// Identity responses in the core's JSON (`{"respondent": 1, "date": "2026-11-20", "answers":
/// {"belong": 4, …}, "neighbours_known": 6}`), read by the core.
fn responses_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<IdentityResponse>> {
    huzhu::model::json::from_value(to_json(obj, "responses")?, "responses").map_err(core_err)
}

/// Participation in community affairs and in activities over the period, for residents of
/// `min_age` and over (policy `participation_min_age`), in all and by age band, household,
/// occupation and grid; repeat participants; residents never reached.
#[pyfunction]
#[pyo3(name = "engagement", signature = (community, *, start, end, policy=None, **kwargs))]
fn engagement_fn(
    py: Python<'_>,
    community: &PyCommunity,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let r = engagement_report(py, community, start, end, policy, kwargs)?;
        ser_py(py, &r)
    })
}

/// Participation as a table, one row per group: `dimension` (all, age_band, household,
/// occupation, grid), `group`, `residents`, and for community affairs and for activities the
/// residents who took part and their share — for a data team's groupby and plots.
#[pyfunction]
#[pyo3(name = "engagement_table", signature = (community, *, start, end, policy=None, **kwargs))]
fn engagement_table_fn(
    py: Python<'_>,
    community: &PyCommunity,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let r = engagement_report(py, community, start, end, policy, kwargs)?;
        let mut rows: Vec<(&str, String, Engagement)> = vec![("all", "all".to_owned(), r.all)];
        for (dimension, groups) in [
            ("age_band", &r.by_age_band),
            ("household", &r.by_household),
            ("occupation", &r.by_occupation),
        ] {
            rows.extend(groups.iter().map(|(g, e)| (dimension, g.clone(), *e)));
        }
        rows.extend(r.by_grid.iter().map(|(g, e)| ("grid", g.to_string(), *e)));
        let mut b = TableBuilder::default();
        b.str("dimension", rows.iter().map(|x| Some(x.0)))
            .str("group", rows.iter().map(|x| Some(x.1.as_str())))
            .int(
                "residents",
                rows.iter()
                    .map(|x| Some(i64::from(x.2.activities.residents))),
            )
            .int(
                "community_affairs",
                rows.iter()
                    .map(|x| Some(i64::from(x.2.community_affairs.participated))),
            )
            .float(
                "community_affairs_share",
                rows.iter().map(|x| x.2.community_affairs.share),
            )
            .int(
                "activities",
                rows.iter()
                    .map(|x| Some(i64::from(x.2.activities.participated))),
            )
            .float(
                "activities_share",
                rows.iter().map(|x| x.2.activities.share),
            );
        wrap(py, b.finish())
    })
}

/// The documented default identity items (code, en, zh, reverse).
#[pyfunction]
fn default_identity_items_fn(py: Python<'_>) -> PyResult<Py<PyAny>> {
    guard(|| ser_py(py, &default_identity_items()))
}

/// The community identity index (0–100) of the responses in the period, with Cronbach's alpha,
/// item means and the neighbours-known rate. `responses`: a list of dicts in the core's JSON;
/// the items and the neighbours threshold are the policy's (`identity_items`,
/// `neighbours_threshold`). With `community`, responses are checked against it first
/// (`ScoringError` naming the response and field).
#[pyfunction]
#[pyo3(name = "identity_index", signature = (responses, *, start, end, community=None, policy=None, **kwargs))]
#[allow(clippy::too_many_arguments)]
fn identity_fn(
    py: Python<'_>,
    responses: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    community: Option<&PyCommunity>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let period = period(start, end)?;
        let responses = responses_arg(responses)?;
        let items: &[IdentityItem] = &p.identity_items;
        if let Some(c) = community {
            check_identity(&c.inner, items, &responses).map_err(core_err)?;
        }
        let r = identity_index(&responses, items, period, p.neighbours_threshold);
        ser_py(py, &r)
    })
}

/// Complaints and suggestions received in the period: answered on time, handling days,
/// repeat complaints (policy `repeat_complaint_days`), suggestions adopted, overdue ids.
#[pyfunction]
#[pyo3(name = "voice", signature = (community, *, start, end, now, policy=None, **kwargs))]
fn voice_fn(
    py: Python<'_>,
    community: &PyCommunity,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let period = period(start, end)?;
        let now = datetime_arg(now, "now")?;
        let r = py.detach(|| voice(&community.inner, period, now, p.repeat_complaint_days));
        ser_py(py, &r)
    })
}

/// Self-governing and social organisations: stars, priority (3A and above), activities,
/// members, dormant (no activity in policy `dormant_after_days` before the period's end);
/// the share of projects run by social organisations and companies.
#[pyfunction]
#[pyo3(name = "organisations", signature = (community, *, start, end, policy=None, **kwargs))]
fn organisations_fn(
    py: Python<'_>,
    community: &PyCommunity,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let period = period(start, end)?;
        let r = py.detach(|| organisations(&community.inner, period, p.dormant_after_days));
        ser_py(py, &r)
    })
}

/// Corrective actions (整改) opened by the quality alerts of the evidence's surveys: one per
/// helper, closed only when a later evaluation passes.
#[pyfunction]
#[pyo3(name = "corrective_actions", signature = (community, evidence, *, policy=None, **kwargs))]
fn corrective_fn(
    py: Python<'_>,
    community: &PyCommunity,
    evidence: &PyEvidence,
    policy: Opt<'_, '_>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let p = scoring_policy(policy, kwargs)?;
        let r = satisfaction(&community.inner, &evidence.inner.surveys, &p).map_err(core_err)?;
        let actions = corrective_actions(&quality_alerts(&r, &p.alerts));
        ser_py(py, &actions)
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(engagement_fn, m)?)?;
    m.add_function(wrap_pyfunction!(engagement_table_fn, m)?)?;
    let items = wrap_pyfunction!(default_identity_items_fn, m)?;
    m.add("default_identity_items", items)?;
    m.add_function(wrap_pyfunction!(identity_fn, m)?)?;
    m.add_function(wrap_pyfunction!(voice_fn, m)?)?;
    m.add_function(wrap_pyfunction!(organisations_fn, m)?)?;
    m.add_function(wrap_pyfunction!(corrective_fn, m)?)?;
    Ok(())
}
