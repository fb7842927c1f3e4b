//! `kind: "care"`: the care loop on a community snapshot with its workers, care files and
//! contact log.
//!
//! Input: `{"community": <snapshot>, "now": t, "policy": <ContactPolicy, partial, read and
//! checked by the core>,
//! "rules": [<LatentRule>] (default: the documented default rules), "week_start": d,
//! "first_need": n, "period": {"start": d, "end": d}, "survey_window_days": n,
//! "sections": ["contacts", "risk", "infer", "package", "identification", "needs_list",
//! "deadlines"]}`. Output `{"sections": {name: value}}`: `contacts` the contact schedule at
//! `now`, `risk` the risk flags at `now`, `infer` the needs the rules infer at `now`, `package`
//! the needs of the week from `week_start` numbered from `first_need` (id, resident, category,
//! `created_at`, the first window's `start` and `end`, duration, urgency, kind, channel), `identification` the
//! indicators of `period`, `needs_list` the quarterly needs list, `deadlines` every need's
//! deadline by need id.

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::care::{
    LatentRule, SURVEY_WINDOW_DAYS, check_rules, contact_schedule, default_rules,
    identification_with, infer_needs, needs_list, package_needs, risk_flags,
};
use huzhu::model::{Community, ContactPolicy, NeedId, Snapshot};
use huzhu::scoring::Period;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CareInput {
    community: Snapshot,
    now: NaiveDateTime,
    #[serde(default)]
    policy: Option<Value>,
    #[serde(default)]
    rules: Option<Vec<LatentRule>>,
    #[serde(default)]
    week_start: Option<NaiveDate>,
    #[serde(default)]
    first_need: Option<NeedId>,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    survey_window_days: Option<u32>,
    sections: Vec<String>,
}

/// Runs a care case.
pub fn run(input: Value) -> Value {
    let input: CareInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let c = match Community::from_snapshot(input.community) {
        Ok(c) => c,
        Err(e) => return error_value(e),
    };
    let policy = match input.policy.map(ContactPolicy::from_value) {
        None => ContactPolicy::default(),
        Some(Ok(p)) => p,
        Some(Err(e)) => return error_value(e),
    };
    let now = input.now;
    let rounds = contact_schedule(&c, &[], now, &policy);
    let mut sections = serde_json::Map::new();
    for name in input.sections {
        let v = match name.as_str() {
            "contacts" => json!(rounds),
            "risk" => json!(risk_flags(&c, &rounds, now)),
            "infer" => {
                let rules = input.rules.clone().unwrap_or_else(default_rules);
                match check_rules(&c, &rules) {
                    Ok(()) => json!(infer_needs(&c, now, &rules)),
                    Err(e) => error_value(e),
                }
            }
            "package" => {
                let needs = package_needs(
                    &c,
                    input.week_start.unwrap_or(now.date()),
                    input.first_need.unwrap_or(NeedId(1)),
                );
                let shown: Vec<Value> = needs
                    .iter()
                    .map(|n| {
                        json!({"id": n.id, "resident": n.resident, "category": n.category,
                            "created_at": n.created_at, "start": n.windows[0].start,
                            "end": n.windows[0].end, "duration_minutes": n.duration_minutes,
                            "urgency": n.urgency, "kind": n.kind, "channel": n.channel})
                    })
                    .collect();
                json!(shown)
            }
            "identification" => match input.period {
                Some(p) => json!(identification_with(
                    &c,
                    p,
                    input.survey_window_days.unwrap_or(SURVEY_WINDOW_DAYS)
                )),
                None => missing("period"),
            },
            "needs_list" => json!(needs_list(&c)),
            "deadlines" => {
                let m: serde_json::Map<String, Value> = c
                    .needs()
                    .map(|n| (n.id.0.to_string(), json!(c.deadline_of(n))))
                    .collect();
                Value::Object(m)
            }
            _ => {
                json!({"error": {"code": "UNKNOWN_SECTION", "message": format!("no section {name:?}")}})
            }
        };
        sections.insert(name, v);
    }
    json!({"sections": sections})
}

fn missing(field: &str) -> Value {
    json!({"error": {"code": "CASE_JSON", "message": format!("this section needs `{field}`")}})
}
