//! The care loop of the planning documents (一人一档, 走访), computed by `huzhu::care` from a
//! community's care records as of a time the caller gives: contacts due and overdue per
//! resident, worker and grid; the week's needs from the care files' service packages; risk
//! flags with their reasons; latent needs found by rules (data: replace the documented
//! defaults), each naming its rule and facts; the identification indicators and the quarterly
//! needs list.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::care::{
    InferredNeed, LatentRule, check_rules, contact_schedule, default_rules, identification,
    identification_with, infer_needs, needs_list, package_needs, risk_flags,
};
use huzhu::model::{ContactPolicy, NeedId};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{
    date_from_js, datetime_from_js, from_js, from_js_opt, id32, period_from_js, to_js, whole,
};
use crate::convert::{number, opt_number};
use crate::error::{Failure, Fallible};
use crate::types::TsNumber;
use crate::types::{
    TsContactPolicy, TsContactPolicyInput, TsContactReport, TsDate, TsDateTime,
    TsIdentificationReport, TsInferredNeeds, TsLatentRules, TsNeeds, TsNeedsList, TsPeriod,
    TsRiskFlags,
};

/// A contact policy from JS (`undefined` or `null`: the documents' default), read by the core;
/// a setting left out keeps its default, an unknown one is refused naming it.
fn contact_policy(policy: Option<&JsValue>) -> Fallible<ContactPolicy> {
    let value: Option<serde_json::Value> = match policy {
        Some(p) => from_js_opt(p, "policy")?,
        None => None,
    };
    Ok(match value {
        Some(v) => ContactPolicy::from_value(v)?,
        None => ContactPolicy::default(),
    })
}

/// The rounds as of `now`: every resident with a care file open that day or living alone at the
/// policy's age (`elderly_age`, 60), with the plan of the file or the documents' default
/// (weekly visits from 70; half-monthly visits and weekly calls before), against the contact
/// log. A visit counts as a call, and so does a needs survey. Counted per worker and grid.
#[wasm_bindgen(js_name = contactSchedule)]
pub fn contact_schedule_js(
    community: &JsCommunity,
    now: &TsDateTime,
    policy: Option<TsContactPolicyInput>,
) -> Result<TsContactReport, JsValue> {
    let now = datetime_from_js(now, "now")?;
    let policy = contact_policy(policy.as_deref())?;
    let report = contact_schedule(&community.inner, &[], now, &policy);
    Ok(to_js(&report)?.unchecked_into())
}

/// The documents' contact policy (the defaults `contactSchedule` and `riskFlags` use).
#[wasm_bindgen(js_name = defaultContactPolicy)]
pub fn default_contact_policy() -> Result<TsContactPolicy, JsValue> {
    Ok(to_js(&ContactPolicy::default())?.unchecked_into())
}

/// The needs the open care files' packages ask for in the 7 days from `weekStart`, numbered from
/// `firstId` in resident, item and day order: basic needs recorded at the start of the week,
/// intake channel `care_package`, urgency `special_group` for a special-group resident. Add
/// them with `addNeed` to match them (no re-keying).
#[wasm_bindgen(js_name = packageNeeds)]
pub fn package_needs_js(
    community: &JsCommunity,
    #[wasm_bindgen(js_name = weekStart)] week_start: &TsDate,
    #[wasm_bindgen(js_name = firstId)] first_id: &TsNumber,
) -> Result<TsNeeds, JsValue> {
    let first_id = number(first_id, "firstId")?;
    let week = date_from_js(week_start, "weekStart")?;
    let first = NeedId(id32(first_id, "firstId")?);
    Ok(to_js(&package_needs(&community.inner, week, first))?.unchecked_into())
}

/// The risk flags of every open care file at `now`, each with its reason: a planned contact
/// overdue (by the rounds under `policy`), a need unserved past its deadline, self-care worse
/// than assessed. By resident, then in that order.
#[wasm_bindgen(js_name = riskFlags)]
pub fn risk_flags_js(
    community: &JsCommunity,
    now: &TsDateTime,
    policy: Option<TsContactPolicyInput>,
) -> Result<TsRiskFlags, JsValue> {
    let now = datetime_from_js(now, "now")?;
    let policy = contact_policy(policy.as_deref())?;
    let rounds = contact_schedule(&community.inner, &[], now, &policy);
    Ok(to_js(&risk_flags(&community.inner, &rounds, now))?.unchecked_into())
}

