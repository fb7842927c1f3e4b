//! Key performance indicators over a work plan: the scorecard's measures by code, the
//! documents' KPI set, and each KPI's progress (on track or behind, what is still needed per
//! period) from a series of values or a run of scorecards. Every KPI, series and scorecard is
//! read and checked by the core (`Kpi::check`, `check_kpis`, `kpi_progress`): a refusal names
//! the KPI (`kpi match_rate`) or the observation (`observation[1]`) and the field.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::scoring::{
    Kpi, MEASURES, Observation, Scorecard, default_kpis, evaluate_kpis, kpi_progress,
};
use wasm_bindgen::prelude::*;

use crate::convert::opt_number;
use crate::convert::{date_from_js, from_js, to_js, whole};
use crate::error::Failure;
use crate::types::TsNumber;
use crate::types::{
    TsDate, TsKpi, TsKpiList, TsKpiProgress, TsKpiProgressList, TsKpis, TsMeasures, TsObservations,
    TsScorecards,
};

/// Evaluations a quarter apart, as the documents evaluate (91 days).
const QUARTER_DAYS: u32 = 91;

/// Every scorecard measure a KPI can track, in a fixed order: its code, English and Chinese
/// names, unit (`share`, `points`, `days`, `yuan`, `hours`, `residents`, `per_10k`) and whether
/// higher is better.
#[wasm_bindgen]
pub fn measures() -> Result<TsMeasures, JsValue> {
    Ok(to_js(MEASURES)?.unchecked_into())
}

/// The documents' KPIs for a work plan starting on `start` (a date or a `Date` at local
/// midnight), each due at the end of consolidation (month 36): baselines where the documents
/// give them, targets from the documents and norms. Edit or replace them.
#[wasm_bindgen(js_name = defaultKpis)]
pub fn default_kpis_js(start: &TsDate) -> Result<TsKpiList, JsValue> {
    let start = date_from_js(start, "start")?;
    Ok(to_js(&default_kpis(start))?.unchecked_into())
}

/// Progress of one KPI from its series of values (`{date, value}`, dates increasing, `value`
/// `null` where a period gave no data), judged on `today`, with evaluations every `periodDays`
/// days (default 91, quarterly).
#[wasm_bindgen(js_name = kpiProgress)]
pub fn kpi_progress_js(
    kpi: &TsKpi,
    series: &TsObservations,
    today: &TsDate,
    #[wasm_bindgen(js_name = periodDays)] period_days: Option<TsNumber>,
) -> Result<TsKpiProgress, JsValue> {
    let period_days = opt_number(period_days.as_deref(), "periodDays")?;
    let kpi: Kpi = from_js(kpi, "kpi")?;
    let series: Vec<Observation> = from_js(series, "series")?;
    let today = date_from_js(today, "today")?;
    let days = match period_days {
        Some(d) => whole(d, "periodDays", f64::from(u32::MAX))? as u32,
        None => QUARTER_DAYS,
    };
    let p = kpi_progress(&kpi, &series, today, days).map_err(Failure::from)?;
    Ok(to_js(&p)?.unchecked_into())
}

/// Progress of every KPI from a run of scorecards (as `scorecard` gives them, one per
/// evaluation period, in date order): each card's measure at its period's end is an
/// observation; periods are as long as the last card's.
#[wasm_bindgen(js_name = evaluateKpis)]
pub fn evaluate_kpis_js(
    kpis: &TsKpis,
    scorecards: &TsScorecards,
    today: &TsDate,
) -> Result<TsKpiProgressList, JsValue> {
    let kpis: Vec<Kpi> = from_js(kpis, "kpis")?;
    let cards: Vec<Scorecard> = from_js(scorecards, "scorecards")?;
    let today = date_from_js(today, "today")?;
    let rows = evaluate_kpis(&kpis, &cards, today).map_err(Failure::from)?;
    Ok(to_js(&rows)?.unchecked_into())
}
