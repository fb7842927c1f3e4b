//! `huzhu.scoring`'s key performance indicators: the scorecard's measures, the documents' default
//! KPIs, one KPI's progress from a series, and every KPI over a run of scorecards.
//!
//! KPIs and observations are the core's JSON (a list of dicts, or JSON text), read by the core's
//! reader (errors name the path, `kpis[0].target`) and checked by the core (errors name the KPI,
//! `kpi match_rate`, and the field). Results are the core's JSON or a table.

use std::sync::Arc;

use huzhu::model::Community;
use huzhu::scoring::{
    Kpi, KpiProgress, MEASURES, Observation, Phase, Scorecard, default_kpis, evaluate_kpis,
    kpi_progress,
};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::convert::{core_json, date_arg, ser_py};
use crate::errors::{core_err, guard, int_arg};
use crate::evidence::code;
use crate::scorecard::PyScorecard;
use crate::tables::{TableBuilder, wrap};

/// KPIs: a list of dicts in the core's JSON, or JSON text.
pub(crate) fn kpis_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Kpi>> {
    core_json(obj, "kpis")
}

/// Scorecards, in date order (a list of `huzhu.Scorecard`).
pub(crate) fn cards_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<Scorecard>> {
    Ok(scorecards_arg(obj, field)?.0)
}

/// Scorecards, in date order, and the community the last one scored (one pass: any iterable).
pub(crate) fn scorecards_arg(
    obj: &Bound<'_, PyAny>,
    field: &str,
) -> PyResult<(Vec<Scorecard>, Option<Arc<Community>>)> {
    let mut cards = Vec::new();
    let mut last = None;
    let items = obj
        .try_iter()
        .map_err(|_| crate::errors::type_err(field, "expected a list of huzhu.Scorecard"))?;
    for (i, x) in items.enumerate() {
        let x = x?;
        let card = x.cast::<PyScorecard>().map_err(|_| {
            crate::errors::type_err(&format!("{field}[{i}]"), "expected a huzhu.Scorecard")
        })?;
        cards.push(card.get().inner.clone());
        last = Some(Arc::clone(&card.get().community));
    }
    Ok((cards, last))
}

/// The scorecard's headline numbers a KPI can track: code, name_en, name_zh, unit (share,
/// points, days, yuan, hours, residents, per_10k) and higher_is_better.
#[pyfunction]
fn measures(py: Python<'_>) -> PyResult<Py<PyAny>> {
    guard(|| {
        let m = MEASURES;
        let mut b = TableBuilder::default();
        b.str("code", m.iter().map(|x| Some(x.code)))
            .str("name_en", m.iter().map(|x| Some(x.name_en)))
            .str("name_zh", m.iter().map(|x| Some(x.name_zh)))
            .str("unit", m.iter().map(|x| Some(x.unit)))
            .bool(
                "higher_is_better",
                m.iter().map(|x| Some(x.higher_is_better)),
            );
        wrap(py, b.finish())
    })
}

/// The documents' KPIs for a work plan starting on `start` (match rate 55% → 82%,
/// participation 31% → 60%, handling time 7 days → 2, the staffing and funding norms, …), each
/// due at the end of consolidation (month 36), in the core's JSON: edit them and pass them back.
#[pyfunction]
#[pyo3(name = "default_kpis")]
fn default_kpis_fn(py: Python<'_>, start: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    guard(|| ser_py(py, &default_kpis(date_arg(start, "start")?)))
}

/// One KPI's progress from its series of evaluations, judged on `today`, with evaluations every
/// `period_days` days (91: quarterly): the latest value, the change, the share of the way from
/// baseline to target, the share of the time elapsed, on track or not, the status (met,
/// on_track, behind, missed, no_data), the periods left and the change still needed per period.
/// `kpi` is one KPI in the core's JSON; `series` a list of `{"date": …, "value": …}` (or
/// `(date, value)` pairs) in date order. Returns the core's JSON.
#[pyfunction]
#[pyo3(name = "kpi_progress", signature = (kpi, series, *, today, period_days=None))]
fn kpi_progress_fn(
    py: Python<'_>,
    kpi: &Bound<'_, PyAny>,
    series: &Bound<'_, PyAny>,
    today: &Bound<'_, PyAny>,
    period_days: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let k: Kpi = core_json(kpi, "kpi")?;
        let s: Vec<Observation> = core_json(series, "series")?;
        let today = date_arg(today, "today")?;
        let period_days: u32 = period_days
            .filter(|p| !p.is_none())
            .map_or(Ok(91), |p| int_arg(p, "period_days"))?;
        let p = kpi_progress(&k, &s, today, period_days).map_err(core_err)?;
        ser_py(py, &p)
    })
}

/// Every KPI over a run of scorecards (one per evaluation period, in date order), judged on
/// `today`: one row per KPI (see `kpi_table`).
#[pyfunction]
#[pyo3(name = "evaluate_kpis", signature = (kpis, scorecards, *, today))]
fn evaluate_kpis_fn(
    py: Python<'_>,
    kpis: &Bound<'_, PyAny>,
    scorecards: &Bound<'_, PyAny>,
    today: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let k = kpis_arg(kpis)?;
        let cards = cards_arg(scorecards, "scorecards")?;
        let today = date_arg(today, "today")?;
        let rows = py
            .detach(|| evaluate_kpis(&k, &cards, today))
            .map_err(core_err)?;
        wrap(py, kpi_table(&rows))
    })
}

/// KPI progress: one row per KPI — code, name_en, name_zh, measure, direction, baseline,
/// baseline_date, target, deadline, phase, latest, latest_date, change, progress, expected,
/// on_track, status, remaining_periods, needed_per_period, phase_now.
pub(crate) fn kpi_table(r: &[KpiProgress]) -> PyTable {
    let mut b = TableBuilder::default();
    b.str("code", r.iter().map(|x| Some(x.kpi.code.as_str())))
        .str("name_en", r.iter().map(|x| Some(x.kpi.name_en.as_str())))
        .str("name_zh", r.iter().map(|x| Some(x.kpi.name_zh.as_str())))
        .str("measure", r.iter().map(|x| Some(x.kpi.measure.as_str())))
        .str("direction", r.iter().map(|x| code(&x.kpi.direction)))
        .float("baseline", r.iter().map(|x| x.kpi.baseline))
        .date("baseline_date", r.iter().map(|x| Some(x.kpi.baseline_date)))
        .float("target", r.iter().map(|x| Some(x.kpi.target)))
        .date("deadline", r.iter().map(|x| Some(x.kpi.deadline)))
        .str("phase", r.iter().map(|x| x.kpi.phase.map(Phase::code)))
        .float("latest", r.iter().map(|x| x.latest.and_then(|o| o.value)))
        .date("latest_date", r.iter().map(|x| x.latest.map(|o| o.date)))
        .float("change", r.iter().map(|x| x.change))
        .float("progress", r.iter().map(|x| x.progress))
        .float("expected", r.iter().map(|x| x.expected))
        .bool("on_track", r.iter().map(|x| x.on_track))
        .str("status", r.iter().map(|x| code(&x.status)))
        .int(
            "remaining_periods",
            r.iter().map(|x| Some(i64::from(x.remaining_periods))),
        )
        .float("needed_per_period", r.iter().map(|x| x.needed_per_period))
        .str("phase_now", r.iter().map(|x| x.phase_now.map(Phase::code)));
    b.finish()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(measures, m)?)?;
    m.add_function(wrap_pyfunction!(default_kpis_fn, m)?)?;
    m.add_function(wrap_pyfunction!(kpi_progress_fn, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_kpis_fn, m)?)?;
    Ok(())
}
