//! `kind: "deadline"`, `kind: "score"` and `kind: "snapshot"`.
//!
//! **deadline** input: `{"calendar": <calendar>, "deadlines": <deadline policy>, "queries": [q]}`
//! with `q` one of `{"deadline": {"created_at": t, "urgency": "complex"}}`,
//! `{"is_working_day": "2026-10-08"}`, `{"working_days_between": ["2026-09-30", "2026-10-09"]}`,
//! `{"add_working_days": {"from": t, "days": 3}}`. Output `{"results": [..]}` (a missing
//! deadline is `null`).
//!
//! **score** input: `{"community": <snapshot>, "period": {"start": d, "end": d}, "now": t,
//! "assignments": [..], "records": [..], "surveys": [..], "identity": [..], "training": [..],
//! "funding": [..], "policy":
//! <ScoringPolicy, partial>,
//! "sections": ["alerts", "response", …]}`; output `{"sections": {name: value}}` holding only
//! the named sections of the `Scorecard` (floats canonical to six decimals).
//!
//! **snapshot** input: `{"text": "<snapshot JSON as a string>"}` or `{"snapshot": <object>}`;
//! output `{"ok": {"name", "providers", "residents", "volunteers", "services", "needs",
//! "roundtrip": "equal"}}` (counts) or `{"error": {..., "record", "field"}}`.

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::model::{Community, DeadlinePolicy, Snapshot, Urgency, WorkingCalendar};
use huzhu::scoring::{
    Assignment, Funding, IdentityResponse, Period, Scorecard, ScoringInputs, ScoringPolicy,
    ServiceRecord, SurveyResponse, Training,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineQuery {
    created_at: NaiveDateTime,
    urgency: Urgency,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddDays {
    from: NaiveDateTime,
    days: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Query {
    Deadline(DeadlineQuery),
    IsWorkingDay(NaiveDate),
    WorkingDaysBetween([NaiveDate; 2]),
    AddWorkingDays(AddDays),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineInput {
    #[serde(default)]
    calendar: WorkingCalendar,
    #[serde(default)]
    deadlines: DeadlinePolicy,
    queries: Vec<Query>,
}

/// Runs a deadline case.
pub fn run_deadline(input: Value) -> Value {
    let input: DeadlineInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let cal = &input.calendar;
    let results: Vec<Value> = input
        .queries
        .iter()
        .map(|q| match q {
            Query::Deadline(d) => json!(input.deadlines.deadline(d.created_at, d.urgency, cal)),
            Query::IsWorkingDay(d) => json!(cal.is_working_day(*d)),
            Query::WorkingDaysBetween([a, b]) => json!(cal.working_days_between(*a, *b)),
            Query::AddWorkingDays(a) => json!(cal.add_working_days(a.from, a.days)),
        })
        .collect();
    json!({"results": results})
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreInput {
    community: Snapshot,
    period: Period,
    now: NaiveDateTime,
    #[serde(default)]
    assignments: Vec<Assignment>,
    #[serde(default)]
    records: Vec<ServiceRecord>,
    #[serde(default)]
    surveys: Vec<SurveyResponse>,
    #[serde(default)]
    identity: Vec<IdentityResponse>,
    #[serde(default)]
    training: Vec<Training>,
    #[serde(default)]
    funding: Vec<Funding>,
    #[serde(default)]
    policy: Option<ScoringPolicy>,
    sections: Vec<String>,
}

/// Runs a score case.
pub fn run_score(input: Value) -> Value {
    let input: ScoreInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let community = match Community::from_snapshot(input.community) {
        Ok(c) => c,
        Err(e) => return error_value(e),
    };
    let mut inputs = ScoringInputs::new(&community, input.period, input.now);
    inputs.assignments = &input.assignments;
    inputs.records = &input.records;
    inputs.surveys = &input.surveys;
    inputs.identity = &input.identity;
    inputs.training = &input.training;
    inputs.funding = &input.funding;
    let card = match Scorecard::compute(&inputs, &input.policy.unwrap_or_default()) {
        Ok(c) => c,
        Err(e) => return error_value(e),
    };
    let all = serde_json::to_value(&card).unwrap_or(Value::Null);
    let mut sections = serde_json::Map::new();
    for name in input.sections {
        let v = all.get(&name).cloned().unwrap_or_else(
            || json!({"error": {"code": "UNKNOWN_SECTION", "message": format!("no section {name:?}")}}),
        );
        sections.insert(name, v);
    }
    json!({"sections": sections})
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotInput {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    snapshot: Option<Value>,
}

/// Runs a snapshot case.
pub fn run_snapshot(input: Value) -> Value {
    let input: SnapshotInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let text = match (input.text, input.snapshot) {
        (Some(t), None) => t,
        (None, Some(v)) => v.to_string(),
        _ => {
            return json!({"error": {"code": "CASE_JSON",
            "message": "give exactly one of `text` and `snapshot`"}});
        }
    };
    match Community::from_json(&text) {
        Ok(c) => {
            let roundtrip = match Community::from_json(&c.to_json()) {
                Ok(again) if again == c => json!("equal"),
                Ok(_) => json!("different"),
                Err(e) => error_value(e),
            };
            json!({"ok": {"name": c.name(), "providers": c.providers().count(),
                "residents": c.residents().count(), "volunteers": c.volunteers().count(),
                "services": c.services().count(), "needs": c.needs().count(),
                "roundtrip": roundtrip}})
        }
        Err(e) => error_value(e),
    }
}
