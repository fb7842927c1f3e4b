//! The evaluation report: scorecards per period, KPIs, the levels, the grid map, alerts, staffing
//! advice and the staffing norms, as one self-contained bilingual HTML file
//! (`Scorecard.report`, `huzhu.scoring.evaluation_html`).
//!
//! The core builds and renders the report; the binding gathers its inputs: KPIs default to the
//! documents' (`default_kpis` from the first period's start), the community to the one the last
//! scorecard scored, the date to today (the core reads no clock).

use std::sync::Arc;

use chrono::NaiveDate;
use huzhu::model::Community;
use huzhu::report::{EvaluationInput, ReportData, evaluation_report, render_html};
use huzhu::scoring::{Kpi, LevelRow, Scorecard, default_kpis};
use pyo3::prelude::*;

use crate::advice::advice_arg;
use crate::community::PyCommunity;
use crate::convert::date_arg;
use crate::errors::{core_err, guard, value_err};
use crate::kpi::{kpis_arg, scorecards_arg};
use crate::levels::levels_arg;

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn some<'a, 'py>(o: Opt<'a, 'py>) -> Opt<'a, 'py> {
    o.filter(|x| !x.is_none())
}

/// The report's optional inputs, as Python passes them.
pub(crate) struct ReportArgs<'a, 'py> {
    pub(crate) kpis: Opt<'a, 'py>,
    pub(crate) community: Option<&'a PyCommunity>,
    pub(crate) levels: Opt<'a, 'py>,
    pub(crate) advice: Opt<'a, 'py>,
    pub(crate) title_zh: Option<String>,
    pub(crate) title_en: Option<String>,
    pub(crate) generated: Opt<'a, 'py>,
    pub(crate) z: f64,
}

/// The report's data for `cards` (date order, the last is the current period).
pub(crate) fn report_data(
    py: Python<'_>,
    cards: &[Scorecard],
    scored: Option<Arc<Community>>,
    a: &ReportArgs<'_, '_>,
) -> PyResult<ReportData> {
    if !(a.z.is_finite() && a.z > 0.0) {
        return Err(value_err(
            "z",
            format!("must be a positive number, got {}", a.z),
        ));
    }
    let kpis: Vec<Kpi> = match some(a.kpis) {
        Some(k) => kpis_arg(k)?,
        None => cards
            .first()
            .map(|c| default_kpis(c.period.start))
            .unwrap_or_default(),
    };
    let levels: Vec<LevelRow> = some(a.levels).map_or(Ok(Vec::new()), levels_arg)?;
    let advice = some(a.advice).map_or(Ok(Vec::new()), advice_arg)?;
    let generated: NaiveDate = match some(a.generated) {
        Some(g) => date_arg(g, "generated")?,
        None => py
            .import("datetime")?
            .getattr("date")?
            .call_method0("today")?
            .extract()?,
    };
    let community = a.community.map(|c| Arc::clone(&c.inner)).or(scored);
    let input = EvaluationInput {
        title_zh: a.title_zh.clone().unwrap_or_default(),
        title_en: a.title_en.clone().unwrap_or_default(),
        generated,
        cards,
        community: community.as_deref(),
        kpis: &kpis,
        levels: &levels,
        advice: &advice,
        z: a.z,
    };
    py.detach(|| evaluation_report(&input)).map_err(core_err)
}

/// The evaluation report of `scorecards` (one per period, in date order; the last is the
/// current one) as one self-contained bilingual HTML document: KPIs against their targets with
/// trend charts, the index per period, what moved since the previous period, the results by
/// level, a map of unmet need by grid, quality alerts, staffing advice and the staffing norms.
#[pyfunction]
#[pyo3(name = "evaluation_html", signature = (scorecards, *, kpis=None, community=None, levels=None, advice=None, title_zh=None, title_en=None, generated=None, z=1.96))]
#[allow(clippy::too_many_arguments)]
fn evaluation_html_fn(
    py: Python<'_>,
    scorecards: &Bound<'_, PyAny>,
    kpis: Opt<'_, '_>,
    community: Option<&PyCommunity>,
    levels: Opt<'_, '_>,
    advice: Opt<'_, '_>,
    title_zh: Option<String>,
    title_en: Option<String>,
    generated: Opt<'_, '_>,
    z: f64,
) -> PyResult<String> {
    guard(|| {
        let (cards, scored) = scorecards_arg(scorecards, "scorecards")?;
        let a = ReportArgs {
            kpis,
            community,
            levels,
            advice,
            title_zh,
            title_en,
            generated,
            z,
        };
        let data = report_data(py, &cards, scored, &a)?;
        Ok(py.detach(|| render_html(&data)))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(evaluation_html_fn, m)?)?;
    Ok(())
}
