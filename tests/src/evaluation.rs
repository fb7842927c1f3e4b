//! `kind: "kpi"`, `kind: "rollup"` and `kind: "advice"`: the evaluation over periods and levels.
//!
//! **kpi** input: `{"kpis": [<Kpi>] (or "template_start": d for the documents' set), "series":
//! {code: [{"date", "value"}]}, "today": d, "period_days": n (default 91)}`; output
//! `{"progress": [{"code", "latest", "change", "progress", "expected", "on_track", "status",
//! "remaining_periods", "needed_per_period", "phase_now"}]}` in the KPIs' order.
//!
//! **rollup** input: `{"nodes": [<LevelNode>], "tallies": {id: <Tally>}}`; output `{"rows":
//! [{"id", "level", "depth", "residents", "rates": [{"code", "of", "n", "share", "children":
//! [{"child", "of", "n", "of_part", "n_part"}]}], "response_p50", "response_p90"}]}` in tree
//! order.
//!
//! **advice** input: `{"community": <snapshot>, "now": t, "policy": <MatchPolicy, partial>,
//! "options": <AdviceOptions, partial>}`; output `{"matched": n, "advice": [{"skills", "grid",
//! "weekday", "day_part", "group_needs", "recruits", "predicted_needs", "needs_met",
//! "objective_gain", "text_en", "text_zh", "rematched"}]}` where `rematched` is how many more
//! needs a fresh match finds with that advice's volunteers added (the check of `needs_met`).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::matching::{AdviceOptions, MatchContext, MatchPolicy, advise, match_needs};
use huzhu::model::{Community, Snapshot};
use huzhu::scoring::{
    Hierarchy, Kpi, LevelNode, Observation, Tally, check_kpis, default_kpis, kpi_progress, rollup,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

fn default_period_days() -> u32 {
    91
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KpiInput {
    #[serde(default)]
    kpis: Option<Vec<Kpi>>,
    #[serde(default)]
    template_start: Option<NaiveDate>,
    #[serde(default)]
    series: BTreeMap<String, Vec<Observation>>,
    today: NaiveDate,
    #[serde(default = "default_period_days")]
    period_days: u32,
}

/// Runs a kpi case.
pub fn run_kpi(input: Value) -> Value {
    let input: KpiInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let kpis = match (input.kpis, input.template_start) {
        (Some(k), None) => k,
        (None, Some(start)) => default_kpis(start),
        _ => {
            return json!({"error": {"code": "CASE_JSON",
                "message": "give exactly one of `kpis` and `template_start`"}});
        }
    };
    if let Err(e) = check_kpis(&kpis) {
        return error_value(e);
    }
    let mut rows = Vec::new();
    for k in &kpis {
        let series = input.series.get(&k.code).map_or(&[][..], Vec::as_slice);
        match kpi_progress(k, series, input.today, input.period_days) {
            Ok(p) => rows.push(json!({
                "code": k.code, "latest": p.latest, "change": p.change, "progress": p.progress,
                "expected": p.expected, "on_track": p.on_track, "status": p.status,
                "remaining_periods": p.remaining_periods,
                "needed_per_period": p.needed_per_period, "phase_now": p.phase_now,
            })),
            Err(e) => return error_value(e),
        }
    }
    json!({"progress": rows})
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RollupInput {
    nodes: Vec<LevelNode>,
    #[serde(default)]
    tallies: BTreeMap<String, Tally>,
}

/// Runs a rollup case.
pub fn run_rollup(input: Value) -> Value {
    let input: RollupInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let rows = match Hierarchy::new(input.nodes).and_then(|h| rollup(&h, &input.tallies)) {
        Ok(r) => r,
        Err(e) => return error_value(e),
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let rates: Vec<Value> = r
                .rates
                .iter()
                .map(|x| {
                    let children: Vec<Value> = x
                        .children
                        .iter()
                        .map(|c| {
                            json!({"child": c.child, "of": c.count.of, "n": c.count.n,
                            "of_part": c.of_part, "n_part": c.n_part})
                        })
                        .collect();
                    json!({"code": x.code, "of": x.count.of, "n": x.count.n, "share": x.share,
                        "children": children})
                })
                .collect();
            json!({"id": r.node.id, "level": r.node.level, "depth": r.depth,
                "residents": r.tally.residents, "rates": rates,
                "response_p50": r.response_p50, "response_p90": r.response_p90})
        })
        .collect();
    json!({"rows": rows})
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AdviceInput {
    community: Snapshot,
    #[serde(with = "huzhu::model::text::local")]
    now: NaiveDateTime,
    #[serde(default)]
    policy: Option<Value>,
    #[serde(default)]
    options: Option<Value>,
}

/// Runs an advice case.
pub fn run_advice(input: Value) -> Value {
    let input: AdviceInput = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let community = match Community::from_snapshot(input.community) {
        Ok(c) => c,
        Err(e) => return error_value(e),
    };
    let policy = match input.policy.map(MatchPolicy::from_value).transpose() {
        Ok(p) => p.unwrap_or_default(),
        Err(e) => return error_value(e),
    };
    let options = match input.options.map(AdviceOptions::from_value).transpose() {
        Ok(o) => o.unwrap_or_default(),
        Err(e) => return error_value(e),
    };
    let ctx = MatchContext::new(input.now);
    let (plan, advice) = match advise(&community, &policy, &ctx, &options) {
        Ok(x) => x,
        Err(e) => return error_value(e),
    };
    let mut rows = Vec::new();
    for a in &advice {
        let mut c = community.clone();
        for v in &a.volunteers {
            if let Err(e) = c.add_volunteer(v.clone()) {
                return error_value(e);
            }
        }
        let rematched = match match_needs(&c, &policy, &ctx) {
            Ok(p) => p.assignments.len() as i64 - plan.assignments.len() as i64,
            Err(e) => return error_value(e),
        };
        rows.push(json!({
            "skills": a.skills, "grid": a.grid, "weekday": a.weekday.to_string(),
            "day_part": a.day_part, "group_needs": a.group_needs, "recruits": a.recruits,
            "predicted_needs": a.predicted_needs, "needs_met": a.needs_met,
            "objective_gain": a.objective_gain, "text_en": a.text_en(), "text_zh": a.text_zh(),
            "rematched": rematched,
        }));
    }
    json!({"matched": plan.assignments.len(), "advice": rows})
}
