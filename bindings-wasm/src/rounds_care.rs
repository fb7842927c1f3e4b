//! Rounds from the care files (`huzhu::routing::{contact_rounds, contact_visits,
//! walkers_from_homes}`): every resident on the home-visit rounds as a contact round for
//! `planWeek`, the day's visits a contact report finds due, and walkers who set out from the
//! middle of their residents' homes. The core builds them, so that no caller writes the same
//! loop again.
//!
//! Option objects are read by the core's serde under `options` (unknown members refused), the
//! contact policy by the core (its errors name the setting), times by the package's rules.

use huzhu::care::ContactReport;
use huzhu::model::{ContactPolicy, TimeWindow};
use huzhu::routing::{RoundVisit, contact_rounds, contact_visits, walkers_from_homes};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{datetime_from_js, from_js, to_js, value_from_js};
use crate::error::{Failure, Fallible};
use crate::types::{
    TsContactReport, TsContactRounds, TsContactRoundsOptions, TsContactVisitsOptions, TsDateTime,
    TsRoundVisits, TsRoundWorkers, TsTimeWindows,
};

/// An option object read by the core's serde under `options`; anything but an object is
/// refused first, naming what it should hold.
fn read<T: serde::de::DeserializeOwned>(options: &JsValue, holds: &str) -> Fallible<T> {
    if !options.is_object() {
        return Err(Failure::invalid(
            "options",
            format!("expected an object {holds}"),
        ));
    }
    Ok(huzhu::model::json::from_value(
        value_from_js(options, "options")?,
        "options",
    )?)
}

/// `contactRounds`' options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundsOptions {
    minutes: u32,
    #[serde(default)]
    windows: Option<Vec<TimeWindow>>,
    #[serde(default)]
    policy: Option<serde_json::Value>,
}

/// `contactVisits`' options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VisitsOptions {
    window: TimeWindow,
    minutes: u32,
    #[serde(default)]
    per_worker: Option<usize>,
}

/// Every resident on the home-visit rounds as of `now` (due yet or not), as contact rounds for
/// `planWeek`: visits of `options.minutes` in `options.windows` (without windows: at any time
/// in a shift) at the resident's home, every so many days as the care file's contact plan says
/// (or the documents' default under `options.policy`, as `contactSchedule` reads it), last
/// made on the day of the last visit logged before `now`, the responsible worker preferred. In
/// resident order.
#[wasm_bindgen(js_name = contactRounds)]
pub fn contact_rounds_js(
    community: &JsCommunity,
    now: &TsDateTime,
    options: &TsContactRoundsOptions,
) -> Result<TsContactRounds, JsValue> {
    let now = datetime_from_js(now, "now")?;
    let o: RoundsOptions = read(options, "{minutes, windows?, policy?}")?;
    let policy = match o.policy {
        Some(v) if !v.is_null() => ContactPolicy::from_value(v).map_err(Failure::from)?,
        _ => ContactPolicy::default(),
    };
    let windows = o.windows.unwrap_or_default();
    let plans = contact_rounds(&community.inner, now, &policy, o.minutes, &windows);
    Ok(to_js(&plans)?.unchecked_into())
}

/// The home visits `report` (as `contactSchedule` gives it) finds due or overdue, as visits of
/// `options.minutes` in `options.window`: overdue ones first (urgency special group, the others
/// general), then by resident; the resident's responsible worker preferred; at most
/// `options.per_worker` for each worker (all when left out). Residents no longer in the
/// community are left out.
#[wasm_bindgen(js_name = contactVisits)]
pub fn contact_visits_js(
    community: &JsCommunity,
    report: &TsContactReport,
    options: &TsContactVisitsOptions,
) -> Result<TsRoundVisits, JsValue> {
    let report: ContactReport = from_js(report, "report")?;
    let o: VisitsOptions = read(options, "{window, minutes, per_worker?}")?;
    let visits = contact_visits(&community.inner, &report, o.window, o.minutes, o.per_worker);
    Ok(to_js(&visits)?.unchecked_into())
}

/// One walker per server the visits prefer, with `shifts`, setting out from and returning to
/// the middle of the homes on their list, in server order.
#[wasm_bindgen(js_name = walkersFromHomes)]
pub fn walkers_from_homes_js(
    visits: &TsRoundVisits,
    shifts: &TsTimeWindows,
) -> Result<TsRoundWorkers, JsValue> {
    let visits: Vec<RoundVisit> = from_js(visits, "visits")?;
    let shifts: Vec<TimeWindow> = from_js(shifts, "shifts")?;
    Ok(to_js(&walkers_from_homes(&visits, &shifts))?.unchecked_into())
}
