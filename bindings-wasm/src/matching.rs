//! Matching: one-shot plans, a `Matcher` for explanations and pins, hours-budget plans.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use std::sync::Arc;

#[cfg(feature = "hours")]
use huzhu::matching::gap::GapOptions;
use huzhu::matching::{Hooks, MatchContext, MatchPlan, MatchPolicy, Matcher, match_needs};
use huzhu::model::text::format_local_datetime;
use huzhu::model::{Community, HelperId};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
#[cfg(feature = "hours")]
use crate::convert::from_js_opt;
use crate::convert::{datetime_from_js, label_from_js, opt_value_from_js, to_js};
use crate::convert::{need_id, number};
use crate::error::{Failure, Fallible};
use crate::types::TsNumber;
use crate::types::{
    TsDateTime, TsExplanation, TsHelperRef, TsMatchContextInput, TsMatchPlan, TsMatchPolicy,
    TsMatchPolicyInput, TsNeedCandidatesOrUndefined, TsPins, TsWhyNot,
};

/// A match policy from JS (`undefined` or `null`: the default), read and checked by the core.
pub fn policy_from_js(policy: Option<&JsValue>) -> Fallible<MatchPolicy> {
    match opt_value_from_js(policy, "policy")? {
        Some(v) => Ok(MatchPolicy::from_value(v)?),
        None => Ok(MatchPolicy::default()),
    }
}

/// The context JSON with the `now` argument in it: `now` is an argument of its own in JS, so
/// the context object must not hold one.
pub fn context_value(now: &str, context: Option<Value>) -> Fallible<Value> {
    let mut context = context.unwrap_or_else(|| Value::Object(Map::new()));
    if let Some(map) = context.as_object_mut() {
        if map.contains_key("now") {
            return Err(Failure::invalid(
                "context.now",
                "the time is the `now` argument; leave it out of the context",
            ));
        }
        map.insert("now".into(), Value::String(now.to_owned()));
    }
    Ok(context)
}

/// The policy and the context of a run, read and checked by the core.
pub(crate) fn inputs(
    now: &JsValue,
    policy: Option<&JsValue>,
    context: Option<&JsValue>,
) -> Fallible<(MatchPolicy, MatchContext)> {
    let now = format_local_datetime(datetime_from_js(now, "now")?);
    let policy = policy_from_js(policy)?;
    let context = context_value(&now, opt_value_from_js(context, "context")?)?;
    Ok((policy, MatchContext::from_value(context)?))
}

/// A helper label (`volunteer#3`) or the core's `{kind, id}` (or a pair `["volunteer", 3]`).
fn helper(value: &JsValue) -> Fallible<HelperId> {
    label_from_js(value, "helper", "a helper label such as \"volunteer#3\"")
}

/// One exact plan.
pub fn plan_once(
    c: &Community,
    now: &JsValue,
    policy: Option<&JsValue>,
    context: Option<&JsValue>,
) -> Fallible<MatchPlan> {
    let (policy, ctx) = inputs(now, policy, context)?;
    Ok(match_needs(c, &policy, &ctx)?)
}

/// A plan under weekly hour budgets.
#[cfg(feature = "hours")]
pub fn hours_plan(
    c: &Community,
    now: &JsValue,
    policy: Option<&JsValue>,
    context: Option<&JsValue>,
    options: Option<&JsValue>,
) -> Fallible<MatchPlan> {
    let (policy, ctx) = inputs(now, policy, context)?;
    let options: GapOptions =
        from_js_opt(options.unwrap_or(&JsValue::UNDEFINED), "options")?.unwrap_or_default();
    Ok(huzhu::matching::match_with_hours(
        c,
        &policy,
        &ctx,
        &options,
        &mut || false,
    )?)
}

/// The default match policy (documented weights and penalties).
#[wasm_bindgen(js_name = defaultMatchPolicy)]
pub fn default_match_policy() -> Result<TsMatchPolicy, JsValue> {
    Ok(to_js(&MatchPolicy::default())?.unchecked_into())
}

/// A matcher over a community: solve, verify, explain, why-not, pin. It shares the community's
/// records (no copy) and never changes them.
#[wasm_bindgen(js_name = Matcher)]
pub struct JsMatcher {
    inner: Matcher<'static>,
}

