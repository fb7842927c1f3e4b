//! `kind: "rounds"` — visit rounds planned from visits and servers.
//!
//! Input:
//! ```json
//! {"visits": [{"id": 1, "place": {"lat", "lon"}, "minutes": 30,
//!              "windows": [{"start", "end"}], "skills": [], "required": null,
//!              "preferred": "worker#1", "urgency": "general", "source": "other"}],
//!  "workers": [{"server": "worker#1", "start": {…}, "end": {…}, "shifts": [{"start", "end"}],
//!               "skills": [], "max_minutes_per_shift": null, "mode": "walking"}],
//!  "policy": {"detour_percent": 130, "continuity_minutes": 20, …}}
//! ```
//! Output: the plan as the core writes it, `{"rounds": [{"server", "shift", "depart",
//! "stops": [{"visit", "arrive", "start", "end"}], "back", "travel_minutes"}],
//! "unplanned": [[visit, {"reason": …}]], "travel_minutes"}`, or `{"error": …}`.

use huzhu::routing::{RoundVisit, RoundWorker, RoundsPolicy, plan_rounds};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    visits: Vec<RoundVisit>,
    workers: Vec<RoundWorker>,
    #[serde(default)]
    policy: RoundsPolicy,
}

/// Runs a rounds case.
pub fn run(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    match plan_rounds(&input.visits, &input.workers, &input.policy) {
        Ok(plan) => json!(plan),
        Err(e) => error_value(e),
    }
}
