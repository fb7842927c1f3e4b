//! Scoring: the scorecard and its parts, the record simulator, and the bridges from a plan
//! and a ledger.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::matching::MatchPlan;
use huzhu::scoring::{
    Assignment, Scorecard, ScoringPolicy, ScoringRequest, ServiceRecord, SimulationParams,
    SurveyResponse, assignments_from_plan, circle_coverage, composite_index, default_index_weights,
    quality_alerts, response_times, satisfaction, simulate,
};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{
    datetime_from_js, from_js, from_js_opt, local_date_member, opt_value_from_js, period_from_js,
    to_js, value_from_js, whole,
};
use crate::convert::{number, opt_number};
use crate::error::{Failure, Fallible};
use crate::types::TsNumber;
use crate::types::{
    TsComparison, TsCoverageReport, TsDateTime, TsIndicatorValues, TsIndicatorWeights, TsMatchPlan,
    TsPeriod, TsQualityAlerts, TsResponseReport, TsSatisfactionReport, TsScorecard,
    TsScoredAssignments, TsScoringInputs, TsScoringPolicy, TsScoringPolicyInput, TsServiceIndex,
    TsServiceRecords, TsSimulated, TsSimulationParams, TsSurveys,
};

/// A scoring request (`{period, now, …evidence}`, identity-survey responses included) from JS,
/// read and checked by the core (`now` may be a `Date`).
pub fn request_from_js(inputs: &JsValue) -> Fallible<ScoringRequest> {
    let mut v = value_from_js(inputs, "inputs")?;
    local_date_member(inputs, &mut v, "now", "inputs.now", false)?;
    Ok(ScoringRequest::from_value(v, "inputs")?)
}

/// A scoring policy from JS (`undefined` or `null`: the default), read and checked by the core.
pub(crate) fn scoring_policy(policy: Option<&JsValue>) -> Fallible<ScoringPolicy> {
    match opt_value_from_js(policy, "policy")? {
        Some(v) => Ok(ScoringPolicy::from_value(v)?),
        None => Ok(ScoringPolicy::default()),
    }
}

fn card(
    community: &JsCommunity,
    inputs: &JsValue,
    policy: Option<&JsValue>,
) -> Fallible<Scorecard> {
    let request = request_from_js(inputs)?;
    let policy = scoring_policy(policy)?;
    Ok(Scorecard::compute(
        &request.inputs(&community.inner),
        &policy,
    )?)
}

/// The whole scorecard: satisfaction, alerts, response, delivery, supply, facilities,
/// coverage (walking circle and service radius), staffing, special groups (care file and
/// contact on schedule), visits, volunteer participation, needs identification, time bank,
/// residents' engagement, the identity index (from `inputs.identity`), complaints and
/// suggestions, organisations, corrective actions and the 0–100 index.
#[wasm_bindgen]
pub fn scorecard(
    community: &JsCommunity,
    inputs: &TsScoringInputs,
    policy: Option<TsScoringPolicyInput>,
) -> Result<TsScorecard, JsValue> {
    let card = card(community, inputs, policy.as_deref())?;
    Ok(to_js(&card)?.unchecked_into())
}

/// What moved between two periods' scorecards (as `scorecard` gives them): the index and every
/// counted rate with both counts, the change in shares, Newcombe's interval of the difference
/// at `z` (default 1.96: 95%) and whether the change is more than noise.
#[wasm_bindgen(js_name = compareScorecards)]
pub fn compare_scorecards(
    before: &TsScorecard,
    after: &TsScorecard,
    z: Option<TsNumber>,
) -> Result<TsComparison, JsValue> {
    let z = opt_number(z.as_deref(), "z")?;
    let before: Scorecard = from_js(before, "before")?;
    let after: Scorecard = from_js(after, "after")?;
    let z = match z {
        Some(z) if z.is_finite() && z > 0.0 => z,
        Some(z) => {
            return Err(
                Failure::invalid("z", format!("must be a positive number, got {z}")).into(),
            );
        }
        None => 1.96,
    };
    Ok(to_js(&huzhu::scoring::compare(&before, &after, z))?.unchecked_into())
}

/// The scorecard of the same inputs as compact bilingual text (what Rust's `Display` prints).
#[wasm_bindgen(js_name = scorecardText)]
pub fn scorecard_text(
    community: &JsCommunity,
    inputs: &TsScoringInputs,
    policy: Option<TsScoringPolicyInput>,
) -> Result<String, JsValue> {
    Ok(card(community, inputs, policy.as_deref())?.render_text())
}

/// The default scoring policy (thresholds and weights of the planning documents).
#[wasm_bindgen(js_name = defaultScoringPolicy)]
pub fn default_scoring_policy() -> Result<TsScoringPolicy, JsValue> {
    Ok(to_js(&ScoringPolicy::default())?.unchecked_into())
}

/// The default weights of the composite index.
#[wasm_bindgen(js_name = defaultIndexWeights)]
pub fn default_index_weights_js() -> Result<TsIndicatorWeights, JsValue> {
    Ok(to_js(&default_index_weights())?.unchecked_into())
}

