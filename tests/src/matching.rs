//! `kind: "match"` — a community, a policy, a context and a list of steps on one `Matcher`.
//!
//! Input:
//! ```json
//! {"community": <snapshot>, "policy": {<MatchPolicy fields; missing ones default>},
//!  "context": {"now": "2026-11-24T08:00:00", "history": [[resident, helper]],
//!              "reliability": [[helper, permille]], "unavailable": [helper],
//!              "committed": [[helper, tasks]], "confirmed": [[need, helper]]},
//!  "steps": ["solve", "verify", {"pin": {"need": 1, "helper": {"kind": "volunteer", "id": 2}}},
//!            {"unpin": {"need": 1}}, {"add_need": <need>}, {"remove_need": {"need": 1}},
//!            {"explain": {"need": 1}}, {"why_not": {"need": 1, "helper": <helper>}},
//!            {"candidates": {"need": 1}}]}
//! ```
//! `steps` defaults to `["solve", "verify"]`. Output: `{"steps": [...]}` with one entry per step:
//! a solve gives the plan without its solver statistics (`assignments`, `unmatched`,
//! `objective`, `lower_bound`, `optimal`); verify gives `"ok"`; pin, unpin, add and remove give
//! `"ok"`; explain, why-not and candidates give the core's value. A failing step gives
//! `{"error": {...}}` and later steps still run. A community or policy that does not load gives
//! `{"error": ...}` for the whole case.

use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
use huzhu::model::{Community, HelperId, Need, NeedId, ResidentId, Snapshot};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{error_value, model_error};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    community: Snapshot,
    #[serde(default)]
    policy: Option<MatchPolicy>,
    context: Context,
    #[serde(default)]
    steps: Option<Vec<Step>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Context {
    now: chrono::NaiveDateTime,
    #[serde(default)]
    history: Vec<(ResidentId, HelperId)>,
    #[serde(default)]
    reliability: Vec<(HelperId, u16)>,
    #[serde(default)]
    unavailable: Vec<HelperId>,
    #[serde(default)]
    committed: Vec<(HelperId, u32)>,
    #[serde(default)]
    confirmed: Vec<(NeedId, HelperId)>,
}

impl Context {
    fn build(self) -> MatchContext {
        let mut ctx = MatchContext::new(self.now);
        for (r, h) in self.history {
            ctx = ctx.with_history(r, h);
        }
        for (h, p) in self.reliability {
            ctx = ctx.with_reliability(h, p);
        }
        ctx.unavailable.extend(self.unavailable);
        for (h, n) in self.committed {
            ctx = ctx.with_committed(h, n);
        }
        for (n, h) in self.confirmed {
            ctx = ctx.with_confirmed(n, h);
        }
        ctx
    }
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

fn ok_or<T: serde::Serialize, E: std::fmt::Debug + std::fmt::Display>(r: Result<T, E>) -> Value {
    match r {
        Ok(v) => json!({"ok": v}),
        Err(e) => error_value(&e),
    }
}

/// Runs a match case.
pub fn run(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return crate::errors::case_json(&e),
    };
    let community = match Community::from_snapshot(input.community) {
        Ok(c) => c,
        Err(e) => return model_error(&e),
    };
    let policy = input.policy.unwrap_or_default();
    let mut m = match Matcher::new(&community, policy, input.context.build()) {
        Ok(m) => m,
        Err(e) => return error_value(&e),
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
                Err(e) => error_value(&e),
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
                None => json!({"error": {"code": "unknown_need", "message": format!("{need}: not open for matching")}}),
            },
        });
    }
    json!({"steps": out})
}
