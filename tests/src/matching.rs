//! `kind: "match"` — a community, a policy, a context and a list of steps on one `Matcher`.
//!
//! Input:
//! ```json
//! {"community": <snapshot>, "policy": {<MatchPolicy fields; missing ones default>},
//!  "context": {"now": "2026-11-24T08:00:00", "history": [[resident, helper]],
//!              "reliability": {"volunteer#1": permille}, "unavailable": [helper],
//!              "committed": {"volunteer#1": tasks}, "confirmed": {"<need>": helper}},
//!  "steps": ["solve", "verify", {"pin": {"need": 1, "helper": {"kind": "volunteer", "id": 2}}},
//!            {"unpin": {"need": 1}}, {"add_need": <need>}, {"remove_need": {"need": 1}},
//!            {"explain": {"need": 1}}, {"why_not": {"need": 1, "helper": <helper>}},
//!            {"candidates": {"need": 1}}]}
//! ```
//! `steps` defaults to `["solve", "verify"]`. Output: `{"steps": [...]}` with one entry per step:
//! a solve gives the plan without its solver statistics (`assignments`, `unmatched`,
//! `objective`, `lower_bound`, `optimal`); verify gives `"ok"`; pin, unpin, add and remove give
//! `"ok"`; explain, why-not and candidates give the core's value. A failing step gives
//! `{"error": {...}}` and later steps still run. A community, policy or context that does not load
//! gives `{"error": ...}` for the whole case. The policy and the context are read by the core's
//! `MatchPolicy::from_json` and `MatchContext::from_json`.

use huzhu::matching::{MatchContext, MatchError, MatchPolicy, Matcher};
use huzhu::model::{Community, HelperId, Need, NeedId, Snapshot};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    community: Snapshot,
    #[serde(default)]
    policy: Option<Value>,
    context: Value,
    #[serde(default)]
    steps: Option<Vec<Step>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Step {
    Solve,
    Verify,
    Pin { need: NeedId, helper: HelperId },
    Unpin { need: NeedId },
    AddNeed(Box<Need>),
    RemoveNeed { need: NeedId },
    Explain { need: NeedId },
    WhyNot { need: NeedId, helper: HelperId },
    Candidates { need: NeedId },
}

fn ok_or<T: serde::Serialize, E: Into<huzhu::error::Error>>(r: Result<T, E>) -> Value {
    match r {
        Ok(v) => json!({"ok": v}),
        Err(e) => error_value(e),
    }
}

/// Runs a match case.
pub fn run(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let community = match Community::from_snapshot(input.community) {
        Ok(c) => c,
        Err(e) => return error_value(e),
    };
    let policy = match input.policy.map(MatchPolicy::from_value) {
        Some(Ok(p)) => p,
        Some(Err(e)) => return error_value(e),
        None => MatchPolicy::default(),
    };
    let context = match MatchContext::from_value(input.context) {
        Ok(c) => c,
        Err(e) => return error_value(e),
    };
    let mut m = match Matcher::new(&community, policy, context) {
        Ok(m) => m,
        Err(e) => return error_value(e),
    };
    let steps = input
        .steps
        .unwrap_or_else(|| vec![Step::Solve, Step::Verify]);
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        out.push(match step {
            Step::Solve => match m.solve() {
                Ok(plan) => {
                    let mut v = serde_json::to_value(&plan).unwrap_or(Value::Null);
                    if let Value::Object(map) = &mut v {
                        map.remove("stats");
                    }
                    json!({"ok": v})
                }
                Err(e) => error_value(e),
            },
            Step::Verify => ok_or(m.verify().map(|()| "ok")),
            Step::Pin { need, helper } => ok_or(m.pin(need, helper).map(|()| "ok")),
            Step::Unpin { need } => ok_or(m.unpin(need).map(|()| "ok")),
            Step::AddNeed(need) => ok_or(m.add_need(*need).map(|()| "ok")),
            Step::RemoveNeed { need } => ok_or(m.remove_need(need).map(|()| "ok")),
            Step::Explain { need } => ok_or(m.explain(need)),
            Step::WhyNot { need, helper } => ok_or(m.why_not(need, helper)),
            Step::Candidates { need } => match m.candidates(need) {
                Some(c) => json!({"ok": c}),
                None => error_value(MatchError::UnknownNeed { need }),
            },
        });
    }
    json!({"steps": out})
}