/// Seeded simulation of service records, surveys, care records, visits and time-bank flows
/// for assignments in a period (for demos and tests).
#[wasm_bindgen(js_name = simulate)]
pub fn simulate_js(
    community: &JsCommunity,
    assignments: &TsScoredAssignments,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    seed: &TsNumber,
    params: Option<TsSimulationParams>,
) -> Result<TsSimulated, JsValue> {
    let seed = number(seed, "seed")?;
    let a: Vec<Assignment> = from_js(assignments, "assignments")?;
    let p = period_from_js(period_)?;
    let seed = whole(seed, "seed", 9_007_199_254_740_991.0)?;
    let params: SimulationParams = match params.as_deref() {
        Some(v) => from_js_opt(v, "params")?.unwrap_or_default(),
        None => SimulationParams::default(),
    };
    let s = simulate(&community.inner, &a, p, seed, &params);
    Ok(to_js(&s)?.unchecked_into())
}

/// The scoring view of a plan's assignments, all matched at `matchedAt` (as the core's
/// `assignments_from_plan`).
#[wasm_bindgen(js_name = assignmentsFromPlan)]
pub fn assignments_from_plan_js(
    plan: &TsMatchPlan,
    #[wasm_bindgen(js_name = matchedAt)] matched_at: &TsDateTime,
) -> Result<TsScoredAssignments, JsValue> {
    let plan: MatchPlan = from_js(plan, "plan")?;
    let matched_at = datetime_from_js(matched_at, "matchedAt")?;
    Ok(to_js(&assignments_from_plan(&plan, matched_at))?.unchecked_into())
}

/// Share of residents covered by each essential service category: within the walking circle
/// (`thresholdMinutes`) and within the service radius (`radiusM` metres, default 500), both
/// reported.
#[wasm_bindgen(js_name = circleCoverage)]
pub fn circle_coverage_js(
    community: &JsCommunity,
    #[wasm_bindgen(js_name = thresholdMinutes)] threshold_minutes: &TsNumber,
    #[wasm_bindgen(js_name = radiusM)] radius_m: Option<TsNumber>,
) -> Result<TsCoverageReport, JsValue> {
    let threshold_minutes = number(threshold_minutes, "thresholdMinutes")?;
    let radius_m = opt_number(radius_m.as_deref(), "radiusM")?;
    let t = whole(threshold_minutes, "thresholdMinutes", f64::from(u32::MAX))? as u32;
    let r = match radius_m {
        Some(m) => whole(m, "radiusM", f64::from(u32::MAX))? as u32,
        None => 500,
    };
    Ok(to_js(&circle_coverage(&community.inner, t, r))?.unchecked_into())
}

/// Satisfaction per scope and dimension (Likert mean, spread, share satisfied with Wilson
/// bounds, Cronbach's alpha).
#[wasm_bindgen(js_name = satisfaction)]
pub fn satisfaction_js(
    community: &JsCommunity,
    surveys: &TsSurveys,
    policy: Option<TsScoringPolicyInput>,
) -> Result<TsSatisfactionReport, JsValue> {
    let s: Vec<SurveyResponse> = from_js(surveys, "surveys")?;
    let policy = scoring_policy(policy.as_deref())?;
    let report = satisfaction(&community.inner, &s, &policy).map_err(Failure::from)?;
    Ok(to_js(&report)?.unchecked_into())
}

/// Quality warnings from surveys: below 60% satisfied must be corrected; below it in two
/// consecutive calendar years (the annual evaluations, whatever the surveys' periods), retired;
/// below it on fewer answers than a firm verdict needs, `below_few_answers` with its interval
/// (thresholds in `policy.alerts`).
#[wasm_bindgen(js_name = qualityAlerts)]
pub fn quality_alerts_js(
    community: &JsCommunity,
    surveys: &TsSurveys,
    policy: Option<TsScoringPolicyInput>,
) -> Result<TsQualityAlerts, JsValue> {
    let s: Vec<SurveyResponse> = from_js(surveys, "surveys")?;
    let policy = scoring_policy(policy.as_deref())?;
    let report = satisfaction(&community.inner, &s, &policy).map_err(Failure::from)?;
    Ok(to_js(&quality_alerts(&report, &policy.alerts))?.unchecked_into())
}

/// Response times against the 24-hour and 3-working-day deadlines.
#[wasm_bindgen(js_name = responseTimes)]
pub fn response_times_js(
    community: &JsCommunity,
    assignments: &TsScoredAssignments,
    records: &TsServiceRecords,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    now: &TsDateTime,
) -> Result<TsResponseReport, JsValue> {
    let a: Vec<Assignment> = from_js(assignments, "assignments")?;
    huzhu::scoring::check_assignments(&community.inner, &a).map_err(Failure::from)?;
    let r: Vec<ServiceRecord> = from_js(records, "records")?;
    huzhu::scoring::check_service_records(&community.inner, &r).map_err(Failure::from)?;
    let p = period_from_js(period_)?;
    let now = datetime_from_js(now, "now")?;
    Ok(to_js(&response_times(&community.inner, &a, &r, p, now))?.unchecked_into())
}

/// The composite 0–100 index from indicator values (0–1 shares, `null` when unknown).
#[wasm_bindgen(js_name = compositeIndex)]
pub fn composite_index_js(
    values: &TsIndicatorValues,
    weights: Option<TsIndicatorWeights>,
) -> Result<TsServiceIndex, JsValue> {
    let v = from_js(values, "values")?;
    let w = match weights.as_deref() {
        Some(w) => from_js_opt(w, "weights")?.unwrap_or_else(default_index_weights),
        None => default_index_weights(),
    };
    let index = composite_index(&v, &w).map_err(Failure::from)?;
    Ok(to_js(&index)?.unchecked_into())
}