#[wasm_bindgen(js_class = Matcher)]
impl JsMatcher {
    /// Builds the candidates and the flow problem for `community` at `now`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        community: &JsCommunity,
        now: &TsDateTime,
        policy: Option<TsMatchPolicyInput>,
        context: Option<TsMatchContextInput>,
    ) -> Result<JsMatcher, JsValue> {
        let (policy, ctx) = inputs(now, policy.as_deref(), context.as_deref())?;
        let shared = Arc::clone(&community.inner);
        let inner = Matcher::with_hooks(shared, policy, ctx, &mut Hooks::default())
            .map_err(Failure::from)?;
        Ok(JsMatcher { inner })
    }

    /// Solves (or re-solves after pins) and returns the plan.
    pub fn solve(&mut self) -> Result<TsMatchPlan, JsValue> {
        let plan = self.inner.solve().map_err(Failure::from)?;
        Ok(to_js(&plan)?.unchecked_into())
    }

    /// Checks the last solution's optimality from its dual prices; throws if it fails.
    pub fn verify(&self) -> Result<(), JsValue> {
        self.inner.verify().map_err(Failure::from)?;
        Ok(())
    }

    /// Why a need got its helper, or none (after `solve`).
    pub fn explain(&self, need: &TsNumber) -> Result<TsExplanation, JsValue> {
        let need = number(need, "need")?;
        let need = need_id(need, "need")?;
        let e = self.inner.explain(need).map_err(Failure::from)?;
        Ok(to_js(&e)?.unchecked_into())
    }

    /// Why not this helper for this need (after `solve`): ruled out, capped, or how much
    /// cheaper it would have to be.
    #[wasm_bindgen(js_name = whyNot)]
    pub fn why_not(
        &self,
        need: &TsNumber,
        #[wasm_bindgen(js_name = helper)] helper_: &TsHelperRef,
    ) -> Result<TsWhyNot, JsValue> {
        let need = number(need, "need")?;
        let need = need_id(need, "need")?;
        let w = self
            .inner
            .why_not(need, helper(helper_)?)
            .map_err(Failure::from)?;
        Ok(to_js(&w)?.unchecked_into())
    }

    /// Requires a need to go to a helper in the next solve.
    pub fn pin(
        &mut self,
        need: &TsNumber,
        #[wasm_bindgen(js_name = helper)] helper_: &TsHelperRef,
    ) -> Result<(), JsValue> {
        let need = number(need, "need")?;
        let need = need_id(need, "need")?;
        self.inner
            .pin(need, helper(helper_)?)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// Releases a pin.
    pub fn unpin(&mut self, need: &TsNumber) -> Result<(), JsValue> {
        let need = number(need, "need")?;
        let need = need_id(need, "need")?;
        self.inner.unpin(need).map_err(Failure::from)?;
        Ok(())
    }

    /// The current pins, keyed by need id (as `context.confirmed`).
    pub fn pins(&self) -> Result<TsPins, JsValue> {
        Ok(to_js(self.inner.pins())?.unchecked_into())
    }

    /// A need's candidates and why the others were eliminated.
    pub fn candidates(&self, need: &TsNumber) -> Result<TsNeedCandidatesOrUndefined, JsValue> {
        let need = number(need, "need")?;
        let need = need_id(need, "need")?;
        Ok(match self.inner.candidates(need) {
            Some(c) => to_js(c)?,
            None => JsValue::UNDEFINED,
        }
        .unchecked_into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-11-24T08:00:00";

    fn context(json: &str) -> Fallible<MatchContext> {
        let v = serde_json::from_str(json).unwrap();
        Ok(MatchContext::from_value(context_value(NOW, Some(v))?)?)
    }

    #[test]
    fn the_context_takes_now_from_the_argument() {
        assert_eq!(
            MatchContext::from_value(context_value(NOW, None).unwrap()).unwrap(),
            MatchContext::new(huzhu::model::text::parse_local_datetime(NOW).unwrap())
        );
        let ctx =
            context(r#"{"reliability": {"Volunteer:2": 800}, "confirmed": {"7": "volunteer#2"}}"#)
                .unwrap();
        assert_eq!(ctx.reliability.len(), 1);
        let e = context(r#"{"now": "2026-11-24T09:00:00"}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("INVALID_ARGUMENT", Some("context.now"))
        );
    }

    #[test]
    fn reliability_above_1000_is_refused_by_the_core() {
        let e = context(r#"{"reliability": {"volunteer#1": 1001}}"#).unwrap_err();
        assert_eq!(e.code, "MATCH_INVALID_CONTEXT");
        assert_eq!(
            (e.record.as_deref(), e.field.as_deref()),
            (Some("match context"), Some("reliability.volunteer#1"))
        );
        let e = context(r#"{"colour": 1}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("MATCH_INVALID_CONTEXT", Some("colour"))
        );
    }
}
