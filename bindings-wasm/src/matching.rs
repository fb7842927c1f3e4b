//! Matching: one-shot plans, a `Matcher` for explanations and pins, hours-budget plans.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use std::collections::BTreeMap;

use huzhu::matching::gap::GapOptions;
use huzhu::matching::{
    Hooks, MatchContext, MatchPlan, MatchPolicy, Matcher, match_needs, match_with_hours,
};
use huzhu::model::{Community, HelperId, NeedId, ResidentId};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{
    datetime_from_js, from_js_opt, helper_from_js, helper_from_label, id32, parse, to_js,
};
use crate::error::{Failure, Fallible};
use crate::types::{
    TsDateTime, TsExplanation, TsHelperRef, TsMatchContextInput, TsMatchPlan, TsMatchPolicy,
    TsMatchPolicyInput, TsNeedCandidatesOrUndefined, TsPins, TsWhyNot,
};

/// A helper written as a label (`"volunteer#3"`) or as the core's `{kind, id}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum HelperRef {
    Label(String),
    Id(HelperId),
}

impl HelperRef {
    fn get(self, field: &str) -> Fallible<HelperId> {
        match self {
            HelperRef::Label(s) => helper_from_label(&s, field),
            HelperRef::Id(h) => Ok(h),
        }
    }
}

/// The JS shape of a match context, without `now` (passed separately). Maps keyed by helper
/// are plain objects keyed by helper label.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ContextInput {
    history: Vec<(u32, HelperRef)>,
    reliability: BTreeMap<String, u16>,
    unavailable: Vec<HelperRef>,
    committed: BTreeMap<String, u32>,
    confirmed: BTreeMap<String, HelperRef>,
}

/// Builds the core context from JSON text of a `MatchContextInput` (or `null`).
pub fn context_from_json(now: chrono::NaiveDateTime, text: &str) -> Fallible<MatchContext> {
    let input: Option<ContextInput> = parse(text, "context")?;
    let input = input.unwrap_or_default();
    let mut ctx = MatchContext::new(now);
    for (i, (resident, helper)) in input.history.into_iter().enumerate() {
        let h = helper.get(&format!("context.history[{i}]"))?;
        ctx.history.insert((ResidentId(resident), h));
    }
    for (label, permille) in input.reliability {
        let field = format!("context.reliability.{label}");
        if permille > 1000 {
            return Err(Failure::invalid(
                field,
                format!("{permille} is above 1000 per mille"),
            ));
        }
        ctx.reliability
            .insert(helper_from_label(&label, &field)?, permille);
    }
    for (i, helper) in input.unavailable.into_iter().enumerate() {
        ctx.unavailable
            .insert(helper.get(&format!("context.unavailable[{i}]"))?);
    }
    for (label, tasks) in input.committed {
        let field = format!("context.committed.{label}");
        ctx.committed
            .insert(helper_from_label(&label, &field)?, tasks);
    }
    for (need, helper) in input.confirmed {
        let field = format!("context.confirmed.{need}");
        let id = need
            .parse::<u32>()
            .map_err(|_| Failure::invalid(&field, "keys are need ids"))?;
        ctx.confirmed.insert(NeedId(id), helper.get(&field)?);
    }
    Ok(ctx)
}

/// Builds the core policy from JSON text of a partial `MatchPolicy` (or `null`), checked.
pub fn policy_from_json(text: &str) -> Fallible<MatchPolicy> {
    let policy: Option<MatchPolicy> = parse(text, "policy")?;
    let policy = policy.unwrap_or_default();
    policy.check().map_err(|why| {
        let mut f = Failure::from(huzhu::matching::MatchError::InvalidPolicy { why });
        f.field = Some("policy".into());
        f
    })?;
    Ok(policy)
}

