//! A week of dispatching replayed run by run (`huzhu::dispatch`): huzhu's matcher beside the
//! phone baseline the documents replaced (first come, first served, the nearest helper free
//! now, no look-ahead), with every need's course and the figures side by side.
//!
//! The run times are the core's `DispatchTimes` and the policy the core's `MatchPolicy`, read by
//! the core's readers (unknown settings refused, named); errors become a `HuzhuError` with the
//! core's code, record and field. A rate over no needs is `null` ("no data").
// wasm-bindgen passes optional JS values by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::dispatch::{DispatchTimes, Dispatcher, compare, replay};
use huzhu::matching::MatchPolicy;
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{date_from_js, opt_value_from_js, to_js, value_from_js};
use crate::error::{Failure, Fallible};
use crate::types::{
    TsDispatchComparison, TsDispatchReplay, TsDispatchTimes, TsDispatcher, TsMatchPolicyInput,
};

fn times_arg(times: &JsValue) -> Fallible<DispatchTimes> {
    if !times.is_object() {
        return Err(Failure::invalid(
            "times",
            "expected an object {start, days?, first?, last?, every_minutes?}",
        ));
    }
    let mut value = value_from_js(times, "times")?;
    // A `Date` start counts by the package's date rule (its local day), not its UTC instant.
    let start = js_sys::Reflect::get(times, &JsValue::from_str("start")).unwrap_or_default();
    if start.is_instance_of::<js_sys::Date>()
        && let Some(map) = value.as_object_mut()
    {
        let day = date_from_js(&start, "times.start")?;
        map.insert("start".into(), serde_json::Value::String(day.to_string()));
    }
    Ok(DispatchTimes::from_value(value)?)
}

fn policy_arg(policy: Option<&JsValue>) -> Fallible<MatchPolicy> {
    Ok(match opt_value_from_js(policy, "policy")? {
        Some(v) => MatchPolicy::from_value(v)?,
        None => MatchPolicy::default(),
    })
}

/// Replays the week with huzhu's matcher and with the phone baseline on the same needs and
/// run times: `times` is `{start, days?, first?, last?, every_minutes?}` (7 days, "08:00" to
/// "20:00", every 120 minutes by default); `policy` the match policy's settings.
#[wasm_bindgen(js_name = compareDispatchers)]
pub fn compare_dispatchers(
    community: &JsCommunity,
    times: &TsDispatchTimes,
    policy: Option<TsMatchPolicyInput>,
) -> Result<TsDispatchComparison, JsValue> {
    let times = times_arg(times)?;
    let policy = policy_arg(policy.as_deref())?;
    let cmp = compare(&community.inner, &times, &policy).map_err(Failure::from)?;
    Ok(to_js(&cmp)?.unchecked_into())
}

/// Replays the week with one dispatcher, `"matcher"` (huzhu) or `"phone"` (the baseline).
#[wasm_bindgen(js_name = replayDispatch)]
pub fn replay_dispatch(
    community: &JsCommunity,
    dispatcher: &TsDispatcher,
    times: &TsDispatchTimes,
    policy: Option<TsMatchPolicyInput>,
) -> Result<TsDispatchReplay, JsValue> {
    let dispatcher: Dispatcher = dispatcher
        .as_string()
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| Failure::invalid("dispatcher", "expected \"matcher\" or \"phone\""))?;
    let times = times_arg(times)?;
    let policy = policy_arg(policy.as_deref())?;
    let r = replay(&community.inner, &times, &policy, dispatcher).map_err(Failure::from)?;
    Ok(to_js(&r)?.unchecked_into())
}
