//! A week of visit rounds (`huzhu::routing::plan_week`): each working day's rounds planned so
//! that every resident's contact interval holds where the shifts allow it, within servers'
//! weekly minutes; how each interval went; the volunteers' minutes as the matcher's committed
//! tasks.
//!
//! Contact rounds, servers, budgets and the policy are the core's types, read by its serde
//! (unknown members refused, defaults filled in, servers read as labels by the core's
//! `FromStr`); the week's first and last days follow the package's rule for dates (a string or
//! a `Date` at local midnight). The core checks everything and its `RoundsError` becomes a
//! `HuzhuError` with its code, record and field (and `setting`, for the rounds policy's), as
//! `planRounds` gives them.

use std::collections::BTreeMap;

use huzhu::routing::{ContactRound, RoundWorker, Server, Week, WeekPolicy, plan_week};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::number;
use crate::convert::{date_from_js, from_js, to_js, value_from_js, whole};
use crate::error::{Failure, Fallible};
use crate::types::TsNumber;
use crate::types::{
    TsCommittedTasks, TsContactRounds, TsRoundWorkers, TsWeek, TsWeekOptions, TsWeekPolicy,
};

/// The options of `planWeek`; its days are read before, by the package's date rule (named here
/// so that an unknown member's message lists every option).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rest {
    #[serde(rename = "from")]
    _from: serde::de::IgnoredAny,
    #[serde(rename = "through")]
    _through: serde::de::IgnoredAny,
    /// Servers' minutes for the week (none listed: no weekly limit).
    #[serde(default)]
    budgets: Option<BTreeMap<Server, u32>>,
    /// The week's settings (none: the defaults).
    #[serde(default)]
    policy: Option<WeekPolicy>,
}

/// `{from, through, budgets?, policy?}` from JS: the days by the package's date rule, the rest
/// read by the core's serde under `options`.
fn options(
    options: &JsValue,
) -> Fallible<(
    std::ops::RangeInclusive<chrono::NaiveDate>,
    BTreeMap<Server, u32>,
    WeekPolicy,
)> {
    if !options.is_object() {
        return Err(Failure::invalid(
            "options",
            "expected an object {from, through, budgets?, policy?}",
        ));
    }
    let member =
        |name: &str| js_sys::Reflect::get(options, &JsValue::from_str(name)).unwrap_or_default();
    let from = date_from_js(&member("from"), "options.from")?;
    let through = date_from_js(&member("through"), "options.through")?;
    let rest: Rest = huzhu::model::json::from_value(value_from_js(options, "options")?, "options")?;
    Ok((
        from..=through,
        rest.budgets.unwrap_or_default(),
        rest.policy.unwrap_or_default(),
    ))
}

/// Plans a week of rounds from `options.from` through `options.through` (dates) in which each
/// resident's contact interval (`plans`: a visit, `every_days`, the day of the `last` visit)
/// holds where the shifts allow it. Each working day is planned as `planRounds` plans a day:
/// the visits that cannot wait for a later working day first (urgency raised to special group
/// once overdue), then, at the lowest priority, those due within `policy.early_days` working
/// days when making them early adds no visit to the week. `options.budgets` gives servers'
/// minutes for the week (what the matcher leaves of a volunteer's weekly hours): a budgeted
/// server's shifts on a day share what is left of it; a visit it could have made but for the
/// budget is unplanned as `budget_spent`.
#[wasm_bindgen(js_name = planWeek)]
pub fn plan_week_js(
    plans: &TsContactRounds,
    workers: &TsRoundWorkers,
    #[wasm_bindgen(js_name = options)] options_: &TsWeekOptions,
) -> Result<TsWeek, JsValue> {
    let plans: Vec<ContactRound> = from_js(plans, "plans")?;
    let workers: Vec<RoundWorker> = from_js(workers, "workers")?;
    let (days, budgets, policy) = options(options_)?;
    let week = plan_week(&plans, &workers, &budgets, days, &policy).map_err(Failure::from)?;
    Ok(to_js(&week)?.unchecked_into())
}

/// The default week policy: each day with `defaultRoundsPolicy()`, visits made up to one
/// working day early (`early_days: 1`).
#[wasm_bindgen(js_name = defaultWeekPolicy)]
pub fn default_week_policy() -> Result<TsWeekPolicy, JsValue> {
    Ok(to_js(&WeekPolicy::default())?.unchecked_into())
}

/// The volunteers' rounds of `week` (as `planWeek` gives it) as matcher tasks: each
/// volunteer's minutes worked over `nominalTaskMinutes` (the match policy's
/// `nominal_task_minutes`), rounded up, keyed by helper label — the form of the match
/// context's `committed`, so that the matcher's weekly hours budget counts the rounds. Care
/// workers have no matcher budget and are left out.
#[wasm_bindgen(js_name = committedTasks)]
pub fn committed_tasks(
    week: &TsWeek,
    #[wasm_bindgen(js_name = nominalTaskMinutes)] nominal_task_minutes: &TsNumber,
) -> Result<TsCommittedTasks, JsValue> {
    let nominal_task_minutes = number(nominal_task_minutes, "nominalTaskMinutes")?;
    let week: Week = from_js(week, "week")?;
    let nominal = whole(
        nominal_task_minutes,
        "nominalTaskMinutes",
        f64::from(u32::MAX),
    )? as u32;
    let out = js_sys::Object::new();
    for (helper, tasks) in week.committed_tasks(nominal) {
        // Keys in the core's order (volunteers by id), written by the core's `Display`.
        let _ = js_sys::Reflect::set(
            &out,
            &JsValue::from_str(&helper.to_string()),
            &JsValue::from(tasks),
        );
    }
    Ok(JsValue::from(out).unchecked_into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn week_errors_keep_their_facts() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let e = Failure::from(
            plan_week(
                &[],
                &[],
                &BTreeMap::new(),
                day(13)..=day(7),
                &WeekPolicy::default(),
            )
            .unwrap_err(),
        );
        assert_eq!(
            (e.code.as_str(), e.record.as_deref(), e.field.as_deref()),
            ("ROUNDS_INVALID", Some("week"), Some("through"))
        );
        assert_eq!(e.setting, None);
    }
}
