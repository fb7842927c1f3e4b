//! Staffing advice from the plan: whom to recruit, where and when, to serve the most unmet need
//! ("recruit 1 volunteer with `legal` in grid 12 for Tuesday mornings: +2 needs met"). The core
//! matches, groups the unmet needs, ranks the groups by the plan's dual prices and checks the
//! best by re-solving with the recruits added (`huzhu::matching::advise`); each piece of advice
//! carries its recruits as volunteer records, ready for `addVolunteer`.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::matching::{AdviceOptions, MatchPlan, Recruit, advise};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{opt_value_from_js, to_js};
use crate::error::{Failure, Fallible};
use crate::matching::inputs;
use crate::types::{
    TsAdviceOptionsInput, TsDateTime, TsMatchContextInput, TsMatchPolicyInput, TsStaffingAdvice,
};

/// A piece of advice as JS gets it: the core's record and its two sentences.
#[derive(Serialize)]
struct AdviceJson<'a> {
    #[serde(flatten)]
    recruit: &'a Recruit,
    text_en: String,
    text_zh: String,
}

impl<'a> From<&'a Recruit> for AdviceJson<'a> {
    fn from(recruit: &'a Recruit) -> Self {
        Self {
            recruit,
            text_en: recruit.text_en(),
            text_zh: recruit.text_zh(),
        }
    }
}

#[derive(Serialize)]
struct StaffingAdviceJson<'a> {
    plan: &'a MatchPlan,
    advice: Vec<AdviceJson<'a>>,
}

/// Advice options from JS (`undefined` or `null`: the defaults), read and checked by the core
/// (a bad or unknown setting is `MATCH_INVALID_POLICY` naming `advice.<setting>`).
fn options_from_js(options: Option<&JsValue>) -> Fallible<AdviceOptions> {
    match opt_value_from_js(options, "options")? {
        Some(v) => Ok(AdviceOptions::from_value(v)?),
        None => Ok(AdviceOptions::default()),
    }
}

/// Matches `community` at `now` and advises on the plan: `{plan, advice}`, the advice best
/// first (needs met, then objective gain). Each piece names the recruits' skills, language and
/// gender, the grid, weekday and part of the day, how many to recruit, the needs the plan's
/// prices predicted and the needs the re-solve met, `text_en` and `text_zh`, and `volunteers`:
/// the recruits as volunteer records (ids above every existing one) to add with
/// `addVolunteer`. `options`: `max_groups` (5: pieces of advice at most), `max_recruits` (5),
/// `minutes_per_week` (240), `max_travel_m` (1,200); `policy` and `context` as `match` takes
/// them.
#[wasm_bindgen(js_name = staffingAdvice)]
pub fn staffing_advice(
    community: &JsCommunity,
    now: &TsDateTime,
    options: Option<TsAdviceOptionsInput>,
    policy: Option<TsMatchPolicyInput>,
    context: Option<TsMatchContextInput>,
) -> Result<TsStaffingAdvice, JsValue> {
    let (policy, ctx) = inputs(now, policy.as_deref(), context.as_deref())?;
    let options = options_from_js(options.as_deref())?;
    let (plan, advice) =
        advise(&community.inner, &policy, &ctx, &options).map_err(Failure::from)?;
    let out = StaffingAdviceJson {
        plan: &plan,
        advice: advice.iter().map(AdviceJson::from).collect(),
    };
    Ok(to_js(&out)?.unchecked_into())
}
