//! `kind: "week"` — a week of rounds keeping contact intervals.
//!
//! Input:
//! ```json
//! {"plans": [{"visit": {…a rounds visit…}, "every_days": 7, "last": "2026-12-04"}],
//!  "workers": [{…a rounds worker…}],
//!  "budgets": {"volunteer#7": 70},
//!  "from": "2026-12-07", "through": "2026-12-13",
//!  "policy": {"early_days": 1, "rounds": {…}}}
//! ```
//! Output: the week as the core writes it, `{"days": [{"date", "plan": {…rounds…}}],
//! "contacts": [{"visit", "made", "overdue_days", "next_due"}], "kept", "minutes_worked",
//! "travel_minutes"}`, or `{"error": …}`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use huzhu::routing::{ContactRound, RoundWorker, Server, WeekPolicy, plan_week};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    plans: Vec<ContactRound>,
    workers: Vec<RoundWorker>,
    #[serde(default)]
    budgets: BTreeMap<Server, u32>,
    from: NaiveDate,
    through: NaiveDate,
    #[serde(default)]
    policy: WeekPolicy,
}

/// Runs a week case.
pub fn run(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    match plan_week(
        &input.plans,
        &input.workers,
        &input.budgets,
        input.from..=input.through,
        &input.policy,
    ) {
        Ok(week) => json!(week),
        Err(e) => error_value(e),
    }
}
