//! The residents' part in their community, computed by the core from the community's
//! activities and feedback ([`crate::community_participation`]): participation in community
//! affairs and activities by age band, household, occupation and grid; the identity index
//! (Likert items scored to 0–100 with Cronbach's alpha) and neighbours known; complaints and
//! suggestions (answer times against the deadlines, repeat complaints, suggestions adopted);
//! organisations' activity and dormancy; corrective actions opened by quality alerts. Every
//! optional setting defaults as in `defaultScoringPolicy()`; the scorecard computes all of them
//! with the policy's settings.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::scoring::{
    IdentityItem, IdentityResponse, QualityAlert, ScoringPolicy, check_identity,
    corrective_actions, default_identity_items, engagement, identity_index, organisations, voice,
};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::opt_number;
use crate::convert::{datetime_from_js, from_js, from_js_opt, period_from_js, to_js, whole};
use crate::error::{Failure, Fallible};
use crate::types::TsNumber;
use crate::types::{
    TsCorrectiveActions, TsEngagementReport, TsIdentityItems, TsIdentityReport,
    TsIdentityResponses, TsOrganisationReport, TsPeriod, TsQualityAlerts, TsVoiceReport,
};

/// An optional whole number of days, people or years (a u32), or the default.
fn opt_u32(value: Option<f64>, field: &str, default: u32) -> Fallible<u32> {
    match value {
        Some(v) => whole(v, field, f64::from(u32::MAX)).map(|v| v as u32),
        None => Ok(default),
    }
}

/// Participation in community affairs (meetings, hearings, consultations) and in activities
/// over the period, of residents aged `minAge` (18) and over at its start: in all, by age
/// band, household, occupation and grid, with repeat participants (two or more attendances)
/// and residents never reached (no attendance up to the period's end).
#[wasm_bindgen(js_name = engagement)]
pub fn engagement_js(
    community: &JsCommunity,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    #[wasm_bindgen(js_name = minAge)] min_age: Option<TsNumber>,
) -> Result<TsEngagementReport, JsValue> {
    let min_age = opt_number(min_age.as_deref(), "minAge")?;
    let p = period_from_js(period_)?;
    let default = ScoringPolicy::default().participation_min_age;
    let min_age = opt_u32(min_age, "minAge", default)?;
    Ok(to_js(&engagement(&community.inner, p, min_age))?.unchecked_into())
}

/// The documented default items of the identity survey (Likert 1–5; `leave` is reverse-scored).
#[wasm_bindgen(js_name = defaultIdentityItems)]
pub fn default_identity_items_js() -> Result<TsIdentityItems, JsValue> {
    Ok(to_js(&default_identity_items())?.unchecked_into())
}

/// The community identity index (0–100: each respondent's latest answers in the period, item
/// means on 1–5 mapped to 0–100, reverse items turned) with Cronbach's alpha, and the share of
/// respondents who know at least `neighboursThreshold` (3) neighbours by name. `items`
/// replaces the default survey. Responses are checked by the core against the community (the
/// respondents must be residents) and the items (every item answered, 1–5, no other).
#[wasm_bindgen(js_name = identityIndex)]
pub fn identity_index_js(
    community: &JsCommunity,
    responses: &TsIdentityResponses,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    items: Option<TsIdentityItems>,
    #[wasm_bindgen(js_name = neighboursThreshold)] neighbours_threshold: Option<TsNumber>,
) -> Result<TsIdentityReport, JsValue> {
    let neighbours_threshold = opt_number(neighbours_threshold.as_deref(), "neighboursThreshold")?;
    let r: Vec<IdentityResponse> = from_js(responses, "responses")?;
    let p = period_from_js(period_)?;
    let items: Vec<IdentityItem> = match items.as_deref() {
        Some(v) => from_js_opt(v, "items")?.unwrap_or_else(default_identity_items),
        None => default_identity_items(),
    };
    let default = ScoringPolicy::default().neighbours_threshold;
    let threshold = opt_u32(neighbours_threshold, "neighboursThreshold", default)?;
    check_identity(&community.inner, &items, &r).map_err(Failure::from)?;
    Ok(to_js(&identity_index(&r, &items, p, threshold))?.unchecked_into())
}

/// Complaints and suggestions received in the period (up to `now`): answered by the general
/// deadline, answer-time percentiles, handling days, repeat complaints (the same resident on
/// the same matter within `repeatWindowDays`, 90), suggestions adopted, and those overdue.
#[wasm_bindgen(js_name = voice)]
pub fn voice_js(
    community: &JsCommunity,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    now: &crate::types::TsDateTime,
    #[wasm_bindgen(js_name = repeatWindowDays)] repeat_window_days: Option<TsNumber>,
) -> Result<TsVoiceReport, JsValue> {
    let repeat_window_days = opt_number(repeat_window_days.as_deref(), "repeatWindowDays")?;
    let p = period_from_js(period_)?;
    let now = datetime_from_js(now, "now")?;
    let default = ScoringPolicy::default().repeat_complaint_days;
    let days = opt_u32(repeat_window_days, "repeatWindowDays", default)?;
    Ok(to_js(&voice(&community.inner, p, now, days))?.unchecked_into())
}

/// Self-governing and social organisations (and companies): activities run and members in the
/// period, star grade and priority (3A+), dormant when they ran no activity in the
/// `dormantAfterDays` (90) before the period's end; the share of active services run by social
/// organisations and companies.
#[wasm_bindgen(js_name = organisations)]
pub fn organisations_js(
    community: &JsCommunity,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    #[wasm_bindgen(js_name = dormantAfterDays)] dormant_after_days: Option<TsNumber>,
) -> Result<TsOrganisationReport, JsValue> {
    let dormant_after_days = opt_number(dormant_after_days.as_deref(), "dormantAfterDays")?;
    let p = period_from_js(period_)?;
    let default = ScoringPolicy::default().dormant_after_days;
    let days = opt_u32(dormant_after_days, "dormantAfterDays", default)?;
    Ok(to_js(&organisations(&community.inner, p, days))?.unchecked_into())
}

/// Corrective actions (整改) from quality alerts (`qualityAlerts`, of several periods): one
/// opens at a `correct` or `retire` verdict, is escalated by a later `retire`, and is closed
/// only by the next `ok` evaluation of the same helper.
#[wasm_bindgen(js_name = correctiveActions)]
pub fn corrective_actions_js(alerts: &TsQualityAlerts) -> Result<TsCorrectiveActions, JsValue> {
    let a: Vec<QualityAlert> = from_js(alerts, "alerts")?;
    Ok(to_js(&corrective_actions(&a))?.unchecked_into())
}
