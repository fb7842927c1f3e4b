//! Visit rounds (`huzhu::routing`): which care worker or volunteer visits which homes, in what
//! order, at what times; a re-plan after a change that moves as little as it can; the rounds as
//! GeoJSON.
//!
//! Visits, servers, the policy and a previous plan are the core's types, read by its serde
//! (unknown fields refused, defaults filled in, servers read as labels by the core's
//! `FromStr`); the core checks them and its `RoundsError` becomes a `HuzhuError` with its code,
//! record and field (and `setting`, for the rounds policy's).

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::routing::{RoundVisit, RoundWorker, Rounds, RoundsPolicy, plan_rounds, replan_rounds};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, from_js_opt, json, parse_js, to_js};
use crate::error::Fallible;
use crate::types::{
    TsRoundVisits, TsRoundWorkers, TsRounds, TsRoundsGeoJson, TsRoundsPolicy, TsRoundsPolicyInput,
};

/// A rounds policy from JS (`undefined` or `null`: the default); a setting left out keeps its
/// default, an unknown one is refused naming it. The core checks the values when it plans.
fn policy(value: Option<&JsValue>) -> Fallible<RoundsPolicy> {
    Ok(match value {
        Some(v) => from_js_opt(v, "policy")?.unwrap_or_default(),
        None => RoundsPolicy::default(),
    })
}

/// The visits and the servers, read by the core.
fn records(visits: &JsValue, workers: &JsValue) -> Fallible<(Vec<RoundVisit>, Vec<RoundWorker>)> {
    Ok((from_js(visits, "visits")?, from_js(workers, "workers")?))
}

/// Plans the rounds: which server (`worker#3`, `volunteer#12`) makes which visits, in what
/// order, when. Travel times are great-circle distances lengthened by the policy's detour, at
/// each server's speed (walking 75, cycling 200, e-bike 300 metres a minute); the most urgent
/// visits are served first, then the plan minimises travel and, at the policy's price, changes
/// of the server a resident knows. Every visit not planned is listed with its reason.
#[wasm_bindgen(js_name = planRounds)]
pub fn plan_rounds_js(
    visits: &TsRoundVisits,
    workers: &TsRoundWorkers,
    #[wasm_bindgen(js_name = policy)] policy_: Option<TsRoundsPolicyInput>,
) -> Result<TsRounds, JsValue> {
    let (visits, workers) = records(visits, workers)?;
    let policy = policy(policy_.as_deref())?;
    let rounds = plan_rounds(&visits, &workers, &policy).map_err(crate::error::Failure::from)?;
    Ok(to_js(&rounds)?.unchecked_into())
}

/// Re-plans after a change from a previous plan: a server off sick (left out of `workers`), an
/// urgent visit added, a visit cancelled (left out of `visits`). Visits keep their server and
/// shift unless moving them saves more than the policy's `stability_minutes` or serves more
/// urgent visits; with the policy's `keep_times_minutes`, they also start within that many
/// minutes of their previous start (the time the resident was told).
#[wasm_bindgen(js_name = replanRounds)]
pub fn replan_rounds_js(
    previous: &TsRounds,
    visits: &TsRoundVisits,
    workers: &TsRoundWorkers,
    #[wasm_bindgen(js_name = policy)] policy_: Option<TsRoundsPolicyInput>,
) -> Result<TsRounds, JsValue> {
    let previous: Rounds = from_js(previous, "previous")?;
    let (visits, workers) = records(visits, workers)?;
    let policy = policy(policy_.as_deref())?;
    let rounds = replan_rounds(&previous, &visits, &workers, &policy)
        .map_err(crate::error::Failure::from)?;
    Ok(to_js(&rounds)?.unchecked_into())
}

/// The rounds as a GeoJSON FeatureCollection (RFC 7946, positions `[lon, lat]`): for each round
/// a `LineString` from the server's start through its stops in visit order to its end
/// (properties `server`, `shift`, `depart`, `back`, `travel_minutes`, `visits`), then a Point
/// per stop (`server`, `shift`, `order` from 1, `visit`, `arrive`, `start`, `end`). Visits and
/// servers are looked up in the lists the plan was made from.
#[wasm_bindgen(js_name = roundsGeoJson)]
pub fn rounds_geojson(
    rounds: &TsRounds,
    visits: &TsRoundVisits,
    workers: &TsRoundWorkers,
) -> Result<TsRoundsGeoJson, JsValue> {
    let rounds: Rounds = from_js(rounds, "rounds")?;
    let (visits, workers) = records(visits, workers)?;
    Ok(parse_js(&json(&rounds.geojson(&visits, &workers))?)?.unchecked_into())
}

/// The default rounds policy (detour 130%, continuity 20 minutes, stability 30 minutes, times
/// free to move in a re-plan, 2,000 iterations, seed 1).
#[wasm_bindgen(js_name = defaultRoundsPolicy)]
pub fn default_rounds_policy() -> Result<TsRoundsPolicy, JsValue> {
    Ok(to_js(&RoundsPolicy::default())?.unchecked_into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Failure;

    #[test]
    fn rounds_errors_keep_their_facts() {
        let policy = RoundsPolicy {
            detour_percent: 90,
            ..RoundsPolicy::default()
        };
        let e = Failure::from(plan_rounds(&[], &[], &policy).unwrap_err());
        assert_eq!(
            (e.code.as_str(), e.record.as_deref(), e.field.as_deref()),
            (
                "ROUNDS_INVALID",
                Some("rounds policy"),
                Some("detour_percent")
            )
        );
        assert_eq!(e.setting.as_deref(), Some("detour_percent"));
    }
}
