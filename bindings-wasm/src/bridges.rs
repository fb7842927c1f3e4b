//! The time bank's bridges to the other areas: a week of exchanges for a plan's assignments,
//! and a ledger's flows for the scorecard (with the `scoring` feature).

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::matching::Assignment;
use huzhu::synth::time_bank_week;
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::opt_number;
use crate::convert::{datetime_from_js, from_js};
use crate::error::Failure;
use crate::ledger::{JsLedger, policy_from_js};
use crate::types::TsNumber;
use crate::types::{TsAssignments, TsDateTime, TsLedgerPolicyInput, TsTimeBankWeek};

/// Runs a week of time-bank exchanges for the plan's assignments: `{ledger, summary}`.
#[wasm_bindgen(js_name = timeBankWeek)]
pub fn time_bank_week_js(
    community: &JsCommunity,
    assignments: &TsAssignments,
    policy: Option<TsLedgerPolicyInput>,
    #[wasm_bindgen(js_name = weekStart)] week_start: &TsDateTime,
) -> Result<TsTimeBankWeek, JsValue> {
    let a: Vec<Assignment> = from_js(assignments, "assignments")?;
    let policy = policy_from_js(policy.as_deref())?;
    let start = datetime_from_js(week_start, "weekStart")?;
    let (ledger, s) = time_bank_week(&community.inner, &a, policy, start).map_err(Failure::from)?;
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"ledger".into(), &JsLedger::from(ledger).into());
    let _ = js_sys::Reflect::set(&out, &"summary".into(), &crate::convert::to_js(&s)?);
    Ok(JsValue::from(out).unchecked_into())
}

/// Time-bank flows of a period, from a ledger.
#[cfg(feature = "scoring")]
#[wasm_bindgen(js_name = timeBankFromLedger)]
pub fn time_bank_from_ledger_js(
    ledger: &JsLedger,
    community: &JsCommunity,
    #[wasm_bindgen(js_name = period)] period_: &crate::types::TsPeriod,
    #[wasm_bindgen(js_name = capMinutes)] cap_minutes: Option<TsNumber>,
) -> Result<crate::types::TsTimeBankPeriod, JsValue> {
    let cap_minutes = opt_number(cap_minutes.as_deref(), "capMinutes")?;
    let p = crate::convert::period_from_js(period_)?;
    let cap = cap_minutes
        .map(|c| crate::convert::minutes(c, "cap_minutes"))
        .transpose()?;
    let t = huzhu::scoring::time_bank_from_ledger(&ledger.inner, &community.inner, p, cap);
    Ok(crate::convert::to_js(&t)?.unchecked_into())
}