/// The latent needs the `rules` (default: `defaultLatentRules()`) infer at `now`, by resident
/// then rule, each naming its rule and the facts that made it fire. A rule does not fire for a
/// resident who already has an open need of the category it infers.
#[wasm_bindgen(js_name = inferNeeds)]
pub fn infer_needs_js(
    community: &JsCommunity,
    now: &TsDateTime,
    rules: Option<TsLatentRules>,
) -> Result<TsInferredNeeds, JsValue> {
    let now = datetime_from_js(now, "now")?;
    let rules: Vec<LatentRule> = match rules.as_deref() {
        Some(r) => from_js_opt(r, "rules")?.unwrap_or_else(default_rules),
        None => default_rules(),
    };
    check_rules(&community.inner, &rules).map_err(Failure::from)?;
    Ok(to_js(&infer_needs(&community.inner, now, &rules))?.unchecked_into())
}

/// The documented default latent-need rules (aged 80+ living alone without contact for 14 days
/// → a home visit; dependent without cleaning for 30 days → cleaning; hardship 70+ without
/// meals for 30 days → meals): plain data to change or replace.
#[wasm_bindgen(js_name = defaultLatentRules)]
pub fn default_latent_rules() -> Result<TsLatentRules, JsValue> {
    Ok(to_js(&default_rules())?.unchecked_into())
}

/// The needs to record for inferred needs (as `inferNeeds` gives them), numbered from
/// `firstId`: latent, intake channel `inferred`, naming their rule, created at `now` with a
/// window from `now` to the start of the `days`-th day after it. Add them with `addNeed`.
#[wasm_bindgen(js_name = needsFromInferred)]
pub fn needs_from_inferred(
    inferred: &TsInferredNeeds,
    #[wasm_bindgen(js_name = firstId)] first_id: &TsNumber,
    now: &TsDateTime,
    days: &TsNumber,
) -> Result<TsNeeds, JsValue> {
    let first_id = number(first_id, "firstId")?;
    let days = number(days, "days")?;
    let inferred: Vec<InferredNeed> = from_js(inferred, "inferred")?;
    let first = id32(first_id, "firstId")?;
    let now = datetime_from_js(now, "now")?;
    let days = whole(days, "days", f64::from(u32::MAX))? as u32;
    let mut needs = Vec::with_capacity(inferred.len());
    for (i, n) in inferred.iter().enumerate() {
        let id = u32::try_from(i)
            .ok()
            .and_then(|i| first.checked_add(i))
            .ok_or_else(|| {
                Failure::invalid("firstId", format!("{first} leaves no id for every need"))
            })?;
        needs.push(n.to_need(NeedId(id), now, days));
    }
    Ok(to_js(&needs)?.unchecked_into())
}

/// The identification indicators of `period`: the accuracy of inferred needs (confirmed among
/// those decided; target 85%), the share of needs from personalised care-file packages (target
/// 40%), and needs-survey coverage of residents (target 100%) over the `surveyWindowDays` days
/// that end with the period (default 365: a yearly survey).
#[wasm_bindgen(js_name = identification)]
pub fn identification_js(
    community: &JsCommunity,
    #[wasm_bindgen(js_name = period)] period_: &TsPeriod,
    #[wasm_bindgen(js_name = surveyWindowDays)] survey_window_days: Option<TsNumber>,
) -> Result<TsIdentificationReport, JsValue> {
    let survey_window_days = opt_number(survey_window_days.as_deref(), "surveyWindowDays")?;
    let p = period_from_js(period_)?;
    let report = match survey_window_days {
        Some(d) => {
            let days = whole(d, "surveyWindowDays", f64::from(u32::MAX))? as u32;
            identification_with(&community.inner, p, days)
        }
        None => identification(&community.inner, p),
    };
    Ok(to_js(&report)?.unchecked_into())
}

/// The needs list (需求清单) by quarter, grid and category: needs recorded by kind (basic,
/// dynamic, latent), served and pending.
#[wasm_bindgen(js_name = needsList)]
pub fn needs_list_js(community: &JsCommunity) -> Result<TsNeedsList, JsValue> {
    Ok(to_js(&needs_list(&community.inner))?.unchecked_into())
}
