//! The evaluation report (评估报告): scorecards per period, KPIs, the levels, the map of unmet
//! need, alerts and their actions, staffing advice and the staffing norms, as one
//! self-contained bilingual HTML file (inline CSS and SVG, no scripts, nothing fetched), or as
//! the report's data. Built by the core (`huzhu::report::evaluation_report`, `render_html`);
//! the KPIs and the roll-up are checked there, so a refusal names the KPI or node and field.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use chrono::NaiveDate;
use huzhu::matching::Recruit;
use huzhu::report::{EvaluationInput, ReportData, evaluation_report, render_html};
use huzhu::scoring::{Kpi, LevelRow, Scorecard};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{from_js, local_date_member, to_js, value_from_js};
use crate::error::{Failure, Fallible};
use crate::types::{TsEvaluationInput, TsReportData, TsReportDataInput};

/// The evaluation's inputs as JS passes them: the core's `EvaluationInput` borrows its slices,
/// so they are read into owned values here first (the community is an argument of its own).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Evaluation {
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
    generated: NaiveDate,
    scorecards: Vec<Scorecard>,
    #[serde(default)]
    kpis: Vec<Kpi>,
    #[serde(default)]
    levels: Vec<LevelRow>,
    #[serde(default)]
    advice: Vec<Recruit>,
    #[serde(default)]
    z: Option<f64>,
}

/// The report's data from the JS inputs (`input.generated` may be a `Date` at local midnight).
fn report_data(community: &JsCommunity, input: &JsValue) -> Fallible<ReportData> {
    let mut v = value_from_js(input, "input")?;
    local_date_member(input, &mut v, "generated", "input.generated", true)?;
    let e: Evaluation = huzhu::model::json::from_value(v, "input")?;
    let z = match e.z {
        Some(z) if z.is_finite() && z > 0.0 => z,
        Some(z) => {
            return Err(Failure::invalid(
                "input.z",
                format!("must be a positive number, got {z}"),
            ));
        }
        None => 1.96,
    };
    let input = EvaluationInput {
        title_zh: e.title_zh,
        title_en: e.title_en,
        kpis: &e.kpis,
        levels: &e.levels,
        advice: &e.advice,
        community: Some(&community.inner),
        z,
        ..EvaluationInput::new(&e.scorecards, e.generated)
    };
    Ok(evaluation_report(&input)?)
}

/// The evaluation report as one self-contained, printable HTML document (Chinese first, then
/// English): a summary, `#kpis` (each KPI against its target with a trend chart), `#index`,
/// `#changes` (the last two periods compared), `#levels`, `#map` (unmet need by grid),
/// `#alerts`, `#advice` and `#staffing`. `input`: `{generated, scorecards, kpis?, levels?,
/// advice?, title_zh?, title_en?, z?}` — the scorecards one per period in date order (as
/// `scorecard` gives them), KPIs judged on `generated`, `levels` as `rollup` gives them (left
/// out: the community and its grids), `advice` as `staffingAdvice` gives it. `community`: the
/// one of the last scorecard, for the map, the grid level and the services' names (a report of
/// a street's roll-up without one community: `new Community(name)`, no map). The same inputs
/// give the same bytes.
#[wasm_bindgen(js_name = evaluationReport)]
pub fn evaluation_report_js(
    community: &JsCommunity,
    input: &TsEvaluationInput,
) -> Result<String, JsValue> {
    Ok(render_html(&report_data(community, input)?))
}

/// What `evaluationReport` shows, as data (every section's lines, already computed and
/// labelled): edit it and render it with `renderReport`.
#[wasm_bindgen(js_name = evaluationReportData)]
pub fn evaluation_report_data(
    community: &JsCommunity,
    input: &TsEvaluationInput,
) -> Result<TsReportData, JsValue> {
    Ok(to_js(&report_data(community, input)?)?.unchecked_into())
}

/// Renders report data (as `evaluationReportData` gives it, or your own: every member optional,
/// unknown members refused) as the self-contained HTML document.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(data: &TsReportDataInput) -> Result<String, JsValue> {
    let data: ReportData = from_js(data, "data")?;
    Ok(render_html(&data))
}