fn inputs(
    now: &JsValue,
    policy: Option<&JsValue>,
    context: Option<&JsValue>,
) -> Fallible<(MatchPolicy, MatchContext)> {
    let now = datetime_from_js(now, "now")?;
    let text = |v: Option<&JsValue>, what| match v {
        Some(v) => crate::convert::stringify(v, what),
        None => Ok("null".to_owned()),
    };
    let policy = policy_from_json(&text(policy, "policy")?)?;
    let ctx = context_from_json(now, &text(context, "context")?)?;
    Ok((policy, ctx))
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

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct HoursInput {
    seed: u64,
    max_iterations: Option<u64>,
    bound_iterations: Option<u32>,
}

/// A plan under weekly hour budgets.
pub fn hours_plan(
    c: &Community,
    now: &JsValue,
    policy: Option<&JsValue>,
    context: Option<&JsValue>,
    options: Option<&JsValue>,
) -> Fallible<MatchPlan> {
    let (policy, ctx) = inputs(now, policy, context)?;
    let o: HoursInput =
        from_js_opt(options.unwrap_or(&JsValue::UNDEFINED), "options")?.unwrap_or_default();
    let mut options = GapOptions::default().with_seed(o.seed);
    if let Some(m) = o.max_iterations {
        options = options.with_max_iterations(m);
    }
    if let Some(b) = o.bound_iterations {
        options = options.with_bound_iterations(b);
    }
    Ok(match_with_hours(c, &policy, &ctx, &options, &mut || false)?)
}

/// The default match policy (documented weights and penalties).
#[wasm_bindgen(js_name = defaultMatchPolicy)]
pub fn default_match_policy() -> Result<TsMatchPolicy, JsValue> {
    Ok(to_js(&MatchPolicy::default())?.unchecked_into())
}

/// A matcher over its own copy of a community: solve, verify, explain, why-not, pin.
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
        let inner = Matcher::with_hooks(
            Community::clone(&community.inner),
            policy,
            ctx,
            &mut Hooks::default(),
        )
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
        self.inner.verify().map_err(|e| {
            Failure::new(
                format!("SOLVER_{}", crate::error::variant_code(&e)),
                e.to_string(),
            )
        })?;
        Ok(())
    }

    /// Why a need got its helper, or none (after `solve`).
    pub fn explain(&self, need: f64) -> Result<TsExplanation, JsValue> {
        let need = NeedId(id32(need, "need")?);
        let e = self.inner.explain(need).map_err(Failure::from)?;
        Ok(to_js(&e)?.unchecked_into())
    }

    /// Why not this helper for this need (after `solve`): ruled out, capped, or how much
    /// cheaper it would have to be.
    #[wasm_bindgen(js_name = whyNot)]
    pub fn why_not(&self, need: f64, helper: &TsHelperRef) -> Result<TsWhyNot, JsValue> {
        let need = NeedId(id32(need, "need")?);
        let helper = helper_from_js(helper, "helper")?;
        let w = self.inner.why_not(need, helper).map_err(Failure::from)?;
        Ok(to_js(&w)?.unchecked_into())
    }

    /// Requires a need to go to a helper in the next solve.
    pub fn pin(&mut self, need: f64, helper: &TsHelperRef) -> Result<(), JsValue> {
        let need = NeedId(id32(need, "need")?);
        let helper = helper_from_js(helper, "helper")?;
        self.inner.pin(need, helper).map_err(Failure::from)?;
        Ok(())
    }

    /// Releases a pin.
    pub fn unpin(&mut self, need: f64) -> Result<(), JsValue> {
        let need = NeedId(id32(need, "need")?);
        self.inner.unpin(need).map_err(Failure::from)?;
        Ok(())
    }

    /// The current pins, keyed by need id.
    pub fn pins(&self) -> Result<TsPins, JsValue> {
        let pins: BTreeMap<String, HelperId> = huzhu::model::cold::collect(
            self.inner.pins().iter().map(|(n, h)| (n.0.to_string(), *h)),
        );
        Ok(to_js(&pins)?.unchecked_into())
    }

    /// A need's candidates and why the others were eliminated.
    pub fn candidates(&self, need: f64) -> Result<TsNeedCandidatesOrUndefined, JsValue> {
        let need = NeedId(id32(need, "need")?);
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

    fn now() -> chrono::NaiveDateTime {
        crate::convert::parse_datetime("2026-11-24T08:00:00", "now").unwrap()
    }

    #[test]
    fn context_reads_labels_and_objects() {
        let ctx = context_from_json(
            now(),
            r#"{"reliability": {"volunteer#2": 800}, "unavailable": ["service#1", {"kind": "volunteer", "id": 4}],
                "committed": {"volunteer#2": 3}, "confirmed": {"7": "volunteer#2"}, "history": [[1, "volunteer#2"]]}"#,
        )
        .unwrap();
        assert_eq!(ctx.reliability.len(), 1);
        assert_eq!(ctx.unavailable.len(), 2);
        assert_eq!(
            ctx.confirmed[&NeedId(7)],
            HelperId::Volunteer(huzhu::model::VolunteerId(2))
        );
        assert_eq!(
            context_from_json(now(), "null").unwrap(),
            MatchContext::new(now())
        );
        let e = context_from_json(now(), r#"{"committed": {"resident#1": 1}}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("context.committed.resident#1"));
        let e = context_from_json(now(), r#"{"colour": 1}"#).unwrap_err();
        assert_eq!(e.code, "INVALID_ARGUMENT");
    }

    #[test]
    fn policies_are_partial_and_checked() {
        let p = policy_from_json(r#"{"travel_per_minute": 20}"#).unwrap();
        assert_eq!(p.travel_per_minute, 20);
        assert_eq!(p.fee_per_yuan, MatchPolicy::default().fee_per_yuan);
        let e = policy_from_json(r#"{"travel_per_minute": -1}"#).unwrap_err();
        assert_eq!(e.code, "MATCH_INVALID_POLICY");
    }
}
